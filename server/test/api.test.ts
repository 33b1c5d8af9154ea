/**
 * The HTTP API against the real server on a loopback port, on SQLite and on PostgreSQL: the same
 * suite for both. Covers privacy, validation, hostile input, moderation, abuse rules and SSE.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { get, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../src/server.js';
import type { ServerConfig } from '../src/config.js';
import {
  ADMIN_TOKEN,
  PUBLIC_KEYS,
  call,
  commentsPath,
  draft,
  freshDatabase,
  pgSkip,
  start,
  uniqueThread,
  type TestDatabase,
} from './helpers.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** Reads SSE events from `url` until `want` of event type `comment` arrived. */
async function readEvents(url: string, signal: AbortSignal, onReady: () => void, want = 1): Promise<any[]> {
  const res = await fetch(url, { signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const out: any[] = [];
  let ready = false;
  while (out.length < want) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === 'ready' && !ready) {
        ready = true;
        onReady();
      }
      if (event === 'comment' && data) out.push(JSON.parse(data));
    }
  }
  await reader.cancel().catch(() => undefined);
  return out;
}

interface OpenedStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body of a refused stream. */
  body: string;
  /** Closes the connection (as a browser closing the page does). */
  close: () => void;
}

/**
 * Opens an event stream over a raw HTTP connection of its own; resolves once it is `ready`, or with
 * the whole body when it was refused.
 */
function openStream(url: string, thread: string, headers: Record<string, string> = {}): Promise<OpenedStream> {
  return new Promise((resolve, reject) => {
    const req = get(`${url}/api/threads/${encodeURIComponent(thread)}/events`, { agent: false, headers }, (res) => {
      const close = () => req.destroy();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (res.statusCode === 200 && body.includes('event: ready'))
          resolve({ status: 200, headers: res.headers, body: '', close });
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, close }));
    });
    req.on('error', reject);
  });
}

