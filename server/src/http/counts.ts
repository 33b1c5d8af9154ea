/**
 * `GET /api/counts?thread=a&thread=b` → `{ counts: { a: 1, b: 0 } }`: approved comments per thread,
 * from a cache invalidated exactly by the threads' versions (`count-cache.ts`).
 */
import type { Hono } from 'hono';
import { countsQuerySchema, type Counts } from 'comment-box/api';
import type { CountCache } from './count-cache.js';
import { invalid } from './errors.js';
import { SECURITY_HEADERS, type CorsPolicy } from './middlewares.js';

const threadsOf = (queries: string[] | undefined) => countsQuerySchema.safeParse([...new Set(queries ?? [])]);

/**
 * The hot path, registered before the middlewares like the public page (see `publicPageRoute`): it
 * sets every header they would, in one plain object. An invalid query goes on to `countRoutes`.
 */
export function publicCountsRoute(app: Hono, cache: CountCache, cors: CorsPolicy): void {
  app.get('/api/counts', async (c, next) => {
    const threads = threadsOf(c.req.queries('thread'));
    if (!threads.success) return next();
    const body = JSON.stringify({ counts: await cache.counts(threads.data) } satisfies Counts);
    return new Response(body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        ...cors.headers(c),
        'Cache-Control': 'no-store',
        Vary: 'Origin',
        'Content-Type': 'application/json',
      },
    });
  });
}

/** Behind the middlewares: what the hot path passed on (an invalid query). */
export function countRoutes(app: Hono, cache: CountCache): void {
  app.get('/api/counts', async (c) => {
    const threads = threadsOf(c.req.queries('thread'));
    if (!threads.success) return invalid(c, { thread: ['invalidType'] }, 400);
    return c.json({ counts: await cache.counts(threads.data) } satisfies Counts);
  });
}
