/**
 * A reader's changes to their own comment, inside a write transaction: an edit (the text it
 * replaces is kept in `comment_revisions` for moderators) and a delete (a placeholder while the
 * comment has replies, else gone, with any placeholder above it left without replies).
 *
 * Proof of authorship is the author token the server issued with the post: its hash must equal the
 * row's, and the edit window (counted from `created_at`) must still be open.
 */
import type { Kysely } from 'kysely';
import type { StoredStatus } from 'comment-box/api';
import { encodeReason, type Decision } from '../policy/moderation.js';
import { randomSeed, sha256 } from './ids.js';
import type { CommentsTable, DB } from './tables.js';

/** No comment with that id in that thread. */
export class CommentNotFoundError extends Error {}
/** Its author deleted it already. */
export class CommentGoneError extends Error {}
/** The token is not the one the comment was posted with. */
export class NotAuthorError extends Error {}
/** The edit window has passed. */
export class EditWindowClosedError extends Error {}

export interface OwnCommentRef {
  id: string;
  threadId: string;
  /** SHA-256 of the requester's author token. */
  tokenHash: string;
  /** ISO time: comments created before it can no longer be changed. */
  editableSince: string;
}

export interface EditInput extends OwnCommentRef {
  content: string;
  /** ISO time of the edit. */
  editedAt: string;
  /** The moderation decision on the new text, given the comment as it was. */
  decide: (before: CommentsTable) => StoredStatus | Decision;
  /** The avatar seed of an approved comment (see `Store.avatarSeed`). */
  avatarSeed: (row: CommentsTable) => string;
}

/** The row of an own comment that may still be changed, or the reason it may not. */
async function ownRow(trx: Kysely<DB>, ref: OwnCommentRef): Promise<CommentsTable> {
  const row = await trx
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', ref.id)
    .where('thread_id', '=', ref.threadId)
    .executeTakeFirst();
  // In the trash: gone for everyone but moderators.
  if (!row || row.status === 'trash') throw new CommentNotFoundError();
  if (row.deleted) throw new CommentGoneError();
  if (row.author_token_hash === '' || row.author_token_hash !== ref.tokenHash) throw new NotAuthorError();
  if (row.created_at < ref.editableSince) throw new EditWindowClosedError();
  return row;
}

/**
 * Replaces the text of an own comment. The new text goes through moderation again: a held comment
 * stays held, an approved one may be held (an edit that adds links). Returns the row before and after.
 */
export async function editOwnComment(
  trx: Kysely<DB>,
  input: EditInput,
): Promise<{ before: CommentsTable; row: CommentsTable }> {
  const before = await ownRow(trx, input);
  const decision = input.decide(before);
  const { status: decided, reason } = typeof decision === 'string' ? { status: decision, reason: null } : decision;
  const status: StoredStatus =
    before.status === 'spam' || decided === 'spam'
      ? 'spam'
      : before.status === 'pending' || decided === 'pending'
        ? 'pending'
        : 'approved';
  const row: CommentsTable = {
    ...before,
    content: input.content,
    edited_at: input.editedAt,
    status,
    avatar_seed:
      status === 'approved'
        ? input.avatarSeed(before)
        : before.status === 'approved'
          ? randomSeed()
          : before.avatar_seed,
    dup_key: sha256(JSON.stringify([before.parent_id, before.author_name, input.content])),
    // A new hold or spam decision on the new text says why; otherwise the reason it had stays.
    moderation_reason: decided !== 'approved' && reason ? encodeReason(reason) : (before.moderation_reason ?? null),
  };
  await trx
    .insertInto('comment_revisions')
    .values({ comment_id: before.id, content: before.content, replaced_at: input.editedAt })
    .execute();
  await trx
    .updateTable('comments')
    .set({
      content: row.content,
      edited_at: row.edited_at,
      status: row.status,
      avatar_seed: row.avatar_seed,
      dup_key: row.dup_key,
      moderation_reason: row.moderation_reason,
    })
    .where('id', '=', before.id)
    .execute();
  return { before, row };
}

/** A placeholder row: nothing of its author or text is kept. */
function placeholder(row: CommentsTable): CommentsTable {
  return {
    ...row,
    author_name: '',
    author_email: '',
    author_url: '',
    avatar_seed: '',
    content: '',
    dup_key: `deleted:${row.id}`,
    ip: '',
    user_agent: '',
    deleted: 1,
  };
}

/**
 * Deletes an own comment. With replies it becomes a placeholder (its text, author fields, address
 * and revisions erased); without, it is removed, and so is each placeholder above it that is left
 * without replies. Returns the rows as the public now sees them (the placeholder, or each removed
 * row marked deleted: a reader's list drops a deleted comment without replies), and whether the
 * comment stayed as a placeholder.
 */
export async function removeOwnComment(
  trx: Kysely<DB>,
  ref: OwnCommentRef,
): Promise<{ before: CommentsTable; changed: CommentsTable[]; kept: boolean }> {
  const before = await ownRow(trx, ref);
  await trx.deleteFrom('comment_revisions').where('comment_id', '=', before.id).execute();
  const hasReplies = async (id: string) =>
    (await trx.selectFrom('comments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst()) !==
    undefined;
  if (await hasReplies(before.id)) {
    const row = placeholder(before);
    await trx
      .updateTable('comments')
      .set({
        author_name: row.author_name,
        author_email: row.author_email,
        author_url: row.author_url,
        avatar_seed: row.avatar_seed,
        content: row.content,
        dup_key: row.dup_key,
        ip: row.ip,
        user_agent: row.user_agent,
        deleted: row.deleted,
      })
      .where('id', '=', row.id)
      .execute();
    return { before, changed: [row], kept: true };
  }
  const changed: CommentsTable[] = [];
  let gone: CommentsTable | undefined = before;
  while (gone) {
    await trx.deleteFrom('comments').where('id', '=', gone.id).execute();
    changed.push({ ...placeholder(gone), deleted: 1 });
    const parentId: string | null = gone.parent_id;
    gone = undefined;
    if (parentId === null) break;
    const parent = await trx
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', parentId)
      .where('deleted', '=', 1)
      .executeTakeFirst();
    if (parent && !(await hasReplies(parent.id))) gone = parent;
  }
  return { before, changed, kept: false };
}