function apiSuite(dbName: 'sqlite' | 'postgres', skip: string | false) {
  describe(`HTTP API on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    const servers: RunningServer[] = [];
    let base: string;

    /** Another server on the same database with other settings. */
    const serverWith = async (overrides: Partial<ServerConfig>) => {
      const s = await start(db, overrides);
      servers.push(s);
      return s.url;
    };
    const post = (thread: string, body: unknown, headers: Record<string, string> = {}, url = base) =>
      call(url, 'POST', commentsPath(thread), body, headers);
    const list = (thread: string, headers: Record<string, string> = {}, url = base) =>
      call(url, 'GET', commentsPath(thread), undefined, headers);
    const adminList = async (status: string) =>
      (await call(base, 'GET', `/api/admin/comments?status=${status}&limit=200`, undefined, admin)).body
        .comments as any[];

    before(async () => {
      db = await freshDatabase(dbName);
      base = await serverWith({});
    });
    after(async () => {
      for (const s of servers) await s.close();
      await db.cleanup();
    });

    it('stores a comment and answers 201 with the exact public key set and an author token', async () => {
      const thread = uniqueThread();
      const res = await post(thread, draft({ content: 'Hello there' }));
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), ['authorToken', 'comment']);
      // Its author also learns until when they may edit it (`editableUntil`); nobody else does.
      assert.deepEqual(Object.keys(res.body.comment).sort(), [...PUBLIC_KEYS, 'editableUntil'].sort());
      assert.equal(res.body.comment.status, 'approved');
      assert.equal(res.body.comment.content, 'Hello there');
      assert.equal(res.body.comment.authorUrl, 'https://example.com/ada');
      assert.doesNotMatch(res.text, /ada@example\.com|127\.0\.0\.1|node/i);
      const page = await list(thread);
      assert.equal(page.status, 200);
      assert.deepEqual(Object.keys(page.body).sort(), ['comments', 'nextCursor', 'total']);
      assert.equal(page.body.total, 1);
      assert.deepEqual(Object.keys(page.body.comments[0]).sort(), PUBLIC_KEYS);
      assert.equal(page.body.comments[0].id, res.body.comment.id);
      assert.doesNotMatch(page.text, /ada@example\.com|127\.0\.0\.1|authorToken|author_token/);
    });

    it('sets nosniff and no-store (no-cache + ETag on the public list), and shows no framework banner', async () => {
      const publicList = await list(uniqueThread());
      for (const res of [
        publicList,
        await post(uniqueThread(), { content: '' }),
        await call(base, 'GET', '/api/nope'),
      ]) {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
        assert.equal(res.headers.get('cache-control'), res === publicList ? 'no-cache' : 'no-store');
        assert.equal(res.headers.get('x-powered-by'), null);
        assert.equal(res.headers.get('server'), null);
      }
      assert.match(publicList.headers.get('etag') ?? '', /^"[A-Za-z0-9_-]+"$/);
      assert.match(publicList.headers.get('vary') ?? '', /X-Author-Token/i);
      assert.match(publicList.headers.get('vary') ?? '', /Origin/i);
    });

    it('answers 304 to a matching If-None-Match, and a new ETag once the page changed', async () => {
      const thread = uniqueThread();
      await post(thread, draft());
      const first = await list(thread);
      const etag = first.headers.get('etag')!;
      assert.ok(etag, 'etag');
      assert.equal((await list(thread)).headers.get('etag'), etag, 'same page, same ETag');
      for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
        const res = await list(thread, { 'If-None-Match': header });
        assert.equal(res.status, 304, header);
        assert.equal(res.text, '');
        assert.equal(res.headers.get('etag'), etag);
        assert.equal(res.headers.get('cache-control'), 'no-cache');
      }
      assert.equal((await list(thread, { 'If-None-Match': '"other"' })).status, 200);
      const other = await call(base, 'GET', `${commentsPath(thread)}?limit=1`);
      assert.notEqual(other.headers.get('etag'), null);
      await post(thread, draft());
      const changed = await list(thread, { 'If-None-Match': etag });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.comments.length, 2);
      assert.notEqual(changed.headers.get('etag'), etag);
    });

    it('invalidates cached pages on every write, also made through another server on the same database', async () => {
      const other = await serverWith({ moderation: 'all' });
      const thread = uniqueThread();
      const ids = async (url = base) => (await list(thread, {}, url)).body.comments.map((c: any) => c.id);
      const pageIds = async (query: string) =>
        (await call(base, 'GET', `${commentsPath(thread)}?${query}`)).body.comments.map((c: any) => c.id);
      const a = (await post(thread, draft())).body.comment.id;
      assert.deepEqual(await ids(), [a]);
      assert.deepEqual(await pageIds('limit=1&order=desc'), [a]);
      // Approved through the other server: seen on this one's cached pages at once.
      const b = (await post(thread, draft(), {}, other)).body.comment;
      assert.equal(b.status, 'pending');
      assert.deepEqual(await ids(), [a], 'a pending comment changes nothing public');
      assert.equal(
        (await call(other, 'PATCH', `/api/admin/comments/${b.id}`, { status: 'approved' }, admin)).status,
        200,
      );
      assert.deepEqual(await ids(), [a, b.id]);
      assert.deepEqual(await pageIds('limit=1&order=desc'), [b.id]);
      assert.equal((await list(thread)).body.total, 2);
      assert.equal((await call(other, 'PATCH', `/api/admin/comments/${a}`, { status: 'spam' }, admin)).status, 200);
      assert.deepEqual(await ids(), [b.id]);
      assert.equal((await call(other, 'PATCH', `/api/admin/comments/${a}`, { status: 'approved' }, admin)).status, 200);
      assert.deepEqual(await ids(), [a, b.id]);
      assert.equal((await call(other, 'PATCH', `/api/admin/comments/${b.id}`, { status: 'trash' }, admin)).status, 200);
      assert.deepEqual(await ids(), [a]);
      assert.equal((await call(other, 'DELETE', `/api/admin/comments/${b.id}`, undefined, admin)).status, 204);
      assert.deepEqual(await pageIds('limit=1&order=desc'), [a]);
      assert.equal((await list(thread)).body.total, 1);
    });

    it("never puts an author's pending comment in the shared cache, nor serves the shared page instead of it", async () => {
      const held = await serverWith({ moderation: 'all' });
      const thread = uniqueThread();
      const approved = (await post(thread, draft())).body.comment.id;
      // The public page first: cached.
      const publicPage = await list(thread, {}, held);
      assert.deepEqual(
        publicPage.body.comments.map((c: any) => c.id),
        [approved],
      );
      const mine = await post(thread, draft({ content: 'mine, pending' }), {}, held);
      assert.equal(mine.body.comment.status, 'pending');
      const token = mine.body.authorToken as string;
      // With the token: the pending one too, even with the public ETag, private and never 304.
      const own = await list(
        thread,
        { 'X-Author-Token': token, 'If-None-Match': publicPage.headers.get('etag')! },
        held,
      );
      assert.equal(own.status, 200);
      assert.deepEqual(
        own.body.comments.map((c: any) => c.id),
        [approved, mine.body.comment.id],
      );
      assert.equal(own.headers.get('cache-control'), 'no-store');
      assert.equal(own.headers.get('etag'), null);
      // Everyone else, on both servers, with no token or another one: never the pending comment.
      for (const url of [held, base]) {
        for (const headers of [{}, { 'X-Author-Token': 'B'.repeat(32) }] as Array<Record<string, string>>) {
          const res = await list(thread, headers, url);
          assert.deepEqual(
            res.body.comments.map((c: any) => c.id),
            [approved],
          );
          assert.doesNotMatch(res.text, /mine, pending/);
        }
      }
      // An author token with nothing pending here gets the shared page (with its ETag).
      const other = await list(uniqueThread(), { 'X-Author-Token': token }, held);
      assert.ok(other.headers.get('etag'), "other.headers.get('etag')");
    });

    it('accepts thread ids with slashes (page paths)', async () => {
      const thread = `/blog/${uniqueThread()}/index.html`;
      assert.equal((await post(thread, draft())).status, 201);
      assert.equal((await list(thread)).body.comments.length, 1);
      assert.equal((await list(thread.replace('/index.html', ''))).body.comments.length, 0);
    });

    it('derives the avatar seed from a server secret, not from the email', async () => {
      const a = (await post(uniqueThread(), draft({ email: 'Grace@Example.com' }))).body.comment.avatarSeed;
      const b = (await post(uniqueThread(), draft({ email: 'grace@example.com' }))).body.comment.avatarSeed;
      const c = (await post(uniqueThread(), draft({ email: 'linus@example.com' }))).body.comment.avatarSeed;
      assert.equal(a, b);
      assert.notEqual(a, c);
      const md5 = createHash('md5').update('grace@example.com').digest('hex');
      const sha = createHash('sha256').update('grace@example.com').digest('hex');
      assert.ok(
        !md5.includes(a) && !sha.includes(a) && !a.includes('grace'),
        "!md5.includes(a) && !sha.includes(a) && !a.includes('grace')",
      );
    });

    it('refuses invalid fields with 422 and field keys, storing nothing', async () => {
      const thread = uniqueThread();
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ content: '   ' }, 'content', 'required'],
        [{ content: 'a'.repeat(65526) }, 'content', 'tooLong'],
        [{ content: 'nul \u0000 byte' }, 'content', 'invalidText'],
        [{ name: 'x'.repeat(246) }, 'name', 'tooLong'],
        [{ name: '' }, 'name', 'required'],
        [{ email: 'not-an-email' }, 'email', 'invalidEmail'],
        [{ url: 'javascript:alert(1)' }, 'url', 'unsafeUrl'],
        [{ url: 'JaVaScRiPt:alert(1)' }, 'url', 'unsafeUrl'],
        [{ url: 'data:text/html,<script>alert(1)</script>' }, 'url', 'unsafeUrl'],
        [{ content: 42 }, 'content', 'invalidType'],
        [{ content: ['a'] }, 'content', 'invalidType'],
        [{ name: { first: 'a' } }, 'name', 'invalidType'],
        [{ parentId: 7 }, 'parentId', 'invalidParent'],
        [{ _t: 'soon' }, '_t', 'invalidType'],
        [{ _hp: 12 }, '_hp', 'invalidType'],
      ];
      for (const [overrides, field, key] of cases) {
        const res = await post(thread, draft(overrides));
        assert.equal(res.status, 422, `${JSON.stringify(overrides).slice(0, 80)}: ${res.text.slice(0, 200)}`);
        assert.equal(res.body.error, 'invalid');
        assert.ok(res.body.fields[field]?.includes(key), `${field}: ${res.text.slice(0, 200)}`);
        assert.doesNotMatch(res.text, /at \w+ \(|node_modules|stack/i);
      }
      assert.equal((await list(thread)).body.comments.length, 0);
      assert.equal((await adminList('pending')).filter((c) => c.threadId === thread).length, 0);
    });

    it('refuses a lone surrogate sent as a JSON escape', async () => {
      const thread = uniqueThread();
      const body = JSON.stringify(draft()).replace('"content":"', '"content":"\\ud800 ');
      const res = await post(thread, body);
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.fields.content, ['invalidText']);
      assert.equal((await list(thread)).body.comments.length, 0);
    });

    it('refuses extra fields such as status and id; they never take effect', async () => {
      const thread = uniqueThread();
      for (const extra of [
        { status: 'approved' },
        { id: 'chosen-id' },
        { createdAt: '2000-01-01T00:00:00Z' },
        { avatarSeed: 'x' },
      ]) {
        const res = await post(thread, draft(extra));
        assert.equal(res.status, 422, res.text);
        assert.deepEqual(res.body.fields.form, ['unknownField']);
      }
      const held = await serverWith({ moderation: 'all' });
      const res = await post(thread, draft({ status: 'approved' }), {}, held);
      assert.equal(res.status, 422);
      assert.equal((await list(thread)).body.comments.length, 0);
    });

    it('stores script tags as inert text, returned as JSON only', async () => {
      const thread = uniqueThread();
      const content = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const res = await post(thread, draft({ content, name: '<b>Mallory</b>' }));
      assert.equal(res.status, 201);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const listed = (await list(thread)).body.comments[0];
      assert.equal(listed.content, content);
      assert.equal(listed.authorName, '<b>Mallory</b>');
    });

    it('accepts JSON only (415), refuses malformed JSON (400) and big bodies (413)', async () => {
      const thread = uniqueThread();
      let res = await post(thread, 'content=hi', { 'Content-Type': 'application/x-www-form-urlencoded' });
      assert.equal(res.status, 415);
      res = await post(thread, JSON.stringify(draft()), { 'Content-Type': 'text/plain' });
      assert.equal(res.status, 415);
      res = await post(thread, '{"content": "unterminated');
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: 'invalid', fields: { form: ['invalidType'] } });
      res = await post(thread, '[1,2]');
      assert.equal(res.status, 400);
      res = await post(thread, 'null');
      assert.equal(res.status, 400);
      res = await post(thread, JSON.stringify(draft({ content: 'x'.repeat(1_000_000) })));
      assert.equal(res.status, 413);
      // Without a Content-Length: the limit holds while streaming.
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 8) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const raw = await fetch(base + commentsPath(thread), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      assert.equal(raw.status, 413);
      await raw.body?.cancel();
      assert.equal((await list(thread)).body.comments.length, 0);
    });

    it('takes every draft at its limits, however encoded: too long is 422 tooLong, never 413', async () => {
      const thread = uniqueThread();
      // At the limit of 65,525 UTF-16 units (😀 counts 2): 4, 2 and 3 bytes of UTF-8 each.
      for (const content of ['😀'.repeat(32_762), 'é'.repeat(65_525), '中'.repeat(50_000)]) {
        const res = await post(thread, draft({ content }));
        assert.equal(res.status, 201, `${content.slice(0, 2)}: ${res.text.slice(0, 200)}`);
        assert.equal(res.body.comment.content, content);
      }
      const listed = (await list(thread)).body.comments.map((c: any) => c.content.length);
      assert.deepEqual(listed, [65_524, 65_525, 50_000]);
      // One unit over, as UTF-8, as 6-byte control escapes, and with every character a `\uXXXX` escape.
      const escaped = JSON.stringify(draft({ content: '' })).replace(
        '"content":""',
        `"content":"${'\\u00e9'.repeat(65_526)}"`,
      );
      const overs = [
        JSON.stringify(draft({ content: '😀'.repeat(32_763) })),
        JSON.stringify(
          draft({
            content: `x${'\u0001'.repeat(65_525)}`,
            name: '"'.repeat(246),
            url: `https://e.example/${'"'.repeat(190)}`,
          }),
        ),
        escaped,
      ];
      for (const body of overs) {
        const res = await post(thread, body);
        assert.equal(res.status, 422, res.text.slice(0, 200));
        assert.deepEqual(res.body.fields.content, ['tooLong']);
      }
    });

    it('refuses a comment or a name of only invisible characters as empty', async () => {
      const thread = uniqueThread();
      for (const blank of ['\u200B\u200B', '\u2060\u2060', '\u200B\u3000\u200B', '\uFEFF\u00AD']) {
        const res = await post(thread, draft({ content: blank, name: blank }));
        assert.equal(res.status, 422);
        assert.deepEqual(res.body.fields, { content: ['required'], name: ['required'] });
      }
      assert.equal((await list(thread)).body.comments.length, 0);
    });

    it('refuses websites that engines read differently or that hide a scheme', async () => {
      const thread = uniqueThread();
      for (const [url, key] of [
        ['١٢٣', 'invalidUrl'],
        ['https://٠١٢٣٤٥٦٧٨٩', 'invalidUrl'],
        ['jav&#x09;ascript:alert(1)', 'unsafeUrl'],
        ['jAvAsCrIpT&colon;alert(1)', 'unsafeUrl'],
      ]) {
        const res = await post(thread, draft({ url }));
        assert.equal(res.status, 422, url);
        assert.deepEqual(res.body.fields, { url: [key] }, url);
      }
      assert.equal((await list(thread)).body.comments.length, 0);
    });

    it('never answers 5xx to garbage', async () => {
      const thread = uniqueThread();
      const bodies = [
        '',
        '{}',
        '""',
        '1e999',
        '{"content":{"$gt":""}}',
        '{"__proto__":{"status":"approved"},"content":"x","name":"a","email":"a@b.cd"}',
      ];
      for (const body of bodies) {
        const res = await post(thread, body);
        assert.ok(res.status >= 400 && res.status < 500, `${body}: ${res.status}`);
      }
      for (const path of [
        `/api/threads/${encodeURIComponent('x'.repeat(600))}/comments`,
        `/api/threads/%00/comments`,
        `/api/threads/a/comments?limit=0`,
        `/api/threads/a/comments?limit=abc`,
        `/api/threads/a/comments?order=sideways`,
        `/api/threads/a/comments?cursor=-1`,
        `/api/counts`,
        `/api/counts?thread=`,
      ]) {
        const res = await call(base, 'GET', path);
        assert.equal(res.status, 400, `${path}: ${res.status} ${res.text}`);
      }
      const res = await post(thread, draft(), { 'Idempotency-Key': 'bad key with spaces' });
      assert.equal(res.status, 400);
    });

    it('refuses a duplicate with 409, by the unique constraint', async () => {
      const thread = uniqueThread();
      const body = draft();
      assert.equal((await post(thread, body)).status, 201);
      const dup = await post(thread, body);
      assert.equal(dup.status, 409);
      assert.equal(dup.body.messageKey, 'duplicate');
      const [a, b] = await Promise.all([
        post(thread, draft({ content: 'race' })),
        post(thread, draft({ content: 'race' })),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [201, 409]);
      assert.equal((await list(thread)).body.comments.length, 2);
      assert.equal((await post(uniqueThread(), body)).status, 201, 'the same text in another thread is fine');
    });

    it('replays an idempotent post and refuses the key for another body (422)', async () => {
      const thread = uniqueThread();
      const key = `key-${uniqueThread()}`;
      const body = draft();
      const first = await post(thread, body, { 'Idempotency-Key': key });
      assert.equal(first.status, 201);
      const again = await post(thread, { ...body, _t: 9999 }, { 'Idempotency-Key': key });
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body);
      const other = await post(thread, draft(), { 'Idempotency-Key': key });
      assert.equal(other.status, 422);
      assert.equal(other.body.messageKey, 'idempotencyMismatch');
      const concurrent = `key-${uniqueThread()}`;
      const racing = draft();
      const results = await Promise.all([1, 2, 3].map(() => post(thread, racing, { 'Idempotency-Key': concurrent })));
      assert.deepEqual(
        results.map((r) => r.status),
        [201, 201, 201],
      );
      assert.equal(new Set(results.map((r) => r.body.comment.id)).size, 1);
      assert.equal((await list(thread)).body.comments.length, 2);
    });

    it('checks that a parent exists in the same thread', async () => {
      const thread = uniqueThread();
      const root = (await post(thread, draft())).body.comment;
      const reply = await post(thread, draft({ parentId: root.id }));
      assert.equal(reply.status, 201);
      assert.equal(reply.body.comment.parentId, root.id);
      const missing = await post(thread, draft({ parentId: 'no-such-id' }));
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.body.fields, { parentId: ['invalidParent'] });
      const elsewhere = await post(uniqueThread(), draft({ parentId: root.id }));
      assert.equal(elsewhere.status, 422);
    });

    it('refuses a reply to a comment that is not approved (held or spam), as WordPress', async () => {
      const url = await serverWith({ moderation: 'all' });
      const thread = uniqueThread();
      const root = (await post(thread, draft(), {}, url)).body.comment;
      assert.equal(root.status, 'pending');
      const toHeld = await post(thread, draft({ parentId: root.id }));
      assert.equal(toHeld.status, 422);
      assert.deepEqual(toHeld.body.fields, { parentId: ['invalidParent'] });
      assert.equal(
        (await call(base, 'PATCH', `/api/admin/comments/${root.id}`, { status: 'approved' }, admin)).status,
        200,
      );
      assert.equal((await post(thread, draft({ parentId: root.id }))).status, 201, 'approved: replies welcome');
      assert.equal(
        (await call(base, 'PATCH', `/api/admin/comments/${root.id}`, { status: 'spam' }, admin)).status,
        200,
      );
      assert.equal((await post(thread, draft({ parentId: root.id }))).status, 422, 'spam: refused again');
    });

    it('moderation "all": held comments are shown only to their author', async () => {
      const url = await serverWith({ moderation: 'all' });
      const thread = uniqueThread();
      const res = await post(thread, draft(), {}, url);
      assert.equal(res.status, 201);
      assert.equal(res.body.comment.status, 'pending');
      const token = res.body.authorToken as string;
      assert.match(token, /^[A-Za-z0-9_-]{32}$/);
      assert.equal((await list(thread, {}, url)).body.comments.length, 0);
      assert.equal((await list(thread, { 'X-Author-Token': 'A'.repeat(32) }, url)).body.comments.length, 0);
      const own = await list(thread, { 'X-Author-Token': token }, url);
      assert.equal(own.body.comments.length, 1);
      assert.equal(own.body.comments[0].status, 'pending');
      assert.equal(own.body.total, 0);
      // The same author's next comment reuses the token.
      const second = await post(thread, draft(), { 'X-Author-Token': token }, url);
      assert.equal(second.body.authorToken, token);
      assert.equal((await list(thread, { 'X-Author-Token': token }, url)).body.comments.length, 2);
    });

    it('moderation "first-time": held until the name and email have an approved comment', async () => {
      const url = await serverWith({ moderation: 'first-time' });
      const email = `${uniqueThread('new')}@example.com`;
      const first = await post(uniqueThread(), draft({ email }), {}, url);
      assert.equal(first.body.comment.status, 'pending');
      const second = await post(uniqueThread(), draft({ email }), {}, url);
      assert.equal(second.body.comment.status, 'pending');
      const approve = await call(
        base,
        'PATCH',
        `/api/admin/comments/${first.body.comment.id}`,
        { status: 'approved' },
        admin,
      );
      assert.equal(approve.status, 200);
      const third = await post(uniqueThread(), draft({ email: email.toUpperCase() }), {}, url);
      assert.equal(third.body.comment.status, 'approved');
    });

    it('holds comments with 2 or more links, and sends word-list matches to spam', async () => {
      const url = await serverWith({ spamWords: ['cheap pills', 'Casino'] });
      const thread = uniqueThread();
      const one = await post(thread, draft({ content: 'See https://a.example for more' }), {}, url);
      assert.equal(one.body.comment.status, 'approved');
      const two = await post(thread, draft({ content: 'See https://a.example and http://b.example' }), {}, url);
      assert.equal(two.body.comment.status, 'pending');
      const spam = await post(thread, draft({ content: 'Buy CHEAP PILLS today' }), {}, url);
      assert.equal(spam.status, 201);
      assert.equal(spam.body.comment.status, 'pending', 'spam looks pending to its sender');
      const inName = await post(thread, draft({ name: 'casino king' }), {}, url);
      assert.equal(inName.body.comment.status, 'pending');
      const spamIds = (await adminList('spam')).map((c) => c.id);
      assert.ok(
        spamIds.includes(spam.body.comment.id) && spamIds.includes(inName.body.comment.id),
        'spamIds.includes(spam.body.comment.id) && spamIds.includes(inName.body.comment.id)',
      );
      assert.ok(
        (await adminList('pending')).some((c) => c.id === two.body.comment.id),
        "(await adminList('pending')).some((c) => c.id === two.body.comment.id)",
      );
      // Literal matching: a regex-looking word matches only itself.
      const literal = await serverWith({ spamWords: ['a.c'] });
      assert.equal(
        (await post(uniqueThread(), draft({ content: 'abc' }), {}, literal)).body.comment.status,
        'approved',
      );
      assert.equal(
        (await post(uniqueThread(), draft({ content: 'xa.cx' }), {}, literal)).body.comment.status,
        'pending',
      );
    });

    it('sends a filled honeypot to spam, shown as held to its author only', async () => {
      const thread = uniqueThread();
      const res = await post(thread, draft({ _hp: 'http://bot.example' }));
      assert.equal(res.status, 201);
      assert.equal(res.body.comment.status, 'pending');
      assert.ok(
        (await adminList('spam')).some((c) => c.id === res.body.comment.id),
        'the comment is in the spam list',
      );
      // Its author still sees it after a reload, as awaiting moderation; nobody else sees it.
      const own = await list(thread, { 'X-Author-Token': res.body.authorToken });
      assert.deepEqual(
        own.body.comments.map((c: { id: string; status: string }) => [c.id, c.status]),
        [[res.body.comment.id, 'pending']],
      );
      assert.equal(own.headers.get('cache-control'), 'no-store');
      assert.equal((await list(thread)).body.comments.length, 0);
    });

    it('never confirms a guessed email: a honeypot probe gets a random seed, in the 201, its own view and a replay', async () => {
      const email = `${uniqueThread('victim')}@example.com`;
      const victim = await post(uniqueThread(), draft({ name: 'Victim', email }));
      assert.equal(victim.body.comment.status, 'approved');
      const publicSeed = victim.body.comment.avatarSeed as string;
      const thread = uniqueThread();
      const probe = draft({ name: 'Victim', email: email.toUpperCase(), _hp: 'x' });
      const key = { 'Idempotency-Key': `probe-${uniqueThread()}` };
      const res = await post(thread, probe, key);
      assert.equal(res.status, 201);
      assert.equal(res.body.comment.status, 'pending');
      assert.match(res.body.comment.avatarSeed, /^[A-Za-z0-9_-]{22}$/);
      assert.notEqual(res.body.comment.avatarSeed, publicSeed);
      const own = await list(thread, { 'X-Author-Token': res.body.authorToken });
      assert.equal(own.body.comments.length, 1);
      assert.notEqual(own.body.comments[0].avatarSeed, publicSeed);
      const replay = await post(thread, probe, key);
      assert.equal(replay.status, 201);
      assert.equal(replay.body.comment.id, res.body.comment.id);
      assert.notEqual(replay.body.comment.avatarSeed, publicSeed);
    });

    it('gives a held comment a random seed, and the email seed once a moderator approves it', async () => {
      const held = await serverWith({ moderation: 'all' });
      const email = `${uniqueThread('held')}@example.com`;
      const emailSeed = (await post(uniqueThread(), draft({ email }))).body.comment.avatarSeed as string;
      const thread = uniqueThread();
      const res = await post(thread, draft({ email }), {}, held);
      assert.equal(res.body.comment.status, 'pending');
      assert.notEqual(res.body.comment.avatarSeed, emailSeed);
      const own = await list(thread, { 'X-Author-Token': res.body.authorToken }, held);
      assert.notEqual(own.body.comments[0].avatarSeed, emailSeed);
      const approve = await call(
        base,
        'PATCH',
        `/api/admin/comments/${res.body.comment.id}`,
        { status: 'approved' },
        admin,
      );
      assert.equal(approve.status, 200);
      const shown = (await list(thread, {}, held)).body.comments;
      assert.deepEqual(
        shown.map((c: any) => [c.id, c.avatarSeed]),
        [[res.body.comment.id, emailSeed]],
      );
    });

    it('moderation "first-time": a known email under another name is held (name and email must match)', async () => {
      const url = await serverWith({ moderation: 'first-time' });
      const email = `${uniqueThread('known')}@example.com`;
      assert.equal((await post(uniqueThread(), draft({ name: 'Victim', email }))).body.comment.status, 'approved');
      const probe = await post(uniqueThread(), draft({ name: 'Mallory', email }), {}, url);
      assert.equal(probe.body.comment.status, 'pending');
      const nameCase = await post(uniqueThread(), draft({ name: 'victim', email }), {}, url);
      assert.equal(nameCase.body.comment.status, 'pending', 'the name matches exactly');
      const same = await post(uniqueThread(), draft({ name: ' Victim ', email: email.toUpperCase() }), {}, url);
      assert.equal(same.body.comment.status, 'approved', 'trimmed name, email in any case');
    });

    it('refuses a submission faster than the minimum time (429 with Retry-After)', async () => {
      const url = await serverWith({ minSubmitMs: 3000 });
      const thread = uniqueThread();
      const fast = await post(thread, draft({ _t: 500 }), {}, url);
      assert.equal(fast.status, 429);
      assert.equal(fast.headers.get('retry-after'), '3');
      assert.equal(fast.body.error, 'too-fast');
      const { _t, ...noTime } = draft();
      assert.equal((await post(thread, noTime, {}, url)).status, 429);
      assert.equal((await post(thread, draft({ _t: 3000 }), {}, url)).status, 201);
    });

    it('rate-limits per client in the database, IPv6 per /64, proxy header only when trusted', async () => {
      const direct = await serverWith({ rateLimit: 2, rateWindow: 3600 });
      const ok = [await post(uniqueThread(), draft(), {}, direct), await post(uniqueThread(), draft(), {}, direct)];
      assert.deepEqual(
        ok.map((r) => r.status),
        [201, 201],
      );
      // A spoofed X-Forwarded-For does not help when no proxy is trusted.
      const third = await post(uniqueThread(), draft(), { 'X-Forwarded-For': '203.0.113.9' }, direct);
      assert.equal(third.status, 429);
      const wait = Number(third.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 3600, `Retry-After ${wait}`);
      assert.equal(third.body.error, 'rate-limited');

      const proxied = await serverWith({ rateLimit: 2, rateWindow: 3600, trustProxy: true });
      const from = (ip: string) => post(uniqueThread(), draft(), { 'X-Forwarded-For': `198.51.100.1, ${ip}` }, proxied);
      assert.equal((await from('2001:db8:1:2::1')).status, 201);
      assert.equal((await from('2001:db8:1:2:ffff::9')).status, 201);
      assert.equal((await from('2001:db8:1:2:abcd::1')).status, 429, 'same /64');
      assert.equal((await from('2001:db8:1:3::1')).status, 201, 'another /64');
      assert.equal((await from('192.0.2.7')).status, 201);
    });

    it('checks Origin: allowed origins get CORS headers, others cannot post', async () => {
      const url = await serverWith({ allowedOrigins: ['https://blog.example'] });
      const thread = uniqueThread();
      const bad = await post(thread, draft(), { Origin: 'https://evil.example' }, url);
      assert.equal(bad.status, 403);
      assert.equal(bad.headers.get('access-control-allow-origin'), null);
      const good = await post(thread, draft(), { Origin: 'https://blog.example' }, url);
      assert.equal(good.status, 201);
      assert.equal(good.headers.get('access-control-allow-origin'), 'https://blog.example');
      const self = await post(thread, draft(), { Origin: url }, url);
      assert.equal(self.status, 201);
      const preflight = await call(url, 'OPTIONS', commentsPath(thread), undefined, {
        Origin: 'https://blog.example',
        'Access-Control-Request-Method': 'POST',
      });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
      const badPreflight = await call(url, 'OPTIONS', commentsPath(thread), undefined, {
        Origin: 'https://evil.example',
      });
      assert.equal(badPreflight.status, 403);
      const read = await list(thread, { Origin: 'https://evil.example' }, url);
      assert.equal(read.headers.get('access-control-allow-origin'), null);
      // The list (the cached read path, with its own headers) and its 304 carry CORS as well.
      const allowedRead = await list(thread, { Origin: 'https://blog.example' }, url);
      assert.equal(allowedRead.headers.get('access-control-allow-origin'), 'https://blog.example');
      assert.match(allowedRead.headers.get('access-control-expose-headers') ?? '', /ETag/);
      const etag = allowedRead.headers.get('etag')!;
      const notModified = await list(thread, { Origin: 'https://blog.example', 'If-None-Match': etag }, url);
      assert.equal(notModified.status, 304);
      assert.equal(notModified.headers.get('access-control-allow-origin'), 'https://blog.example');
      assert.equal(notModified.headers.get('x-content-type-options'), 'nosniff');
    });

    it('counts approved comments of many threads in one request', async () => {
      const [a, b, c] = [uniqueThread(), uniqueThread(), uniqueThread()];
      await post(a, draft());
      await post(a, draft());
      await post(b, draft());
      const held = await serverWith({ moderation: 'all' });
      await post(c, draft(), {}, held);
      const res = await call(
        base,
        'GET',
        `/api/counts?thread=${encodeURIComponent(a)}&thread=${encodeURIComponent(b)}&thread=${encodeURIComponent(c)}`,
      );
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { counts: { [a]: 2, [b]: 1, [c]: 0 } });
    });

    it('moderation API: bearer token, list with private fields, approve, spam, delete', async () => {
      const held = await serverWith({ moderation: 'all' });
      const thread = uniqueThread();
      const posted = (await post(thread, draft({ email: 'mod@example.com' }), { 'User-Agent': 'TestAgent/1' }, held))
        .body.comment;
      for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: ADMIN_TOKEN }] as Array<
        Record<string, string>
      >) {
        const res = await call(base, 'GET', '/api/admin/comments', undefined, headers);
        assert.equal(res.status, 401);
        assert.doesNotMatch(res.text, /mod@example/);
      }
      const row = (await adminList('pending')).find((c) => c.id === posted.id);
      assert.ok(row, 'row');
      assert.equal(row.authorEmail, 'mod@example.com');
      assert.equal(row.userAgent, 'TestAgent/1');
      assert.equal(row.threadId, thread);
      const bad = await call(base, 'PATCH', `/api/admin/comments/${posted.id}`, { status: 'approved', id: 'x' }, admin);
      assert.equal(bad.status, 422);
      const approved = await call(base, 'PATCH', `/api/admin/comments/${posted.id}`, { status: 'approved' }, admin);
      assert.equal(approved.status, 200);
      assert.equal((await list(thread)).body.comments.length, 1);
      const spam = await call(base, 'PATCH', `/api/admin/comments/${posted.id}`, { status: 'spam' }, admin);
      assert.equal(spam.status, 200);
      assert.equal((await list(thread)).body.comments.length, 0);
      const notTrash = await call(base, 'DELETE', `/api/admin/comments/${posted.id}`, undefined, admin);
      assert.equal(notTrash.status, 409, 'deleted for good only from the trash');
      assert.equal(notTrash.body.messageKey, 'notInTrash');
      assert.equal(
        (await call(base, 'PATCH', `/api/admin/comments/${posted.id}`, { status: 'trash' }, admin)).status,
        200,
      );
      assert.equal((await call(base, 'DELETE', `/api/admin/comments/${posted.id}`, undefined, admin)).status, 204);
      assert.equal((await call(base, 'DELETE', `/api/admin/comments/${posted.id}`, undefined, admin)).status, 404);
      assert.equal((await call(base, 'PATCH', '/api/admin/comments/nope', { status: 'spam' }, admin)).status, 404);
      assert.ok(
        !(await adminList('spam')).some((c) => c.id === posted.id),
        "!(await adminList('spam')).some((c) => c.id === posted.id)",
      );
    });

    it('deleting a comment keeps its replies, moved up a level', async () => {
      const thread = uniqueThread();
      const root = (await post(thread, draft())).body.comment;
      const reply = (await post(thread, draft({ parentId: root.id }))).body.comment;
      const deep = (await post(thread, draft({ parentId: reply.id }))).body.comment;
      assert.equal(
        (await call(base, 'PATCH', `/api/admin/comments/${reply.id}`, { status: 'trash' }, admin)).status,
        200,
      );
      assert.equal((await call(base, 'DELETE', `/api/admin/comments/${reply.id}`, undefined, admin)).status, 204);
      const listed = (await list(thread)).body.comments;
      assert.deepEqual(
        listed.map((c: any) => c.id),
        [root.id, deep.id],
      );
      assert.equal(listed[1].parentId, root.id);
    });

    it('pages by whole threads with limit, order and cursor', async () => {
      const thread = uniqueThread();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await post(thread, draft())).body.comment.id);
        await new Promise((r) => setTimeout(r, 5));
      }
      const first = await call(base, 'GET', `${commentsPath(thread)}?limit=2&order=desc`);
      assert.deepEqual(
        first.body.comments.map((c: any) => c.id),
        [ids[2], ids[1]],
      );
      assert.equal(first.body.total, 3);
      const second = await call(
        base,
        'GET',
        `${commentsPath(thread)}?limit=2&order=desc&cursor=${first.body.nextCursor}`,
      );
      assert.deepEqual(
        second.body.comments.map((c: any) => c.id),
        [ids[0]],
      );
      assert.equal(second.body.nextCursor, null);
    });

    it('streams newly approved comments over SSE, not pending ones', async () => {
      const held = await serverWith({ moderation: 'all' });
      const thread = uniqueThread();
      const controller = new AbortController();
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      const events = readEvents(
        `${base}/api/threads/${encodeURIComponent(thread)}/events`,
        controller.signal,
        ready,
        2,
      );
      await isReady;
      const pending = (await post(thread, draft({ content: 'held for now' }), {}, held)).body.comment;
      const live = (await post(thread, draft({ content: 'approved at once' }))).body.comment;
      await call(base, 'PATCH', `/api/admin/comments/${pending.id}`, { status: 'approved' }, admin);
      const got = await events;
      controller.abort();
      assert.deepEqual(
        got.map((c) => c.id),
        [live.id, pending.id],
      );
      for (const c of got) assert.deepEqual(Object.keys(c).sort(), PUBLIC_KEYS);
      assert.equal(got[1].status, 'approved');
    });

    it('caps event streams per client (429 too-many-streams, Retry-After) and frees a slot when one closes', async () => {
      const url = await serverWith({ maxStreamsPerClient: 3, trustProxy: true });
      const thread = uniqueThread();
      const client = { 'X-Forwarded-For': '192.0.2.10' };
      const opened: OpenedStream[] = [];
      try {
        for (let i = 0; i < 3; i++) opened.push(await openStream(url, i === 2 ? uniqueThread() : thread, client));
        assert.deepEqual(
          opened.map((s) => s.status),
          [200, 200, 200],
        );
        const refused = await openStream(url, uniqueThread(), client);
        assert.equal(refused.status, 429);
        assert.equal(refused.headers['retry-after'], '30');
        assert.deepEqual(JSON.parse(refused.body), { error: 'too-many-streams', retryAfter: 30 });
        // Another client still gets one.
        const other = await openStream(url, thread, { 'X-Forwarded-For': '192.0.2.11' });
        opened.push(other);
        assert.equal(other.status, 200);
        // Closing a stream gives its slot back, once the server has seen the connection close.
        opened.shift()!.close();
        let again = await openStream(url, thread, client);
        for (let attempt = 0; again.status === 429 && attempt < 100; attempt++) {
          await new Promise((r) => setTimeout(r, 20));
          again = await openStream(url, thread, client);
        }
        opened.push(again);
        assert.equal(again.status, 200, 'a slot came free');
        assert.equal((await openStream(url, thread, client)).status, 429, 'and only one');
      } finally {
        for (const s of opened) s.close();
      }
    });

    it('caps event streams in total, whoever asks', async () => {
      const url = await serverWith({ maxStreams: 2, trustProxy: true });
      const opened: OpenedStream[] = [];
      try {
        for (const ip of ['192.0.2.20', '192.0.2.21'])
          opened.push(await openStream(url, uniqueThread(), { 'X-Forwarded-For': ip }));
        assert.deepEqual(
          opened.map((s) => s.status),
          [200, 200],
        );
        const refused = await openStream(url, uniqueThread(), { 'X-Forwarded-For': '192.0.2.22' });
        assert.equal(refused.status, 429);
        assert.equal(JSON.parse(refused.body).error, 'too-many-streams');
      } finally {
        for (const s of opened) s.close();
      }
    });
  });
}

const pgSkipped = await pgSkip();
apiSuite('sqlite', false);
apiSuite('postgres', pgSkipped);
