/**
 * Group commit. Every write of the server is a unit queued here; the units that arrive while one
 * transaction runs and commits go together into the next one. On SQLite with `synchronous=FULL`
 * that is one fsync for many comments instead of one each; on PostgreSQL one commit and fewer
 * lock hand-overs.
 *
 * - A unit that throws (a duplicate, an unknown parent) is rolled back alone and its promise
 *   rejects with its own error; the others go on. Units fail rarely, so a batch first runs without
 *   savepoints (on PostgreSQL each costs two round trips per unit); when a unit throws, the whole
 *   transaction is rolled back and the batch runs again with each unit in its own SAVEPOINT.
 * - Every promise settles after the COMMIT returned: a resolved unit is on disk. When the
 *   transaction itself fails, every unit of the batch rejects with that error.
 * - Rate-limit hits are counted first, per client in sorted order; thread versions are bumped last,
 *   per thread in sorted order. Rows are thus locked in one global order and batches of several
 *   instances on PostgreSQL cannot deadlock on them. A unit that still hits a deadlock or a
 *   serialization failure (two instances racing on the same idempotency keys) is retried in the
 *   next batch.
 * - The database failing (a PostgreSQL connection lost, SQLite out of disk) rejects the batch's units
 *   with `DatabaseUnavailableError`; the next batch takes a connection from the pool again (pg
 *   discards a dead one), so the queue goes on.
 * - On SQLite, while another process (a backup, the `sqlite3` shell) holds the write lock, the batch
 *   waits for it without blocking the event loop, retrying `BEGIN IMMEDIATE` every few milliseconds;
 *   a unit that has waited `WRITE_LOCK_BUDGET_MS` since it was queued rejects with
 *   `DatabaseUnavailableError`.
 */
import { sql, type Kysely } from 'kysely';
import type { Database_ } from './database.js';
import type { DB } from './tables.js';
import { DatabaseUnavailableError, isBusy, isUnavailable } from './unavailable.js';

/** How long a write waits for SQLite's write lock (held by another process) before it fails. */
export const WRITE_LOCK_BUDGET_MS = 5_000;

export interface RateLimitHit {
  client: string;
  limit: number;
  windowSeconds: number;
  nowMs: number;
}

/** The unit's client is over its limit: retry after this many seconds. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfter: number) {
    super('rate-limited');
  }
}

export interface Unit<T> {
  /** Counted before `work`, and kept even when `work` fails; over the limit, `work` does not run. */
  rateLimit?: RateLimitHit;
  /**
   * The unit's statements. `changed(threadId)` records that the public view of a thread changes
   * (its version is bumped when the unit succeeds).
   */
  work?: (trx: Kysely<DB>, changed: (threadId: string) => void) => Promise<T>;
}

interface Queued {
  unit: Unit<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  attempts: number;
  /** Date.now() after which the unit stops waiting for a write lock. */
  deadline: number;
}

const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

export class WriteBatcher {
  readonly #database: Database_;
  readonly #maxBatch: number;
  #queue: Queued[] = [];
  #running = false;
  #scheduled = false;
  /** Waiting for the queue to empty (`drain`). */
  #idle: Array<() => void> = [];
  /** Transactions committed so far (for tests and diagnostics). */
  commits = 0;
  /** Called after each commit (before the units' promises settle). */
  onCommit: (() => void) | undefined;

  constructor(database: Database_, options: { maxBatch?: number } = {}) {
    this.#database = database;
    this.#maxBatch = options.maxBatch ?? 256;
  }

