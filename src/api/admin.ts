/**
 * The moderation API's shapes (`/api/admin/…`): what the server answers and the moderation page
 * reads. Only a moderator (Bearer admin token) ever sees these: they carry the email and address.
 */

/** Every status a stored comment can have. Readers see `pending` for both held and spam. */
export const STORED_STATUSES = ['approved', 'pending', 'spam'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

/** What the moderation API shows: the public comment plus what only the site owner may see. */
export interface AdminComment {
  id: string;
  threadId: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  content: string;
  createdAt: string;
  status: StoredStatus;
  ip: string;
  userAgent: string;
}

/** `GET /api/admin/comments`: newest first; `nextCursor` is opaque. */
export interface AdminCommentPage {
  comments: AdminComment[];
  nextCursor: string | null;
}
