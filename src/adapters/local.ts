/**
 * The zero-config default: comments kept in this browser's `localStorage`. Useful to try the element
 * anywhere; the element tells readers that comments stay in this browser only.
 */
import * as z from 'zod/mini';
import { recordOf } from '../record.js';
import { commentSchema, keepFitting, type Comment, type CommentDraft } from '../schema.js';
import { safeStorage, storageKeys } from '../storage.js';
import { pageOfThreads } from '../threads.js';
import { isReplay, requestBody } from './idempotency.js';
import { checkDraft, commentFromDraft, EDIT_WINDOW_SECONDS, editableUntil, ownComments } from './memory.js';
import {
  CommentAdapterError,
  throwIfAborted,
  type CommentAdapter,
  type CreateOptions,
  type ListOptions,
  type SubscribeOptions,
} from './types.js';

export interface LocalStorageAdapterOptions {
  /** The `Storage` to use; `localStorage` by default. */
  storage?: Storage | null;
  /** Key prefix, to keep several independent stores on one origin. */
  prefix?: string;
  /** Seconds its author may edit or delete a new comment; 0: never. Default 900 (15 minutes). */
  editWindow?: number;
}

const recordSchema = z.object({
  comments: z.array(z.custom()),
  keys: z._default(recordOf(z.object({ body: z.string(), id: z.string() })), {}),
});
type StoredRecord = { comments: Comment[]; keys: Record<string, { body: string; id: string }> };

/** Creates the browser-storage adapter. */
export function createLocalStorageAdapter(options: LocalStorageAdapterOptions = {}): CommentAdapter {
  const storage = safeStorage(options.storage === undefined ? undefined : options.storage);
  const prefix = options.prefix ?? storageKeys.threads;
  // Used when storage is unavailable: the page still works, for this visit.
  const fallback = new Map<string, string>();
  const editWindow = options.editWindow ?? EDIT_WINDOW_SECONDS;

  const read = (threadId: string): StoredRecord & { dropped: number } => {
    const key = prefix + threadId;
    const raw = storage.available ? storage.get(key) : fallback.get(key);
    let json: unknown;
    try {
      if (raw) json = JSON.parse(raw);
    } catch {
      // Not JSON: the same as nothing stored.
    }
    const parsed = recordSchema.safeParse(json);
    if (!parsed.success) return { comments: [], keys: {}, dropped: 0 };
    // Keep every comment that is still valid; drop (never render) what is not, and count it.
    const { kept, dropped } = keepFitting(commentSchema, parsed.data.comments);
    return { comments: kept, keys: parsed.data.keys, dropped };
  };

  const write = (threadId: string, record: StoredRecord) => {
    const key = prefix + threadId;
    const value = JSON.stringify(record);
    if (!storage.available) {
      fallback.set(key, value);
      return;
    }
    if (storage.set(key, value)) return;
    throw new CommentAdapterError('unavailable', 'This browser’s storage is full or unavailable.', {
      messageKey: 'storageFull',
    });
  };

  return {
    scope: 'browser',
    async list(threadId: string, opts: ListOptions) {
      throwIfAborted(opts.signal);
      const { comments, dropped } = read(threadId);
      const page = pageOfThreads(comments, opts);
      // Counted over the whole stored thread: reported with its first page only.
      return dropped > 0 && !opts.cursor ? { ...page, dropped } : page;
    },
    async create(threadId: string, draft: CommentDraft, opts: CreateOptions) {
      throwIfAborted(opts.signal);
      const record = read(threadId);
      const body = requestBody(threadId, draft);
      const seen = record.keys[opts.idempotencyKey];
      if (isReplay(seen, body)) {
        const first = record.comments.find((c) => c.id === seen!.id);
        if (first) return first;
      }
      const data = checkDraft(record.comments, draft);
      const now = new Date();
      const comment = commentFromDraft(data, 'approved', now, editableUntil(now, editWindow));
      record.comments.push(comment);
      record.keys[opts.idempotencyKey] = { body, id: comment.id };
      write(threadId, record);
      return comment;
    },
    ...(editWindow > 0 &&
      ({
        async edit(threadId: string, id: string, edit, opts) {
          throwIfAborted(opts.signal);
          const record = read(threadId);
          const comment = (await ownComments()).editInList(record.comments, id, edit, new Date());
          write(threadId, record);
          return comment;
        },
        async remove(threadId: string, id: string, opts) {
          throwIfAborted(opts.signal);
          const record = read(threadId);
          const { placeholder } = (await ownComments()).removeFromList(record.comments, id, new Date());
          write(threadId, record);
          return placeholder;
        },
      } satisfies Pick<CommentAdapter, 'edit' | 'remove'>)),
    subscribe(threadId: string, onComment: (c: Comment) => void, opts: SubscribeOptions) {
      // Another tab of this browser posted, edited or deleted: show it here too.
      const snapshot = () => new Map(read(threadId).comments.map((c) => [c.id, JSON.stringify(c)]));
      let known = snapshot();
      const onStorage = (event: StorageEvent) => {
        if (event.key !== prefix + threadId) return;
        const now = read(threadId).comments;
        for (const c of now) if (known.get(c.id) !== JSON.stringify(c)) onComment(c);
        const ids = new Set(now.map((c) => c.id));
        const gone = [...known].filter(([id]) => !ids.has(id)).map(([, json]) => JSON.parse(json) as Comment);
        if (gone.length > 0) void ownComments().then(({ placeholderOf }) => gone.map(placeholderOf).forEach(onComment));
        known = snapshot();
      };
      globalThis.addEventListener?.('storage', onStorage);
      opts.signal.addEventListener('abort', () => globalThis.removeEventListener?.('storage', onStorage), {
        once: true,
      });
    },
  };
}
