/**
 * Two server processes on one PostgreSQL database: idempotency, rate limits and events hold across
 * instances.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, call, commentsPath, draft, freshDatabase, pgSkip, uniqueThread, type TestDatabase } from './helpers.js';
import { spawnServer, type ServerProcess } from './processes.js';

const skip = await pgSkip();

describe('two instances on one PostgreSQL', { skip }, () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  before(async () => {
    db = await freshDatabase('postgres');
    const args = [
      '--database-url', db.config.databaseUrl!,
      '--pg-schema', db.config.pgSchema!,
      '--moderation', 'none',
      '--min-submit-ms', '0',
      '--rate-limit', '5',
      '--rate-window', '3600',
      '--trust-proxy',
      '--admin-token', ADMIN_TOKEN,
      '--demo', '',
    ];
    // Started together: the advisory lock makes them migrate once.
    [a, b] = await Promise.all([spawnServer(args), spawnServer(args)]);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await db?.cleanup();
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
    assert.deepEqual(results.map((r) => r.status), Array(8).fill(201), results.map((r) => r.text).join('\n'));
    assert.equal(new Set(results.map((r) => r.body.comment.id)).size, 1);
    const listed = await call(a.url, 'GET', commentsPath(thread));
    assert.equal(listed.body.comments.length, 1);
  });

  it('rate-limits one client across both instances', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? a.url : b.url, 'POST', commentsPath(uniqueThread()), draft(), { 'X-Forwarded-For': '203.0.113.50' }),
      ),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 5, String(statuses));
    assert.equal(statuses.filter((s) => s === 429).length, 7, String(statuses));
    for (const r of results.filter((r) => r.status === 429)) assert.ok(Number(r.headers.get('retry-after')) > 0);
  });

  it('an event posted on one instance reaches a subscriber of the other', async () => {
    const thread = uniqueThread();
    const controller = new AbortController();
    const res = await fetch(`${a.url}/api/threads/${encodeURIComponent(thread)}/events`, { signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(buffer)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${buffer}`);
        buffer += value;
      }
    };
    await until(/event: ready/);
    const posted = await call(b.url, 'POST', commentsPath(thread), draft({ content: 'across instances' }), {
      'X-Forwarded-For': '192.0.2.99',
    });
    assert.equal(posted.status, 201, posted.text);
    await until(/event: comment\n[^]*?\n\n/);
    controller.abort();
    const data = JSON.parse(/^data: (.*)$/m.exec(buffer.slice(buffer.indexOf('event: comment')))![1]!);
    assert.equal(data.id, posted.body.comment.id);
    assert.equal(data.content, 'across instances');
  });
});
