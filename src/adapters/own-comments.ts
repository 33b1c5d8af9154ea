/**
 * Editing and deleting one's own comment, for the adapters that keep comments in the browser
 * (memory and browser storage): the same rules as the reference server. A comment is the reader's
 * own while it carries `editableUntil` (set when it was posted) and that time has not passed.
 * Loaded on the first edit or delete.
 */
import { editSchema, fieldErrors, type Comment } from '../schema.js';
import { CommentAdapterError } from './types.js';

/** The index of an own comment that may still be changed at `now`; throws the reason it may not. */
function ownIndex(list: readonly Comment[], id: string, now: Date): number {
  const at = list.findIndex((c) => c.id === id);
  const comment = list[at];
  if (!comment) throw new CommentAdapterError('not-found', 'There is no such comment.');
  if (comment.deleted) throw new CommentAdapterError('not-found', 'The comment was deleted.', { messageKey: 'gone' });
  if (!comment.editableUntil) {
    throw new CommentAdapterError('unauthorized', 'Only its author can change this comment.', {
      messageKey: 'notAuthor',
    });
  }
  if (Date.parse(comment.editableUntil) <= now.getTime()) {
    throw new CommentAdapterError('conflict', 'The time to change this comment has passed.', {
      messageKey: 'editWindowClosed',
    });
  }
  return at;
}

/** Replaces the text of an own comment in `list` (in place). Returns the edited comment. */
export function editInList(list: Comment[], id: string, edit: unknown, now: Date): Comment {
  const at = ownIndex(list, id, now);
  const parsed = editSchema.safeParse(edit);
  if (!parsed.success) {
    throw new CommentAdapterError('invalid', 'The comment is not valid.', { fields: fieldErrors(parsed.error.issues) });
  }
  const comment: Comment = { ...list[at]!, content: parsed.data.content, editedAt: now.toISOString() };
  list[at] = comment;
  return comment;
}

/** What a deleted comment leaves while it has replies: nothing of its author or text. */
export const placeholderOf = (c: Comment): Comment => ({
  id: c.id,
  parentId: c.parentId,
  authorName: '',
  authorUrl: null,
  avatarSeed: '',
  content: '',
  createdAt: c.createdAt,
  status: c.status,
  deleted: true,
});

/**
 * Deletes an own comment from `list` (in place): a placeholder while it has replies; else removed,
 * with each placeholder above it left without replies. Returns the placeholder (or null) and every
 * comment whose public view changed, as live readers should see it.
 */
export function removeFromList(
  list: Comment[],
  id: string,
  now: Date,
): { placeholder: Comment | null; changed: Comment[] } {
  const at = ownIndex(list, id, now);
  const hasReplies = (commentId: string) => list.some((c) => c.parentId === commentId);
  let gone: Comment | undefined = list[at]!;
  if (hasReplies(gone.id)) {
    const placeholder = placeholderOf(gone);
    list[at] = placeholder;
    return { placeholder, changed: [placeholder] };
  }
  const changed: Comment[] = [];
  while (gone) {
    const goneId: string = gone.id;
    list.splice(
      list.findIndex((c) => c.id === goneId),
      1,
    );
    changed.push(placeholderOf(gone));
    const parent: Comment | undefined = list.find((c) => c.id === gone!.parentId);
    gone = parent?.deleted && !hasReplies(parent.id) ? parent : undefined;
  }
  return { placeholder: null, changed };
}
