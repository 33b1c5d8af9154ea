/**
 * The comments of a thread, `/api/threads/:threadId/comments`: the list's limits and query string,
 * its page, the body of a post and its `201` answer. The REST adapter builds its requests and reads
 * the answers with these; the server validates the requests with `requests.ts`.
 */
import * as z from 'zod/mini';
import { commentSchema, isCleanText, type CommentDraftInput } from '../schema.js';
import type { CommentOrder } from '../adapters/types.js';

export { commentPageReader, commentPageSchema, type CommentPage } from '../schema.js';

/** A thread id as the API takes it in a path or query: 1 to 500 UTF-16 units of clean text. */
export const MAX_THREAD_ID = 500;

/** Whether `id` is a thread id the API accepts. */
export const isThreadId = (id: string) => id.length > 0 && id.length <= MAX_THREAD_ID && isCleanText(id);

/** How many top-level threads one page of the list may hold, and how many when none is asked for. */
export const LIST_LIMIT = { min: 1, max: 100, default: 50 } as const;

/** The list's query, as the server reads it. `cursor` is the opaque `nextCursor` of the page before. */
export interface ListQuery {
  cursor: string | null;
  limit: number;
  order: CommentOrder;
}

/**
 * The query string of a list request. A `limit` (a whole number, as the element's `page-size`)
 * outside the contract's bounds is clamped to them: an element asks for at most `LIST_LIMIT.max`
 * threads a page and pages through the rest.
 */
export function listQueryString(query: {
  cursor?: string | null | undefined;
  limit: number;
  order: CommentOrder;
}): string {
  const limit = Math.min(LIST_LIMIT.max, Math.max(LIST_LIMIT.min, query.limit));
  return `limit=${limit}&order=${query.order}${query.cursor ? `&cursor=${encodeURIComponent(query.cursor)}` : ''}`;
}

/** The longest honeypot (`_hp`) value a post may carry, in UTF-16 units. */
export const MAX_HONEYPOT = 1000;

/** The longest page address (`_page`) a post may carry, in UTF-16 units. */
export const MAX_PAGE_URL = 2048;

/** The longest language tag (`_lang`) a post may carry: BCP 47's recommended minimum to support. */
export const MAX_LANG = 35;

/**
 * What the REST adapter sends to post a comment: the draft, the anti-spam fields, the page's address
 * and the element's language.
 */
export type CreateBody = CommentDraftInput & { _hp?: string; _t?: number; _page?: string; _lang?: string | undefined };

/** `201` of a post: the comment as stored, and the author token that shows its author their held comments. */
export const createdSchema = z.object({ comment: commentSchema, authorToken: z.string().check(z.maxLength(200)) });
export type Created = z.infer<typeof createdSchema>;

/** `200` of `PATCH …/comments/:id` (its author's edit): the comment as stored now. */
export const editedSchema = z.object({ comment: commentSchema });

/**
 * `200` of `DELETE …/comments/:id` (its author's delete): the placeholder that stays while the
 * comment has replies (`deleted: true`), or null when it is gone.
 */
export const deletedSchema = z.object({ comment: z.nullable(commentSchema) });
