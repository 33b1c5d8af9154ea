/**
 * The moderation API's shapes (`/api/admin/…`): what the server accepts and answers and the
 * moderation page reads. Only a moderator (Bearer admin token) ever sees these: they carry the email
 * and address.
 */
import * as z from 'zod/mini';
import { isCleanText } from '../schema.js';

/** Every status a stored comment can have. Readers see `pending` for both held and spam. */
export const STORED_STATUSES = ['approved', 'pending', 'spam'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

const storedStatus = () => z.custom<StoredStatus>((v) => (STORED_STATUSES as readonly unknown[]).includes(v));

/** How many comments one page of the moderation list may hold, and how many when none is asked for. */
export const ADMIN_LIST_LIMIT = { min: 1, max: 200, default: 50 } as const;

/** `GET /api/admin/comments?status=&limit=&cursor=`: the query parameters as strings, parsed. */
export const adminListQuerySchema = z.pipe(
  z.object({
    status: z.optional(storedStatus()),
    limit: z.optional(
      z
        .string()
        .check(
          z.refine(
            (v) =>
              Number.isInteger(Number(v)) && Number(v) >= ADMIN_LIST_LIMIT.min && Number(v) <= ADMIN_LIST_LIMIT.max,
          ),
        ),
    ),
    cursor: z.optional(z.string().check(z.maxLength(300), z.refine(isCleanText))),
  }),
  z.transform((q) => ({
    status: q.status ?? 'pending',
    limit: q.limit === undefined ? ADMIN_LIST_LIMIT.default : Number(q.limit),
    cursor: q.cursor ?? null,
  })),
);
export type AdminListQuery = z.infer<typeof adminListQuerySchema>;

/** What the moderation API shows: the public comment plus what only the site owner may see. */
export const adminCommentSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  parentId: z.nullable(z.string()),
  authorName: z.string(),
  authorEmail: z.string(),
  authorUrl: z.nullable(z.string()),
  content: z.string(),
  createdAt: z.string(),
  status: storedStatus(),
  ip: z.string(),
  userAgent: z.string(),
  /** When its author last edited it. */
  editedAt: z.optional(z.nullable(z.string())),
  /** The texts its author's edits replaced, oldest first. */
  revisions: z.optional(z.array(z.object({ content: z.string(), replacedAt: z.string() }))),
});
export type AdminComment = z.infer<typeof adminCommentSchema>;

/** `GET /api/admin/comments`: newest first; `nextCursor` is opaque. */
export const adminCommentPageSchema = z.object({
  comments: z.array(adminCommentSchema),
  nextCursor: z.nullable(z.string()),
});
export type AdminCommentPage = z.infer<typeof adminCommentPageSchema>;

/** `PATCH /api/admin/comments/:id`: the new status, and nothing else. Answered `{ comment }`. */
export const adminPatchSchema = z.strictObject({ status: storedStatus() });
export type AdminPatch = z.infer<typeof adminPatchSchema>;
