/**
 * The requests the server accepts, as zod schemas: the comment list's query, the body of a post, the
 * threads of a count. The server validates with them (an invalid one: 400/422 with the error keys
 * per field); the REST adapter builds requests they accept (`listQueryString`, `CreateBody`). Apart
 * from `comments.ts` so that a bundle holding the adapter carries none of them.
 */
import * as z from 'zod/mini';
import { draftSchema, editSchema, type DraftRules } from '../schema.js';
import type { CommentOrder } from '../adapters/types.js';
import { LIST_LIMIT, MAX_HONEYPOT, MAX_LANG, MAX_PAGE_URL, isThreadId, type ListQuery } from './comments.js';

/** The list's order: oldest first (`asc`, the default) or newest first. */
const ORDERS = ['asc', 'desc'] as const;

/**
 * `GET …/comments?cursor=&limit=&order=`: the query parameters as strings (others are ignored),
 * parsed into a `ListQuery`. An invalid one is a 400 with its field's key (`invalidType`).
 */
export const listQuerySchema = z.pipe(
  z.object({
    cursor: z.optional(z.string().check(z.regex(/^\d{1,9}$/))),
    limit: z.optional(
      z
        .string()
        .check(
          z.refine((v) => Number.isInteger(Number(v)) && Number(v) >= LIST_LIMIT.min && Number(v) <= LIST_LIMIT.max),
        ),
    ),
    order: z.optional(z.custom<CommentOrder>((v) => (ORDERS as readonly unknown[]).includes(v))),
  }),
  z.transform((q): ListQuery => ({
    cursor: q.cursor ?? null,
    limit: q.limit === undefined ? LIST_LIMIT.default : Number(q.limit),
    order: q.order ?? 'asc',
  })),
);

/** The anti-spam and context fields a post carries beside its draft. */
const antiSpamFields = {
  /** The honeypot: a hidden field a person leaves empty. */
  _hp: z.optional(z.string().check(z.maxLength(MAX_HONEYPOT))),
  /** Milliseconds between showing the form and sending it. */
  _t: z.optional(z.number().check(z.refine((v) => Number.isFinite(v) && v >= 0))),
  /**
   * The address of the page the comment was posted on (the element's `location.href`), for links
   * back to it in notification emails. The server keeps it only when its origin is one it serves
   * (its own or `--allowed-origins`), so a post cannot point emails to another site.
   */
  _page: z.optional(z.string().check(z.maxLength(MAX_PAGE_URL))),
  /**
   * The language the element shows (its translation's code: `nl`, `zh-CN`), that is the thread's:
   * the server writes the commenter's notification emails in it (else in their `Accept-Language`).
   * A BCP 47-like tag of at most `MAX_LANG` characters; anything else is dropped, not refused (a site's
   * own translation with an odd code never costs a comment).
   */
  _lang: z.catch(
    z.optional(z.string().check(z.maxLength(MAX_LANG), z.regex(/^[a-z]{2,3}(-[a-z\d]{1,8})*$/i))),
    undefined,
  ),
};

/**
 * `POST …/comments`: the draft (checked by the shared draft schema, strict) and the anti-spam fields.
 * Invalid: 422 with the error keys per field (`_hp`, `_t`: `invalidType`); an invalid `_lang` is dropped.
 */
export const createBodySchema = (rules: DraftRules) => z.extend(draftSchema(rules), antiSpamFields);

/** The most threads one count request may name. */
export const MAX_COUNTED_THREADS = 100;

/** `GET /api/counts?thread=a&thread=b`: the `thread` parameters, deduplicated: 1 to 100 thread ids. */
export const countsQuerySchema = z
  .array(z.string().check(z.refine(isThreadId)))
  .check(z.minLength(1), z.maxLength(MAX_COUNTED_THREADS));

/** `PATCH …/comments/:id`: the new text, checked as a post's `content` is. Strict. */
export const editBodySchema = editSchema;
