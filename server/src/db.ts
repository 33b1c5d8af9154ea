/**
 * The database: a Kysely instance on SQLite (better-sqlite3) or PostgreSQL (pg), and its migrations.
 * Everything else talks to the database only through Kysely, so one store serves both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';

export interface CommentsTable {
  id: string;
  thread_id: string;
  parent_id: string | null;
  author_name: string;
  author_email: string;
  author_url: string;
  avatar_seed: string;
  content: string;
  /** approved | pending | spam */
  status: string;
  /** ISO 8601, UTC, milliseconds: sorts as text. */
  created_at: string;
  /** Hash of (parent, name, content): the unique key that refuses duplicates. */
  dup_key: string;
  /** SHA-256 of the author token, or ''. */
  author_token_hash: string;
  ip: string;
  user_agent: string;
}

export interface IdempotencyTable {
  key: string;
  /** Hash of thread id and validated draft. */
  fingerprint: string;
  /** The JSON body of the first 201. */
  response: string;
  created_at: string;
}

export interface RateLimitsTable {
  client: string;
  window_start: number;
  count: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface MigrationsTable {
  version: number;
}

/**
 * One row per thread whose public view ever changed: `version` goes up in the same transaction as
 * every write that changes what the public sees (an approved comment, a status change, a delete).
 * The page cache keys its entries by it. No row: version 0.
 */
export interface ThreadVersionsTable {
  thread_id: string;
  version: number;
}

export interface DB {
  comments: CommentsTable;
  idempotency: IdempotencyTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  schema_migrations: MigrationsTable;
  thread_versions: ThreadVersionsTable;
}

export type Dialect = 'sqlite' | 'postgres';

export interface Database_ {
  /** Writes go here (on SQLite: the one writer connection, used by the group commit). */
  db: Kysely<DB>;
  /**
   * Reads. On SQLite a second connection, so that reads never run inside the writer's open
   * transaction (they see committed data only); on PostgreSQL the same pool as `db`.
   */
  reader: Kysely<DB>;
  /**
   * SQLite only: a third connection that is never inside a transaction, for the cheap checks every
   * GET makes (thread version, own pending comments). Absent for `:memory:` (one connection only).
   */
  sqliteChecks?: Database.Database;
  /** PostgreSQL only: the pool behind `db`, for the named (server-side prepared) per-request check. */
  pgPool?: pg.Pool;
  dialect: Dialect;
  /** PostgreSQL only: connection settings for a dedicated LISTEN client. */
  pgClientConfig?: pg.ClientConfig;
  pgSchema?: string;
}

/** The longest a SQLite read waits (blocking the event loop) for a lock; in WAL mode almost never. */
const READER_BUSY_TIMEOUT_MS = 100;

export interface OpenOptions {
  dbPath: string;
  databaseUrl: string;
  pgSchema: string;
}

/** Opens the database and runs pending migrations. */
export async function openDatabase(options: OpenOptions): Promise<Database_> {
  if (options.databaseUrl) {
    const clientConfig: pg.ClientConfig = {
      connectionString: options.databaseUrl,
      options: `-c search_path=${options.pgSchema}`,
    };
    // A request waits at most 5 s for a connection (PostgreSQL down: a 503 instead of a hang).
    const pool = new pg.Pool({ ...clientConfig, max: 10, connectionTimeoutMillis: 5_000 });
    // A client that loses its connection emits 'error': the pool listens only while the client is
    // idle, so every client gets its own listener for the time it is checked out (by Kysely or
    // `pool.query`). Without one the process dies. The query in flight rejects on its own (a 503),
    // and the pool discards the dead client when it is released, so the next query gets a new one.
    const lost = (error: Error) => console.error('comment-box-server: PostgreSQL connection lost:', error.message);
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const opened: Database_ = { db, reader: db, pgPool: pool, dialect: 'postgres', pgClientConfig: clientConfig, pgSchema: options.pgSchema };
    try {
      await migrate(opened);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return opened;
  }
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true });
  const sqlite = new Database(options.dbPath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // Only while migrating (before anything is served). Then 0: see below.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const opened: Database_ = { db, reader: db, dialect: 'sqlite' };
  try {
    await migrate(opened);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // better-sqlite3 is synchronous: a busy timeout sleeps on the event loop, so while another process
  // held the write lock every request of the server waited with the writer. The writer never waits
  // here; the group commit waits for the lock asynchronously, within its budget (`batch.ts`).
  sqlite.pragma('busy_timeout = 0');
  if (options.dbPath !== ':memory:') {
    // In WAL mode readers never wait for writers; SQLite reports "busy" to a reader only in rare
    // moments (another connection recovering the WAL after a crash), which are worth a brief wait.
    const readOnly = () => {
      const conn = new Database(options.dbPath, { readonly: true, fileMustExist: true });
      conn.pragma(`busy_timeout = ${READER_BUSY_TIMEOUT_MS}`);
      return conn;
    };
    opened.reader = new Kysely<DB>({ dialect: new SqliteDialect({ database: readOnly() }) });
    opened.sqliteChecks = readOnly();
  }
  return opened;
}

/** Closes every connection of `database`. */
export async function closeDatabase(database: Database_): Promise<void> {
  await database.db.destroy();
  if (database.reader !== database.db) await database.reader.destroy();
  database.sqliteChecks?.close();
}

/**
 * Runs `fn` in a write transaction on one connection. On SQLite it is `BEGIN IMMEDIATE`, so the
 * write lock is taken up front (no deadlock between two readers upgrading); on PostgreSQL a plain
 * `BEGIN` (unique constraints and row locks do the rest).
 */
export async function writeTransaction<T>(
  database: Database_,
  fn: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return database.db.connection().execute(async (conn) => {
    await sql.raw(database.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
    try {
      const result = await fn(conn);
      await sql.raw('COMMIT').execute(conn);
      return result;
    } catch (error) {
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

export type { Transaction };

/** A stable 32-bit key for `pg_advisory_lock`, per schema. */
function lockKey(schema: string): number {
  let h = 0x2c1b3c6d;
  for (const ch of `comment-box:${schema}`) h = (Math.imul(h ^ ch.charCodeAt(0), 0x5bd1e995) ^ (h >>> 15)) | 0;
  return h;
}

const MIGRATIONS: Array<(db: Kysely<DB>, dialect: Dialect) => Promise<void>> = [
  async (db) => {
    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('thread_id', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text')
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('author_email', 'text', (c) => c.notNull())
      .addColumn('author_url', 'text', (c) => c.notNull())
      .addColumn('avatar_seed', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('dup_key', 'text', (c) => c.notNull())
      .addColumn('author_token_hash', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .addUniqueConstraint('comments_no_duplicates', ['thread_id', 'dup_key'])
      .execute();
    await db.schema.createIndex('comments_thread').on('comments').columns(['thread_id', 'status']).execute();
    await db.schema.createIndex('comments_status').on('comments').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('comments_email').on('comments').columns(['author_email', 'status']).execute();
    await db.schema
      .createTable('idempotency')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('client', 'text', (c) => c.notNull())
      .addColumn('window_start', 'integer', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limits_pk', ['client', 'window_start'])
      .execute();
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
  // 2: paging in SQL (top-level comments in order, then their replies by parent) and thread versions.
  async (db) => {
    await db.schema.dropIndex('comments_thread').execute();
    await db.schema
      .createIndex('comments_thread_order')
      .on('comments')
      .columns(['thread_id', 'status', 'created_at', 'id'])
      .execute();
    await db.schema.createIndex('comments_parent').on('comments').columns(['parent_id']).execute();
    await db.schema
      .createTable('thread_versions')
      .addColumn('thread_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
  },
  // 3: only approved comments carry the email's HMAC as avatar seed; held and spam ones get a random
  // one, so that a post with a guessed email cannot confirm it (see `Store.avatarSeed`).
  async (db, dialect) => {
    const random =
      dialect === 'postgres' ? sql<string>`substr(md5(random()::text || id), 1, 22)` : sql<string>`lower(hex(randomblob(11)))`;
    await db.updateTable('comments').set({ avatar_seed: random }).where('status', '!=', 'approved').execute();
  },
];

async function migrate(database: Database_): Promise<void> {
  await database.db.connection().execute(async (conn) => {
    if (database.dialect === 'postgres') {
      // Instances starting together migrate once: the others wait here, then find nothing to do.
      await sql`SELECT pg_advisory_lock(${lockKey(database.pgSchema!)})`.execute(conn);
    }
    try {
      await sql.raw(database.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
      if (database.dialect === 'postgres') {
        await sql.raw(`CREATE SCHEMA IF NOT EXISTS "${database.pgSchema}"`).execute(conn);
      }
      await conn.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .execute();
      const rows = await conn.selectFrom('schema_migrations').select('version').execute();
      const done = new Set(rows.map((r) => Number(r.version)));
      for (const [i, run] of MIGRATIONS.entries()) {
        if (done.has(i + 1)) continue;
        await run(conn, database.dialect);
        await conn.insertInto('schema_migrations').values({ version: i + 1 }).execute();
      }
      await sql.raw('COMMIT').execute(conn);
    } catch (error) {
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw error;
    } finally {
      if (database.dialect === 'postgres') {
        await sql`SELECT pg_advisory_unlock(${lockKey(database.pgSchema!)})`.execute(conn);
      }
    }
  });
}
