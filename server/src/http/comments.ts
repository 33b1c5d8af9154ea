/**
 * The comments of a thread:
 *   GET  /api/threads/:threadId/comments   a page of whole threads (+ own pending with X-Author-Token)
 *   POST /api/threads/:threadId/comments   201 { comment, authorToken }
 */
import type { Context, Hono } from 'hono';
import { commentSchema, fieldErrors, notifyWithoutEmail } from 'comment-box/schema.js';
import { createBodySchema, listQuerySchema, type Created, type ListQuery } from 'comment-box/api';
import { clientKey } from '../policy/client-address.js';
import { moderate, moderationUsesHistory, tooFastRetryAfter } from '../policy/moderation.js';
import { DuplicateError, IdempotencyTakenError, InvalidParentError, RateLimitedError } from '../store/comment-store.js';
import { newCommentId, randomToken, sha256 } from '../store/ids.js';
import type { CommentsTable } from '../store/tables.js';
import type { ServerConfig } from '../config.js';
import { localeOf, pickLanguage } from '../notify/i18n.js';
import type { AppDeps } from './app.js';
import { noneMatch } from './etag.js';
import { fail, invalid } from './errors.js';
import type { PageCache } from './page-cache.js';
import { authorToken, jsonBody, requestAddress, threadParam, validThreadId } from './request.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Parsed list queries by their raw query string: each distinct one is parsed once (bounded). */
const parsedQueries = new Map<string, ListQuery>();
const MAX_PARSED_QUERIES = 1000;

/** The list query of a raw query string (after the `?`) that was parsed and valid before, if any. */
export const knownListQuery = (raw: string): ListQuery | undefined => parsedQueries.get(raw);

/** The comment list's query parameters (the contract's `listQuerySchema`), or the fields that are invalid. */
function listQuery(c: Context): ListQuery | { fields: Record<string, string[]> } {
  const url = c.req.url;
  const at = url.indexOf('?');
  const raw = at < 0 ? '' : url.slice(at + 1);
  const known = parsedQueries.get(raw);
  if (known) return known;
  const result = listQuerySchema.safeParse(c.req.query());
  if (!result.success) return { fields: fieldErrors(result.error.issues) as Record<string, string[]> };
  if (parsedQueries.size >= MAX_PARSED_QUERIES) parsedQueries.clear();
  parsedQueries.set(raw, result.data);
  return result.data;
}

/**
 * The page address a post told (`_page`), kept for links in emails only when it is an http(s)
 * address of an origin this server serves (its own, `--public-url`'s, or `--allowed-origins`),
 * without credentials or fragment; else null.
 */
