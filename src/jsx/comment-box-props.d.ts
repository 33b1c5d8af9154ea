/**
 * What JSX may set on `<comment-box>` and `<comment-count>`, shared by the React, Preact and Solid
 * typings beside this file. Attributes are spelled as in HTML (`thread-id`, `page-size`), so they
 * also render on a server; `adapter` and `strings` are properties (objects have no attribute form).
 */
import type {
  CommentAdapter,
  CommentBoxErrorEvent,
  CommentBoxLoadEvent,
  CommentBoxSubmitEvent,
  CommentBoxSubmittedEvent,
  CommentOrder,
  TranslationOverrides,
} from '../index.js';

/** `<comment-box>`'s attributes and properties (see the README's API table). */
export interface CommentBoxAttributes {
  /** The discussion's id (default: the page's path). */
  'thread-id'?: string;
  /** A registered backend: `local` (default), `memory`, `rest`, `wordpress`, or your own. */
  backend?: string;
  /** The backend's address (`rest`: the server's origin; `wordpress`: the site's URL). */
  endpoint?: string;
  /** `"false"` makes name and email optional (default: required, as WordPress). */
  'require-name-email'?: 'true' | 'false';
  /** Replies nest up to this depth (default 5). */
  'max-depth'?: number | `${number}`;
  /** Top-level comments oldest (`asc`, default) or newest first (`desc`). */
  order?: CommentOrder;
  /** Top-level threads per page (default 50). */
  'page-size'?: number | `${number}`;
  /** Comments closed: no form, no Reply buttons. */
  closed?: boolean;
  /** Milliseconds before a backend call is given up (default 15000). */
  timeout?: number | `${number}`;
  /** `auto` (default) follows the system; `light` or `dark` forces one. */
  theme?: 'auto' | 'light' | 'dark';
  /** The language (default: inherited from the page). */
  lang?: string;
  /** The adapter in use; assigning one overrides `backend`. */
  adapter?: CommentAdapter;
  /** Replaces any text of the current language, e.g. `{ leaveReply: 'Join the discussion' }`. */
  strings?: TranslationOverrides;
}

/** `<comment-box>`'s events by name, as `addEventListener` gets them. */
export interface CommentBoxEvents {
  'comment-box-submit': CommentBoxSubmitEvent;
  'comment-box-submitted': CommentBoxSubmittedEvent;
  'comment-box-error': CommentBoxErrorEvent;
  'comment-box-load': CommentBoxLoadEvent;
}

/** `<comment-count>`'s attributes. */
export interface CommentCountAttributes {
  /** The thread whose count to show (default: the page's path). */
  'thread-id'?: string;
  /** The comment-box server's origin (default: this page's origin). */
  endpoint?: string;
}
