/**
 * The count cache: approved comments per thread, each with the thread version it was read after.
 * Every request reads the versions of the threads it asks for first (after it arrived, so a write
 * acknowledged before on any instance is seen; on PostgreSQL one query for all the requests
 * waiting at that moment), then counts only the threads whose version moved, in one query. The
 * version is the one that invalidates pages (`page-cache.ts`): every write that changes what the
 * public sees bumps it in its own transaction, so invalidation is exact, across instances too.
 *
 * A count is read after its version: a write landing in between leaves an entry with the older
 * version, which the next request's version no longer equals.
 */
import type { Store } from '../store/comment-store.js';

interface Entry {
  version: number;
  count: number;
}

export class CountCache {
  readonly #store: Store;
  readonly #maxThreads: number;
  /** Least recently used first. */
  readonly #entries = new Map<string, Entry>();

  constructor(store: Store, options: { maxThreads?: number } = {}) {
    this.#store = store;
    this.#maxThreads = options.maxThreads ?? 100_000;
  }

  /**
   * The counts, without waiting: when the threads' versions can be read at once (SQLite, one
   * statement for all) and every count is cached with its thread's version. Undefined otherwise:
   * then ask `counts`.
   */
  countsNow(threadIds: readonly string[]): Record<string, number> | undefined {
    const versions = this.#store.threadVersionsNow(threadIds);
    if (!versions) return undefined;
    const out: Record<string, number> = {};
    for (let i = 0; i < threadIds.length; i++) {
      const hit = this.#entries.get(threadIds[i]!);
      if (!hit || hit.version !== versions[i]) return undefined;
      out[threadIds[i]!] = hit.count;
    }
    for (const thread of threadIds) this.#put(thread, this.#entries.get(thread)!);
    return out;
  }

  async counts(threadIds: readonly string[]): Promise<Record<string, number>> {
    const versions = await Promise.all(threadIds.map((t) => this.#store.threadVersion(t)));
    const out: Record<string, number> = {};
    const missing: string[] = [];
    threadIds.forEach((thread, i) => {
      const hit = this.#entries.get(thread);
      if (hit && hit.version === versions[i]) {
        this.#entries.delete(thread);
        this.#entries.set(thread, hit);
        out[thread] = hit.count;
      } else missing.push(thread);
    });
    if (missing.length === 0) return out;
    const read = await this.#store.counts(missing);
    for (const thread of missing) {
      const count = read[thread] ?? 0;
      const version = versions[threadIds.indexOf(thread)]!;
      out[thread] = count;
      // NaN: the version cannot be known cheaply (an in-memory database), so nothing is kept.
      if (!Number.isNaN(version)) this.#put(thread, { version, count });
    }
    // In the order asked, as before the cache.
    return Object.fromEntries(threadIds.map((t) => [t, out[t]!]));
  }

  #put(thread: string, entry: Entry): void {
    this.#entries.delete(thread);
    this.#entries.set(thread, entry);
    if (this.#entries.size > this.#maxThreads) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** Threads held now (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}
