/**
 * Newly approved comments, per thread, for Server-Sent Events. In one process the bus is a map of
 * listeners; on PostgreSQL every instance LISTENs on one channel and a publish is a NOTIFY, so an
 * event raised on any instance reaches the subscribers of all of them. The bus carries the public
 * comment it is given (never reads it back): on PostgreSQL its JSON travels in the NOTIFY payloads,
 * cut into parts that fit PostgreSQL's 8000-byte limit and sent in one statement (one transaction:
 * listeners receive them together, in order).
 */
import pg from 'pg';
import { sql } from 'kysely';
import type { Comment } from 'comment-box/schema.js';
import type { Database_ } from './database.js';

export type Listener = (comment: Comment) => void;

/**
 * One NOTIFY payload: part `n` of the JSON of comment `id` of thread `t`. A part holds at most
 * `PART_CHARS` UTF-16 units of that JSON, and re-encoded as a JSON string a unit takes at most
 * 3 bytes (a character outside ASCII; an escaped backslash or quote takes 2; only a surrogate pair
 * cut in two at the part's edge becomes a 6-byte escape). With the thread id (at most 500
 * characters) a payload stays well below PostgreSQL's 8000 bytes.
 */
interface NotifyPart {
  t: string;
  id: string;
  n: number;
  last: boolean;
  d: string;
}

/** The comment JSON's UTF-16 units per NOTIFY payload (see `NotifyPart`). */
const PART_CHARS = 1200;

export class EventBus {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #database: Database_;
  /** PostgreSQL: the parts received so far of comments whose last part has not arrived, by id. */
  readonly #partial = new Map<string, string[]>();
  readonly #channel: string;
  #client: pg.Client | null = null;
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** Reconnect attempts that failed in a row, for the backoff. */
  #failures = 0;
  /** PostgreSQL: the NOTIFY parts waiting for the next statement, and who waits for it. */
  #outgoing: { parts: string[]; senders: Array<{ resolve: () => void; reject: (error: unknown) => void }> } | undefined;
  /** A NOTIFY statement is in flight. */
  #sending = false;

  constructor(database: Database_) {
    this.#database = database;
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
        this.#receive(JSON.parse(msg.payload) as NotifyPart);
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

  /**
   * Tells every instance that `comment` of `threadId` is newly approved. On PostgreSQL, resolves once
   * its NOTIFY is sent: one statement at a time carries the parts of every comment published
   * meanwhile (a burst of posts makes a few statements, not one each).
   */
  publish(threadId: string, comment: Comment): Promise<void> {
    if (this.#database.dialect !== 'postgres') {
      this.#deliver(threadId, comment);
      return Promise.resolve();
    }
    const json = JSON.stringify(comment);
    const outgoing = (this.#outgoing ??= { parts: [], senders: [] });
    for (let at = 0, n = 0; at < json.length; at += PART_CHARS, n++) {
      const part: NotifyPart = {
        t: threadId,
        id: comment.id,
        n,
        last: at + PART_CHARS >= json.length,
        d: json.slice(at, at + PART_CHARS),
      };
      outgoing.parts.push(JSON.stringify(part));
    }
    return new Promise((resolve, reject) => {
      outgoing.senders.push({ resolve, reject });
      void this.#send();
    });
  }

  /** Sends the parts waiting, in order, in one statement; those published meanwhile wait for the next. */
  async #send(): Promise<void> {
    if (this.#sending || !this.#outgoing) return;
    const { parts, senders } = this.#outgoing;
    this.#outgoing = undefined;
    this.#sending = true;
    try {
      await sql`SELECT pg_notify(${this.#channel}, p) FROM unnest(${parts}::text[]) WITH ORDINALITY AS x(p, i) ORDER BY i`.execute(
        this.#database.db,
      );
      for (const s of senders) s.resolve();
    } catch (error) {
      for (const s of senders) s.reject(error);
    } finally {
      this.#sending = false;
      void this.#send();
    }
  }

  /** Collects the parts of a comment; the last one delivers it. */
  #receive(part: NotifyPart): void {
    if (typeof part.t !== 'string' || typeof part.id !== 'string' || typeof part.d !== 'string') return;
    const parts = part.n === 0 ? [] : this.#partial.get(part.id);
    // A part without its predecessors (a client that reconnected in between): the comment is lost.
    if (!parts || parts.length !== part.n) {
      this.#partial.delete(part.id);
      return;
    }
    parts.push(part.d);
    if (!part.last) {
      this.#partial.set(part.id, parts);
      return;
    }
    this.#partial.delete(part.id);
    this.#deliver(part.t, JSON.parse(parts.join('')) as Comment);
  }

  #deliver(threadId: string, comment: Comment): void {
    const set = this.#listeners.get(threadId);
    if (!set) return;
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
