/**
 * Error answers of the API: `{ error, fields?, messageKey? }` with its status (and `Retry-After`
 * when the client should wait), and the handler that turns a thrown fault into 503 or 500.
 */
import type { Context, ErrorHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ErrorBody } from 'comment-box/api';
import { UNAVAILABLE_RETRY_AFTER, isUnavailable } from '../store/unavailable.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429;

/** An error answer; `retryAfter` (seconds) also becomes the `Retry-After` header. */
export function fail(c: Context, status: ErrorStatus, body: ErrorBody) {
  if (body.retryAfter !== undefined) c.header('Retry-After', String(body.retryAfter));
  return c.json(body, status);
}

/** 422 (or 400 for a malformed request) `invalid`, with the error keys of each field. */
export const invalid = (c: Context, fields: Record<string, string[]>, status: 400 | 422 = 422) =>
  fail(c, status, { error: 'invalid', fields });

/** Where server-side failures are logged (never sent to clients). */
export type Log = (message: string, error?: unknown) => void;

/**
 * A database fault (connection lost, SQLite locked by another process or out of disk) is a 503 the
 * client retries; anything else a 500. Neither carries more than its error word. The log names the
 * route's pattern, not the path (a thread id is a page path; see `request-log.ts`).
 */
export function errorHandler(log: Log): ErrorHandler {
  return (error, c) => {
    if (isUnavailable(error)) {
      // The driver's message only: many requests can fail at once, a stack each would flood the log.
      log(
        `${c.req.method} ${routePath(c)}: database unavailable`,
        error.cause instanceof Error ? error.cause.message : error.message,
      );
      return c.json({ error: 'unavailable' } satisfies ErrorBody, 503, {
        'Retry-After': String(UNAVAILABLE_RETRY_AFTER),
      });
    }
    log(`${c.req.method} ${routePath(c)} failed`, error);
    return c.json({ error: 'internal' } satisfies ErrorBody, 500);
  };
}
