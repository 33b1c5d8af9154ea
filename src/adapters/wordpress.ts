/**
 * A backend adapter for WordPress's REST API (`/wp/v2/comments`), anonymous posting included.
 *
 * ```ts
 * import { createWordPressAdapter } from 'comment-box/adapters/wordpress.js';
 * el.adapter = createWordPressAdapter({ endpoint: 'https://blog.example' });
 * ```
 * or, in HTML, `<comment-box backend="wordpress" endpoint="https://blog.example" thread-id="123">`.
 *
 * The site must allow anonymous REST comments (a one-line must-use plugin, see docs/wordpress.md).
 * Every WordPress response is parsed with zod; anything unexpected becomes a `bad-response` error.
 * Bodies come back as WordPress's HTML: a body that is only paragraphs, line breaks and text
 * becomes plain text; anything richer is returned with `format: 'html'` for the element to sanitize.
 */
import * as z from 'zod/mini';
import { fnv1a } from '../hash.js';
import { recordOf } from '../record.js';
import {
  commentSchema,
  isHttpUrl,
  keepFitting,
  LIMITS,
  validateDraft,
  type Comment,
  type CommentDraft,
  type CommentPage,
  type FieldErrors,
} from '../schema.js';
import { safeStorage, storageKeys, type SafeStorage } from '../storage.js';
import { byDate as oldestFirst } from '../threads.js';
import { isReplay, requestBody } from './idempotency.js';
import {
  abortedError,
  CommentAdapterError,
  throwIfAborted,
  type CommentAdapter,
  type CommentOrder,
  type CreateOptions,
  type ListOptions,
} from './types.js';

export interface WordPressAdapterOptions {
  /**
   * The site's address (`https://blog.example`, or `https://example.com/blog` for a site in a
   * folder), which uses `?rest_route=` and works with every permalink setting; or the REST root
   * itself (`https://blog.example/wp-json/`).
   */
  endpoint: string;
  /** The post whose comments to show. Default: the element's `thread-id` (an id, a slug or a path). */
  postId?: number;
  /** The post's slug, resolved once through the posts (then pages) endpoint. */
  slug?: string;
  /** Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /**
   * `gravatar` shows WordPress's `author_avatar_urls` (a request to Gravatar, a third party, for
   * every reader). Default `none`: the element's local identicon.
   */
  avatars?: 'none' | 'gravatar';
  /** Where the author's own held comments are kept. Default `localStorage` (never throws). */
  storage?: SafeStorage;
}

// ---- WordPress's shapes -----------------------------------------------------------------------

// Numbers as plain checks: this module shares zod with the main bundle, so zod's number classes
// would land in comment-box.js (about 0.7 kB gzip) although only this lazy module uses them.
const int = (min = Number.MIN_SAFE_INTEGER) => z.custom<number>((v) => Number.isSafeInteger(v) && (v as number) >= min);
const finite = z.custom<number>((v) => typeof v === 'number' && Number.isFinite(v));

const wpDate = z.string().check(z.refine((v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(v)));

const wpComment = z.object({
  id: int(1),
  post: int(),
  parent: int(0),
  author: z.optional(int()),
  author_name: z.string(),
  author_url: z.string(),
  /** UTC, without a zone suffix. */
  date_gmt: wpDate,
  content: z.object({ rendered: z.string() }),
  status: z.string(),
  author_avatar_urls: z.optional(recordOf(z.string())),
});
type WpComment = z.infer<typeof wpComment>;

/** A list answer: its items are parsed one by one (`keepFitting`), so one malformed comment never hides the rest. */
const wpCommentList = z.array(z.custom<unknown>());
const wpIdList = z.array(z.object({ id: int(1) }));
const wpRef = z.object({ id: int(1), post: int() });
const wpError = z.object({
  code: z.string(),
  message: z.optional(z.string()),
  data: z.optional(z.custom()),
});
const heldList = z.array(z.object({ savedAt: finite, comment: commentSchema }));

const FIELDS = 'id,post,parent,author,author_name,author_url,date_gmt,content,status,author_avatar_urls';
const PER_PAGE = 100;
/** WordPress's default flood interval, in seconds. */
const FLOOD_SECONDS = 15;
const HELD_TTL = 30 * 24 * 3600 * 1000;

// ---- bodies -----------------------------------------------------------------------------------

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes HTML character references; undefined when one is not known here. */
function decodeEntities(text: string): string | undefined {
  let unknown = false;
  const out = text.replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
      unknown = true;
      return all;
    }
    const named = NAMED[ref.toLowerCase()];
    if (named === undefined) unknown = true;
    return named ?? all;
  });
  return unknown ? undefined : out;
}

