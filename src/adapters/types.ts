/**
 * The adapter layer: how `<comment-box>` talks to a backend without knowing which one it is.
 *
 * An adapter is a plain object (no base class). Every call takes an `AbortSignal`; every value it
 * returns is parsed by the element with the shared zod schemas, so a misbehaving backend becomes an
 * error state, never a crash.
 */
import {
  DRAFT_FIELDS,
  ERROR_KEYS,
  type Comment,
  type CommentDraft,
  type CommentEdit,
  type CommentPage,
  type ErrorKey,
  type FieldErrors,
} from '../schema.js';

export type { Comment, CommentDraft, CommentEdit, CommentPage } from '../schema.js';

/** Oldest first (`asc`, WordPress's default) or newest first (`desc`). Applies to top-level comments. */
export type CommentOrder = 'asc' | 'desc';

export interface ListOptions {
  /** The cursor from the previous page's `nextCursor`; absent or null for the first page. */
  cursor?: string | null;
  /** How many top-level threads the page holds at most. Each comes with all its replies. */
  limit: number;
  order: CommentOrder;
  signal?: AbortSignal;
}

export interface CreateOptions {
  /**
   * Unique per submission; a retry of the same submission reuses it, so a backend that sees it twice
   * stores one comment and answers the second call with the first call's result.
   */
  idempotencyKey: string;
  signal?: AbortSignal;
}

export interface SubscribeOptions {
  signal: AbortSignal;
}

export interface ChangeOptions {
  signal?: AbortSignal;
}

export interface CommentAdapter {
  /**
   * `browser` when comments are kept in this browser only (the element then says so), `shared`
   * when every reader sees them.
   */
  readonly scope?: 'browser' | 'shared';
  /** One page of whole top-level threads. */
  list(threadId: string, options: ListOptions): Promise<CommentPage>;
  /** Stores a validated draft. Resolves with the stored comment (`pending` when held for moderation). */
  create(threadId: string, draft: CommentDraft, options: CreateOptions): Promise<Comment>;
  /**
   * Optional live updates: calls `onComment` until `signal` aborts, for each newly approved comment
   * and for each listed comment that changed (edited: the same id with new text; deleted: the same id
   * with `deleted: true`, a placeholder the list shows only while it has replies).
   */
  subscribe?(threadId: string, onComment: (comment: Comment) => void, options: SubscribeOptions): void;
  /**
   * Optional: replaces the text of the reader's own comment, one the adapter listed with
   * `editableUntil` in the future. Resolves with the comment as stored now (`editedAt` set; `pending`
   * when the new text is held). The element offers editing only when the adapter has this method.
   * Refusals: `conflict` with `messageKey` `editWindowClosed`, `unauthorized` (`notAuthor`),
   * `not-found` (`gone`), `invalid` with field keys.
   */
  edit?(threadId: string, commentId: string, edit: CommentEdit, options: ChangeOptions): Promise<Comment>;
  /**
   * Optional: deletes the reader's own comment (as `edit`, within `editableUntil`). Resolves with the
   * placeholder that stays while the comment has replies (`deleted: true`), or null when it is gone.
   * The element offers deleting only when the adapter has this method.
   */
  remove?(threadId: string, commentId: string, options: ChangeOptions): Promise<Comment | null>;
}

/** What went wrong, in terms the element can act on. */
export type AdapterErrorCode =
  | 'network'
  | 'invalid'
  | 'rate-limited'
  | 'conflict'
  | 'unauthorized'
  | 'unavailable'
  | 'closed'
  | 'not-found'
  | 'aborted'
  | 'timeout'
  | 'bad-response';

export interface AdapterErrorInit {
  /** Per-field error keys, for `invalid`. Unknown keys become `invalidType`, unknown fields `form`. */
  fields?: FieldErrors;
  /** Seconds to wait before trying again, for `rate-limited`. */
  retryAfter?: number;
  /** A localizable message key that says more than the code (for example `anonymousDisabled`). */
  messageKey?: string;
  cause?: unknown;
}

/** The one error type adapters throw. */
export class CommentAdapterError extends Error {
  override readonly name = 'CommentAdapterError';
  readonly code: AdapterErrorCode;
  readonly fields: FieldErrors;
  readonly retryAfter: number | undefined;
  readonly messageKey: string | undefined;

  constructor(code: AdapterErrorCode, message?: string, init: AdapterErrorInit = {}) {
    super(message ?? code, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.fields = knownFieldErrors(init.fields);
    this.retryAfter = init.retryAfter;
    this.messageKey = init.messageKey;
  }

  /** Wraps anything thrown into a `CommentAdapterError`, keeping one that already is. */
  static from(error: unknown): CommentAdapterError {
    if (error instanceof CommentAdapterError) return error;
    if (error instanceof DOMException && error.name === 'AbortError') {
      return abortedError(error);
    }
    if (error instanceof TypeError) {
      return new CommentAdapterError('network', error.message, { cause: error });
    }
    return new CommentAdapterError('unavailable', error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

const FIELD_NAMES: readonly string[] = [...DRAFT_FIELDS, 'parentId', 'form'];

/**
 * A backend's field errors as data: own keys only, every error key one the element knows
 * (`invalidType`, "… has a value of the wrong kind", for any other), every field one of the draft's
 * (errors of other fields count for the whole `form`). Nothing a backend names is looked up as is.
 */
function knownFieldErrors(fields: unknown): FieldErrors {
  const out: Record<string, ErrorKey[]> = {};
  if (typeof fields !== 'object' || fields === null) return out;
  for (const [name, keys] of Object.entries(fields)) {
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      const known: ErrorKey = (ERROR_KEYS as readonly unknown[]).includes(key) ? (key as ErrorKey) : 'invalidType';
      const list = (out[FIELD_NAMES.includes(name) ? name : 'form'] ??= []);
      if (!list.includes(known)) list.push(known);
    }
  }
  return out;
}

/** Field error keys an adapter may report; re-exported for adapter authors. */
export type { ErrorKey, FieldErrors };

/** The error of a call its caller aborted (through its `signal`). */
export function abortedError(cause?: unknown): CommentAdapterError {
  return new CommentAdapterError('aborted', 'The request was aborted.', { cause });
}

/** Throws an `aborted` error when `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | null | undefined): void {
  if (signal?.aborted) throw abortedError();
}
