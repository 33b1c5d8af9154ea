/**
 * The schema migrations, run in order once each (recorded in `schema_migrations`) when the database
 * opens; on PostgreSQL under an advisory lock, so instances starting together migrate once.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './tables.js';
import type { Database_, Dialect } from './database.js';

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
      dialect === 'postgres'
        ? sql<string>`substr(md5(random()::text || id), 1, 22)`
        : sql<string>`lower(hex(randomblob(11)))`;
    await db.updateTable('comments').set({ avatar_seed: random }).where('status', '!=', 'approved').execute();
  },
  // 4: readers edit and delete their own comments (the text each edit replaced is kept for
  // moderators), and imported comments remember where they came from (re-importing adds nothing).
  async (db) => {
    await db.schema.alterTable('comments').addColumn('edited_at', 'text').execute();
    await db.schema
      .alterTable('comments')
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('comments').addColumn('source_key', 'text').execute();
    await db.schema.createIndex('comments_source_key').unique().on('comments').column('source_key').execute();
    await db.schema
      .createTable('comment_revisions')
      .addColumn('comment_id', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('replaced_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('comment_revisions_comment')
      .on('comment_revisions')
      .columns(['comment_id', 'replaced_at'])
      .execute();
  },
  // 5: the moderation desk: why a comment was held, the trash (restorable until purged), the site
  // owner's own replies (the public "Author" badge), and the desk's sign-in sessions.
  async (db) => {
    await db.schema.alterTable('comments').addColumn('moderation_reason', 'text').execute();
    await db.schema.alterTable('comments').addColumn('trashed_at', 'text').execute();
    await db.schema.alterTable('comments').addColumn('trashed_from', 'text').execute();
    await db.schema
      .alterTable('comments')
      .addColumn('by_owner', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('admin_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },
  // 6: notifications (`notify/`): the outbox (written in the transaction of the change that causes
  // a message, delivered by the worker), the addresses that asked for email (double opt-in,
  // unsubscribe), their subscriptions, the page address of each thread (links in emails), and the
  // one-tap action links already used (single use).
  async (db) => {
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('digest_key', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('claim', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    // The worker's claim: due pending rows, oldest due first.
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_digest').on('outbox').columns(['digest_key', 'created_at']).execute();
    await db.schema.createIndex('outbox_recipient').on('outbox').column('recipient').execute();
    await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at', 'id']).execute();
    await db.schema
      .createTable('mail_addresses')
      .addColumn('address', 'text', (c) => c.primaryKey())
      .addColumn('token', 'text', (c) => c.notNull().unique())
      .addColumn('language', 'text')
      .addColumn('confirmed_at', 'text')
      .addColumn('confirm_sent_at', 'text')
      .addColumn('unsubscribed_all_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('thread_id', 'text', (c) => c.notNull())
      .addColumn('comment_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('subscriptions_thread')
      .on('subscriptions')
      .columns(['thread_id', 'comment_id'])
      .execute();
    await db.schema
      .createIndex('subscriptions_address')
      .on('subscriptions')
      .columns(['address', 'thread_id'])
      .execute();
    await db.schema
      .createTable('thread_pages')
      .addColumn('thread_id', 'text', (c) => c.primaryKey())
      .addColumn('page_url', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('used_links')
      .addColumn('nonce', 'text', (c) => c.primaryKey())
      .addColumn('used_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },
];

/** How many migrations this version of the server knows: a database that has run them all is current. */
export const MIGRATION_COUNT = MIGRATIONS.length;

/**
 * How many of this version's migrations the database has run (a real query: it fails when the
 * database cannot be reached). Used by `/readyz`; read on `db`, which may be a read-only connection.
 */
export async function migrationsRun(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('version', '<=', MIGRATION_COUNT)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Runs the migrations this database has not run yet, in one transaction (on PostgreSQL under an
 * advisory lock). A database that is up to date is only read: opening it takes no write lock, so a
 * command or a second server opens it while another process writes.
 */
export async function migrate(database: Database_): Promise<void> {
  const upToDate = await migrationsRun(database.db).then(
    (n) => n === MIGRATION_COUNT,
    () => false, // no table yet (a new database, a new schema)
  );
  if (upToDate) return;
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
        await conn
          .insertInto('schema_migrations')
          .values({ version: i + 1 })
          .execute();
      }
      await sql.raw('COMMIT').execute(conn);
    } catch (error) {
      await sql
        .raw('ROLLBACK')
        .execute(conn)
        .catch(() => undefined);
      throw error;
    } finally {
      if (database.dialect === 'postgres') {
        await sql`SELECT pg_advisory_unlock(${lockKey(database.pgSchema!)})`.execute(conn);
      }
    }
  });
}
