/** The SQLite statement cache Kysely's connections use: one statement per SQL text, bounded. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from '../../src/store/statement-cache.js';

describe('statement cache', () => {
  it('prepares a SQL text once, and keeps at most `max`, the least recently used dropped', () => {
    const connection = new Database(':memory:');
    let prepared = 0;
    const prepare = connection.prepare.bind(connection);
    connection.prepare = ((text: string) => ((prepared += 1), prepare(text))) as typeof connection.prepare;
    const cached = withStatementCache(connection, 2);
    const one = cached.prepare('select 1');
    assert.equal(cached.prepare('select 1'), one);
    cached.prepare('select 2');
    cached.prepare('select 1'); // used: now the most recent
    cached.prepare('select 3'); // drops `select 2`
    assert.equal(cached.prepare('select 1'), one);
    assert.equal(prepared, 3);
    cached.prepare('select 2');
    assert.equal(prepared, 4);
    cached.close();
  });

  it('gives Kysely the right rows when a statement runs again with other parameters', async () => {
    const db = new Kysely<{ t: { k: string; v: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(new Database(':memory:')) }),
    });
    await sql`create table t (k text primary key, v integer)`.execute(db);
    for (const [k, v] of [
      ['a', 1],
      ['b', 2],
    ] as const)
      await db.insertInto('t').values({ k, v }).execute();
    const read = (k: string) => db.selectFrom('t').select('v').where('k', '=', k).executeTakeFirst();
    assert.deepEqual(await read('a'), { v: 1 });
    assert.deepEqual(await read('b'), { v: 2 });
    assert.equal(await read('c'), undefined);
    await db.updateTable('t').set({ v: 3 }).where('k', '=', 'a').execute();
    assert.deepEqual(await read('a'), { v: 3 });
    await db.destroy();
  });
});
