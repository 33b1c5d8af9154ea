/**
 * The two reads every page view makes, served straight on node:http before Hono sees the request:
 *
 *   GET /api/threads/:threadId/comments   a public page (no `X-Author-Token`), from the page cache
 *   GET /api/counts?thread=a&thread=b     approved comments per thread, from the count cache
 *
 * They answer exactly what the full routes (`comments.ts`, `counts.ts`, behind the middlewares)
 * answer, with the same headers and the same request-log line, but skip the framework's per-request
 * work (its request and context objects, routing, the middleware chain), which is most of the cost
 * of a cached answer. Anything unusual goes on to Hono untouched: another method, an author token, a
 * query string not seen before (Hono parses and validates it once, `knownListQuery` keeps it), a path
 * with encoded characters the router would treat differently, and any failure (the full route then
 * answers, with its error handling).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Counts, ListQuery } from 'comment-box/api';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../log.js';
import { anonymizeAddress, clientAddress } from '../policy/client-address.js';
import { knownListQuery } from './comments.js';
import type { CountCache } from './count-cache.js';
import { knownCountsQuery } from './counts.js';
import { noneMatch } from './etag.js';
import { SECURITY_HEADERS, type CorsPolicy } from './middlewares.js';
import type { PageCache, ServedPage } from './page-cache.js';
import { validThreadId } from './request.js';

export interface FastReadDeps {
  config: Pick<ServerConfig, 'trustProxy'>;
  pages: PageCache;
  counts: CountCache;
  cors: CorsPolicy;
  logger: Logger;
}

/** A node:http request listener's first look: true when it answered (or will), false to pass on. */
export type FastReads = (req: IncomingMessage, res: ServerResponse, next: () => void) => boolean;

/** The headers of the answers, as the middlewares and the full routes set them (ETag and CORS aside). */
const PAGE_304 = { ...SECURITY_HEADERS, Vary: 'X-Author-Token, Origin', 'Cache-Control': 'no-cache' };
const PAGE_200 = { ...PAGE_304, 'Content-Type': 'application/json' };
const COUNTS_200 = {
  ...SECURITY_HEADERS,
  Vary: 'Origin',
  'Cache-Control': 'no-store',
  'Content-Type': 'application/json',
};

const THREADS = '/api/threads/';
const COMMENTS = '/comments';
const COUNTS = '/api/counts';

/** The thread id of a comment-list path, or null when it is not one the fast path takes. */
function threadOfPath(path: string): string | null {
  if (!path.startsWith(THREADS) || !path.endsWith(COMMENTS)) return null;
  const segment = path.slice(THREADS.length, path.length - COMMENTS.length);
  // Encoded characters (a page path's `%2F`) are left to the router, which decodes them its way.
  if (segment === '' || segment.includes('/') || segment.includes('%')) return null;
  return validThreadId(segment) ? segment : null;
}

export function fastReads(deps: FastReadDeps): FastReads {
  const { config, pages, counts, cors, logger } = deps;
  const logging = logger.enabled('info');

  /** `headers` (built once), with the CORS headers of an allowed cross-origin request. */
  const withCors = (req: IncomingMessage, headers: Record<string, string>): Record<string, string> => {
    const origin = req.headers.origin;
    if (origin === undefined || !cors.allowsFrom(origin, () => `http://${req.headers.host ?? ''}`)) return headers;
    return { ...headers, 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After, ETag' };
  };

  const logLine = (req: IncomingMessage, route: string, status: number, start: number) => {
    if (!logging) return;
    const forwarded = req.headers['x-forwarded-for'];
    logger.info('request', {
      method: 'GET',
      route,
      status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      client: anonymizeAddress(
        clientAddress(
          req.socket.remoteAddress,
          Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
          config.trustProxy,
        ),
      ),
    });
  };

  const sendPage = (req: IncomingMessage, res: ServerResponse, served: ServedPage, start: number) => {
    const etag = served.etag!;
    const status = noneMatch(req.headers['if-none-match'], etag) ? 304 : 200;
    if (status === 304) res.writeHead(304, withCors(req, { ...PAGE_304, ETag: etag })).end();
    else res.writeHead(200, withCors(req, { ...PAGE_200, ETag: etag })).end(served.encoded ?? served.body);
    logLine(req, '/api/threads/:threadId/comments', status, start);
  };

  const sendCounts = (req: IncomingMessage, res: ServerResponse, found: Counts['counts'], start: number) => {
    res.writeHead(200, withCors(req, COUNTS_200)).end(JSON.stringify({ counts: found } satisfies Counts));
    logLine(req, COUNTS, 200, start);
  };

  /** Answers from the cache now when it can (SQLite); else after reading (PostgreSQL, a miss). */
  const page = (req: IncomingMessage, res: ServerResponse, next: () => void, threadId: string, query: ListQuery) => {
    const start = performance.now();
    const cached = pages.cachedNow(threadId, query);
    if (cached) return sendPage(req, res, cached, start);
    pages.get(threadId, null, query).then(
      (served) => (served.etag === null ? next() : sendPage(req, res, served, start)),
      () => next(),
    );
  };

  const countsOf = (req: IncomingMessage, res: ServerResponse, next: () => void, threads: string[]) => {
    const start = performance.now();
    const cached = counts.countsNow(threads);
    if (cached) return sendCounts(req, res, cached, start);
    counts.counts(threads).then(
      (found) => sendCounts(req, res, found, start),
      () => next(),
    );
  };

  return (req, res, next) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const at = url.indexOf('?');
    const path = at < 0 ? url : url.slice(0, at);
    const raw = at < 0 ? '' : url.slice(at + 1);
    if (path === COUNTS) {
      const threads = knownCountsQuery(raw);
      if (!threads) return false;
      try {
        countsOf(req, res, next, threads);
      } catch {
        next();
      }
      return true;
    }
    const threadId = threadOfPath(path);
    const query = threadId === null || req.headers['x-author-token'] !== undefined ? undefined : knownListQuery(raw);
    if (!query) return false;
    try {
      page(req, res, next, threadId!, query);
    } catch {
      next();
    }
    return true;
  };
}
