/**
 * The group commit: its drain (what a stopping server waits for before it closes the database), and
 * a failing unit rolled back alone whether or not the batch first ran without savepoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { defaultConfig } from '../../src/config.js';
import { WriteBatcher } from '../../src/store/batch.js';
import { closeDatabase, openDatabase, type Database_ } from '../../src/store/database.js';
import type { DB } from '../../src/store/tables.js';
import { freshDatabase, pgSkip, type TestDatabase } from '../helpers.js';

describe('group commit drain', () => {
  let db: TestDatabase;
  let database: Database_;
  before(async () => {
    db = await freshDatabase('sqlite');
    database = await openDatabase(defaultConfig(db.config));
  });
  after(async () => {
    if (database) await closeDatabase(database);
    await db?.cleanup();
  });

  const setting = (key: string) => ({
    work: async (trx: Kysely<DB>) => {
      await trx.insertInto('settings').values({ key, value: 'v' }).execute();
      return key;
    },
  });

  it('resolves at once when nothing is queued', async () => {
    const writer = new WriteBatcher(database);
    await writer.drain();
  });

  it('resolves only after every queued write, and those queued meanwhile, has committed', async () => {
    const writer = new WriteBatcher(database, { maxBatch: 2 });
    const settled: string[] = [];
    const writes = ['a', 'b', 'c', 'd', 'e'].map((k) =>
      writer.run(setting(`drain-${k}`)).then((key) => settled.push(key)),
    );
    const drained = writer.drain().then(() => [...settled]);
    // Queued after drain() was called: it is waited for too.
    writes.push(writer.run(setting('drain-late')).then((key) => settled.push(key)));
    assert.equal((await drained).length, 6);
    await Promise.all(writes);
    const rows = await database.db.selectFrom('settings').select('key').where('key', 'like', 'drain-%').execute();
    assert.equal(rows.length, 6);
    assert.ok(writer.commits >= 3, `maxBatch 2: at least 3 transactions, got ${writer.commits}`);
  });

  it('resolves when writes fail, too', async () => {
    const writer = new WriteBatcher(database);
    const failing = writer.run(setting('drain-a')); // a duplicate key: rolled back alone
    const ok = writer.run(setting('drain-new'));
    await writer.drain();
    await assert.rejects(failing);
    assert.equal(await ok, 'drain-new');
  });
});

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;
  if (skip) console.log(`# skipped: group commit on PostgreSQL: ${skip}`);

  describe(`group commit on ${dbName}: a failing unit`, { skip }, () => {
    let db: TestDatabase;
    let database: Database_;
    before(async () => {
      db = await freshDatabase(dbName);
      database = await openDatabase(defaultConfig(db.config));
    });
    after(async () => {
      if (database) await closeDatabase(database);
      await db?.cleanup();
    });

    /** A unit writing two settings (`<key>` then `<key>-2`), throwing between them when `fail`. */
    const unit = (key: string, fail = false) => ({
      work: async (trx: Kysely<DB>, changed: (threadId: string) => void) => {
        await trx.insertInto('settings').values({ key, value: 'v' }).execute();
        changed(key);
        if (fail) throw new Error(`unit ${key} fails`);
        await trx
          .insertInto('settings')
          .values({ key: `${key}-2`, value: 'v' })
          .execute();
        return key;
      },
    });
    const keys = async (prefix: string) =>
      (await database.db.selectFrom('settings').select('key').where('key', 'like', `${prefix}%`).execute())
        .map((r) => r.key)
        .sort();
    const versions = async (prefix: string) =>
      (
        await database.db
          .selectFrom('thread_versions')
          .select(['thread_id', 'version'])
          .where('thread_id', 'like', `${prefix}%`)
          .execute()
      )
        .map((r) => `${r.thread_id}:${Number(r.version)}`)
        .sort();

    it('one transaction for a batch that succeeds; its writes and versions all there', async () => {
      const writer = new WriteBatcher(database);
      const results = await Promise.all(['ok-a', 'ok-b', 'ok-c'].map((k) => writer.run(unit(k))));
      assert.deepEqual(results, ['ok-a', 'ok-b', 'ok-c']);
      assert.equal(writer.commits, 1);
      assert.deepEqual(await keys('ok-'), ['ok-a', 'ok-a-2', 'ok-b', 'ok-b-2', 'ok-c', 'ok-c-2']);
      assert.deepEqual(await versions('ok-'), ['ok-a:1', 'ok-b:1', 'ok-c:1']);
    });

    it('is rolled back alone, half-done writes and version included; the others commit once', async () => {
      const writer = new WriteBatcher(database);
      const [a, b, c] = [writer.run(unit('mix-a')), writer.run(unit('mix-b', true)), writer.run(unit('mix-c'))];
      assert.equal(await a, 'mix-a');
      await assert.rejects(b, /unit mix-b fails/);
      assert.equal(await c, 'mix-c');
      assert.equal(writer.commits, 1);
      assert.deepEqual(await keys('mix-'), ['mix-a', 'mix-a-2', 'mix-c', 'mix-c-2']);
      assert.deepEqual(await versions('mix-'), ['mix-a:1', 'mix-c:1']);
    });

    it('counts rate-limit hits once, though the batch ran twice', async () => {
      const writer = new WriteBatcher(database);
      const client = `client-${dbName}`;
      const hit = { client, limit: 100, windowSeconds: 3600, nowMs: Date.now() };
      await Promise.all([
        writer.run({ ...unit('rl-a'), rateLimit: hit }),
        writer.run({ ...unit('rl-b', true), rateLimit: hit }).catch(() => undefined),
      ]);
      const row = await database.db
        .selectFrom('rate_limits')
        .select('count')
        .where('client', '=', client)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.count), 2);
    });
  });
}
