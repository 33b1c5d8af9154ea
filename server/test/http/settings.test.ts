/**
 * The desk's settings and block lists, kept in the database: effective on the next post without a
 * restart, on another instance of the same database too (SQLite file, PostgreSQL schema).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../src/server.js';
import { Settings } from '../../src/store/settings.js';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  pgSkip,
  start,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;
  if (skip) console.log(`# skipped: settings on PostgreSQL: ${skip}`);

  describe(`desk settings on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let a: RunningServer;
    let b: RunningServer;

    before(async () => {
      db = await freshDatabase(dbName);
      a = await start(db, { moderation: 'none', maxLinks: 5 });
      b = await start(db, { moderation: 'none', maxLinks: 5 });
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await db?.cleanup();
    });

    const put = (url: string, body: unknown) => call(url, 'PUT', '/api/admin/settings', body, admin);
    const status = async (
      url: string,
      overrides: Record<string, unknown> = {},
      headers = {},
      thread = uniqueThread(),
    ) => {
      const res = await call(url, 'POST', commentsPath(thread), draft(overrides), headers);
      return res.status === 201 ? res.body.comment.status : res.status;
    };

    it('shows the effective settings, the flags as defaults', async () => {
      const res = await call(a.url, 'GET', '/api/admin/settings', undefined, admin);
      assert.equal(res.status, 200);
      assert.equal(res.body.moderation, 'none');
      assert.equal(res.body.maxLinks, 5);
      assert.equal(res.body.trashDays, 30);
      assert.deepEqual(res.body.blocks.words, { hold: [], spam: [] });
      assert.equal((await call(a.url, 'GET', '/api/admin/settings')).status, 401);
      assert.equal((await put(a.url, { moderation: 'sometimes' })).status, 422);
      assert.equal((await put(a.url, { maxLinks: 0 })).status, 422);
      assert.equal((await put(a.url, { unknown: 1 })).status, 422);
      const badIp = {
        words: { hold: [], spam: [] },
        emails: { hold: [], spam: [] },
        ips: { hold: ['10.0.0.0/99'], spam: [] },
      };
      assert.equal((await put(a.url, { blocks: badIp })).status, 422);
    });

    it('block lists and moderation take effect on the next post, on the other instance too, no restart', async () => {
      assert.equal(await status(b.url, { content: 'Cheap watches here' }), 'approved');
      const saved = await put(a.url, {
        blocks: {
          words: { hold: ['cheap watches'], spam: ['casino'] },
          emails: { hold: [], spam: ['spam.example'] },
          ips: { hold: [], spam: ['203.0.113.0/24'] },
        },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body.blocks.words.spam, ['casino']);
      for (const url of [a.url, b.url]) {
        assert.equal(await status(url, { content: 'CHEAP Watches, again' }), 'pending', url);
        assert.equal(await status(url, { content: 'Online casino' }), 'pending', 'spam looks held to its author');
        assert.equal(await status(url, { email: 'bot@mail.spam.example' }), 'pending');
        assert.equal(await status(url), 'approved');
      }
      const spam = await call(b.url, 'GET', '/api/admin/comments?status=spam&limit=200', undefined, admin);
      assert.deepEqual([...new Set(spam.body.comments.map((c: any) => c.reason.code))].sort(), [
        'block-email',
        'block-word',
      ]);
      await put(b.url, { moderation: 'all' });
      assert.equal(await status(a.url), 'pending', 'the mode saved on b holds on a');
      await put(a.url, { moderation: 'none' });
      assert.equal(await status(b.url), 'approved');
    });

    it('closes a thread, or every thread whose first comment is older than N days, unless opened', async () => {
      const closed = uniqueThread();
      await put(a.url, { closedThreads: [closed] });
      assert.equal(await status(b.url, {}, {}, closed), 403);
      const old = uniqueThread();
      assert.equal(await status(a.url, {}, {}, old), 'approved');
      await a.store.db
        .updateTable('comments')
        .set({ created_at: new Date(Date.now() - 40 * 86_400_000).toISOString() })
        .where('thread_id', '=', old)
        .execute();
      assert.equal(await status(b.url, {}, {}, old), 'approved', 'no age limit yet');
      await put(a.url, { closeAfterDays: 30 });
      assert.equal(await status(b.url, {}, {}, old), 403);
      assert.equal(await status(b.url), 'approved', 'a new thread is open');
      await put(a.url, { openThreads: [old] });
      assert.equal(await status(b.url, {}, {}, old), 'approved');
      await put(a.url, { closedThreads: [], closeAfterDays: 0, openThreads: [] });
    });

    it('rate limit, edit window and allowed origins come from the settings too', async () => {
      await put(a.url, { rateLimit: 1, rateWindow: 3600 });
      const ip = { 'X-Forwarded-For': '192.0.2.55' };
      // Counted per socket address here (no --trust-proxy): one post passes, the next is limited.
      const first = await status(b.url, {}, ip);
      const second = await status(b.url, {}, ip);
      assert.deepEqual([first, second], ['approved', 429]);
      await put(a.url, { rateLimit: 10_000 });
      await put(a.url, { editWindow: 0 });
      const posted = await call(b.url, 'POST', commentsPath(uniqueThread()), draft());
      assert.equal(posted.body.comment.editableUntil, undefined, 'no edit window');
      await put(a.url, { editWindow: 900 });
      const origin = { Origin: 'https://blog.example' };
      assert.equal(await status(b.url, {}, origin), 403);
      await put(a.url, { allowedOrigins: ['https://blog.example'] });
      assert.equal(await status(b.url, {}, origin), 'approved');
    });
  });
}

describe('settings refresh', () => {
  let db: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  before(async () => {
    db = await freshDatabase('sqlite');
    a = await start(db);
    b = await start(db);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await db?.cleanup();
  });

  it('refreshes asked together share reads; each still sees every save made before it was asked', async () => {
    let reads = 0;
    const reader = a.store.reader;
    const counted = { reader: { selectFrom: (table: 'settings') => ((reads += 1), reader.selectFrom(table)) } };
    const config = { ...a.config };
    const settings = new Settings(counted as never, config);
    const first = settings.refresh();
    // Saved on the other instance while the first read may be in flight: a refresh asked after
    // the save must see it.
    await new Settings(b.store, { ...b.config }).save({ maxLinks: 4 });
    reads = 0;
    await Promise.all([first, ...Array.from({ length: 10 }, () => settings.refresh())]);
    assert.equal(config.maxLinks, 4);
    assert.ok(reads >= 1 && reads <= 2, `one read in flight and one after it, not one each: ${reads}`);
  });
});