export function pageAddress(page: string | undefined, requestUrl: string, config: ServerConfig): string | null {
  if (!page) return null;
  let url: URL;
  try {
    url = new URL(page);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  const own = [new URL(requestUrl).origin, ...(config.publicUrl ? [new URL(config.publicUrl).origin] : [])];
  if (!own.includes(url.origin) && !config.allowedOrigins.includes(url.origin)) return null;
  return `${url.origin}${url.pathname}${url.search}`;
}

/** A public page of the comment list, 200 or 304, with `extra` headers beside its own. */
function publicPage(c: Context, body: string, etag: string, extra: Record<string, string>) {
  // Any cache may keep it but must revalidate every time (If-None-Match → 304).
  const headers = { ...extra, 'Cache-Control': 'no-cache', ETag: etag };
  return noneMatch(c.req.header('If-None-Match'), etag)
    ? new Response(null, { status: 304, headers })
    : new Response(body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json' } });
}

/** The list (public pages also come from `fast-reads.ts`, before Hono) and posting. */
export function commentRoutes(app: Hono, deps: Required<AppDeps>, pages: PageCache): void {
  const { config, store, bus, log, now } = deps;
  const createBody = createBodySchema({ requireNameEmail: config.requireNameEmail });

  /**
   * Whether a thread takes no new comments: closed by the owner, or (unless the owner opened it)
   * its first comment is older than `closeAfterDays` (WordPress's `close_comments_for_old_posts`,
   * with the first comment standing in for the post's date, which this server does not know).
   */
  const closed = async (threadId: string): Promise<boolean> => {
    if (config.openThreads.includes(threadId)) return false;
    if (config.closedThreads.includes(threadId)) return true;
    if (config.closeAfterDays <= 0) return false;
    const first = await store.firstCommentAt(threadId);
    return first !== null && Date.parse(first) < now() - config.closeAfterDays * 86_400_000;
  };

  // Every page: the fast path (`fast-reads.ts`) passes on errors, pages with an author token, and
  // query strings it has not seen parsed here.
  app.get('/api/threads/:threadId/comments', async (c) => {
    const threadId = threadParam(c);
    if (!validThreadId(threadId)) return invalid(c, { threadId: ['invalidType'] }, 400);
    const query = listQuery(c);
    if ('fields' in query) return invalid(c, query.fields, 400);
    const token = authorToken(c);
    const { body, etag } = await pages.get(threadId, token ? sha256(token) : null, query);
    // With the requester's own pending comments in it: private, never stored by anyone.
    if (etag === null)
      return c.body(body, 200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        Vary: 'X-Author-Token',
      });
    return publicPage(c, body, etag, { Vary: 'X-Author-Token' });
  });

  app.post('/api/threads/:threadId/comments', async (c) => {
    const threadId = threadParam(c);
    if (!validThreadId(threadId)) return invalid(c, { threadId: ['invalidType'] }, 400);
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) return invalid(c, { idempotencyKey: ['invalidType'] }, 400);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;

    // The draft (the shared draft schema) and, beside it, the anti-spam fields.
    const result = createBody.safeParse(body);
    if (!result.success) return invalid(c, fieldErrors(result.error.issues) as Record<string, string[]>);
    const { _hp: honeypot, _t: elapsed, _page: page, _lang: lang, ...draft } = result.data;
    // The draft's one cross-field rule (shared with the form): asking to be notified needs an email.
    if (notifyWithoutEmail(draft)) return invalid(c, { email: ['required'] });
    const fingerprint = sha256(JSON.stringify([threadId, draft]));

    /**
     * The 201 of the first request with this key, when the same draft comes again (found before
     * storing, or after a concurrent request took the key): the one place a post is replayed.
     */
    const replay = async (stored?: { fingerprint: string; response: string }): Promise<Response> => {
      const found = stored ?? (key === undefined ? undefined : await store.findIdempotent(key));
      if (!found) throw new Error('idempotency key vanished');
      if (found.fingerprint !== fingerprint) {
        return fail(c, 422, { error: 'invalid', messageKey: 'idempotencyMismatch', fields: {} });
      }
      return c.body(found.response, 201, { 'Content-Type': 'application/json' });
    };
    const earlier = key === undefined ? undefined : await store.findIdempotent(key);
    if (earlier) return replay(earlier);

    if (await closed(threadId)) return fail(c, 403, { error: 'closed', messageKey: 'closed' });

    const wait = tooFastRetryAfter(config.minSubmitMs, elapsed);
    if (wait !== null) return fail(c, 429, { error: 'too-fast', retryAfter: wait });

    const ip = requestAddress(c, config);
    const t = now();
    const token = authorToken(c) ?? randomToken();
    const userAgent = (c.req.header('User-Agent') ?? '').slice(0, 500);
    /** The 201 body of a stored row: sent now, and kept under the idempotency key for a replay. */
    const created = (row: CommentsTable) =>
      JSON.stringify({
        comment: commentSchema.parse(store.toPublic(row, store.editableUntil(row, config.editWindow * 1000, t))),
        authorToken: token,
      } satisfies Created);
    try {
      const { row } = await store.create({
        id: newCommentId(t),
        threadId,
        draft,
        createdAt: new Date(t).toISOString(),
        authorTokenHash: sha256(token),
        ip,
        userAgent,
        rateLimit: { client: clientKey(ip), limit: config.rateLimit, windowSeconds: config.rateWindow, nowMs: t },
        decide: (approvedBefore) =>
          moderate(
            config,
            { ...draft, ip, userAgent, honeypot: honeypot !== undefined && honeypot !== '' },
            approvedBefore,
          ),
        historyMatters: moderationUsesHistory(config),
        idempotency: key === undefined ? undefined : { key, fingerprint, response: created },
        post: {
          notify: draft.notify === true,
          pageUrl: pageAddress(page, c.req.url, config),
          // The thread's language (the element's), else the poster's browser's.
          language: localeOf(lang) ?? pickLanguage(c.req.header('Accept-Language')),
        },
      });
      if (row.status === 'approved')
        await bus.publish(threadId, store.toPublic(row)).catch((e) => log('publish failed', e));
      return c.body(created(row), 201, { 'Content-Type': 'application/json' });
    } catch (error) {
      if (error instanceof RateLimitedError)
        return fail(c, 429, { error: 'rate-limited', retryAfter: error.retryAfter });
      if (error instanceof DuplicateError) return fail(c, 409, { error: 'conflict', messageKey: 'duplicate' });
      if (error instanceof InvalidParentError) return invalid(c, { parentId: ['invalidParent'] });
      if (error instanceof IdempotencyTakenError) return replay();
      throw error;
    }
  });
}
