/**
 * Newly approved comments, per thread, for Server-Sent Events. In one process the bus is a map of
 * listeners; on PostgreSQL every instance LISTENs on one channel and a publish is a NOTIFY, so an
 * event raised on any instance reaches the subscribers of all of them.
 */
import pg from 'pg';
import { sql } from 'kysely';
import type { Comment } from 'comment-box/schema.js';
import type { Database_ } from './db.js';

export type Listener = (comment: Comment) => void;

export class EventBus {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #database: Database_;
  /** Loads the public comment of an id, or null when it is no longer approved. */
  readonly #load: (id: string) => Promise<Comment | null>;
  readonly #channel: string;
  #client: pg.Client | null = null;
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** Reconnect attempts that failed in a row, for the backoff. */
  #failures = 0;

  constructor(database: Database_, load: (id: string) => Promise<Comment | null>) {
    this.#database = database;
    this.#load = load;
    this.#channel = `comment_box_${database.pgSchema ?? 'public'}`;
  }

  /** On PostgreSQL, starts listening. Resolves once the LISTEN is in place. */
  async start(): Promise<void> {
    if (this.#database.dialect !== 'postgres') return;
    await this.#listen();
  }

  /**
   * Connects a client and LISTENs. A client that fails or ends (connect error, backend terminated,
   * network loss) is replaced by `#lost`, which retries with backoff until it succeeds or `close()`.
   */
  async #listen(): Promise<void> {
    const client = new pg.Client(this.#database.pgClientConfig);
    client.on('notification', (msg) => {
      if (msg.channel !== this.#channel || !msg.payload) return;
      try {
        const { t, id } = JSON.parse(msg.payload) as { t: string; id: string };
        void this.#deliver(t, id);
      } catch {
        /* not ours */
      }
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    this.#client = client; // before connecting, so a failed attempt is `#lost` (and retried) too
    try {
      await client.connect();
      await client.query(`LISTEN "${this.#channel}"`);
    } catch (error) {
      this.#lost(client);
      throw error;
    }
    this.#failures = 0;
  }

  /**
   * Replaces a failed client after 0.25 s, doubling up to 30 s while attempts keep failing.
   * NOTIFYs sent while no client listens are lost: subscribers miss those events (see docs/server.md).
   */
  #lost(client: pg.Client): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = null;
    client.end().catch(() => undefined);
    const delay = Math.min(30_000, 250 * 2 ** this.#failures++);
    this.#retry = setTimeout(() => void this.#listen().catch(() => undefined), delay);
  }

  /** Tells every instance that `commentId` in `threadId` is newly approved. */
  async publish(threadId: string, commentId: string): Promise<void> {
    if (this.#database.dialect === 'postgres') {
      const payload = JSON.stringify({ t: threadId, id: commentId });
      await sql`SELECT pg_notify(${this.#channel}, ${payload})`.execute(this.#database.db);
    } else {
      await this.#deliver(threadId, commentId);
    }
  }

  async #deliver(threadId: string, commentId: string): Promise<void> {
    const set = this.#listeners.get(threadId);
    if (!set || set.size === 0) return;
    const comment = await this.#load(commentId).catch(() => null);
    if (!comment) return;
    for (const fn of set) fn(comment);
  }

  /** Calls `fn` for each newly approved comment of `threadId`; returns the unsubscribe function. */
  subscribe(threadId: string, fn: Listener): () => void {
    let set = this.#listeners.get(threadId);
    if (!set) this.#listeners.set(threadId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#listeners.delete(threadId);
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}
