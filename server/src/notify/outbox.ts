/**
 * The outbox: every message the server sends (an email; later a webhook) is first a row of the
 * `outbox` table, written by `enqueue` INSIDE the transaction of the change that causes it (a
 * comment stored, approved…): the change and its message commit together or not at all. Then the
 * `OutboxWorker` delivers it:
 *
 * - it claims due rows in one statement (`UPDATE … WHERE id IN (SELECT … [FOR UPDATE SKIP LOCKED])
 *   RETURNING`), setting `locked_until` (a lease) and a random `claim` token. On PostgreSQL several
 *   instances skip each other's locked rows; on SQLite writes are serialized anyway. A row whose
 *   worker died mid-send is due again once its lease has passed, so nothing is lost on a crash or a
 *   restart (rows stay `pending`);
 * - it hands each row to the deliverer registered for its `kind`, then marks it `sent` (only if it
 *   still holds the claim). A deliverer that throws: `last_error` (cleaned of addresses and
 *   secrets), `attempts + 1`, and a retry after `base × 2^(attempts-1)` (at most an hour), or
 *   `failed` after `maxAttempts` or at once on a permanent error (an SMTP 5xx). A deliverer that
 *   finds nothing left to send (the reader unsubscribed, the comment was trashed) returns
 *   `'cancelled'`.
 *
 * Exactly once, as far as a database can tell: a row is sent by the worker holding its claim, and
 * the lease (`LEASE_MS`) is longer than any delivery may take (the mailer's timeouts are shorter).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../store/database.js';
import { randomToken } from '../store/ids.js';
import type { DB, OutboxTable } from '../store/tables.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed', 'cancelled'];

export interface OutboxMessage {
  kind: string;
  /** The payload, stored as JSON. */
  payload: unknown;
  /** The email address it goes to, when it is an email (privacy export and erase, masked in the desk). */
  recipient?: string | null;
  /** Due at (ISO); default now. */
  dueAt?: string;
  /** See `OutboxTable.digest_key`. */
  digestKey?: string | null;
  /** Default now (ISO). */
  createdAt?: string;
}

/** A new outbox id: time-ordered, unique. */
export function outboxId(nowMs = Date.now()): string {
  return `${nowMs.toString(36).padStart(9, '0')}${randomToken(9)}`;
}

/** Writes a message into the outbox, in the caller's transaction `trx`. Returns its id. */
export async function enqueue(trx: Kysely<DB>, message: OutboxMessage): Promise<string> {
  const now = message.createdAt ?? new Date().toISOString();
  const id = outboxId(Date.parse(now));
  await trx
    .insertInto('outbox')
    .values({
      id,
      kind: message.kind,
      recipient: message.recipient ?? null,
      payload: JSON.stringify(message.payload),
      digest_key: message.digestKey ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: message.dueAt ?? now,
      locked_until: null,
      claim: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  return id;
}

/** An error that retrying will not fix (an SMTP 5xx: the address does not exist): `failed` at once. */
export class PermanentDeliveryError extends Error {}

/** Sends one row; throws to retry; `'cancelled'` when there was nothing left to send. */
export type Deliverer = (row: OutboxTable) => Promise<void | 'cancelled'>;

export interface OutboxWorkerOptions {
  /** First retry delay, ms (doubled at each attempt, at most `MAX_BACKOFF_MS`). */
  retryBaseMs: number;
  /** Attempts before `failed`. */
  maxAttempts: number;
  /** How often to look for due rows, ms. */
  pollMs: number;
  /** Rows claimed at once. */
  batch?: number;
  /** Log a failed attempt or a worker fault (never with an address). */
  onError?: (message: string, fields: Record<string, string | number>) => void;
  now?: () => number;
}

/** A claim lasts this long: longer than any delivery may take (the SMTP timeouts are shorter). */
export const LEASE_MS = 5 * 60_000;
export const MAX_BACKOFF_MS = 60 * 60_000;
/** How long a stopping worker waits for the delivery in flight. */
export const STOP_WAIT_MS = 2_000;

/** The delay before attempt `attempts + 1`, after `attempts` failed ones. */
export const backoffMs = (base: number, attempts: number) =>
  Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempts - 1));

/**
 * An error as it may be stored and shown to the owner: no email address (masked), no credentials
 * of a URL, one line, at most 500 characters.
 */
