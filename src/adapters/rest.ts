/**
 * The adapter of the reference server (`comment-box-server`): `backend="rest" endpoint="https://host"`.
 * Every response is parsed with the shared schemas; HTTP failures become `CommentAdapterError`s.
 */
import type * as z from 'zod/mini';
import {
  commentPageReader,
  createdSchema,
  deletedSchema,
  MAX_PAGE_URL,
  editedSchema,
  listQueryString,
  type CreateBody,
} from '../api/comments.js';
import { errorBodySchema } from '../api/errors.js';
import { LIVE_EVENTS, liveCommentSchema } from '../api/live.js';
import { safeStorage, storageKeys, type SafeStorage } from '../storage.js';
import {
  abortedError,
  CommentAdapterError,
  throwIfAborted,
  type AdapterErrorInit,
  type CommentAdapter,
} from './types.js';

export interface RestAdapterOptions {
  /** The server's base URL (`''` for the page's own origin). The API is under `/api/`. */
  endpoint: string;
  fetch?: typeof fetch;
  /** Where the author token is kept. Default: `localStorage`, never throwing. */
  storage?: SafeStorage;
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function failure(res: Response): Promise<CommentAdapterError> {
  const body = errorBodySchema.safeParse(await res.json().catch(() => ({})));
  // `fields` and `messageKey` (the error's constructor takes only what it knows; `retryAfter` comes
  // from the header, which the body's copies).
  const init = (body.success ? body.data : {}) as AdapterErrorInit;
  const s = res.status;
  // A thread the site owner closed answers 403 `closed`: not a matter of who asks.
  const code =
    s === 403 && body.success && body.data.error === 'closed'
      ? 'closed'
      : s === 400 || s === 422
        ? 'invalid'
        : s === 429
          ? 'rate-limited'
          : s === 409
            ? 'conflict'
            : s === 401 || s === 403
              ? 'unauthorized'
              : s === 404 || s === 410
                ? 'not-found'
                : 'unavailable';
  return new CommentAdapterError(code, `The server answered ${s}.`, {
    ...init,
    retryAfter: retryAfter(res.headers.get('Retry-After')),
  });
}

/**
 * The event streams open on this page, by URL, with how many subscriptions use each: every adapter
 * of the page shares them, and the last subscription to end closes its stream.
 */
const sharedStreams = new Map<string, { source: EventSource; users: number }>();

/** Creates the adapter of a comment-box server at `endpoint`. */
export function createRestAdapter(options: RestAdapterOptions): CommentAdapter {
  const base = options.endpoint.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const storage = options.storage ?? safeStorage();
  const tokenKey = storageKeys.authorToken(base);
  const shown = Date.now();
  const url = (threadId: string, rest: string) => `${base}/api/threads/${encodeURIComponent(threadId)}/${rest}`;
  /**
   * The ids of this adapter's own posts: their live events are not passed on (its element shows the
   * post's answer already). The server may send that event before it answers the post, so while a
   * post is in flight live events wait for it.
   */
  const ownIds = new Set<string>();
  let posting = 0;
  const waiting: Array<() => void> = [];

  async function request<T>(input: string, init: RequestInit, schema: z.ZodMiniType<T>): Promise<T> {
    throwIfAborted(init.signal);
    const token = storage.get(tokenKey);
    const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers as Record<string, string>) };
    if (token) headers['X-Author-Token'] = token;
    let res: Response;
    try {
      res = await doFetch(input, { ...init, headers, credentials: 'omit' });
    } catch (error) {
      throw init.signal?.aborted ? abortedError(error) : CommentAdapterError.from(error);
    }
    if (!res.ok) throw await failure(res);
    let parsed;
    try {
      parsed = schema.safeParse(await res.json());
    } catch (error) {
      throw init.signal?.aborted
        ? CommentAdapterError.from(error)
        : new CommentAdapterError('bad-response', 'The server sent no JSON.');
    }
    if (!parsed.success) throw new CommentAdapterError('bad-response', 'The server sent a malformed response.');
    return parsed.data;
  }

  return {
    scope: 'shared',
    list(threadId, options) {
      // The limit is clamped to the contract's bounds: a `page-size` above them pages through the rest.
      // Comment by comment: one that does not fit is counted in `dropped`, the rest are kept.
      return request(
        url(threadId, `comments?${listQueryString(options)}`),
        { signal: options.signal },
        commentPageReader,
      );
    },
    async create(threadId, draft, { idempotencyKey, signal }) {
      posting++;
      try {
        const { comment, authorToken } = await request(
          url(threadId, 'comments'),
          {
            method: 'POST',
            signal,
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
            // `_hp` is the honeypot (always empty from a person), `_t` the time since the form was
            // shown, `_page` the page's address without its fragment, for links in notification
            // emails (cut to the API's limit). The draft's `notify` is there only when asked.
            body: JSON.stringify({
              ...draft,
              _page: globalThis.location?.href.replace(/#.*/, '').slice(0, MAX_PAGE_URL),
              _hp: '',
              _t: Date.now() - shown,
            } satisfies CreateBody),
          },
          createdSchema,
        );
        storage.set(tokenKey, authorToken);
        ownIds.add(comment.id);
        return comment;
      } finally {
        if (--posting === 0) waiting.splice(0).forEach((deliver) => deliver());
      }
    },
    // Proven by the author token sent with every request (see `request`).
    async edit(threadId, id, edit, { signal }) {
      const one = url(threadId, `comments/${encodeURIComponent(id)}`);
      const init = { method: 'PATCH', signal, headers: { 'Content-Type': 'application/json' } };
      return (await request(one, { ...init, body: JSON.stringify(edit) }, editedSchema)).comment;
    },
    async remove(threadId, id, { signal }) {
      const one = url(threadId, `comments/${encodeURIComponent(id)}`);
      return (await request(one, { method: 'DELETE', signal }, deletedSchema)).comment;
    },
    subscribe(threadId, onComment, { signal }) {
      if (typeof EventSource !== 'function' || signal.aborted) return;
      // One stream per thread and server on the page, shared by every subscriber (a server caps
      // the streams of each client); one the browser gave up on is replaced.
      const key = url(threadId, 'events');
      let stream = sharedStreams.get(key);
      if (!stream || stream.source.readyState === EventSource.CLOSED) {
        sharedStreams.set(key, (stream = { source: new EventSource(key), users: 0 }));
      }
      const { source } = stream;
      stream.users++;
      // The listener goes with the signal; the stream with its last subscriber.
      source.addEventListener(
        LIVE_EVENTS.comment,
        (event) => {
          try {
            const parsed = liveCommentSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
            const deliver = () =>
              parsed.success && !signal.aborted && !ownIds.has(parsed.data.id) && onComment(parsed.data);
            if (posting > 0) waiting.push(deliver);
            else deliver();
          } catch {
            /* a malformed event is ignored */
          }
        },
        { signal },
      );
      const shared = stream;
      signal.addEventListener(
        'abort',
        () => {
          if (--shared.users > 0) return;
          source.close();
          if (sharedStreams.get(key) === shared) sharedStreams.delete(key);
        },
        { once: true },
      );
    },
  };
}
