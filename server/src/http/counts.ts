/**
 * `GET /api/counts?thread=a&thread=b` → `{ counts: { a: 1, b: 0 } }`: approved comments per thread,
 * from a cache invalidated exactly by the threads' versions (`count-cache.ts`).
 */
import type { Hono } from 'hono';
import { countsQuerySchema, type Counts } from 'comment-box/api';
import type { AppDeps } from './app.js';
import { CountCache } from './count-cache.js';
import { invalid } from './errors.js';

export function countRoutes(app: Hono, { store }: Required<AppDeps>): void {
  const cache = new CountCache(store);
  app.get('/api/counts', async (c) => {
    const threads = countsQuerySchema.safeParse([...new Set(c.req.queries('thread') ?? [])]);
    if (!threads.success) return invalid(c, { thread: ['invalidType'] }, 400);
    return c.json({ counts: await cache.counts(threads.data) } satisfies Counts);
  });
}