  /** Queues a unit; resolves with its result once the transaction holding it has committed. */
  run<T>(unit: Unit<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const deadline = Date.now() + WRITE_LOCK_BUDGET_MS;
      this.#queue.push({ unit, resolve: resolve as (v: unknown) => void, reject, attempts: 0, deadline });
      this.#schedule();
    });
  }

  /**
   * Resolves once every unit queued so far, and every unit queued meanwhile, has settled (committed
   * or failed): a server that stops accepting requests waits here before it closes the database.
   */
  drain(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #isIdle(): boolean {
    return !this.#running && !this.#scheduled && this.#queue.length === 0;
  }

  #schedule(): void {
    if (this.#isIdle() && this.#idle.length > 0) {
      for (const resolve of this.#idle.splice(0)) resolve();
      return;
    }
    if (this.#running || this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    // setImmediate: the requests whose I/O is ready in this loop turn join the same batch.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#running || this.#queue.length === 0) return;
    this.#running = true;
    const batch = this.#queue.splice(0, this.#maxBatch);
    try {
      const outcomes = await this.#database.db.connection().execute(async (conn) => {
        if (!(await this.#begin(conn, batch))) return [];
        try {
          let result = await this.#runBatch(conn, batch, false);
          if (result === null) {
            // A unit failed: again, each unit in its own savepoint.
            await sql.raw('ROLLBACK').execute(conn);
            if (!(await this.#begin(conn, batch))) return [];
            result = (await this.#runBatch(conn, batch, true))!;
          }
          await sql.raw('COMMIT').execute(conn);
          this.commits += 1;
          try {
            this.onCommit?.();
          } catch {
            // A listener's fault is not the transaction's.
          }
          return result;
        } catch (error) {
          await sql
            .raw('ROLLBACK')
            .execute(conn)
            .catch(() => undefined);
          throw error;
        }
      });
      // Committed: now, and only now, answer.
      outcomes.forEach((outcome, i) => {
        const q = batch[i]!;
        if (outcome.ok) q.resolve(outcome.value);
        else if (isRetryable(outcome.error) && ++q.attempts < MAX_ATTEMPTS) this.#queue.push(q);
        else q.reject(recognized(outcome.error));
      });
    } catch (error) {
      for (const q of batch) q.reject(recognized(error));
    } finally {
      this.#running = false;
      this.#schedule();
    }
  }

  /**
   * Begins the batch's transaction: `BEGIN` on PostgreSQL; on SQLite `BEGIN IMMEDIATE`, retried
   * while another connection holds the write lock (the writer's busy timeout is 0: a synchronous
   * wait would stall every request). Units whose budget runs out meanwhile are rejected and removed
   * from `batch`; false when none is left (nothing begun).
   */
  async #begin(conn: Kysely<DB>, batch: Queued[]): Promise<boolean> {
    if (this.#database.dialect !== 'sqlite') {
      await sql.raw('BEGIN').execute(conn);
      return true;
    }
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        await sql.raw('BEGIN IMMEDIATE').execute(conn);
        return true;
      } catch (error) {
        if (!isBusy(error)) throw error;
        const now = Date.now();
        const waiting = batch.filter((q) => q.deadline > now);
        for (const q of batch) if (q.deadline <= now) q.reject(new DatabaseUnavailableError(error));
        batch.splice(0, batch.length, ...waiting);
        if (batch.length === 0) return false;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /**
   * Runs the batch's units, then bumps the versions of the threads they changed. `savepoints`: each
   * unit in its own, so that one failing is rolled back alone; without, null as soon as one fails
   * (the transaction is then to be rolled back).
   */
  async #runBatch(
    trx: Kysely<DB>,
    batch: Queued[],
    savepoints: boolean,
  ): Promise<Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> | null> {
    const limited = await this.#countHits(trx, batch);
    const changed = new Set<string>();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    for (const [i, q] of batch.entries()) {
      const wait = limited.get(i);
      if (wait !== undefined) {
        outcomes.push({ ok: false, error: new RateLimitedError(wait) });
        continue;
      }
      if (!q.unit.work) {
        outcomes.push({ ok: true, value: undefined });
        continue;
      }
      const touched: string[] = [];
      if (!savepoints) {
        try {
          outcomes.push({ ok: true, value: await q.unit.work(trx, (threadId) => touched.push(threadId)) });
        } catch {
          return null;
        }
        for (const t of touched) changed.add(t);
        continue;
      }
      await sql.raw('SAVEPOINT unit').execute(trx);
      try {
        const value = await q.unit.work(trx, (threadId) => touched.push(threadId));
        await sql.raw('RELEASE SAVEPOINT unit').execute(trx);
        for (const t of touched) changed.add(t);
        outcomes.push({ ok: true, value });
      } catch (error) {
        await sql.raw('ROLLBACK TO SAVEPOINT unit').execute(trx);
        await sql.raw('RELEASE SAVEPOINT unit').execute(trx);
        outcomes.push({ ok: false, error });
      }
    }
    for (const threadId of [...changed].sort()) {
      await trx
        .insertInto('thread_versions')
        .values({ thread_id: threadId, version: 1 })
        .onConflict((oc) => oc.column('thread_id').doUpdateSet({ version: sql`thread_versions.version + 1` }))
        .execute();
    }
    return outcomes;
  }

  /**
   * Counts the batch's rate-limit hits, one upsert per client and window (in sorted order), exactly
   * as if they had come one by one. Returns, by unit index, the seconds to wait of those over.
   */
  async #countHits(trx: Kysely<DB>, batch: Queued[]): Promise<Map<number, number>> {
    const groups = new Map<string, { client: string; windowStart: number; units: number[] }>();
    batch.forEach((q, i) => {
      const hit = q.unit.rateLimit;
      if (!hit) return;
      const windowStart = Math.floor(hit.nowMs / 1000 / hit.windowSeconds);
      const key = `${hit.client}\n${windowStart}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { client: hit.client, windowStart, units: [] }));
      group.units.push(i);
    });
    const limited = new Map<number, number>();
    for (const key of [...groups.keys()].sort()) {
      const { client, windowStart, units } = groups.get(key)!;
      const row = await trx
        .insertInto('rate_limits')
        .values({ client, window_start: windowStart, count: units.length })
        .onConflict((oc) =>
          oc.columns(['client', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + ${units.length}` }),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      let count = Number(row.count) - units.length;
      for (const i of units) {
        count += 1;
        const hit = batch[i]!.unit.rateLimit!;
        if (count > hit.limit) {
          limited.set(i, Math.max(1, Math.ceil((windowStart + 1) * hit.windowSeconds - hit.nowMs / 1000)));
        }
      }
    }
    return limited;
  }
}

/** A database fault as `DatabaseUnavailableError` (the same error otherwise). */
const recognized = (error: unknown) =>
  isUnavailable(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(error) : error;

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}
