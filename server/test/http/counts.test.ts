/**
 * The count endpoint and its cache, against two real servers on one database (SQLite file and
 * PostgreSQL): a count is served from the cache while its thread's version stands, and a write on
 * either instance shows in the other's count at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { RunningServer } from '../../src/server.js';
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
  if (skip) console.log(`# skipped: counts on PostgreSQL: ${skip}`);

  describe(`counts on ${dbName}, two instances`, { skip }, () => {
    let db: TestDatabase;
    let a: RunningServer;
    let b: RunningServer;

    before(async () => {
      db = await freshDatabase(dbName);
      a = await start(db);
      b = await start(db);
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await db?.cleanup();
    });

    const countOn = async (server: RunningServer, ...threads: string[]) => {
      const res = await call(server.url, 'GET', `/api/counts?${threads.map((t) => `thread=${t}`).join('&')}`);
      assert.equal(res.status, 200, res.text);
      return res.body.counts as Record<string, number>;
    };
    const post = async (server: RunningServer, thread: string) => {
      const res = await call(server.url, 'POST', commentsPath(thread), draft());
      assert.equal(res.status, 201, res.text);
      return res.body.comment.id as string;
    };

    it('serves a thread from the cache while its version stands, and counts again once it moves', async () => {
      const thread = uniqueThread();
      const id = await post(a, thread);
      await post(a, thread);
      assert.deepEqual(await countOn(a, thread), { [thread]: 2 });
      // Changed behind the server's back (no version bump): the cached count stands.
      if (dbName === 'sqlite') {
        const file = new Database(db.config.dbPath!);
        file.prepare(`UPDATE comments SET status = 'spam' WHERE id = ?`).run(id);
        file.close();
      } else await a.store.reader.updateTable('comments').set({ status: 'spam' }).where('id', '=', id).execute();
      assert.deepEqual(await countOn(a, thread), { [thread]: 2 });
      // A write through the server moves the version: counted again, both changes seen.
      await post(a, thread);
      assert.deepEqual(await countOn(a, thread), { [thread]: 2 });
    });

    it('answers with the headers every API answer has (the hot path skips the middlewares)', async () => {
      const ok = await call(a.url, 'GET', '/api/counts?thread=x', undefined, { Origin: a.url });
      const refused = await call(a.url, 'GET', '/api/counts?thread=', undefined, { Origin: a.url });
      assert.equal(ok.status, 200);
      assert.equal(refused.status, 400);
      for (const res of [ok, refused]) {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
        assert.equal(res.headers.get('cache-control'), 'no-store');
        assert.match(res.headers.get('vary') ?? '', /Origin/);
        assert.equal(res.headers.get('access-control-allow-origin'), a.url);
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      }
    });

    it('a post on one instance is counted by the other at once, as are moderation and deletes', async () => {
      const thread = uniqueThread();
      const other = uniqueThread();
      for (let i = 0; i < 3; i++) {
        // B has both threads in its cache; A writes; B counts the new comment at once.
        assert.deepEqual(await countOn(b, thread, other), { [thread]: i, [other]: 0 });
        await post(a, thread);
        assert.deepEqual(await countOn(b, thread, other), { [thread]: i + 1, [other]: 0 });
      }
      const id = await post(b, thread);
      assert.deepEqual(await countOn(a, thread), { [thread]: 4 });
      assert.equal((await call(b.url, 'PATCH', `/api/admin/comments/${id}`, { status: 'spam' }, admin)).status, 200);
      assert.deepEqual(await countOn(a, thread), { [thread]: 3 });
      assert.equal(
        (await call(a.url, 'PATCH', `/api/admin/comments/${id}`, { status: 'approved' }, admin)).status,
        200,
      );
      assert.deepEqual(await countOn(b, thread), { [thread]: 4 });
      assert.equal((await call(a.url, 'PATCH', `/api/admin/comments/${id}`, { status: 'trash' }, admin)).status, 200);
      assert.deepEqual(await countOn(b, thread), { [thread]: 3 });
    });
  });
}
