/**
 * Database faults that are nobody's input error: the database is down, restarting, unreachable,
 * locked by another process, out of disk or read-only. They are classified here, in one place; the
 * HTTP layer answers every one of them `503 { error: 'unavailable' }` with `Retry-After`, never a
 * 500, and the client retries (with the same `Idempotency-Key`, a post is stored once).
 */

/** Seconds a client is asked to wait before retrying after a database fault. */
export const UNAVAILABLE_RETRY_AFTER = 2;

/** A write or read could not reach the database (see `isUnavailable`); `cause` is the driver's error. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('database unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** Socket errors of a lost or refused connection (pg reports them with Node's codes). */
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 53 (insufficient resources: disk full, out
 * of memory, too many connections), 57P01–57P03 (admin or crash shutdown, cannot connect now).
 */
const PG_STATE = /^(08|53)[0-9A-Z]{3}$|^57P0[123]$/;

/** SQLite result codes (better-sqlite3 puts the extended name in `code`). */
const SQLITE_CODE = /^SQLITE_(BUSY|FULL|IOERR|CANTOPEN|READONLY)(_|$)/;

/** pg's own errors for a connection that died or could not be had (they carry no code). */
const PG_MESSAGE = /^Connection terminated|not queryable|timeout exceeded when trying to connect/;

/** Whether `error` (or an error it was caused by) means the database is unavailable, not that the request is wrong. */
export function isUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || PG_STATE.test(code) || SQLITE_CODE.test(code)))
      return true;
    if (PG_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** Whether `error` is SQLite's "another connection holds the lock" (worth waiting for, then retrying). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_BUSY(_|$)/.test(code);
}
