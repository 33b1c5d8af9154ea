/**
 * The HTTP API (Hono). Routes:
 *   GET    /api/threads/:threadId/comments   a page of whole threads (+ own pending with X-Author-Token)
 *   POST   /api/threads/:threadId/comments   201 { comment, authorToken }
 *   GET    /api/threads/:threadId/events     Server-Sent Events: newly approved comments
 *   GET    /api/counts?thread=a&thread=b      { counts: { a: 1, b: 0 } }
 *   GET    /api/admin/comments?status=…       moderation list (Bearer admin token)
 *   PATCH  /api/admin/comments/:id            { status } (Bearer admin token)
 *   DELETE /api/admin/comments/:id            (Bearer admin token)
 * plus the demo pages, the script bundle and the /admin page (see static.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { getConnInfo } from '@hono/node-server/conninfo';
import { commentSchema, isCleanText, validateDraft, type Comment } from 'comment-box/schema.js';
import { MAX_HONEYPOT, type ServerConfig } from './config.js';
import { clientAddress, clientKey, moderate } from './client.js';
import type { EventBus } from './events.js';
import { PageCache, noneMatch, type PageOptions } from './cache.js';
import type { CommentOrder } from 'comment-box/adapters/types.js';
import {
  DuplicateError,
  IdempotencyTakenError,
  InvalidParentError,
  RateLimitedError,
  STORED_STATUSES,
  newCommentId,
  randomToken,
  sha256,
  type StoredStatus,
  type Store,
} from './store.js';
import { staticRoutes } from './static.js';
import { StreamSlots } from './streams.js';
import { UNAVAILABLE_RETRY_AFTER, isUnavailable } from './unavailable.js';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  bus: EventBus;
  /** Log a server-side failure (never sent to clients). */
  log?: (message: string, error?: unknown) => void;
  now?: () => number;
}

type ErrorBody = { error: string; fields?: Record<string, string[]>; messageKey?: string; retryAfter?: number };

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const MAX_THREAD_ID = 500;
/** The `Retry-After` of an event stream refused for lack of slots, seconds. */
const STREAM_RETRY_SECONDS = 30;

const validThreadId = (id: string) => id.length > 0 && id.length <= MAX_THREAD_ID && isCleanText(id);

function fail(c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429, body: ErrorBody) {
  if (body.retryAfter !== undefined) c.header('Retry-After', String(body.retryAfter));
  return c.json(body, status);
}

const invalid = (c: Context, fields: Record<string, string[]>, status: 400 | 422 = 422) =>
  fail(c, status, { error: 'invalid', fields });

/** Constant-time comparison of two secrets of any length. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));
}

/** Sent with every answer. */
const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

