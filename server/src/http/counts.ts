/** `GET /api/counts?thread=a&thread=b` → `{ counts: { a: 1, b: 0 } }`: approved comments per thread. */
import type { Hono } from 'hono';
import type { AppDeps } from './app.js';
import { invalid } from './errors.js';
import { validThreadId } from './request.js';

/** The most threads one request may count. */
const MAX_THREADS = 100;

export function countRoutes(app: Hono, { store }: Required<AppDeps>): void {
  app.get('/api/counts', async (c) => {
    const threads = [...new Set(c.req.queries('thread') ?? [])];
    if (threads.length === 0 || threads.length > MAX_THREADS || !threads.every(validThreadId)) {
      return invalid(c, { thread: ['invalidType'] }, 400);
    }
    return c.json({ counts: await store.counts(threads) });
  });
}
