/**
 * An adapter that keeps comments in memory: for tests, demos and as the model of the adapter contract.
 */
import { commentSchema, keepFitting, validateDraft, type Comment, type CommentDraft } from '../schema.js';
import { fnv1a } from '../hash.js';
import { pageOfThreads } from '../threads.js';
import { isReplay, requestBody } from './idempotency.js';
import {
  CommentAdapterError,
  throwIfAborted,
  type CommentAdapter,
  type CreateOptions,
  type ListOptions,
  type SubscribeOptions,
} from './types.js';

export interface MemoryAdapterOptions {
  /** Comments to start with, per thread id. */
  threads?: Record<string, Comment[]>;
  /** `all` holds every new comment for moderation (its author still sees it). Default `none`. */
  moderation?: 'none' | 'all';
  /** The clock that dates new comments (for tests). */
  now?: () => Date;
  /** Seconds its author may edit or delete a new comment; 0: never. Default 900 (15 minutes). */
  editWindow?: number;
}

/** How long after posting its author may change a comment, by default: 15 minutes (as Isso). */
export const EDIT_WINDOW_SECONDS = 900;

/** When the edit window of a comment posted at `now` ends (ISO), or undefined for no window. */
export const editableUntil = (now: Date, windowSeconds: number): string | undefined =>
  windowSeconds > 0 ? new Date(now.getTime() + windowSeconds * 1000).toISOString() : undefined;

/** The rules of editing and deleting one's own comment, loaded on the first edit or delete. */
export const ownComments = () => import('./own-comments.js');

/** A stable, non-reversible avatar seed for an author (never the email itself). */
export function avatarSeedFor(name: string, email: string): string {
  return fnv1a(`${email.toLowerCase()}\u0000${name}`).toString(36);
}

let counter = 0;
/** A unique id, time-ordered. */
export function newId(): string {
  counter = (counter + 1) % 1_000_000;
  return `${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}${Math.random().toString(36).slice(2, 6)}`;
}

/** Turns a validated draft into a stored comment, editable by its author until `until` (ISO). */
export function commentFromDraft(
  draft: CommentDraft,
  status: Comment['status'],
  now: Date,
  until?: string,
  id = newId(),
): Comment {
  return {
    id,
    parentId: draft.parentId,
    authorName: draft.name,
    authorUrl: draft.url === '' ? null : draft.url,
    avatarSeed: avatarSeedFor(draft.name, draft.email),
    content: draft.content,
    createdAt: now.toISOString(),
    status,
    ...(until ? { editableUntil: until } : {}),
  };
}

/**
 * Shared rules of the in-browser adapters: validates a draft again (adapters never trust callers;
 * `notify` follows the shared rule, needs an email, and is never acted on or kept: see requestBody),
 * checks that a parent exists in the thread and is approved (a reply to a comment awaiting
 * moderation is refused, as on the server and in WordPress), and refuses a duplicate of an existing
 * comment.
 */
export function checkDraft(existing: readonly Comment[], draft: CommentDraft): CommentDraft {
  const result = validateDraft(draft, { requireNameEmail: false });
  if (!result.success) {
    throw new CommentAdapterError('invalid', 'The comment is not valid.', { fields: result.errors });
  }
  const data = result.data;
  if (data.parentId !== null && !existing.some((c) => c.id === data.parentId && c.status === 'approved')) {
    throw new CommentAdapterError('invalid', 'The comment replied to does not exist.', {
      fields: { parentId: ['invalidParent'] },
    });
  }
  if (existing.some((c) => c.content === data.content && c.authorName === data.name && c.parentId === data.parentId)) {
    throw new CommentAdapterError(
      'conflict',
      'Duplicate comment detected; it looks as though you’ve already said that!',
      {
        messageKey: 'duplicate',
      },
    );
  }
  return data;
}

/** Creates an adapter that keeps comments in memory for the life of the page. */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): CommentAdapter {
  const threads = new Map<string, Comment[]>();
  /** Starting comments that did not fit the schema, per thread: left out, reported with the first page. */
  const dropped = new Map<string, number>();
  for (const [id, list] of Object.entries(options.threads ?? {})) {
    const fitting = keepFitting(commentSchema, list);
    threads.set(id, fitting.kept);
    if (fitting.dropped > 0) dropped.set(id, fitting.dropped);
  }
  const replays = new Map<string, { body: string; comment: Comment }>();
  const listeners = new Map<string, Set<(c: Comment) => void>>();
  const now = options.now ?? (() => new Date());
  const editWindow = options.editWindow ?? EDIT_WINDOW_SECONDS;
  const tell = (threadId: string, comments: readonly Comment[]) => {
    for (const c of comments) for (const fn of listeners.get(threadId) ?? []) fn(c);
  };
  const own = (threadId: string) => threads.get(threadId) ?? [];

  return {
    scope: 'browser',
    async list(threadId: string, opts: ListOptions) {
      throwIfAborted(opts.signal);
      const page = pageOfThreads(threads.get(threadId) ?? [], opts);
      const left = dropped.get(threadId);
      return left && !opts.cursor ? { ...page, dropped: left } : page;
    },
    async create(threadId: string, draft: CommentDraft, opts: CreateOptions) {
      throwIfAborted(opts.signal);
      const body = requestBody(threadId, draft);
      const replay = replays.get(opts.idempotencyKey);
      if (isReplay(replay, body)) return replay!.comment;
      const list = threads.get(threadId) ?? [];
      const data = checkDraft(list, draft);
      const at = now();
      const comment = commentFromDraft(
        data,
        options.moderation === 'all' ? 'pending' : 'approved',
        at,
        editableUntil(at, editWindow),
      );
      list.push(comment);
      threads.set(threadId, list);
      replays.set(opts.idempotencyKey, { body, comment });
      if (comment.status === 'approved') tell(threadId, [comment]);
      return comment;
    },
    ...(editWindow > 0 &&
      ({
        async edit(threadId: string, id: string, edit, opts) {
          throwIfAborted(opts.signal);
          const comment = (await ownComments()).editInList(own(threadId), id, edit, now());
          if (comment.status === 'approved') tell(threadId, [comment]);
          return comment;
        },
        async remove(threadId: string, id: string, opts) {
          throwIfAborted(opts.signal);
          const { placeholder, changed } = (await ownComments()).removeFromList(own(threadId), id, now());
          tell(threadId, changed);
          return placeholder;
        },
      } satisfies Pick<CommentAdapter, 'edit' | 'remove'>)),
    subscribe(threadId: string, onComment: (c: Comment) => void, opts: SubscribeOptions) {
      let set = listeners.get(threadId);
      if (!set) listeners.set(threadId, (set = new Set()));
      set.add(onComment);
      opts.signal.addEventListener('abort', () => set.delete(onComment), { once: true });
    },
  };
}
