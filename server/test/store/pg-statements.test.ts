/** Named statements on PostgreSQL: each query text parsed once per connection, at most `max` texts named. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { withNamedStatements } from '../../src/store/pg-statements.js';
import { PG_URL, pgSkip } from '../helpers.js';

describe('named statements on PostgreSQL', { skip: await pgSkip() }, () => {
  let pool: pg.Pool;
  let db: Kysely<Record<string, never>>;
  before(() => {
    pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: withNamedStatements(pool, 3) }) });
  });
  after(() => db.destroy());

  /** The statements this connection has prepared (the pool holds one). */
  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map(
      (r) => r.statement,
    );

  it('prepares a query with parameters once and runs it again by name, with its own values', async () => {
    const query = (n: number) => sql<{ n: number }>`select ${n}::int + 1 as n`.execute(db);
    assert.equal((await query(1)).rows[0]!.n, 2);
    assert.equal((await query(41)).rows[0]!.n, 42);
    const statements = await prepared();
    assert.equal(statements.filter((s) => s.includes('+ 1 as n')).length, 1, statements.join('\n'));
  });

  it('names at most `max` texts per connection; the others still run, unnamed', async () => {
    for (let i = 0; i < 6; i++) {
      const { rows } = await sql<{
        n: number;
      }>`select ${i}::int as n, ${sql.raw(String(i))} as text_${sql.raw(String(i))}`.execute(db);
      assert.equal(rows[0]!.n, i);
    }
    assert.equal((await prepared()).length, 3);
  });

  it('runs a statement without parameters as it is, unnamed', async () => {
    const before = (await prepared()).length;
    await sql`select 1`.execute(db);
    assert.equal((await prepared()).length, before);
  });
});
