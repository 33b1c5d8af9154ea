/**
 * The public page cache: the serialized JSON of a page, per thread, cursor, limit and order, with a
 * strong ETag. Each entry records the thread version it was read with; every request reads the
 * thread's current version first (after it arrived, so a write acknowledged before on any instance
 * is seen) and uses an entry only when the versions are equal. Writes bump the version in their own
 * transaction, so invalidation is exact, on SQLite and across PostgreSQL instances alike.
 *
 * Only public pages (approved comments) are cached. A requester whose author token has pending
 * comments in the thread, or comments they may still edit, gets a fresh, private answer that is
 * never stored (it marks those with `editableUntil`).
 */
import { commentPageSchema, type ListQuery } from 'comment-box/api';
import type { Store } from '../store/comment-store.js';
import { etagOf } from './etag.js';

/** The list query a page answers (the contract's). */
export type PageOptions = ListQuery;

export interface ServedPage {
  body: string;
  /** A public page's body as UTF-8, encoded once (the fast reads send it as it is). */
  encoded?: Buffer;
  /** Strong ETag of a public page; null for a private one (not cacheable anywhere). */
  etag: string | null;
}

interface Entry {
  version: number;
  body: string;
  encoded: Buffer;
  etag: string;
  bytes: number;
}

const keyOf = (threadId: string, options: PageOptions) =>
  `${options.order}\n${options.limit}\n${options.cursor ?? ''}\n${threadId}`;

export class PageCache {
  readonly #store: Store;
  readonly #maxBytes: number;
  readonly #editWindow: () => number;
  /** What every page adds to the store's (`notifications: true` when email notifications are on). */
  readonly #extra: Record<string, unknown>;
  /** Least recently used first (a hit moves its entry to the end). */
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  /** `editWindowMs`: a number, or read on each request (the desk's settings change it). */
  constructor(
    store: Store,
    options: { maxBytes?: number; editWindowMs?: number | (() => number); notifications?: boolean } = {},
  ) {
    this.#store = store;
    this.#extra = options.notifications ? { notifications: true } : {};
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    const editWindowMs = options.editWindowMs ?? 0;
    this.#editWindow = typeof editWindowMs === 'function' ? editWindowMs : () => editWindowMs;
  }

  /**
   * The cached public page, without waiting: when the thread's version can be read at once (SQLite)
   * and the entry was read with it. Undefined otherwise: then ask `get`.
   */
  cachedNow(threadId: string, options: PageOptions): ServedPage | undefined {
    const version = this.#store.threadVersionsNow([threadId])?.[0];
    if (version === undefined) return undefined;
    const key = keyOf(threadId, options);
    const hit = this.#entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit;
  }

  async get(threadId: string, tokenHash: string | null, options: PageOptions): Promise<ServedPage> {
    // No edit window: no comment is editable, so only held ones make a page private.
    const editWindowMs = this.#editWindow();
    const editableSince = editWindowMs > 0 ? new Date(Date.now() - editWindowMs).toISOString() : '~';
    if (tokenHash !== null && (await this.#store.hasPrivateView(threadId, tokenHash, editableSince))) {
      const { page } = await this.#store.readPage(threadId, tokenHash, options, editWindowMs);
      return { body: JSON.stringify(commentPageSchema.parse({ ...page, ...this.#extra })), etag: null };
    }
    const key = keyOf(threadId, options);
    const version = await this.#store.threadVersion(threadId);
    const hit = this.#entries.get(key);
    if (hit && hit.version === version) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const read = await this.#store.readPage(threadId, null, options);
    const body = JSON.stringify(commentPageSchema.parse({ ...read.page, ...this.#extra }));
    const encoded = Buffer.from(body);
    const etag = etagOf(encoded);
    const entry: Entry = {
      version: read.version,
      body,
      encoded,
      etag,
      bytes: body.length * 2 + encoded.length + key.length * 2 + 200,
    };
    this.#put(key, entry);
    return entry;
  }

  #put(key: string, entry: Entry): void {
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#bytes -= old.bytes;
    }
    if (entry.bytes > this.#maxBytes) return;
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= e.bytes;
    }
  }

  /** Entries held now (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}
