/**
 * /healthz and /readyz on SQLite and PostgreSQL: ready once migrated; 503 with Retry-After when the
 * database cannot answer, when a migration is missing, and once the server is stopping; never cached.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import type { RunningServer } from '../../src/server.js';
import { MIGRATION_COUNT } from '../../src/store/migrations.js';
import { call, freshDatabase, PG_URL, pgSkip, start, type TestDatabase } from '../helpers.js';

function healthSuite(dbName: 'sqlite' | 'postgres', skip: string | false) {
  describe(`health checks on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    before(async () => {
      db = await freshDatabase(dbName);
      server = await start(db);
    });
    after(async () => {
      await server?.close();
      await db?.cleanup();
    });

    it('/healthz answers 200 JSON, never cached', async () => {
      const r = await call(server.url, 'GET', '/healthz');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { status: 'ok' });
      assert.match(r.headers.get('content-type')!, /^application\/json/);
      assert.equal(r.headers.get('cache-control'), 'no-store');
    });

    it('/readyz answers 200 once the database answers and every migration has run', async () => {
      const r = await call(server.url, 'GET', '/readyz');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body, { status: 'ready' });
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.equal(r.headers.get('retry-after'), null);
    });

    it('/readyz answers 503 migrating, with Retry-After, while a migration of this version is missing', async () => {
      await server.store.db.deleteFrom('schema_migrations').where('version', '=', MIGRATION_COUNT).execute();
      try {
        const r = await call(server.url, 'GET', '/readyz');
        assert.equal(r.status, 503);
        assert.deepEqual(r.body, { status: 'migrating' });
        assert.equal(r.headers.get('retry-after'), '2');
        assert.equal(r.headers.get('cache-control'), 'no-store');
        assert.equal((await call(server.url, 'GET', '/healthz')).status, 200, 'the process is still up');
      } finally {
        await server.store.db.insertInto('schema_migrations').values({ version: MIGRATION_COUNT }).execute();
      }
      assert.equal((await call(server.url, 'GET', '/readyz')).status, 200);
    });

    it('/readyz answers 503 unavailable when the query fails, and 200 again when it works', async () => {
      // A real failure of the real query: its table is gone (on PostgreSQL, renamed by another session).
      const rename = async (from: string, to: string) => {
        if (dbName === 'postgres') {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          try {
            await client.query(`ALTER TABLE "${db.config.pgSchema}"."${from}" RENAME TO "${to}"`);
          } finally {
            await client.end();
          }
        } else {
          await sql.raw(`ALTER TABLE ${from} RENAME TO ${to}`).execute(server.store.db);
        }
      };
      await rename('schema_migrations', 'schema_migrations_away');
      try {
        const r = await call(server.url, 'GET', '/readyz');
        assert.equal(r.status, 503, r.text);
        assert.deepEqual(r.body, { status: 'unavailable' });
        assert.equal(r.headers.get('retry-after'), '2');
      } finally {
        await rename('schema_migrations_away', 'schema_migrations');
      }
      assert.equal((await call(server.url, 'GET', '/readyz')).status, 200);
    });
  });
}

healthSuite('sqlite', false);
healthSuite('postgres', await pgSkip());

describe('health checks while stopping', () => {
  it('/readyz answers 503 stopping once shutdown began; /healthz still 200', async () => {
    const db = await freshDatabase('sqlite');
    const server = await start(db);
    try {
      const stopping = new AbortController();
      stopping.abort();
      const app = createApp({
        config: server.config,
        store: server.store,
        bus: { subscribe: () => () => undefined, publish: async () => undefined } as never,
        logger: createLogger({ level: 'error', write: () => undefined }),
        shutdown: stopping.signal,
      });
      const ready = await app.request('/readyz');
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'stopping' });
      assert.equal(ready.headers.get('retry-after'), '2');
      assert.equal((await app.request('/healthz')).status, 200);
    } finally {
      await server.close();
      await db.cleanup();
    }
  });
});
