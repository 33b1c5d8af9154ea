// WordPress-specific behaviour of the adapter, against a real WordPress (see wp.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommentAdapterError } from '../../../src/adapters/types.js';
import { createWordPressAdapter, type WordPressAdapterOptions } from '../../../src/adapters/wordpress.js';
import { commentPageSchema, commentSchema, type Comment, type CommentDraft } from '../../../src/schema.js';
import type { SafeStorage } from '../../../src/storage.js';
import { admin, adminComment, newPost, setModeration, skip, wordpress } from './wp.js';

let n = 0;
const uid = () => `${Date.now().toString(36)}-${(n++).toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const draft = (over: Partial<CommentDraft> = {}): CommentDraft => ({
  content: `A comment ${uid()}`,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  url: '',
  parentId: null,
  ...over,
});

/** A browser storage stand-in, one per "browser". */
function memoryStorage(): SafeStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    available: true,
    get: (k) => map.get(k) ?? null,
    set: (k, v) => (map.set(k, v), true),
    remove: (k) => void map.delete(k),
  };
}

async function adapter(options: Partial<WordPressAdapterOptions> = {}) {
  return createWordPressAdapter({ endpoint: (await wordpress()).url, storage: memoryStorage(), ...options });
}

async function rejection(promise: Promise<unknown>): Promise<CommentAdapterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CommentAdapterError, `expected a CommentAdapterError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

async function listAll(
  a: Awaited<ReturnType<typeof adapter>>,
  thread: string,
  limit: number,
  order: 'asc' | 'desc' = 'asc',
) {
  const pages: Comment[][] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const page = commentPageSchema.parse(await a.list(thread, { cursor, limit, order }));
    pages.push(page.comments);
    cursor = page.nextCursor;
    total = page.total;
  } while (cursor !== null && pages.length < 100);
  return { pages, all: pages.flat(), total };
}

