/**
 * Thread helpers shared by the element and the in-browser adapters: grouping a flat list of
 * comments into top-level threads, and paging by whole threads.
 */
import type { Comment, CommentPage } from './schema.js';
import type { CommentOrder } from './adapters/types.js';

/** Index of children by parent id (`null` for top level). Children keep the order they came in. */
export function childrenByParent(comments: readonly Comment[]): Map<string | null, Comment[]> {
  const ids = new Set(comments.map((c) => c.id));
  const map = new Map<string | null, Comment[]>();
  for (const comment of comments) {
    // A reply whose parent is not here (deleted, or on another page) shows at the top level.
    const parent = comment.parentId !== null && ids.has(comment.parentId) ? comment.parentId : null;
    let list = map.get(parent);
    if (!list) map.set(parent, (list = []));
    list.push(comment);
  }
  return map;
}

/**
 * Oldest first, the order of replies everywhere (and of top-level comments in `asc`); comments of
 * the same instant by id, in `compareIds`' order (string order unless a backend's ids say otherwise).
 */
export function byDate(a: Comment, b: Comment, compareIds: (x: string, y: string) => number = compareStrings): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : compareIds(a.id, b.id);
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Top-level comments in `order` with every comment's replies (oldest first, as WordPress does). */
function threadsInOrder(comments: readonly Comment[], order: CommentOrder) {
  const map = childrenByParent([...comments].sort(byDate));
  const top = map.get(null) ?? [];
  if (order === 'desc') top.reverse();
  return { map, top };
}

/** `list`, each comment followed by all its replies. */
function flatten(list: readonly Comment[], map: Map<string | null, Comment[]>, out: Comment[] = []): Comment[] {
  for (const c of list) {
    out.push(c);
    flatten(map.get(c.id) ?? [], map, out);
  }
  return out;
}

/** Sorts top-level comments by `order` and every reply oldest first, as WordPress does. */
export function sortThreads(comments: readonly Comment[], order: CommentOrder): Comment[] {
  const { map, top } = threadsInOrder(comments, order);
  return flatten(top, map);
}

/**
 * One page of whole threads from every comment of a thread. The cursor is the number of top-level
 * threads already sent, as a decimal string.
 */
export function pageOfThreads(
  comments: readonly Comment[],
  options: { cursor?: string | null; limit: number; order: CommentOrder },
): CommentPage {
  const offset = options.cursor ? Number.parseInt(options.cursor, 10) : 0;
  const start = Number.isFinite(offset) && offset > 0 ? offset : 0;
  const { map, top } = threadsInOrder(comments, options.order);
  const chosen = top.slice(start, start + options.limit);
  const end = start + chosen.length;
  return {
    comments: flatten(chosen, map),
    nextCursor: end < top.length ? String(end) : null,
    total: comments.filter((c) => c.status === 'approved').length,
  };
}

/** The top-level comment of the thread that holds comment `id` (as the list shows it). */
export function threadOf(id: string, comments: readonly Comment[]): Comment | undefined {
  const byId = new Map(comments.map((c) => [c.id, c]));
  let comment = byId.get(id);
  // At most one step per comment: a hostile backend could send a cycle of parents.
  for (let steps = 0; steps < comments.length && comment?.parentId && byId.has(comment.parentId); steps++) {
    comment = byId.get(comment.parentId);
  }
  return comment;
}

/** How many comments a thread holds: a comment and all its replies. */
export function threadSize(comment: Comment, children: Map<string | null, Comment[]>): number {
  let size = 1;
  for (const reply of children.get(comment.id) ?? []) size += threadSize(reply, children);
  return size;
}