export function cleanError(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown; responseCode?: unknown } | null)?.code;
  if (typeof code === 'string' && !text.includes(code)) text = `${code}: ${text}`;
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\/\/[^/@\s]*@/g, '//***@')
    .replace(/[^\s<>()"',;:@]+@([a-z0-9.-]+\.[a-z]{2,}|[a-z0-9-]+)/gi, (_m, host: string) => `***@${host}`)
    .slice(0, 500);
}

export class OutboxWorker {
  readonly #db: Kysely<DB>;
  readonly #dialect: Dialect;
  readonly #options: Required<Omit<OutboxWorkerOptions, 'onError'>> & Pick<OutboxWorkerOptions, 'onError'>;
  readonly #deliverers = new Map<string, Deliverer>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;
  /** Deliveries attempted (for tests and diagnostics). */
  attempts = 0;

  constructor(db: Kysely<DB>, dialect: Dialect, options: OutboxWorkerOptions) {
    this.#db = db;
    this.#dialect = dialect;
    this.#options = { batch: 20, now: Date.now, ...options };
  }

  /** Registers the deliverer of `kind` (rows of a kind without one wait, untouched). */
  register(kind: string, deliverer: Deliverer): void {
    this.#deliverers.set(kind, deliverer);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.kick();
  }

  /** Looks for due rows now (after a write that queued one), or right after the current round. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#running = this.#round().finally(() => {
      this.#running = undefined;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.kick();
      } else {
        this.#timer = setTimeout(() => this.kick(), this.#options.pollMs);
        this.#timer.unref?.();
      }
    });
  }

  /**
   * Stops: no new round; the delivery in flight may finish for `waitMs` (the rest of its round goes
   * back to pending). One still running then is left: its row stays claimed until its lease ends,
   * then is due again (on the next start, or another instance).
   */
  async stop(waitMs = STOP_WAIT_MS): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.#running, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  /** One round: claims due rows (again while a full batch came) and delivers them. */
  async #round(): Promise<void> {
    try {
      for (let i = 0; i < 50 && !this.#stopped; i++) {
        const kinds = [...this.#deliverers.keys()];
        if (kinds.length === 0) return;
        const claimedAt = this.#options.now();
        const rows = await this.claim(kinds);
        for (const row of rows) {
          // Stopping, or half the lease gone (a slow SMTP server): the rest go back, for this
          // worker's next round or another instance, before anyone could take them twice.
          if (this.#stopped || this.#options.now() - claimedAt > LEASE_MS / 2) {
            await this.#release(row);
            continue;
          }
          await this.#deliver(row);
        }
        if (rows.length < this.#options.batch) return;
      }
    } catch (error) {
      this.#options.onError?.('outbox worker round failed', { error: cleanError(error) });
    }
  }

  /**
   * Claims up to `batch` due rows of `kinds` for this worker (a lease of `LEASE_MS`), in one
   * statement; on PostgreSQL skipping the rows another instance is claiming.
   */
  async claim(kinds: string[]): Promise<OutboxTable[]> {
    const now = this.#options.now();
    const nowIso = new Date(now).toISOString();
    const claim = randomToken(12);
    let due = this.#db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
      .orderBy('next_attempt_at')
      .limit(this.#options.batch);
    // Most rounds find nothing due. Looking first is a read: an idle server then never takes
    // SQLite's write lock, which a command or a backup in another process may be holding.
    if ((await due.executeTakeFirst()) === undefined) return [];
    if (this.#dialect === 'postgres') due = due.forUpdate().skipLocked();
    return this.#db
      .updateTable('outbox')
      .set({ locked_until: new Date(now + LEASE_MS).toISOString(), claim })
      .where('id', 'in', due)
      .returningAll()
      .execute();
  }

  async #deliver(row: OutboxTable): Promise<void> {
    const deliverer = this.#deliverers.get(row.kind);
    if (!deliverer) return this.#release(row);
    this.attempts += 1;
    let outcome: void | 'cancelled';
    try {
      outcome = await deliverer(row);
    } catch (error) {
      const attempts = row.attempts + 1;
      const permanent = error instanceof PermanentDeliveryError;
      const failed = permanent || attempts >= this.#options.maxAttempts;
      const last_error = cleanError(error);
      this.#options.onError?.(failed ? 'delivery failed for good' : 'delivery failed; will retry', {
        id: row.id,
        kind: row.kind,
        attempts,
        error: last_error,
      });
      await this.#db
        .updateTable('outbox')
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          last_error,
          next_attempt_at: failed
            ? row.next_attempt_at
            : new Date(this.#options.now() + backoffMs(this.#options.retryBaseMs, attempts)).toISOString(),
          locked_until: null,
          claim: null,
        })
        .where('id', '=', row.id)
        .where('claim', '=', row.claim)
        .execute()
        .catch((e: unknown) => this.#options.onError?.('outbox update failed', { id: row.id, error: cleanError(e) }));
      return;
    }
    const nowIso = new Date(this.#options.now()).toISOString();
    await this.#db
      .updateTable('outbox')
      .set({
        status: outcome === 'cancelled' ? 'cancelled' : 'sent',
        attempts: row.attempts + 1,
        sent_at: outcome === 'cancelled' ? null : nowIso,
        locked_until: null,
        claim: null,
      })
      .where('id', '=', row.id)
      .where('claim', '=', row.claim)
      .execute()
      .catch((e: unknown) => this.#options.onError?.('outbox update failed', { id: row.id, error: cleanError(e) }));
  }

  /** Gives a claimed row back (due again at once), when it is not delivered now. */
  async #release(row: OutboxTable): Promise<void> {
    await this.#db
      .updateTable('outbox')
      .set({ locked_until: null, claim: null })
      .where('id', '=', row.id)
      .where('claim', '=', row.claim)
      .execute()
      .catch(() => undefined);
  }
}

/** Rows of the outbox that are due or retrying, and sent (for tests and the desk). */
export async function outboxCounts(db: Kysely<DB>): Promise<Record<OutboxStatus, number>> {
  const out: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, cancelled: 0 };
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  for (const r of rows) if (r.status in out) out[r.status as OutboxStatus] = Number(r.n);
  return out;
}

/** Deletes sent and cancelled rows older than `beforeIso` (the outbox is not an archive). */
export async function pruneOutbox(db: Kysely<DB>, beforeIso: string): Promise<void> {
  await db
    .deleteFrom('outbox')
    .where('status', 'in', ['sent', 'cancelled', 'failed'])
    .where('created_at', '<', beforeIso)
    .execute();
  await db.deleteFrom('used_links').where('expires_at', '<', new Date().toISOString()).execute();
}