describe('WordPress adapter against a real WordPress', { skip }, () => {
  it('lists existing comments as whole threads by date, over several pages, with the total', async () => {
    const post = await newPost();
    // Stored out of date order: the list must follow dates, not ids.
    const c = await adminComment(post.id, 'Third', { date_gmt: '2024-01-03T10:00:00' });
    const a1 = await adminComment(post.id, 'First', { date_gmt: '2024-01-01T10:00:00' });
    const b = await adminComment(post.id, 'Second', { date_gmt: '2024-01-02T10:00:00' });
    const a2 = await adminComment(post.id, 'Reply to first, later', { parent: a1.id, date_gmt: '2024-01-05T10:00:00' });
    const a3 = await adminComment(post.id, 'Reply to first, earlier', {
      parent: a1.id,
      date_gmt: '2024-01-04T10:00:00',
    });
    const a4 = await adminComment(post.id, 'Reply to a reply', { parent: a2.id, date_gmt: '2024-01-06T10:00:00' });
    const wp = await adapter();
    const asc = await listAll(wp, String(post.id), 2);
    assert.deepEqual(
      asc.pages.map((p) => p.map((x) => x.id)),
      [[a1, a3, a2, a4, b].map((x) => String(x.id)), [String(c.id)]],
    );
    assert.equal(asc.total, 6);
    assert.equal(asc.all[0]!.createdAt, '2024-01-01T10:00:00.000Z', 'date_gmt is read as UTC');
    assert.equal(asc.all[0]!.content, 'First');
    assert.equal(asc.all[0]!.format, 'text');
    const desc = await listAll(wp, String(post.id), 1, 'desc');
    assert.deepEqual(
      desc.pages.map((p) => p.map((x) => x.id)),
      [[String(c.id)], [String(b.id)], [a1, a3, a2, a4].map((x) => String(x.id))],
    );
  });

  it('fetches every reply of a thread even past WordPress’s 100 per page', async () => {
    const post = await newPost();
    const root = await adminComment(post.id, 'Root');
    for (let i = 0; i < 101; i++) {
      await adminComment(post.id, `Reply ${i}`, {
        parent: root.id,
        date_gmt: `2024-02-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      });
    }
    const { pages, total } = await listAll(await adapter(), String(post.id), 10);
    assert.equal(pages.length, 1);
    assert.equal(pages[0]!.length, 102);
    assert.deepEqual(
      pages[0]!.slice(1).map((x) => x.content),
      Array.from({ length: 101 }, (_, i) => `Reply ${i}`),
    );
    assert.equal(total, 102);
  });

  it('posts and replies, and WordPress stores them with the right post and parent', async () => {
    const post = await newPost();
    const wp = await adapter();
    const root = await wp.create(String(post.id), draft({ url: 'https://ada.example/' }), { idempotencyKey: uid() });
    const reply = await wp.create(String(post.id), draft({ parentId: root.id, name: 'Grace' }), {
      idempotencyKey: uid(),
    });
    assert.equal(reply.parentId, root.id);
    assert.equal(root.authorUrl, 'https://ada.example/');
    const stored = await admin<{ post: number; parent: number; author_email: string }>(`/wp/v2/comments/${reply.id}`, {
      query: { context: 'edit' },
    });
    assert.equal(stored.post, post.id);
    assert.equal(stored.parent, Number(root.id));
    assert.equal(stored.author_email, 'ada@example.com');
  });

  it('keeps what a reader typed as text: markup characters, line breaks, paragraphs', async () => {
    const post = await newPost();
    const wp = await adapter();
    const content = `I typed <b>this</b> & <script>that</script>\nnext line\n\nA paragraph ${uid()}`;
    const created = await wp.create(String(post.id), draft({ content }), { idempotencyKey: uid() });
    assert.equal(created.format, 'text');
    assert.equal(created.content, content);
    const listed = (await wp.list(String(post.id), { limit: 10, order: 'asc' })).comments[0]!;
    assert.equal(listed.content, content);
    assert.equal(listed.format, 'text');
  });

  it('returns markup stored in WordPress as html, for the element to sanitize', async () => {
    const post = await newPost();
    const hostile =
      '<p>Hi <strong>there</strong><script>alert(1)</script><a href="javascript:alert(2)" onclick="alert(3)">x</a></p>';
    await adminComment(post.id, hostile);
    const listed = (await (await adapter()).list(String(post.id), { limit: 10, order: 'asc' })).comments[0]!;
    assert.equal(listed.format, 'html');
    assert.match(listed.content, /<strong>there<\/strong>/);
  });

  it('holds a comment for moderation: pending for its author only, until approved', async () => {
    const post = await newPost();
    const authorStorage = memoryStorage();
    const author = await adapter({ storage: authorStorage });
    const other = await adapter();
    await setModeration(true);
    let held: Comment;
    try {
      held = await author.create(String(post.id), draft(), { idempotencyKey: uid() });
    } finally {
      await setModeration(false);
    }
    assert.equal(held.status, 'pending');
    assert.equal(authorStorage.map.size, 1, 'the held comment is kept in the author’s browser');
    const mine = await author.list(String(post.id), { limit: 10, order: 'asc' });
    assert.deepEqual(
      mine.comments.map((c) => [c.id, c.status]),
      [[held.id, 'pending']],
    );
    assert.equal(mine.total, 0);
    // A fresh adapter on the same storage (the author reloading the page) still sees it.
    const reloaded = await adapter({ storage: authorStorage });
    assert.equal((await reloaded.list(String(post.id), { limit: 10, order: 'asc' })).comments.length, 1);
    assert.equal((await other.list(String(post.id), { limit: 10, order: 'asc' })).comments.length, 0);
    // The author may reply to their own held comment.
    await setModeration(true);
    try {
      const reply = await author.create(String(post.id), draft({ parentId: held.id }), { idempotencyKey: uid() });
      assert.equal(reply.parentId, held.id);
    } finally {
      await setModeration(false);
    }
    await admin(`/wp/v2/comments/${held.id}`, { body: { status: 'approved' } });
    const after = await author.list(String(post.id), { limit: 10, order: 'asc' });
    assert.deepEqual(
      after.comments.map((c) => c.status),
      ['approved', 'pending'],
    );
    assert.equal(after.total, 1);
    const kept = JSON.parse([...authorStorage.map.values()][0]!) as Array<{ comment: Comment }>;
    assert.equal(kept.length, 1, 'the approved comment left the browser store; its held reply stays');
  });

  it('refuses a duplicate with conflict/duplicate', async () => {
    const post = await newPost();
    const wp = await adapter();
    const d = draft();
    await wp.create(String(post.id), d, { idempotencyKey: uid() });
    const error = await rejection(wp.create(String(post.id), d, { idempotencyKey: uid() }));
    assert.equal(error.code, 'conflict');
    assert.equal(error.messageKey, 'duplicate');
  });

  it('answers a retry whose first answer was lost with the stored comment', async () => {
    const post = await newPost();
    let lose = true;
    const wp = await adapter({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (init?.method === 'POST' && lose) {
          lose = false;
          throw new TypeError('connection reset');
        }
        return res;
      },
    });
    const d = draft();
    const key = uid();
    const first = await rejection(wp.create(String(post.id), d, { idempotencyKey: key }));
    assert.equal(first.code, 'network');
    const retried = await wp.create(String(post.id), d, { idempotencyKey: key });
    const { comments } = await wp.list(String(post.id), { limit: 10, order: 'asc' });
    assert.deepEqual(
      comments.map((c) => c.id),
      [retried.id],
    );
  });

  it('reports flooding as rate-limited with a delay', async () => {
    const post = await newPost();
    const wp = await adapter();
    await wp.create(String(post.id), draft(), { idempotencyKey: uid() });
    // The test plugin applies WordPress's flood control to @flood.test authors only.
    const error = await rejection(
      wp.create(String(post.id), draft({ email: 'fast@flood.test' }), { idempotencyKey: uid() }),
    );
    assert.equal(error.code, 'rate-limited');
    assert.equal(error.retryAfter, 15);
  });

  it('maps missing and invalid fields to field keys', async () => {
    const post = await newPost();
    const wp = await adapter();
    const missing = await rejection(wp.create(String(post.id), draft({ email: '' }), { idempotencyKey: uid() }));
    assert.equal(missing.code, 'invalid');
    assert.deepEqual(missing.fields, { email: ['required'] });
    // Accepted by the shared schema, refused by WordPress's is_email().
    const bad = await rejection(
      wp.create(String(post.id), draft({ email: 'ada@example..com' }), { idempotencyKey: uid() }),
    );
    assert.equal(bad.code, 'invalid');
    assert.deepEqual(bad.fields, { email: ['invalidEmail'] });
    // Within the character limit, over WordPress's byte limit.
    const long = await rejection(
      wp.create(String(post.id), draft({ content: 'é'.repeat(40000) }), { idempotencyKey: uid() }),
    );
    assert.equal(long.code, 'invalid');
    assert.deepEqual(long.fields, { content: ['tooLong'] });
    assert.equal(long.messageKey, 'tooLong');
    const url = await rejection(wp.create(String(post.id), draft({ url: 'not a url' }), { idempotencyKey: uid() }));
    assert.deepEqual(url.fields, { url: ['invalidUrl'] });
    assert.equal((await wp.list(String(post.id), { limit: 10, order: 'asc' })).comments.length, 0);
  });

  it('refuses a parent from another post', async () => {
    const [a, b] = [await newPost(), await newPost()];
    const wp = await adapter();
    const elsewhere = await wp.create(String(b.id), draft(), { idempotencyKey: uid() });
    const fresh = await adapter(); // has not seen that comment: asks WordPress
    for (const client of [wp, fresh]) {
      const error = await rejection(
        client.create(String(a.id), draft({ parentId: elsewhere.id }), { idempotencyKey: uid() }),
      );
      assert.equal(error.code, 'invalid');
      assert.deepEqual(error.fields, { parentId: ['invalidParent'] });
    }
  });

  it('maps a closed post, an unknown post and disabled anonymous comments', async () => {
    const wp = await adapter();
    const closed = await newPost({ comments: 'closed' });
    assert.equal((await rejection(wp.create(String(closed.id), draft(), { idempotencyKey: uid() }))).code, 'closed');
    assert.equal((await rejection(wp.create('987654321', draft(), { idempotencyKey: uid() }))).code, 'not-found');
    assert.equal((await rejection(wp.list('no-such-slug-at-all', { limit: 10, order: 'asc' }))).code, 'not-found');
    const noAnon = await newPost({ slug: `no-anonymous-${uid()}` });
    const error = await rejection(wp.create(String(noAnon.id), draft(), { idempotencyKey: uid() }));
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.messageKey, 'anonymousDisabled');
  });

  it('resolves a slug once, and accepts a post path as the thread id', async () => {
    const post = await newPost();
    await adminComment(post.id, 'Hello');
    const calls: string[] = [];
    const wp = await adapter({ fetch: (input, init) => (calls.push(String(input)), fetch(input, init)) });
    for (const thread of [post.slug, `/${post.slug}/`, `/2024/05/${post.slug}/`]) {
      assert.equal((await wp.list(thread, { limit: 10, order: 'asc' })).comments[0]?.content, 'Hello');
    }
    assert.equal(calls.filter((u) => u.includes('wp%2Fv2%2Fposts') || u.includes('/wp/v2/posts')).length, 1);
  });

  it('uses Gravatar only when asked, and never exposes the email', async () => {
    const post = await newPost();
    const created = await (await adapter()).create(String(post.id), draft(), { idempotencyKey: uid() });
    assert.equal(created.avatarUrl, undefined);
    const again = await (await adapter()).list(String(post.id), { limit: 10, order: 'asc' });
    assert.equal(again.comments[0]!.avatarSeed, created.avatarSeed);
    assert.doesNotMatch(JSON.stringify(again), /ada@example\.com/);
    const withAvatars = await (
      await adapter({ avatars: 'gravatar' })
    ).list(String(post.id), { limit: 10, order: 'asc' });
    assert.match(withAvatars.comments[0]!.avatarUrl ?? '', /^https?:\/\/\d\.gravatar\.com\/avatar\/[0-9a-f]{32}\?s=96/);
    commentSchema.parse(withAvatars.comments[0]);
  });

  it('answers CORS from another origin, exposing the paging headers', async () => {
    const { url } = await wordpress();
    const res = await fetch(`${url}/?rest_route=/wp/v2/comments`, { headers: { Origin: 'http://127.0.0.1:1' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:1');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-WP-Total/);
  });
});

describe('WordPress adapter on a misbehaving server', () => {
  const reply =
    (body: string, init: ResponseInit = {}) =>
    async () =>
      new Response(body, { status: 200, headers: { 'X-WP-Total': '1', 'X-WP-TotalPages': '1' }, ...init });

  it('turns a malformed answer into bad-response', async () => {
    for (const body of ['not json', '{"comments":[]}', '"[]"']) {
      const wp = createWordPressAdapter({ endpoint: 'http://wp.invalid', fetch: reply(body) });
      assert.equal((await rejection(wp.list('1', { limit: 10, order: 'asc' }))).code, 'bad-response', body);
    }
  });

  it('leaves out a malformed comment and counts it, keeping the others', async () => {
    const good = {
      id: 2,
      post: 1,
      parent: 0,
      author_name: 'b',
      author_url: '',
      date_gmt: '2024-01-01T10:00:00',
      content: { rendered: '<p>fine</p>\n' },
      status: 'approved',
    };
    for (const bad of [{ id: '1' }, { ...good, id: 1, date_gmt: '2024-01-01 10:00' }]) {
      const wp = createWordPressAdapter({
        endpoint: 'http://wp.invalid',
        fetch: reply(JSON.stringify([bad, good]), { headers: { 'X-WP-Total': '2', 'X-WP-TotalPages': '1' } }),
      });
      const page = await wp.list('1', { limit: 10, order: 'asc' });
      assert.deepEqual(
        page.comments.map((c) => c.id),
        ['2'],
        JSON.stringify(bad),
      );
      // (This fake answers every request with the same list, so the walk meets the bad one often.)
      assert.ok((page.dropped ?? 0) > 0, 'the left-out comment is counted');
    }
  });

  it('drops a non-http website and refuses a foreign cursor', async () => {
    const item = {
      id: 1,
      post: 1,
      parent: 0,
      author_name: 'a',
      author_url: 'javascript:alert(1)',
      date_gmt: '2024-01-01T10:00:00',
      content: { rendered: '<p>x</p>\n' },
      status: 'approved',
    };
    const wp = createWordPressAdapter({ endpoint: 'http://wp.invalid', fetch: reply(JSON.stringify([item])) });
    const page = await wp.list('1', { limit: 10, order: 'asc' });
    assert.equal(page.comments[0]!.authorUrl, null);
    assert.equal((await rejection(wp.list('1', { cursor: '5', limit: 10, order: 'asc' }))).code, 'invalid');
  });

  it('reports an unreachable site as network and refuses a non-http endpoint', async () => {
    const wp = createWordPressAdapter({
      endpoint: 'http://wp.invalid',
      fetch: async () => Promise.reject(new TypeError('fetch failed')),
    });
    assert.equal((await rejection(wp.list('1', { limit: 10, order: 'asc' }))).code, 'network');
    assert.throws(() => createWordPressAdapter({ endpoint: 'javascript:alert(1)' }), CommentAdapterError);
  });
});
