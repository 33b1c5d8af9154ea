/**
 * `<comment-box>` and `<comment-count>` in Preact 11 JSX. Opt in once: `import type {} from 'comment-box/jsx-preact';`
 *
 * Preact sets a custom element's known properties as properties and the rest as attributes, and
 * listens to `on<event-name>` props: `oncomment-box-submitted={(e) => e.comment}`.
 */
import type { HTMLAttributes } from 'preact';
import type { CommentBoxElement } from '../index.js';
import type { CommentCountElement } from '../comment-count.js';
import type { CommentBoxAttributes, CommentBoxEvents, CommentCountAttributes } from './comment-box-props.js';

/** `oncomment-box-submit` and the other events. */
export type CommentBoxPreactEvents = {
  [Name in keyof CommentBoxEvents as `on${Name}`]?: (event: CommentBoxEvents[Name]) => void;
};

export type CommentBoxPreactProps = Omit<HTMLAttributes<CommentBoxElement>, keyof CommentBoxAttributes> &
  CommentBoxAttributes &
  CommentBoxPreactEvents;

export type CommentCountPreactProps = Omit<HTMLAttributes<CommentCountElement>, keyof CommentCountAttributes> &
  CommentCountAttributes;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'comment-box': CommentBoxPreactProps;
      'comment-count': CommentCountPreactProps;
    }
  }
}
