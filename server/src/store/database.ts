/**
 * The database connections: a Kysely instance on SQLite (better-sqlite3) or PostgreSQL (pg), opened
 * with its migrations run (`migrations.ts`). Everything else talks to the database only through
 * Kysely, so one store serves both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations.js';
import { withStatementCache } from './statement-cache.js';
import { withNamedStatements } from './pg-statements.js';
import type { DB } from './tables.js';

export type * from './tables.js';

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
  /**
   * SQLite: how long a write waits for the write lock while another process holds it, blocking the
   * event loop (`Store.init`, the desk password; the group commit's `BEGIN IMMEDIATE` too, which
   * otherwise retries without blocking). 0 (the default) for the server, which has other requests
   * to serve; the commands, which have none, wait `COMMAND_WRITE_WAIT_MS`, so they do not fail
   * while a running server writes.
   */
  writeWaitMs?: number;
}

/** How long the commands' writes wait for SQLite's write lock (as the group commit's budget). */
export const COMMAND_WRITE_WAIT_MS = 5_000;

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
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    const opened: Database_ = {
      db,
      reader: db,
      pgPool: pool,
      dialect: 'postgres',
      pgClientConfig: clientConfig,
      pgSchema: options.pgSchema,
    };
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
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
  sqlite.pragma(`busy_timeout = ${options.writeWaitMs ?? 0}`);
  if (options.dbPath !== ':memory:') {
    // In WAL mode readers never wait for writers; SQLite reports "busy" to a reader only in rare
    // moments (another connection recovering the WAL after a crash), which are worth a brief wait.
    const readOnly = () => {
      const conn = new Database(options.dbPath, { readonly: true, fileMustExist: true });
      conn.pragma(`busy_timeout = ${READER_BUSY_TIMEOUT_MS}`);
      return conn;
    };
    opened.reader = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(readOnly()) }) });
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
