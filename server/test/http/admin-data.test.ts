/**
 * The moderation API's data routes against the real server: export, import by upload, privacy
 * requests; the same code as the CLI (server/test/import/), reached over HTTP with the admin token.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../src/server.js';
import { ADMIN_TOKEN, call, commentsPath, draft, freshDatabase, start, type TestDatabase } from '../helpers.js';

const DISQUS = readFileSync(join(import.meta.dirname, '../import/fixtures/disqus.xml'), 'utf8');
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SOURDOUGH = '/2019/sourdough/';

describe('admin data routes (SQLite)', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let base: string;

  before(async () => {
    db = await freshDatabase('sqlite');
    server = await start(db);
    base = server.url;
  });
  after(async () => {
    await server?.close();
    await db?.cleanup();
  });

  const upload = (query: string, body: string, headers: Record<string, string> = admin) =>
    call(base, 'POST', `/api/admin/import?${query}`, body, { 'Content-Type': 'application/xml', ...headers });

  it('refuses every route without the admin token', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin/export'],
      ['POST', '/api/admin/import?from=disqus'],
      ['GET', '/api/admin/privacy?email=ada@example.com'],
      ['POST', '/api/admin/privacy/erase'],
    ] as const) {
      const res = await call(base, method, path, method === 'POST' ? '{}' : undefined);
      assert.equal(res.status, 401, `${method} ${path}`);
    }
  });

  it('imports an uploaded Disqus export once; a dry run and a second upload add nothing', async () => {
    const dry = await upload('from=disqus&dryRun=1', DISQUS);
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual([dry.body.imported, dry.body.dryRun], [7, true]);
    assert.equal((await call(base, 'GET', `${commentsPath(SOURDOUGH)}?limit=50`)).body.total, 0);
    const first = await upload('from=disqus', DISQUS);
    assert.deepEqual([first.body.imported, first.body.skipped, first.body.failed], [7, 2, 1]);
    assert.equal((await call(base, 'GET', `${commentsPath(SOURDOUGH)}?limit=50`)).body.total, 4);
    const again = await upload('from=disqus', DISQUS);
    assert.deepEqual([again.body.imported, again.body.skipped], [0, 9]);
  });

  it('answers a bad query or a file that is not the format with field keys, never a 500', async () => {
    assert.equal((await upload('from=blogger', DISQUS)).status, 400);
    assert.deepEqual((await upload('from=blogger', DISQUS)).body.fields, { from: ['invalidType'] });
    const broken = await upload('from=disqus', '<disqus><thread dsq:id="1"><link>');
    assert.equal(broken.status, 422, broken.text);
    assert.equal(broken.body.messageKey, 'importFormat');
  });

  it('exports everything, or one thread, as a download', async () => {
    const res = await fetch(`${base}/api/admin/export`, { headers: admin });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="comments.json"/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const json = JSON.parse(await res.text());
    assert.deepEqual([json.format, json.version], ['comment-box', 1]);
    assert.ok(json.comments.some((c: { authorEmail: string }) => c.authorEmail === 'ada@example.com'));
    const thread = await fetch(`${base}/api/admin/export?thread=${encodeURIComponent('/2019/rye')}`, {
      headers: admin,
    });
    const rye = JSON.parse(await thread.text());
    assert.ok(rye.comments.length > 0 && rye.comments.every((c: { threadId: string }) => c.threadId === '/2019/rye'));
  });

  it('exports what is stored about an address, then erases it from the public list', async () => {
    const posted = await call(base, 'POST', commentsPath(SOURDOUGH), draft({ name: 'Zed', email: 'Zed@Example.com' }));
    assert.equal(posted.status, 201);
    const res = await fetch(`${base}/api/admin/privacy?email=${encodeURIComponent('zed@example.com')}`, {
      headers: admin,
    });
    const data = JSON.parse(await res.text());
    assert.deepEqual(data.subject, { email: 'zed@example.com' });
    assert.deepEqual(
      data.comments.map((c: { authorName: string }) => c.authorName),
      ['Zed'],
    );
    const bad = await call(
      base,
      'POST',
      '/api/admin/privacy/erase',
      { email: 'zed@example.com', mode: 'shred' },
      admin,
    );
    assert.equal(bad.status, 422);
    const erased = await call(
      base,
      'POST',
      '/api/admin/privacy/erase',
      { email: 'zed@example.com', mode: 'anonymize' },
      admin,
    );
    assert.equal(erased.status, 200, erased.text);
    assert.equal(erased.body.anonymized, 1);
    const page = await call(base, 'GET', `${commentsPath(SOURDOUGH)}?limit=50`);
    assert.equal(JSON.stringify(page.body).includes('Zed'), false, 'the public list still names them');
  });
});
