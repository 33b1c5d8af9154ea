/**
 * `<comment-box>` and `<comment-count>` in React 19 JSX. Opt in once, anywhere in the app:
 *
 *     import type {} from 'comment-box/jsx-react';
 *
 * React 19 sets a custom element's known properties as properties and the rest as attributes, and
 * listens to `on<event-name>` props: `oncomment-box-submitted={(e) => e.comment}`. Attributes are
 * spelled as in HTML (`thread-id`), so server rendering writes them too.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CommentBoxElement } from '../index.js';
import type { CommentCountElement } from '../comment-count.js';
import type { CommentBoxAttributes, CommentBoxEvents, CommentCountAttributes } from './comment-box-props.js';

/** `oncomment-box-submit` and the other events, as React 19 passes them to `addEventListener`. */
export type CommentBoxReactEvents = {
  [Name in keyof CommentBoxEvents as `on${Name}`]?: (event: CommentBoxEvents[Name]) => void;
};

/** Everything `<comment-box>` takes in React JSX, besides `key`, `ref`, `className`, `style`… */
export type CommentBoxReactProps = DetailedHTMLProps<HTMLAttributes<CommentBoxElement>, CommentBoxElement> &
  CommentBoxAttributes &
  CommentBoxReactEvents;

/** Everything `<comment-count>` takes in React JSX. */
export type CommentCountReactProps = DetailedHTMLProps<HTMLAttributes<CommentCountElement>, CommentCountElement> &
  CommentCountAttributes;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'comment-box': CommentBoxReactProps;
      'comment-count': CommentCountReactProps;
    }
  }
}