/**
 * WordPress's rendered HTML as plain text when it holds nothing but paragraphs, line breaks and
 * text (what `wpautop` makes of a plain comment); undefined when it holds any other markup.
 */
export function wordpressHtmlToText(rendered: string): string | undefined {
  const trimmed = rendered.trim();
  if (!/^(?:<p>|<\/p>|<br \/>|<br>|[^<>])*$/.test(trimmed)) return undefined;
  const body = trimmed
    .replace(/^<p>/, '')
    .replace(/<\/p>$/, '')
    .replace(/<\/p>\s*<p>/g, '\n\n')
    .replace(/<br \/?>\n?/g, '\n');
  if (/<\/?p>/.test(body)) return undefined;
  return decodeEntities(body);
}

/** Plain text typed by a reader, escaped so that WordPress stores it as text, not as markup. */
export function textToWordPress(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---- helpers ----------------------------------------------------------------------------------

/** Waits for `promise`, rejecting early with `aborted` when `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/** Idempotency records, shared by every adapter instance of the page. */
const attempts = new Map<string, { body: string; comment?: Comment }>();

function dataOf(value: unknown): { status?: number; params?: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as { status?: unknown; params?: unknown };
  return {
    status: typeof v.status === 'number' ? v.status : undefined,
    params: typeof v.params === 'object' && v.params !== null ? (v.params as Record<string, unknown>) : undefined,
  };
}

const PARAM_FIELDS: Record<string, 'content' | 'name' | 'email' | 'url' | 'parentId'> = {
  author_email: 'email',
  author_name: 'name',
  author_url: 'url',
  content: 'content',
  parent: 'parentId',
};

/** Maps a WordPress error answer to the adapter's error codes and keys. */
export function wordpressError(
  status: number,
  body: unknown,
  draft?: CommentDraft,
  retryAfter?: number,
): CommentAdapterError {
  const parsed = wpError.safeParse(body);
  const code = parsed.success ? parsed.data.code : '';
  const message = `WordPress: ${code || `HTTP ${status}`}`;
  const invalid = (fields: FieldErrors, messageKey?: string) =>
    new CommentAdapterError('invalid', message, { fields, ...(messageKey ? { messageKey } : {}) });
  switch (code) {
    case 'rest_comment_author_data_required': {
      const fields: FieldErrors = {};
      if (!draft || draft.name.trim() === '') fields.name = ['required'];
      if (!draft || draft.email.trim() === '') fields.email = ['required'];
      return invalid(fields);
    }
    case 'rest_invalid_param': {
      const fields: FieldErrors = {};
      for (const param of Object.keys(dataOf(parsed.data?.data).params ?? {})) {
        const field = PARAM_FIELDS[param];
        if (field === 'email') fields.email = ['invalidEmail'];
        else if (field === 'url') fields.url = ['invalidUrl'];
        else if (field === 'parentId') fields.parentId = ['invalidParent'];
        else if (field) fields[field] = ['invalidType'];
        else fields.form = ['invalidType'];
      }
      return invalid(fields);
    }
    case 'rest_comment_content_invalid':
      return invalid({ content: ['required'] });
    case 'comment_content_column_length':
      return invalid({ content: ['tooLong'] }, 'tooLong');
    case 'comment_author_column_length':
      return invalid({ name: ['tooLong'] }, 'tooLong');
    case 'comment_author_email_column_length':
      return invalid({ email: ['tooLong'] }, 'tooLong');
    case 'comment_author_url_column_length':
      return invalid({ url: ['tooLong'] }, 'tooLong');
    case 'comment_duplicate':
      return new CommentAdapterError('conflict', message, { messageKey: 'duplicate' });
    case 'comment_flood':
      return new CommentAdapterError('rate-limited', message, { retryAfter: retryAfter ?? FLOOD_SECONDS });
    case 'rest_comment_closed':
      return new CommentAdapterError('closed', message);
    case 'rest_comment_invalid_post_id':
    case 'rest_post_invalid_id':
    case 'rest_comment_draft_post':
    case 'rest_comment_trash_post':
    case 'rest_comment_invalid_id':
      return new CommentAdapterError('not-found', message);
    case 'rest_comment_login_required':
      return new CommentAdapterError('unauthorized', message, { messageKey: 'anonymousDisabled' });
  }
  if (status === 429) return new CommentAdapterError('rate-limited', message, { retryAfter });
  if (status === 409) return new CommentAdapterError('conflict', message);
  if (status === 401 || status === 403) return new CommentAdapterError('unauthorized', message);
  if (status === 404) return new CommentAdapterError('not-found', message);
  if (status === 400 || status === 422) return invalid({ form: ['invalidType'] });
  return new CommentAdapterError('unavailable', message);
}

// ---- the adapter ------------------------------------------------------------------------------

/** Creates an adapter for one WordPress site. */
export function createWordPressAdapter(options: WordPressAdapterOptions): CommentAdapter {
  let base: URL;
  try {
    base = new URL(options.endpoint);
  } catch {
    throw new CommentAdapterError(
      'unavailable',
      `comment-box: the WordPress endpoint "${options.endpoint}" is not a URL.`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new CommentAdapterError('unavailable', 'comment-box: the WordPress endpoint must be an http(s) URL.');
  }
  base.hash = '';
  base.search = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const pretty = /\/wp-json\/$/.test(base.pathname);
  const site = base.href;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const storage = options.storage ?? safeStorage();
  const gravatar = options.avatars === 'gravatar';
  const posts = new Map<string, Promise<number>>();
  /** comment id -> post id, for comments this adapter has seen. */
  const knownPost = new Map<number, number>();
  /** Held comments per post, for when storage is not available. */
  const heldMemory = new Map<number, Array<{ savedAt: number; comment: Comment }>>();

  function url(route: string, params: Record<string, string | number> = {}): string {
    const u = new URL(pretty ? route.slice(1) : '', site);
    if (!pretty) u.searchParams.set('rest_route', route);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v));
    return u.href;
  }

  async function request(
    href: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    draft?: CommentDraft,
  ): Promise<{ body: unknown; headers: Headers }> {
    throwIfAborted(signal);
    let res: Response;
    try {
      res = await doFetch(href, {
        ...init,
        credentials: 'omit',
        headers: { Accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      throw new CommentAdapterError('network', 'WordPress could not be reached.', { cause: error });
    }
    let body: unknown;
    let text = '';
    try {
      text = await res.text();
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      throw new CommentAdapterError('network', 'The answer from WordPress was cut off.', { cause: error });
    }
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const after = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
      throw wordpressError(res.status, body, draft, Number.isFinite(after) ? after : undefined);
    }
    if (body === undefined) throw new CommentAdapterError('bad-response', 'WordPress did not answer with JSON.');
    return { body, headers: res.headers };
  }

  function parse<T>(schema: z.ZodMiniType<T>, body: unknown, what: string): T {
    const result = schema.safeParse(body);
    if (!result.success) throw new CommentAdapterError('bad-response', `WordPress returned malformed ${what}.`);
    return result.data;
  }

  function count(headers: Headers, name: string): number {
    const value = Number.parseInt(headers.get(name) ?? '', 10);
    if (!Number.isFinite(value) || value < 0) {
      throw new CommentAdapterError('bad-response', `WordPress did not send ${name} (is it exposed to this origin?).`);
    }
    return value;
  }

  function toComment(wp: WpComment): Comment {
    knownPost.set(wp.id, wp.post);
    const text = wordpressHtmlToText(wp.content.rendered);
    const name = wp.author_name.slice(0, LIMITS.name);
    const avatar = gravatar ? wp.author_avatar_urls?.['96'] : undefined;
    const authorUrl =
      wp.author_url !== '' && isHttpUrl(wp.author_url) && wp.author_url.length <= 2048 ? wp.author_url : null;
    return {
      id: String(wp.id),
      parentId: wp.parent > 0 ? String(wp.parent) : null,
      authorName: name,
      authorUrl,
      avatarSeed: fnv1a(`wordpress\u0000${wp.author ?? 0}\u0000${name}`).toString(36),
      ...(avatar && isHttpUrl(avatar) && avatar.length <= 2048 ? { avatarUrl: avatar } : {}),
      content: text ?? wp.content.rendered,
      format: text === undefined ? 'html' : 'text',
      createdAt: new Date(`${wp.date_gmt}Z`).toISOString(),
      status: wp.status === 'approved' ? 'approved' : 'pending',
    };
  }

  // ---- posts ----

  function postKey(threadId: string): { id: number } | { slug: string } {
    if (options.postId !== undefined) return { id: options.postId };
    if (options.slug !== undefined) return { slug: options.slug };
    if (/^\d+$/.test(threadId)) return { id: Number(threadId) };
    const segment =
      threadId
        .split(/[/?#]/)
        .filter((s) => s !== '')
        .pop() ?? '';
    let slug = segment;
    try {
      slug = decodeURIComponent(segment);
    } catch {
      /* keep it as written */
    }
    return { slug: slug.toLowerCase() };
  }

  function resolvePost(threadId: string, signal: AbortSignal | undefined): Promise<number> {
    const key = postKey(threadId);
    if ('id' in key) {
      if (!Number.isSafeInteger(key.id) || key.id <= 0) {
        return Promise.reject(new CommentAdapterError('not-found', `"${threadId}" is not a WordPress post.`));
      }
      return Promise.resolve(key.id);
    }
    if (key.slug === '')
      return Promise.reject(new CommentAdapterError('not-found', 'No WordPress post slug was given.'));
    let pending = posts.get(key.slug);
    if (!pending) {
      pending = (async () => {
        for (const type of ['posts', 'pages']) {
          const { body } = await request(url(`/wp/v2/${type}`, { slug: key.slug, _fields: 'id' }), {}, undefined);
          const found = parse(wpIdList, body, 'posts')[0];
          if (found) return found.id;
        }
        throw new CommentAdapterError('not-found', `No WordPress post or page has the slug "${key.slug}".`);
      })();
      posts.set(key.slug, pending);
      pending.catch(() => posts.delete(key.slug));
    }
    return untilAborted(pending, signal);
  }

  // ---- held comments (the author's own, kept in this browser) ----

  const heldKey = (post: number) => storageKeys.wordpressHeld(site, post);

  function readHeld(post: number): Array<{ savedAt: number; comment: Comment }> {
    const raw = storage.get(heldKey(post));
    let list = heldMemory.get(post) ?? [];
    if (raw !== null) {
      try {
        const parsed = heldList.safeParse(JSON.parse(raw));
        if (parsed.success) list = parsed.data;
      } catch {
        /* corrupt: start again */
      }
    }
    const now = Date.now();
    return list.filter((h) => now - h.savedAt < HELD_TTL);
  }

  function writeHeld(post: number, list: Array<{ savedAt: number; comment: Comment }>): void {
    heldMemory.set(post, list);
    if (list.length === 0) storage.remove(heldKey(post));
    else storage.set(heldKey(post), JSON.stringify(list));
  }

  // ---- listing ----

  /** The comments of a list answer that fit `wpComment`; the others are counted in `left.dropped`. */
  function wpComments(list: readonly unknown[], left: { dropped: number }): WpComment[] {
    const { kept, dropped } = keepFitting(wpComment, list);
    left.dropped += dropped;
    return kept;
  }

  async function fetchAll(
    params: Record<string, string | number>,
    signal: AbortSignal | undefined,
    left = { dropped: 0 },
  ): Promise<WpComment[]> {
    const out: WpComment[] = [];
    for (let page = 1; ; page++) {
      const { body, headers } = await request(
        url('/wp/v2/comments', { ...params, per_page: PER_PAGE, page, _fields: FIELDS }),
        {},
        signal,
      );
      out.push(...wpComments(parse(wpCommentList, body, 'comments'), left));
      if (page >= count(headers, 'X-WP-TotalPages')) return out;
    }
  }

  function decodeCursor(cursor: string | null | undefined): number {
    if (cursor === null || cursor === undefined || cursor === '') return 0;
    const match = /^wp1\.(\d{1,9})$/.exec(cursor);
    if (!match) throw new CommentAdapterError('invalid', 'This page cursor does not come from the WordPress adapter.');
    return Number(match[1]);
  }

  async function list(threadId: string, opts: ListOptions): Promise<CommentPage> {
    const { signal } = opts;
    throwIfAborted(signal);
    const offset = decodeCursor(opts.cursor);
    const limit = Math.max(1, Math.floor(opts.limit));
    const order: CommentOrder = opts.order === 'desc' ? 'desc' : 'asc';
    const post = await resolvePost(threadId, signal);

    const totalCall = request(url('/wp/v2/comments', { post, per_page: 1, _fields: 'id' }), {}, signal);
    totalCall.catch(() => undefined);

    // The author's own held comments: dropped once public, merged into the pages otherwise.
    let held = readHeld(post);
    if (held.length > 0) {
      const { body } = await request(
        url('/wp/v2/comments', {
          post,
          include: held
            .slice(-PER_PAGE)
            .map((h) => h.comment.id)
            .join(','),
          per_page: PER_PAGE,
          _fields: 'id',
        }),
        {},
        signal,
      );
      const published = new Set(parse(wpIdList, body, 'comments').map((c) => String(c.id)));
      const kept = held.filter((h) => !published.has(h.comment.id));
      if (kept.length !== held.length) writeHeld(post, kept);
      held = kept;
    }
    const heldTops = held
      .map((h) => h.comment)
      .filter((c) => c.parentId === null)
      .sort(byDate);
    if (order === 'desc') heldTops.reverse();

    // The top-level sequence is WordPress's (ordered by date, ties by id) with the held ones after
    // it (oldest first) or before it (newest first). A cursor is an offset in that sequence.
    const H = heldTops.length;
    let pageHeld: Comment[] = [];
    let wpOffset = offset;
    let wpWanted = limit;
    if (order === 'desc') {
      pageHeld = heldTops.slice(offset, offset + limit);
      wpOffset = Math.max(0, offset - H);
      wpWanted = limit - pageHeld.length;
    }
    const left = { dropped: 0 };
    const tops: WpComment[] = [];
    /** Top-level comments WordPress sent for this page, kept or left out: the cursor counts them all. */
    let sent = 0;
    let topTotal = 0;
    for (let first = true; first || sent < wpWanted; first = false) {
      const perPage = Math.max(1, Math.min(PER_PAGE, wpWanted - sent));
      const { body, headers } = await request(
        url('/wp/v2/comments', {
          post,
          parent: 0,
          order,
          orderby: 'date_gmt',
          per_page: perPage,
          offset: wpOffset + sent,
          _fields: FIELDS,
        }),
        {},
        signal,
      );
      const got = parse(wpCommentList, body, 'comments').slice(0, wpWanted - sent);
      topTotal = count(headers, 'X-WP-Total');
      sent += got.length;
      tops.push(...wpComments(got, left));
      if (got.length < perPage) break;
    }
    if (order === 'asc') {
      pageHeld = heldTops.slice(Math.max(0, offset + sent - topTotal)).slice(0, limit - sent);
    }
    const end = offset + sent + pageHeld.length;
    const nextCursor = end < topTotal + H && sent + pageHeld.length > 0 ? `wp1.${end}` : null;

    // Every reply of those threads, level by level.
    const replies: WpComment[] = [];
    let parents = tops.map((c) => c.id);
    for (let depth = 0; parents.length > 0 && depth < 100; depth++) {
      const level: WpComment[] = [];
      for (let i = 0; i < parents.length; i += PER_PAGE) {
        const ids = parents.slice(i, i + PER_PAGE).join(',');
        level.push(...(await fetchAll({ post, parent: ids, order: 'asc', orderby: 'date_gmt' }, signal, left)));
      }
      replies.push(...level);
      parents = level.map((c) => c.id);
    }

    const total = count((await totalCall).headers, 'X-WP-Total');
    const fetchedTops = tops.map(toComment);
    const roots = order === 'asc' ? [...fetchedTops, ...pageHeld] : [...pageHeld, ...fetchedTops];
    const page = arrange(roots, [
      ...replies.map(toComment),
      ...held.map((h) => h.comment).filter((c) => c.parentId !== null),
    ]);
    return left.dropped > 0
      ? { comments: page, nextCursor, total, dropped: left.dropped }
      : { comments: page, nextCursor, total };
  }

  // ---- posting ----

  async function checkParent(post: number, parentId: string | null, signal: AbortSignal | undefined): Promise<number> {
    if (parentId === null) return 0;
    const invalid = () =>
      new CommentAdapterError('invalid', 'The comment replied to is not a comment of this post.', {
        fields: { parentId: ['invalidParent'] },
      });
    if (!/^\d{1,19}$/.test(parentId)) throw invalid();
    const id = Number(parentId);
    if (readHeld(post).some((h) => h.comment.id === parentId)) return id;
    let parentPost = knownPost.get(id);
    if (parentPost === undefined) {
      try {
        const { body } = await request(url(`/wp/v2/comments/${id}`, { _fields: 'id,post' }), {}, signal);
        parentPost = parse(wpRef, body, 'comment').post;
        knownPost.set(id, parentPost);
      } catch (error) {
        if (error instanceof CommentAdapterError && (error.code === 'not-found' || error.code === 'unauthorized'))
          throw invalid();
        throw error;
      }
    }
    if (parentPost !== post) throw invalid();
    return id;
  }

  /** After a lost answer, the retry's 409: finds the comment the first attempt stored, if public. */
  async function findStored(
    post: number,
    draft: CommentDraft,
    signal: AbortSignal | undefined,
  ): Promise<Comment | undefined> {
    const found = await fetchAll(
      { post, search: draft.content.slice(0, 200), order: 'desc', orderby: 'date_gmt' },
      signal,
    );
    return found
      .map(toComment)
      .find((c) => c.authorName === draft.name && c.content === draft.content && c.parentId === draft.parentId);
  }

  async function create(threadId: string, input: CommentDraft, opts: CreateOptions): Promise<Comment> {
    const { signal } = opts;
    throwIfAborted(signal);
    const validation = validateDraft(input, { requireNameEmail: false });
    if (!validation.success) {
      throw new CommentAdapterError('invalid', 'The comment is not valid.', { fields: validation.errors });
    }
    const draft = validation.data;
    const attemptKey = `${site}\u0000${opts.idempotencyKey}`;
    const body = requestBody(threadId, draft);
    const attempt = attempts.get(attemptKey);
    if (isReplay(attempt, body) && attempt!.comment) return attempt!.comment;

    const post = await resolvePost(threadId, signal);
    const parent = await checkParent(post, draft.parentId, signal);
    // Named fields only: WordPress emails no commenter, so `notify` is never sent (its pages never offer it).
    const form = new URLSearchParams({
      post: String(post),
      parent: String(parent),
      author_name: draft.name,
      author_email: draft.email,
      author_url: draft.url,
      content: textToWordPress(draft.content),
    });
    attempts.set(attemptKey, { body });
    let comment: Comment;
    try {
      const { body: answer } = await request(url('/wp/v2/comments'), { method: 'POST', body: form }, signal, draft);
      comment = toComment(parse(wpComment, answer, 'comment'));
    } catch (error) {
      if (attempt && error instanceof CommentAdapterError && error.code === 'conflict') {
        const stored = await findStored(post, draft, signal).catch(() => undefined);
        if (stored) {
          attempts.set(attemptKey, { body, comment: stored });
          return stored;
        }
      }
      throw error;
    }
    if (comment.status === 'pending') {
      writeHeld(post, [...readHeld(post).filter((h) => h.comment.id !== comment.id), { savedAt: Date.now(), comment }]);
    }
    attempts.set(attemptKey, { body, comment });
    return comment;
  }

  return { scope: 'shared', list, create };
}

/** Oldest first; WordPress's ids are numbers, so comments of the same second go by number. */
const byDate = (a: Comment, b: Comment) => oldestFirst(a, b, (x, y) => Number(x) - Number(y));

/**
 * One page in reading order: top-level comments in the page's order, each followed depth-first by
 * its replies, oldest first. Replies whose thread is not on this page are left out.
 */
function arrange(roots: Comment[], replies: Comment[]): Comment[] {
  const children = new Map<string, Comment[]>();
  for (const reply of replies) {
    const list = children.get(reply.parentId!) ?? [];
    if (!list.some((c) => c.id === reply.id)) list.push(reply);
    children.set(reply.parentId!, list);
  }
  const out: Comment[] = [];
  const seen = new Set<string>();
  const walk = (list: Comment[]) => {
    for (const c of list) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      walk((children.get(c.id) ?? []).sort(byDate));
    }
  };
  walk(roots);
  return out;
}
