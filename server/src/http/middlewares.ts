/**
 * The middlewares every answer goes through (except the fast reads of `fast-reads.ts`, which set
 * the same headers themselves): security headers, CORS and caching of the API, the request body limit.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerConfig } from '../config.js';
import { fail } from './errors.js';

/** Sent with every answer. */
export const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

/** Which origins may use the API from a browser: the server's own, and the configured ones. */
export class CorsPolicy {
  readonly #origins: () => readonly string[];
  #list: readonly string[] | undefined;
  #allowed = new Set<string>();

  /** `allowedOrigins`: read on each request (the desk's settings change it; see `store/settings.ts`). */
  constructor(allowedOrigins: readonly string[] | (() => readonly string[])) {
    this.#origins = typeof allowedOrigins === 'function' ? allowedOrigins : () => allowedOrigins;
  }

  /** Whether the request's origin (if any) may use the API. */
  allows(c: Context, origin: string | undefined): boolean {
    return origin === undefined || this.allowsFrom(origin, () => new URL(c.req.url).origin);
  }

  /** Whether `origin` may use the API of the server at `self` (its own origin, asked only when needed). */
  allowsFrom(origin: string, self: () => string): boolean {
    const list = this.#origins();
    if (list !== this.#list) {
      this.#list = list;
      this.#allowed = new Set(list);
    }
    return this.#allowed.has(origin) || origin === self();
  }

  /** CORS headers of an API answer to an allowed cross-origin request (none otherwise). */
  headers(c: Context): Record<string, string> {
    const origin = c.req.header('Origin');
    return origin !== undefined && this.allows(c, origin)
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After, ETag' }
      : {};
  }
}

/** Registers the middlewares, before every route but the health checks. */
export function useMiddlewares(app: Hono, config: ServerConfig, cors: CorsPolicy): void {
  // After `next()` the response exists: change its headers in place. (`c.header()` there would
  // rebuild the whole response, body included, once per call.)
  app.use('*', async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    headers.delete('X-Powered-By');
  });

  // API headers: CORS preflight and origin check, caching.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('Origin');
    const self = () => new URL(c.req.url).origin;
    const ok = cors.allows(c, origin);
    if (c.req.method === 'OPTIONS') {
      if (!ok) return c.body(null, 403);
      c.header('Access-Control-Allow-Origin', origin ?? self());
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
      c.header(
        'Access-Control-Allow-Headers',
        'Content-Type, Idempotency-Key, X-Author-Token, Authorization, If-None-Match',
      );
      c.header('Access-Control-Max-Age', '600');
      c.header('Vary', 'Origin');
      return c.body(null, 204);
    }
    if (!ok && c.req.method !== 'GET') {
      return fail(c, 403, { error: 'forbidden-origin' });
    }
    await next();
    const headers = c.res.headers;
    // The public comment list sets its own (no-cache + ETag); everything else is never stored.
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    headers.append('Vary', 'Origin');
    for (const [name, value] of Object.entries(cors.headers(c))) headers.set(name, value);
  });

  const tooLarge = (c: Context) => {
    // The rest of the body is not read: the connection cannot be reused.
    c.header('Connection', 'close');
    return fail(c, 413, { error: 'too-large' });
  };
  const limitBody = bodyLimit({ maxSize: config.maxBody, onError: tooLarge });
  // Not on GET. With a Content-Length (which Node holds the body to), the header alone is checked:
  // Hono's limit looks at the body first, which builds a full fetch Request around each post (a
  // tenth of the server's time per post). A chunked body is counted as it streams.
  app.use('/api/*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length === undefined || !/^\d+$/.test(length)) return limitBody(c, next);
    return Number(length) > config.maxBody ? Promise.resolve(tooLarge(c)) : next();
  });
}
