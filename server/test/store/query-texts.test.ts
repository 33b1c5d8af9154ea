/** The statements of a post, compiled by Kysely once and then run with each post's parameters. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { QueryTexts } from '../../src/store/query-texts.js';

type DB = { t: { k: string; v: number; w: string } };

async function database() {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await sql`create table t (k text primary key, v integer, w text)`.execute(db);
  return db;
}

describe('QueryTexts', () => {
  it('builds a statement once, then runs its text with the parameters of each call', async () => {
    const db = await database();
    const texts = new QueryTexts();
    let built = 0;
    const insert = (row: DB['t']) =>
      db.executeQuery(
        texts.query('insert', Object.values(row), () => (built++, db.insertInto('t').values(row).compile())),
      );
    const read = (k: string) =>
      db.executeQuery(
        texts.query('read', [k], () => (built++, db.selectFrom('t').selectAll().where('k', '=', k).compile())),
      );
    await insert({ k: 'a', v: 1, w: 'x' });
    await insert({ k: 'b', v: 2, w: "'); drop table t; --" });
    await insert({ k: 'c', v: 3, w: 'z' });
    assert.equal(built, 1);
    assert.deepEqual((await read('b')).rows, [{ k: 'b', v: 2, w: "'); drop table t; --" }]);
    assert.deepEqual((await read('c')).rows, [{ k: 'c', v: 3, w: 'z' }]);
    assert.deepEqual((await read('d')).rows, []);
    assert.equal(built, 2);
    await db.destroy();
  });

  it('keeps no text when the parameters given are not the ones Kysely made, in its order', async () => {
    const db = await database();
    const texts = new QueryTexts();
    let built = 0;
    // Given in another order than the statement takes them: each call builds its own statement.
    const insert = (row: DB['t']) =>
      db.executeQuery(
        texts.query('insert', [row.w, row.v, row.k], () => (built++, db.insertInto('t').values(row).compile())),
      );
    await insert({ k: 'a', v: 1, w: 'x' });
    await insert({ k: 'b', v: 2, w: 'y' });
    assert.equal(built, 2);
    assert.deepEqual(await db.selectFrom('t').selectAll().orderBy('k').execute(), [
      { k: 'a', v: 1, w: 'x' },
      { k: 'b', v: 2, w: 'y' },
    ]);
    await db.destroy();
  });
});
