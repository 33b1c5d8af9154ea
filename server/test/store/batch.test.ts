/** The group commit's drain: what a stopping server waits for before it closes the database. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { defaultConfig } from '../../src/config.js';
import { WriteBatcher } from '../../src/store/batch.js';
import { closeDatabase, openDatabase, type Database_ } from '../../src/store/database.js';
import type { DB } from '../../src/store/tables.js';
import { freshDatabase, type TestDatabase } from '../helpers.js';

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