export function createApp(deps: AppDeps): Hono {
  const { config, store, bus } = deps;
  const log = deps.log ?? ((m, e) => console.error(`comment-box-server: ${m}`, e));
  const now = deps.now ?? Date.now;
  const app = new Hono();
  const allowed = new Set(config.allowedOrigins);
  const pages = new PageCache(store);
  const streams = new StreamSlots({ perClient: config.maxStreamsPerClient, total: config.maxStreams });

  // A database fault (connection lost, SQLite locked by another process or out of disk) is a 503
  // the client retries; anything else a 500. Neither carries more than its error word.
  app.onError((error, c) => {
    if (isUnavailable(error)) {
      // The driver's message only: many requests can fail at once, a stack each would flood the log.
      log(`${c.req.method} ${c.req.path}: database unavailable`, error.cause instanceof Error ? error.cause.message : error.message);
      return c.json({ error: 'unavailable' }, 503, { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER) });
    }
    log(`${c.req.method} ${c.req.path} failed`, error);
    return c.json({ error: 'internal' }, 500);
  });

  /** Whether the request's origin (if any) may use the API: the server's own, or an allowed one. */
  const originAllowed = (c: Context, origin: string | undefined) =>
    origin === undefined || allowed.has(origin) || origin === new URL(c.req.url).origin;
  /** CORS headers of an API answer to an allowed cross-origin request (none otherwise). */
  const corsHeaders = (c: Context): Record<string, string> => {
    const origin = c.req.header('Origin');
    return origin !== undefined && originAllowed(c, origin)
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After, ETag' }
      : {};
  };
  const threadParam = (c: Context) => c.req.param('threadId') ?? '';

  /** The comment list's query parameters, or the fields that are invalid. */
  const listQuery = (c: Context): PageOptions | { fields: Record<string, string[]> } => {
    const fields: Record<string, string[]> = {};
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined ? 50 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) fields['limit'] = ['invalidType'];
    const order = c.req.query('order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') fields['order'] = ['invalidType'];
    const cursor = c.req.query('cursor') ?? null;
    if (cursor !== null && !/^\d{1,9}$/.test(cursor)) fields['cursor'] = ['invalidType'];
    return Object.keys(fields).length > 0 ? { fields } : { cursor, limit, order: order as CommentOrder };
  };

  /** A public page of the comment list, 200 or 304, with `extra` headers beside its own. */
  const publicPage = (c: Context, body: string, etag: string, extra: Record<string, string>) => {
    // Any cache may keep it but must revalidate every time (If-None-Match → 304).
    const headers = { ...extra, 'Cache-Control': 'no-cache', ETag: etag };
    return noneMatch(c.req.header('If-None-Match'), etag)
      ? new Response(null, { status: 304, headers })
      : new Response(body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json' } });
  };

  // ---- the hot read path ------------------------------------------------------------------------
  // A public page of comments, registered before the middlewares: it sets every header they would,
  // in one plain object, and skips their work. (Touching a response's headers after the fact turns
  // @hono/node-server's lightweight response into a full one: a real cost at tens of thousands of
  // requests a second.) Anything else (invalid parameters, an author token) goes on to the
  // middlewares and the full route below.
  app.get('/api/threads/:threadId/comments', async (c, next) => {
    const threadId = threadParam(c);
    const query = validThreadId(threadId) && c.req.header('X-Author-Token') === undefined ? listQuery(c) : null;
    if (query === null || 'fields' in query) return next();
    const { body, etag } = await pages.get(threadId, null, query);
    if (etag === null) return next();
    return publicPage(c, body, etag, {
      ...SECURITY_HEADERS,
      ...corsHeaders(c),
      Vary: 'X-Author-Token, Origin',
    });
  });

  // After `next()` the response exists: change its headers in place. (`c.header()` there would
  // rebuild the whole response, body included, once per call.)
  app.use('*', async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    headers.delete('X-Powered-By');
  });

  // ---- API headers, CORS, size and type limits ------------------------------------------------
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('Origin');
    const self = () => new URL(c.req.url).origin;
    const ok = originAllowed(c, origin);
    if (c.req.method === 'OPTIONS') {
      if (!ok) return c.body(null, 403);
      c.header('Access-Control-Allow-Origin', origin ?? self());
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, X-Author-Token, Authorization, If-None-Match');
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
    for (const [name, value] of Object.entries(corsHeaders(c))) headers.set(name, value);
  });
  const limitBody = bodyLimit({
    maxSize: config.maxBody,
    onError: (c) => {
      // The rest of the body is not read: the connection cannot be reused.
      c.header('Connection', 'close');
      return fail(c, 413, { error: 'too-large' });
    },
  });
  // Not on GET: looking at the body would build a full Request object on the read path.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  /** Reads a JSON object body, or answers 415/400. */
  async function jsonBody(c: Context): Promise<Record<string, unknown> | Response> {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) {
      return fail(c, 415, { error: 'unsupported-media-type' });
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return invalid(c, { form: ['invalidType'] }, 400);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid(c, { form: ['invalidType'] }, 400);
    return body as Record<string, unknown>;
  }

  // ---- public API ----------------------------------------------------------------------------
  // Everything the hot path above passed on: errors, and pages with the requester's own pending comments.
  app.get('/api/threads/:threadId/comments', async (c) => {
    const threadId = threadParam(c);
    if (!validThreadId(threadId)) return invalid(c, { threadId: ['invalidType'] }, 400);
    const query = listQuery(c);
    if ('fields' in query) return invalid(c, query.fields, 400);
    const token = c.req.header('X-Author-Token');
    const tokenHash = token && TOKEN.test(token) ? sha256(token) : null;
    const { body, etag } = await pages.get(threadId, tokenHash, query);
    // With the requester's own pending comments in it: private, never stored by anyone.
    if (etag === null) return c.body(body, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Vary: 'X-Author-Token' });
    return publicPage(c, body, etag, { Vary: 'X-Author-Token' });
  });

  app.post('/api/threads/:threadId/comments', async (c) => {
    const threadId = threadParam(c);
    if (!validThreadId(threadId)) return invalid(c, { threadId: ['invalidType'] }, 400);
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) return invalid(c, { idempotencyKey: ['invalidType'] }, 400);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;

    // Anti-spam fields travel beside the draft; the draft itself is checked by the shared schema.
    const { _hp: honeypot, _t: elapsed, ...rest } = body;
    const extra: Record<string, string[]> = {};
    if (honeypot !== undefined && (typeof honeypot !== 'string' || honeypot.length > MAX_HONEYPOT)) extra._hp = ['invalidType'];
    if (elapsed !== undefined && (typeof elapsed !== 'number' || !Number.isFinite(elapsed) || elapsed < 0)) {
      extra._t = ['invalidType'];
    }
    const result = validateDraft(rest, { requireNameEmail: config.requireNameEmail });
    if (!result.success || Object.keys(extra).length > 0) {
      return invalid(c, { ...(result.success ? {} : (result.errors as Record<string, string[]>)), ...extra });
    }
    const draft = result.data;
    const fingerprint = sha256(JSON.stringify([threadId, draft]));

    const replay = async (): Promise<Response> => {
      const found = key === undefined ? undefined : await store.findIdempotent(key);
      if (!found) throw new Error('idempotency key vanished');
      if (found.fingerprint !== fingerprint) {
        return fail(c, 422, { error: 'invalid', messageKey: 'idempotencyMismatch', fields: {} });
      }
      return c.body(found.response, 201, { 'Content-Type': 'application/json' });
    };
    if (key !== undefined && (await store.findIdempotent(key))) return replay();

    const startedMs = typeof elapsed === 'number' ? elapsed : 0;
    if (config.minSubmitMs > 0 && startedMs < config.minSubmitMs) {
      return fail(c, 429, { error: 'too-fast', retryAfter: Math.max(1, Math.ceil((config.minSubmitMs - startedMs) / 1000)) });
    }

    const incoming = c.env as { incoming?: unknown } | undefined;
    const socketAddress = incoming?.incoming ? getConnInfo(c).remote.address : undefined;
    const ip = clientAddress(socketAddress, c.req.header('X-Forwarded-For'), config.trustProxy);
    const t = now();

    const sent = c.req.header('X-Author-Token');
    const authorToken = sent && TOKEN.test(sent) ? sent : randomToken();
    const userAgent = (c.req.header('User-Agent') ?? '').slice(0, 500);
    try {
      const { row, comment } = await store.create({
        id: newCommentId(t),
        threadId,
        draft,
        createdAt: new Date(t).toISOString(),
        authorTokenHash: sha256(authorToken),
        ip,
        userAgent,
        rateLimit: { client: clientKey(ip), limit: config.rateLimit, windowSeconds: config.rateWindow, nowMs: t },
        decide: (approvedBefore) =>
          moderate(
            config,
            { ...draft, ip, userAgent, honeypot: typeof honeypot === 'string' && honeypot !== '' },
            approvedBefore,
          ),
        idempotency:
          key === undefined
            ? undefined
            : { key, fingerprint, response: (cm) => JSON.stringify({ comment: cm, authorToken }) },
      });
      if (row.status === 'approved') await bus.publish(threadId, comment.id).catch((e) => log('publish failed', e));
      return c.json({ comment: commentSchema.parse(comment), authorToken }, 201);
    } catch (error) {
      if (error instanceof RateLimitedError) return fail(c, 429, { error: 'rate-limited', retryAfter: error.retryAfter });
      if (error instanceof DuplicateError) return fail(c, 409, { error: 'conflict', messageKey: 'duplicate' });
      if (error instanceof InvalidParentError) return invalid(c, { parentId: ['invalidParent'] });
      if (error instanceof IdempotencyTakenError) return replay();
      throw error;
    }
  });

  app.get('/api/threads/:threadId/events', async (c) => {
    const threadId = threadParam(c);
    if (!validThreadId(threadId)) return invalid(c, { threadId: ['invalidType'] }, 400);
    // One slot per open stream, per client (as rate limiting counts clients) and in total.
    const incoming = c.env as { incoming?: unknown } | undefined;
    const socketAddress = incoming?.incoming ? getConnInfo(c).remote.address : undefined;
    const release = streams.take(clientKey(clientAddress(socketAddress, c.req.header('X-Forwarded-For'), config.trustProxy)));
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
      try {
        await stream.writeSSE({ event: 'ready', data: '{}', retry: 5000 });
        while (!stream.aborted) {
          const next = queue.shift();
          if (next) {
            // A comment that does not fit the public schema (an imported or hand-edited row) is not sent.
            const parsed = commentSchema.safeParse(next);
            if (parsed.success) await stream.writeSSE({ event: 'comment', id: next.id, data: JSON.stringify(parsed.data) });
            else log(`comment ${next.id} does not fit the public comment schema; not sent to live readers`);
            continue;
          }
          // Wait for an event, or send a keep-alive comment every 25 s.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 25_000);
            wake = () => {
              clearTimeout(timer);
              wake = undefined;
              resolve();
            };
          });
          if (!stream.aborted && queue.length === 0) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
        release();
      }
    });
  });

  app.get('/api/counts', async (c) => {
    const threads = [...new Set(c.req.queries('thread') ?? [])];
    if (threads.length === 0 || threads.length > 100 || !threads.every(validThreadId)) {
      return invalid(c, { thread: ['invalidType'] }, 400);
    }
    return c.json({ counts: await store.counts(threads) });
  });

  // ---- moderation API -------------------------------------------------------------------------
  app.use('/api/admin/*', async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!config.adminToken || !token || !sameSecret(token, config.adminToken)) {
      c.header('WWW-Authenticate', 'Bearer');
      return fail(c, 401, { error: 'unauthorized' });
    }
    await next();
  });

  app.get('/api/admin/comments', async (c) => {
    const status = (c.req.query('status') ?? 'pending') as StoredStatus;
    const limit = Number(c.req.query('limit') ?? 50);
    const cursor = c.req.query('cursor') ?? null;
    const fields: Record<string, string[]> = {};
    if (!STORED_STATUSES.includes(status)) fields.status = ['invalidType'];
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) fields.limit = ['invalidType'];
    if (cursor !== null && (cursor.length > 300 || !isCleanText(cursor))) fields.cursor = ['invalidType'];
    if (Object.keys(fields).length > 0) return invalid(c, fields, 400);
    return c.json(await store.adminList(status, limit, cursor));
  });

  app.patch('/api/admin/comments/:id', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const keys = Object.keys(body);
    const status = body.status as StoredStatus;
    if (keys.length !== 1 || !STORED_STATUSES.includes(status)) return invalid(c, { status: ['invalidType'] });
    const changed = await store.setStatus(c.req.param('id'), status);
    if (!changed) return fail(c, 404, { error: 'not-found' });
    const { before, row } = changed;
    if (row.status === 'approved' && before.status !== 'approved') {
      await bus.publish(row.thread_id, row.id).catch((e) => log('publish failed', e));
    }
    return c.json({ comment: store.toAdmin(row) });
  });

  app.delete('/api/admin/comments/:id', async (c) => {
    if (!(await store.delete(c.req.param('id')))) return fail(c, 404, { error: 'not-found' });
    return c.body(null, 204);
  });

  app.all('/api/*', (c) => fail(c, 404, { error: 'not-found' }));

  staticRoutes(app, config);
  app.notFound((c) => c.text('Not found', 404));
  return app;
}
