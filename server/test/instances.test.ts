/**
 * Two server processes on one PostgreSQL database: idempotency, rate limits, events and the page
 * cache hold across instances. Every wait is bounded (suite timeout, stream reads with a deadline,
 * processes killed in `after()` even when `before()` failed half-way).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  expectDeliveredAcross,
  freshDatabase,
  openEventStream,
  pgSkip,
  uniqueThread,
  type TestDatabase,
} from './helpers.js';
import { spawnServer, stopAll, type ServerProcess } from './processes.js';

const skip = await pgSkip();

describe('two instances on one PostgreSQL', { skip, timeout: 120_000 }, () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  before(async () => {
    db = await freshDatabase('postgres');
    const args = [
      '--database-url',
      db.config.databaseUrl!,
      '--pg-schema',
      db.config.pgSchema!,
      '--moderation',
      'none',
      '--min-submit-ms',
      '0',
      '--rate-limit',
      '5',
      '--rate-window',
      '3600',
      '--trust-proxy',
      '--admin-token',
      ADMIN_TOKEN,
      '--demo',
      '',
    ];
    // Started together: the advisory lock makes them migrate once. allSettled: when one fails, the
    // other is still stopped in after() (before, it was left running and the file never ended).
    const started = await Promise.allSettled([spawnServer(args), spawnServer(args)]);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    [a, b] = started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value) as [ServerProcess, ServerProcess];
  });
  after(async () => {
    await stopAll();
    await db?.cleanup();
  });

  it('both are ready (/readyz) on the one database they migrated once', async () => {
    for (const s of [a, b]) {
      const ready = await call(s.url, 'GET', '/readyz');
      assert.equal(ready.status, 200, ready.text);
    }
  });

  it('a comment posted on one is served fresh and pushed live by the other', async () => {
    const thread = uniqueThread();
    const path = `${commentsPath(thread)}?limit=100`;
    // B has the thread's page in its cache, and a reader listening on it.
    const cached = await call(b.url, 'GET', path);
    assert.deepEqual(cached.body.comments, []);
    const stream = await openEventStream(b.url, thread);
    try {
      await stream.until(/event: ready/);
      const posted = await call(a.url, 'POST', commentsPath(thread), draft({ content: 'posted on A' }), {
        'X-Forwarded-For': '192.0.2.77',
      });
      assert.equal(posted.status, 201, posted.text);
      const id = posted.body.comment.id as string;
      // Served fresh by B at once (not its cached empty page), and with a new ETag.
      const fresh = await call(b.url, 'GET', path, undefined, { 'If-None-Match': cached.headers.get('etag')! });
      assert.equal(fresh.status, 200);
      assert.deepEqual(
        fresh.body.comments.map((c: any) => [c.id, c.content]),
        [[id, 'posted on A']],
      );
      // And pushed live to B's reader.
      await stream.until(new RegExp(`event: comment\ndata: [^\n]*"posted on A"[^\n]*\nid: ${id}\n`));
    } finally {
      stream.close();
    }
  });

  it('concurrent identical posts with one idempotency key store one comment', async () => {
    const thread = uniqueThread();
    const body = draft();
    const key = `race-${uniqueThread()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(i % 2 ? a.url : b.url, 'POST', commentsPath(thread), body, {
          'Idempotency-Key': key,
          'X-Forwarded-For': `198.51.100.${i + 1}`,
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      Array(8).fill(201),
      results.map((r) => r.text).join('\n'),
    );
    assert.equal(new Set(results.map((r) => r.body.comment.id)).size, 1);
    const listed = await call(a.url, 'GET', commentsPath(thread));
    assert.equal(listed.body.comments.length, 1);
  });

  it('rate-limits one client across both instances', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? a.url : b.url, 'POST', commentsPath(uniqueThread()), draft(), {
          'X-Forwarded-For': '203.0.113.50',
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 5, String(statuses));
    assert.equal(statuses.filter((s) => s === 429).length, 7, String(statuses));
    for (const r of results.filter((r) => r.status === 429))
      assert.ok(Number(r.headers.get('retry-after')) > 0, "Number(r.headers.get('retry-after')) > 0");
  });

  it('an event posted on one instance reaches a subscriber of the other', async () => {
    await expectDeliveredAcross(a.url, b.url, 'across instances', '192.0.2.99');
  });

  it("a comment far over NOTIFY's 8000 bytes reaches the other instance whole", async () => {
    // The bus carries the comment itself, in parts: quotes, backslashes, characters outside ASCII
    // and surrogate pairs (cut at a part's edge or not) all come through.
    const piece = 'Ünïcode "quoted" \\ back\\slash 😀 中文 ';
    await expectDeliveredAcross(a.url, b.url, piece.repeat(Math.ceil(20_000 / piece.length)).trim(), '192.0.2.98');
  });

  it('a burst of posts on one instance reaches a subscriber of the other, every comment whole', async () => {
    // Published together, their NOTIFY parts share statements: none may be lost, cut or mixed up.
    const thread = uniqueThread();
    const stream = await openEventStream(a.url, thread);
    try {
      await stream.until(/event: ready/);
      const long = 'Ünïcode "quoted" 😀 '.repeat(600);
      const posted = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          call(b.url, 'POST', commentsPath(thread), draft({ content: i % 3 === 0 ? `${long}${i}` : `burst ${i}` }), {
            'X-Forwarded-For': `192.0.2.${110 + (i % 4)}`,
          }),
        ),
      );
      for (const p of posted) assert.equal(p.status, 201, p.text);
      const ids = posted.map((p) => (p.body as { comment: { id: string } }).comment.id);
      await stream.until(new RegExp(`(event: comment\n[^]*?\n\n[^]*?){${ids.length}}`));
      const received = [...stream.text().matchAll(/^event: comment\ndata: (.*)$/gm)].map(
        (m) => JSON.parse(m[1]!) as { id: string; content: string },
      );
      assert.deepEqual(received.map((c) => c.id).sort(), [...ids].sort());
      for (const c of received) {
        const i = ids.indexOf(c.id);
        assert.equal(c.content, i % 3 === 0 ? `${long}${i}` : `burst ${i}`);
      }
    } finally {
      stream.close();
    }
  });

  it('never serves a stale cached page after a write acknowledged by the other instance', async () => {
    const thread = uniqueThread();
    const path = `${commentsPath(thread)}?limit=100`;
    const headers = (i: number) => ({ 'X-Forwarded-For': `198.51.100.${100 + (i % 100)}` });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      // Fill A's cache, write on B, read A at once: the new state, every time.
      const before = await call(a.url, 'GET', path);
      assert.deepEqual(
        before.body.comments.map((c: any) => c.id),
        ids,
      );
      const again = await call(a.url, 'GET', path, undefined, { 'If-None-Match': before.headers.get('etag')! });
      assert.equal(again.status, 304);
      const posted = await call(b.url, 'POST', commentsPath(thread), draft(), headers(i));
      assert.equal(posted.status, 201, posted.text);
      ids.push(posted.body.comment.id);
      const after = await call(a.url, 'GET', path, undefined, { 'If-None-Match': before.headers.get('etag')! });
      assert.equal(after.status, 200, 'the old ETag must not match any more');
      assert.deepEqual(
        after.body.comments.map((c: any) => c.id),
        ids,
      );
    }
    // Moderation on B (spam, approve, delete) shows on A at once too.
    const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const target = ids[3]!;
    assert.equal((await call(b.url, 'PATCH', `/api/admin/comments/${target}`, { status: 'spam' }, admin)).status, 200);
    assert.ok(
      !(await call(a.url, 'GET', path)).body.comments.some((c: any) => c.id === target),
      "!(await call(a.url, 'GET', path)).body.comments.some((c: any) => c.id === target)",
    );
    assert.equal(
      (await call(b.url, 'PATCH', `/api/admin/comments/${target}`, { status: 'approved' }, admin)).status,
      200,
    );
    assert.ok(
      (await call(a.url, 'GET', path)).body.comments.some((c: any) => c.id === target),
      "(await call(a.url, 'GET', path)).body.comments.some((c: any) => c.id === target)",
    );
    assert.equal((await call(b.url, 'PATCH', `/api/admin/comments/${target}`, { status: 'trash' }, admin)).status, 200);
    assert.ok(
      !(await call(a.url, 'GET', path)).body.comments.some((c: any) => c.id === target),
      "!(await call(a.url, 'GET', path)).body.comments.some((c: any) => c.id === target)",
    );
  });

  it('concurrent readers on one instance never see a page older than an acknowledged write on the other', async () => {
    const thread = uniqueThread();
    const path = `${commentsPath(thread)}?limit=100`;
    let acknowledged = 0;
    let stop = false;
    const readers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const floor = acknowledged; // acknowledged before this request was sent
        const res = await call(a.url, 'GET', path);
        assert.ok(res.body.comments.length >= floor, `stale page: ${res.body.comments.length} < ${floor}`);
      }
    });
    for (let i = 0; i < 15; i++) {
      const posted = await call(b.url, 'POST', commentsPath(thread), draft(), {
        'X-Forwarded-For': `203.0.113.${i + 1}`,
      });
      assert.equal(posted.status, 201, posted.text);
      acknowledged += 1;
    }
    stop = true;
    await Promise.all(readers);
  });
});
