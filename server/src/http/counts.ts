/**
 * `GET /api/counts?thread=a&thread=b` → `{ counts: { a: 1, b: 0 } }`: approved comments per thread,
 * from a cache invalidated exactly by the threads' versions (`count-cache.ts`). `fast-reads.ts`
 * answers a query string seen valid here before, without Hono.
 */
import type { Hono } from 'hono';
import { countsQuerySchema, type Counts } from 'comment-box/api';
import type { CountCache } from './count-cache.js';
import { invalid } from './errors.js';

/** The threads of valid query strings seen, by raw query string (bounded). */
const parsedQueries = new Map<string, string[]>();
const MAX_PARSED_QUERIES = 1000;

/** The threads of a raw query string (after the `?`) that was parsed and valid before, if any. */
export const knownCountsQuery = (raw: string): string[] | undefined => parsedQueries.get(raw);

export function countRoutes(app: Hono, cache: CountCache): void {
  app.get('/api/counts', async (c) => {
    const threads = countsQuerySchema.safeParse([...new Set(c.req.queries('thread') ?? [])]);
    if (!threads.success) return invalid(c, { thread: ['invalidType'] }, 400);
    const url = c.req.url;
    const at = url.indexOf('?');
    if (parsedQueries.size >= MAX_PARSED_QUERIES) parsedQueries.clear();
    parsedQueries.set(at < 0 ? '' : url.slice(at + 1), threads.data);
    return c.json({ counts: await cache.counts(threads.data) } satisfies Counts);
  });
}
