/**
 * Live updates: `GET /api/threads/:threadId/events`, Server-Sent Events of the thread's newly
 * approved comments, as the event bus delivers them. When the server stops (`deps.shutdown`), every
 * stream ends: the browser's EventSource reconnects, to another instance behind a proxy.
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Comment } from 'comment-box/schema.js';
import { LIVE_EVENTS, liveCommentSchema } from 'comment-box/api';
import { clientKey } from '../policy/client-address.js';
import type { AppDeps } from './app.js';
import { fail, invalid } from './errors.js';
import { requestAddress, threadParam, validThreadId } from './request.js';
import { StreamSlots } from './stream-slots.js';

/** The `Retry-After` of an event stream refused for lack of slots, seconds. */
const STREAM_RETRY_SECONDS = 30;

/** How often an idle stream sends a keep-alive comment, ms. */
const KEEP_ALIVE_MS = 25_000;

export function eventStreamRoutes(app: Hono, deps: Required<AppDeps>): void {
  const { config, bus, log, shutdown } = deps;
  const streams = new StreamSlots({ perClient: config.maxStreamsPerClient, total: config.maxStreams });

  app.get('/api/threads/:threadId/events', async (c) => {
    const threadId = threadParam(c);
    if (!validThreadId(threadId)) return invalid(c, { threadId: ['invalidType'] }, 400);
    if (shutdown.aborted) return c.json({ error: 'unavailable' }, 503, { 'Retry-After': '1' });
    // One slot per open stream, per client (as rate limiting counts clients) and in total.
    const release = streams.take(clientKey(requestAddress(c, config)));
    if (!release) return fail(c, 429, { error: 'too-many-streams', retryAfter: STREAM_RETRY_SECONDS });
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: Comment[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = bus.subscribe(threadId, (comment) => {
        queue.push(comment);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        release();
        wake?.();
      });
      const stop = () => wake?.();
      shutdown.addEventListener('abort', stop);
      try {
        await stream.writeSSE({ event: LIVE_EVENTS.ready, data: '{}', retry: 5000 });
        while (!stream.aborted && !shutdown.aborted) {
          const next = queue.shift();
          if (next) {
            // A comment that does not fit the public schema (an imported or hand-edited row) is not sent.
            const parsed = liveCommentSchema.safeParse(next);
            if (parsed.success)
              await stream.writeSSE({ event: LIVE_EVENTS.comment, id: next.id, data: JSON.stringify(parsed.data) });
            else log(`comment ${next.id} does not fit the public comment schema; not sent to live readers`);
            continue;
          }
          // Wait for an event, or send a keep-alive comment.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, KEEP_ALIVE_MS);
            wake = () => {
              clearTimeout(timer);
              wake = undefined;
              resolve();
            };
          });
          if (!stream.aborted && !shutdown.aborted && queue.length === 0) await stream.write(': keep-alive\n\n');
        }
      } finally {
        shutdown.removeEventListener('abort', stop);
        unsubscribe();
        release();
      }
    });
  });
}
