/**
 * The adapter of the reference server (`comment-box-server`): `backend="rest" endpoint="https://host"`.
 * Every response is parsed with the shared schemas; HTTP failures become `CommentAdapterError`s.
 */
import * as z from 'zod/mini';
import { recordOf } from '../record.js';
import { commentPageReader, commentSchema, type Comment, type CommentDraft } from '../schema.js';
import { safeStorage, type SafeStorage } from '../storage.js';
import { CommentAdapterError, throwIfAborted, type AdapterErrorInit, type CommentAdapter } from './types.js';

export interface RestAdapterOptions {
  /** The server's base URL (`''` for the page's own origin). The API is under `/api/`. */
  endpoint: string;
  fetch?: typeof fetch;
  /** Where the author token is kept. Default: `localStorage`, never throwing. */
  storage?: SafeStorage;
}

const createdSchema = z.object({ comment: commentSchema, authorToken: z.string().check(z.maxLength(200)) });
const errorSchema = z.object({
  fields: z.optional(recordOf(z.array(z.string()))),
  messageKey: z.optional(z.string()),
});

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function failure(res: Response): Promise<CommentAdapterError> {
  const body = errorSchema.safeParse(await res.json().catch(() => ({})));
  // Only `fields` and `messageKey`: the schema drops every other key.
  const init: AdapterErrorInit = body.success ? (body.data as AdapterErrorInit) : {};
  const s = res.status;
  const code =
    s === 400 || s === 422 ? 'invalid'
    : s === 429 ? 'rate-limited'
    : s === 409 ? 'conflict'
    : s === 401 || s === 403 ? 'unauthorized'
    : s === 404 ? 'not-found'
    : 'unavailable';
  return new CommentAdapterError(code, `The server answered ${s}.`, { ...init, retryAfter: retryAfter(res.headers.get('Retry-After')) });
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
  const tokenKey = `comment-box:author-token:${base}`;
  const shown = Date.now();
  const url = (threadId: string, rest: string) => `${base}/api/threads/${encodeURIComponent(threadId)}/${rest}`;
  /**
   * This adapter's own posts, per thread: the live event of one is not passed on (its element shows
   * the post's answer already). The server may send that event before it answers the post, so
   * while a post is in flight the thread's live events wait for it.
   */
  const own = new Map<string, { ids: Set<string>; inFlight: number; waiting: Array<() => void> }>();
  const ownPosts = (threadId: string) => {
    let posts = own.get(threadId);
    if (!posts) own.set(threadId, (posts = { ids: new Set(), inFlight: 0, waiting: [] }));
    return posts;
  };

  async function request<T>(input: string, init: RequestInit, schema: z.ZodMiniType<T>): Promise<T> {
    throwIfAborted(init.signal ?? undefined);
    const token = storage.get(tokenKey);
    const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers as Record<string, string>) };
    if (token) headers['X-Author-Token'] = token;
    let res: Response;
    try {
      res = await doFetch(input, { ...init, headers, credentials: 'omit' });
    } catch (error) {
      throw init.signal?.aborted ? new CommentAdapterError('aborted', 'The request was aborted.') : CommentAdapterError.from(error);
    }
    if (!res.ok) throw await failure(res);
    let parsed;
    try {
      parsed = schema.safeParse(await res.json());
    } catch (error) {
      throw init.signal?.aborted ? CommentAdapterError.from(error) : new CommentAdapterError('bad-response', 'The server sent no JSON.');
    }
    if (!parsed.success) throw new CommentAdapterError('bad-response', 'The server sent a malformed response.');
    return parsed.data;
  }

  /** Posts a draft; keeps the author token the server answers with. */
  async function post(threadId: string, draft: CommentDraft, idempotencyKey: string, signal: AbortSignal | undefined): Promise<Comment> {
    const { comment, authorToken } = await request(
      url(threadId, 'comments'),
      {
        method: 'POST',
        signal,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        // `_hp` is the honeypot (always empty from a person), `_t` the time since the form was shown.
        body: JSON.stringify({ ...draft, _hp: '', _t: Date.now() - shown }),
      },
      createdSchema,
    );
    storage.set(tokenKey, authorToken);
    return comment;
  }

  return {
    scope: 'shared',
    list(threadId, { cursor, limit, order, signal }) {
      const q = new URLSearchParams({ limit: String(limit), order });
      if (cursor) q.set('cursor', cursor);
      // Comment by comment: one that does not fit is counted in `dropped`, the rest are kept.
      return request(url(threadId, `comments?${q}`), { signal }, commentPageReader);
    },
    async create(threadId, draft, { idempotencyKey, signal }) {
      const posts = ownPosts(threadId);
      posts.inFlight++;
      try {
        const comment = await post(threadId, draft, idempotencyKey, signal);
        posts.ids.add(comment.id);
        return comment;
      } finally {
        if (--posts.inFlight === 0) for (const deliver of posts.waiting.splice(0)) deliver();
      }
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
      const posts = ownPosts(threadId);
      // The listener goes with the signal; the stream with its last subscriber.
      source.addEventListener(
        'comment',
        (event) => {
          let comment: Comment;
          try {
            const parsed = commentSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
            if (!parsed.success) return;
            comment = parsed.data;
          } catch {
            return; // a malformed event is ignored
          }
          const deliver = () => {
            if (!signal.aborted && !posts.ids.has(comment.id)) onComment(comment);
          };
          if (posts.inFlight > 0) posts.waiting.push(deliver);
          else deliver();
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
