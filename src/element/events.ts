/**
 * The element's events: one class each, bubbling and composed, typed in `HTMLElementEventMap`.
 */
import type { CommentAdapterError } from '../adapters/types.js';
import type { Comment, CommentDraft, CommentPage } from '../schema.js';

/** Before a comment is sent. Cancel it (`preventDefault()`) to stop the post. */
export class CommentBoxSubmitEvent extends Event {
  static readonly type = 'comment-box-submit';
  constructor(
    /** The validated draft about to be sent. */
    readonly draft: CommentDraft,
  ) {
    super(CommentBoxSubmitEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** After the backend stored a comment. */
export class CommentBoxSubmittedEvent extends Event {
  static readonly type = 'comment-box-submitted';
  constructor(
    /** The stored comment, with its status (`approved` or `pending`). */
    readonly comment: Comment,
  ) {
    super(CommentBoxSubmittedEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * A load, a post, or a change to the reader's own comment (`change`: an edit or a delete) failed (the
 * element shows the error; the reader's text is kept), or a page loaded without the comments counted
 * in `dropped`.
 */
export class CommentBoxErrorEvent extends Event {
  static readonly type = 'comment-box-error';
  constructor(
    readonly error: CommentAdapterError,
    /** What failed. */
    readonly phase: 'load' | 'submit' | 'change',
    /**
     * With phase `load`: how many comments of a page that did load were left out because they did
     * not fit the schema (the rest of the page shows). 0 when the load itself failed.
     */
    readonly dropped = 0,
  ) {
    super(CommentBoxErrorEvent.type, { bubbles: true, composed: true });
  }
}

/** A page of comments arrived (the first or a further one). */
export class CommentBoxLoadEvent extends Event {
  static readonly type = 'comment-box-load';
  constructor(readonly page: CommentPage) {
    super(CommentBoxLoadEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'comment-box-submit': CommentBoxSubmitEvent;
    'comment-box-submitted': CommentBoxSubmittedEvent;
    'comment-box-error': CommentBoxErrorEvent;
    'comment-box-load': CommentBoxLoadEvent;
  }
}
