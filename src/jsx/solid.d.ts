/**
 * `<comment-box>` and `<comment-count>` in Solid JSX. Opt in once: `import type {} from 'comment-box/jsx-solid';`
 *
 * Solid sets attributes as written (`thread-id="…"`), properties with `prop:` (`prop:adapter={…}`)
 * and listens with `on:` (`on:comment-box-submitted={(e) => e.comment}`).
 */
import type { JSX } from 'solid-js';
import type { CommentBoxElement } from '../index.js';
import type { CommentCountElement } from '../comment-count.js';
import type { CommentBoxAttributes, CommentBoxEvents, CommentCountAttributes } from './comment-box-props.js';

type Attributes = Omit<CommentBoxAttributes, 'adapter' | 'strings'>;

/** The properties Solid can set with `prop:` (`prop:adapter={…}`). */
type Properties = Pick<
  CommentBoxElement,
  | 'adapter'
  | 'strings'
  | 'threadId'
  | 'backend'
  | 'endpoint'
  | 'requireNameEmail'
  | 'maxDepth'
  | 'order'
  | 'pageSize'
  | 'closed'
  | 'timeout'
  | 'theme'
>;

/** `prop:adapter`, `prop:strings` and the other properties. */
export type CommentBoxSolidProperties = {
  [Name in keyof Properties as `prop:${Name}`]?: Properties[Name];
};

/** `on:comment-box-submit` and the other events. */
export type CommentBoxSolidEvents = {
  [Name in keyof CommentBoxEvents as `on:${Name}`]?: (event: CommentBoxEvents[Name]) => void;
};

export type CommentBoxSolidProps = Omit<JSX.HTMLAttributes<CommentBoxElement>, keyof Attributes> &
  Attributes &
  CommentBoxSolidProperties &
  CommentBoxSolidEvents;

export type CommentCountSolidProps = Omit<JSX.HTMLAttributes<CommentCountElement>, keyof CommentCountAttributes> &
  CommentCountAttributes;

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'comment-box': CommentBoxSolidProps;
      'comment-count': CommentCountSolidProps;
    }
  }
}
