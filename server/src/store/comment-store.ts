/**
 * The comment store: every query the server makes, written once with Kysely for SQLite and
 * PostgreSQL. Knows nothing about HTTP.
 */
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type Database from 'better-sqlite3';
import { commentSchema, isHttpUrl, type Comment, type CommentDraft, type CommentPage } from 'comment-box/schema.js';
import { sortThreads } from 'comment-box/threads.js';
import type { CommentOrder } from 'comment-box/adapters/types.js';
import type { AdminCounts, StoredStatus } from 'comment-box/api';
import { encodeReason, type Decision } from '../policy/moderation.js';
import { editOwnComment, removeOwnComment, type EditInput, type OwnCommentRef } from './author-changes.js';
import { BatchedReads } from './batched-reads.js';
import { WriteBatcher, type RateLimitHit } from './batch.js';
import type { Database_ } from './database.js';
import { randomSeed, randomToken, sha256 } from './ids.js';
import { QueryTexts } from './query-texts.js';
import type { CommentsTable, DB, IdempotencyTable } from './tables.js';

export { RateLimitedError } from './batch.js';
export { CommentGoneError, CommentNotFoundError, EditWindowClosedError, NotAuthorError } from './author-changes.js';

export class DuplicateError extends Error {}
/** A permanent delete of a comment that is not in the trash. */
export class NotInTrashError extends Error {}
export class InvalidParentError extends Error {}
/** Another request holds (or held) this idempotency key: replay what it stored. */
export class IdempotencyTakenError extends Error {}

export interface CreateInput {
  id: string;
  threadId: string;
  draft: CommentDraft;
  createdAt: string;
  authorTokenHash: string;
  ip: string;
  userAgent: string;
  /**
   * Decides the status inside the transaction; `approvedBefore` is true when the same name and email
   * (case-insensitively) have an approved comment.
   */
  decide: (approvedBefore: boolean) => StoredStatus | Decision;
  /**
   * Whether `decide` looks at `approvedBefore` (default true). False: the lookup is skipped and
   * `approvedBefore` is false (a moderation mode that does not hold first-time commenters).
   */
  historyMatters?: boolean;
  /**
   * Record under this key, in the same transaction, the response the caller builds from the stored
   * row (the store keeps it as given: it never builds a response itself).
   */
  idempotency?: { key: string; fingerprint: string; response: (row: CommentsTable) => string };
  /** Count a rate-limit hit first, in the same transaction; over the limit: `RateLimitedError`. */
  rateLimit?: RateLimitHit;
  /** What notifications need beyond the row (`StoreHooks.created`). */
  post?: { notify: boolean; pageUrl: string | null; language: string | null };
}

/**
 * Work that follows a change in the same transaction (notifications write their outbox rows here):
 * a hook that throws fails the change.
 */
export interface StoreHooks {
  /** A comment was posted (any status). */
  created?(trx: Kysely<DB>, row: CommentsTable, input: CreateInput): Promise<void>;
  /**
   * A comment became public: approved when posted, by a moderator (not a restore from the trash),
   * or the site owner's reply.
   */
  approved?(trx: Kysely<DB>, row: CommentsTable): Promise<void>;
  /**
   * A change of a comment, for webhooks: posted, approved by a moderator, its text edited, deleted
   * (by its author, or moved to the trash by a moderator). See `CommentEvent`.
   */
  event?(trx: Kysely<DB>, event: CommentEvent): Promise<void>;
  /** After a transaction that ran a hook committed. */
  committed?(): void;
}

/** What happened to a comment (`StoreHooks.event`), in the transaction of the change. */
export interface CommentEvent {
  type: 'created' | 'approved' | 'edited' | 'deleted';
  /** The row after the change; for `deleted`, the row as it was before. */
  row: CommentsTable;
  /** A reader (a post, their own edit or delete) or a moderator (the desk, the owner's email links). */
  by: 'reader' | 'moderator';
}

export class Store {
  readonly database: Database_;
  #secret = '';
  readonly #writer: WriteBatcher;
  /** SQLite: prepared statements for the per-request checks. */
  readonly #checks:
    { version: Database.Statement; pending: Database.Statement; dataVersion: Database.Statement } | undefined;
  /**
   * SQLite: the thread versions read since the database last changed. `PRAGMA data_version` (half
   * the cost of reading versions) changes with every commit since, by any connection of any
   * process, and then they are read again: exact, across instances too.
   */
  readonly #knownVersions = new Map<string, number>();
  #dataVersion: unknown;
  /** PostgreSQL: thread versions and idempotency keys, read for every request waiting at once. */
  readonly #versions: BatchedReads<string, number> | undefined;
  readonly #idempotent: BatchedReads<string, { fingerprint: string; response: string }> | undefined;
  /** SQLite: the statements reading the versions of n threads at once, by n. */
  readonly #versionsOfN = new Map<number, Database.Statement>();
  /** See `StoreHooks`; set by notifications. */
  hooks: StoreHooks = {};
  #hooked = false;

  constructor(database: Database_) {
    this.database = database;
    this.#writer = new WriteBatcher(database);
    this.#writer.onCommit = () => {
      if (!this.#hooked) return;
      this.#hooked = false;
      this.hooks.committed?.();
    };
    const conn = database.sqliteChecks;
    if (conn) {
      // Written with Kysely like every other query, run as prepared statements (synchronous, cheap).
      const version = this.reader.selectFrom('thread_versions').select('version').where('thread_id', '=', '').compile();
      const pending = this.#privateRows(this.reader, '', '', '').select('id').limit(1).compile();
      this.#checks = {
        version: conn.prepare(version.sql).pluck(),
        pending: conn.prepare(pending.sql),
        dataVersion: conn.prepare('PRAGMA data_version').pluck(),
      };
    }
    const pool = database.pgPool;
    if (pool) {
      // Named statements: prepared once per connection.
      const versions = {
        name: 'comment-box:thread-versions',
        text: this.reader
          .selectFrom('thread_versions')
          .select(['thread_id', 'version'])
          .where((eb) => eb('thread_id', '=', eb.fn.any(eb.val<string[]>([]))))
          .compile().sql,
      };
      this.#versions = new BatchedReads(async (threadIds) => {
        const { rows } = await pool.query<{ thread_id: string; version: string | number }>({
          ...versions,
          values: [threadIds],
        });
        return new Map(rows.map((r) => [r.thread_id, Number(r.version)]));
      });
      const keys = {
        name: 'comment-box:idempotency-keys',
        text: this.reader
          .selectFrom('idempotency')
          .select(['key', 'fingerprint', 'response'])
          .where((eb) => eb('key', '=', eb.fn.any(eb.val<string[]>([]))))
          .compile().sql,
      };
      this.#idempotent = new BatchedReads(async (wanted) => {
        const { rows } = await pool.query<{ key: string; fingerprint: string; response: string }>({
          ...keys,
          values: [wanted],
        });
        return new Map(rows.map((r) => [r.key, { fingerprint: r.fingerprint, response: r.response }]));
      });
    }
  }

  get db() {
    return this.database.db;
  }

  /** Write transactions committed (each holds a batch of writes). */
  get commits(): number {
    return this.#writer.commits;
  }

  /** Resolves once every write queued so far has committed or failed (before closing the database). */
  drain(): Promise<void> {
    return this.#writer.drain();
  }

  /** Reads: on SQLite a connection of their own (committed data only). */
  get reader() {
    return this.database.reader;
  }

  /** Loads (or creates once, for every instance) the avatar secret, unless one is given. */
  async init(secret: string): Promise<void> {
    if (secret) {
      this.#secret = secret;
      return;
    }
    const stored = () => this.db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirst();
    // Read first: once the secret is kept, opening the store writes nothing (another process, a
    // running server or an import, may hold SQLite's write lock meanwhile).
    const kept = await stored();
    if (kept) {
      this.#secret = kept.value;
      return;
    }
    await this.db
      .insertInto('settings')
      .values({ key: 'secret', value: randomToken() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await stored();
    if (!row) throw new Error('the avatar secret was not stored');
    this.#secret = row.value;
  }

  /**
   * A seed for the identicon that does not reveal the email: an HMAC with the server's secret. Only
   * approved comments carry it (see `#insert` and `setStatus`): a held or spam comment has a random
   * seed, so a post with a guessed email never shows whether the guess matches someone's avatar.
   */
  avatarSeed(name: string, email: string): string {
    return createHmac('sha256', this.#secret)
      .update(`${email.trim().toLowerCase() || `name:${name}`}`)
      .digest('base64url')
      .slice(0, 22);
  }

  /**
   * Where a row that does not fit the public schema is reported: by its id, never its email. (A row
   * from an import, a hand edit or an older version: its unsafe link is dropped, or the row is left
   * out of the list; it never fails the list.)
   */
  warn: (message: string) => void = (message) => console.warn(`comment-box-server: ${message}`);

  /**
   * The public view of a row. An author URL that is not a safe http(s) link becomes null. A deleted
   * comment's placeholder shows nothing of its author or text. `editableUntil` goes only to the
   * comment's own author (see `readPage`).
   */
  toPublic(row: CommentsTable, editableUntil?: string): Comment {
    if (row.deleted) {
      return {
        id: row.id,
        parentId: row.parent_id,
        authorName: '',
        authorUrl: null,
        avatarSeed: '',
        content: '',
        createdAt: row.created_at,
        status: 'approved',
        deleted: true,
      };
    }
    let authorUrl: string | null = row.author_url === '' ? null : row.author_url;
    if (authorUrl !== null && !(authorUrl.length <= 2048 && isHttpUrl(authorUrl))) {
      this.warn(`comment ${row.id}: its author URL is not a safe http(s) URL; shown without it`);
      authorUrl = null;
    }
    return {
      id: row.id,
      parentId: row.parent_id,
      authorName: row.author_name,
      authorUrl,
      avatarSeed: row.avatar_seed,
      content: row.content,
      createdAt: row.created_at,
      // Spam looks pending to its author: a bot learns nothing.
      status: row.status === 'approved' ? 'approved' : 'pending',
      ...(row.edited_at ? { editedAt: row.edited_at } : {}),
      ...(editableUntil ? { editableUntil } : {}),
      // Set by the server for the site owner's replies from the desk, never from what a reader sends.
      ...(row.by_owner ? { byOwner: true } : {}),
    };
  }

  /**
   * The public views of `rows` that fit the public schema; every other row is left out and reported.
   * `editableUntil` (when given) marks the comments of the token holder that are still editable.
   */
  #publicRows(
    rows: readonly CommentsTable[],
    editable?: { tokenHash: string; until: (row: CommentsTable) => string | undefined },
  ): Comment[] {
    const out: Comment[] = [];
    for (const row of rows) {
      const own = editable && row.author_token_hash === editable.tokenHash ? editable.until(row) : undefined;
      const parsed = commentSchema.safeParse(this.toPublic(row, own));
      if (parsed.success) out.push(parsed.data);
      else this.warn(`comment ${row.id}: does not fit the public comment schema; left out of the list`);
    }
    return out;
  }

  async findIdempotent(key: string): Promise<{ fingerprint: string; response: string } | undefined> {
    if (this.#idempotent) return this.#idempotent.get(key);
    return this.reader
      .selectFrom('idempotency')
      .select(['fingerprint', 'response'])
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /**
   * Stores a comment, in the next group-commit batch (rolled back alone if it fails): the rate-limit hit
   * (when given; over the limit it throws `RateLimitedError`), the idempotency key (so a concurrent
   * request with the same key waits, then replays), the parent check, the moderation decision, the
   * insert (whose unique constraint refuses duplicates), and the thread's version when approved.
   * Resolves once committed.
   */
  async create(input: CreateInput): Promise<{ row: CommentsTable }> {
    return this.#writer.run({
      rateLimit: input.rateLimit,
      work: async (trx, changed) => {
        const created = await this.#insert(trx, input);
        if (created.row.status === 'approved') changed(input.threadId);
        await this.#created(trx, created.row, input);
        if (created.row.status === 'approved') await this.#approved(trx, created.row);
        await this.#event(trx, { type: 'created', row: created.row, by: 'reader' });
        return created;
      },
    });
  }

  async #created(trx: Kysely<DB>, row: CommentsTable, input: CreateInput): Promise<void> {
    if (!this.hooks.created) return;
    this.#hooked = true;
    await this.hooks.created(trx, row, input);
  }

  async #approved(trx: Kysely<DB>, row: CommentsTable): Promise<void> {
    if (!this.hooks.approved) return;
    this.#hooked = true;
    await this.hooks.approved(trx, row);
  }

  async #event(trx: Kysely<DB>, event: CommentEvent): Promise<void> {
    if (!this.hooks.event) return;
    this.#hooked = true;
    await this.hooks.event(trx, event);
  }

  /** The statements of every post, compiled once (see QueryTexts). */
  readonly #texts = new QueryTexts();

  /** Stores an idempotency key and a comment in one statement (PostgreSQL): whether each went in. */
  async #insertKeyAndComment(
    trx: Kysely<DB>,
    idempotency: IdempotencyTable,
    row: CommentsTable,
  ): Promise<{ taken: boolean; added: boolean }> {
    // The parameters, in the order the statement takes them: the key's columns, then the comment's.
    const parameters = [...Object.values(idempotency), ...Object.values(row)];
    const query = this.#texts.query('key and comment', parameters, () =>
      trx
        .with('taken', (db) =>
          db
            .insertInto('idempotency')
            .values(idempotency)
            .onConflict((oc) => oc.column('key').doNothing())
            .returning('key'),
        )
        .with('added', (db) =>
          db
            .insertInto('comments')
            .values(row)
            .onConflict((oc) => oc.doNothing())
            .returning('id'),
        )
        .selectNoFrom((eb) => [
          eb.exists(eb.selectFrom('taken').select('key')).as('taken'),
          eb.exists(eb.selectFrom('added').select('id')).as('added'),
        ])
        .compile(),
    );
    const { taken, added } = (await trx.executeQuery(query)).rows[0]!;
    return { taken: !!taken, added: !!added };
  }

  async #insert(trx: Kysely<DB>, input: CreateInput): Promise<{ row: CommentsTable }> {
    const { draft } = input;
    if (draft.parentId !== null) {
      const query = this.#texts.query('parent', [draft.parentId, input.threadId, 'approved', 0], () =>
        trx
          .selectFrom('comments')
          .select('id')
          .where('id', '=', draft.parentId)
          .where('thread_id', '=', input.threadId)
          // As WordPress: no reply to a comment that is not approved (held, spam or trash).
          .where('status', '=', 'approved')
          .where('deleted', '=', 0)
          .compile(),
      );
      if ((await trx.executeQuery(query)).rows.length === 0) throw new InvalidParentError();
    }
    const email = draft.email.trim().toLowerCase();
    // Name and email both: a prober who knows only the email learns nothing from the decision.
    const approvedBefore =
      email !== '' &&
      input.historyMatters !== false &&
      (
        await trx.executeQuery(
          this.#texts.query('approved before', [email, draft.name.trim(), 'approved', 1], () =>
            trx
              .selectFrom('comments')
              .select('id')
              .where('author_email', '=', email)
              .where('author_name', '=', draft.name.trim())
              .where('status', '=', 'approved')
              .limit(1)
              .compile(),
          ),
        )
      ).rows.length > 0;
    const decided = input.decide(approvedBefore);
    const { status, reason } = typeof decided === 'string' ? { status: decided, reason: null } : decided;
    const row: CommentsTable = {
      id: input.id,
      thread_id: input.threadId,
      parent_id: draft.parentId,
      author_name: draft.name,
      author_email: email,
      author_url: draft.url,
      avatar_seed: status === 'approved' ? this.avatarSeed(draft.name, email) : randomSeed(),
      content: draft.content,
      status,
      created_at: input.createdAt,
      dup_key: sha256(JSON.stringify([draft.parentId, draft.name, draft.content])),
      author_token_hash: input.authorTokenHash,
      ip: input.ip,
      user_agent: input.userAgent,
      edited_at: null,
      deleted: 0,
      source_key: null,
      moderation_reason: encodeReason(reason),
      by_owner: 0,
    };
    const idempotency = input.idempotency && {
      key: input.idempotency.key,
      fingerprint: input.idempotency.fingerprint,
      response: input.idempotency.response(row),
      created_at: input.createdAt,
    };
    try {
      if (!idempotency) await trx.insertInto('comments').values(row).execute();
      else if (this.database.dialect === 'postgres') {
        // The key (with the response it replays) and the comment in one statement: one round trip
        // less per post. A key already taken is told first (the other request's answer is replayed,
        // even when this comment is its duplicate); a comment inserted beside it is rolled back with
        // the unit by the error thrown.
        const { taken, added } = await this.#insertKeyAndComment(trx, idempotency, row);
        if (!taken) throw new IdempotencyTakenError();
        if (!added) throw new DuplicateError();
      } else {
        // The key with the response it replays, in one statement (the row is known by now).
        const taken = await trx.executeQuery(
          this.#texts.query('key', Object.values(idempotency), () =>
            trx
              .insertInto('idempotency')
              .values(idempotency)
              .onConflict((oc) => oc.column('key').doNothing())
              .returning('key')
              .compile(),
          ),
        );
        if (taken.rows.length === 0) throw new IdempotencyTakenError();
        await trx.executeQuery(
          this.#texts.query('comment', Object.values(row), () => trx.insertInto('comments').values(row).compile()),
        );
      }
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateError();
      throw error;
    }
    return { row };
  }

  /**
   * The version of a thread's public view: it changes in the same transaction as every write that
   * changes what the public sees. Read after the request arrived, so a write acknowledged before
   * (on any instance) is always seen. On SQLite a prepared statement on a connection that is never
   * inside a transaction; on PostgreSQL one query for all the requests waiting at that moment.
   * NaN when it cannot be known cheaply (an in-memory SQLite database): never equal to a cached one.
   */
  threadVersion(threadId: string): Promise<number> {
    if (this.#checks) return Promise.resolve(this.#threadVersionsNow([threadId])[0]!);
    if (!this.#versions) return Promise.resolve(Number.NaN);
    return this.#versions.get(threadId).then((version) => version ?? 0);
  }

  /**
   * The versions of threads (see `threadVersion`), read now in one statement where that is possible
   * (a SQLite file: synchronous, no promise); undefined elsewhere (then ask `threadVersion`).
   */
  threadVersionsNow(threadIds: readonly string[]): number[] | undefined {
    return this.#checks && this.#threadVersionsNow(threadIds);
  }

  #threadVersionsNow(threadIds: readonly string[]): number[] {
    const checks = this.#checks!;
    const known = this.#knownVersions;
    const dataVersion = checks.dataVersion.get();
    if (dataVersion !== this.#dataVersion || known.size > 10_000) {
      known.clear();
      this.#dataVersion = dataVersion;
    }
    const memo = threadIds.map((t) => known.get(t));
    if (!memo.includes(undefined)) return memo as number[];
    const read = this.#readThreadVersions(threadIds);
    threadIds.forEach((t, i) => known.set(t, read[i]!));
    return read;
  }

  #readThreadVersions(threadIds: readonly string[]): number[] {
    const checks = this.#checks!;
    const conn = this.database.sqliteChecks!;
    if (threadIds.length === 1) return [Number(checks.version.get(threadIds[0]) ?? 0)];
    let statement = this.#versionsOfN.get(threadIds.length);
    if (!statement) {
      const { sql } = this.reader
        .selectFrom('thread_versions')
        .select(['thread_id', 'version'])
        .where(
          'thread_id',
          'in',
          threadIds.map(() => ''),
        )
        .compile();
      this.#versionsOfN.set(threadIds.length, (statement = conn.prepare(sql)));
    }
    const found = new Map(
      (statement.all(...threadIds) as Array<{ thread_id: string; version: number }>).map((r) => [
        r.thread_id,
        r.version,
      ]),
    );
    return threadIds.map((t) => Number(found.get(t) ?? 0));
  }

  /**
   * The comments of the holder of `tokenHash` in a thread that make its page private: held or spam
   * (its author sees them as awaiting moderation), or posted since `editableSince` and not deleted
   * (its author may still edit them).
   */
  #privateRows(db: Kysely<DB>, threadId: string, tokenHash: string, editableSince: string) {
    return db
      .selectFrom('comments')
      .where('thread_id', '=', threadId)
      .where('author_token_hash', '=', tokenHash)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['pending', 'spam']),
          eb.and([eb('status', '=', 'approved'), eb('created_at', '>=', editableSince), eb('deleted', '=', 0)]),
        ]),
      );
  }

  /**
   * Whether the holder of `tokenHash` sees the thread differently from the public: comments held for
   * moderation, or comments they may still edit (see `#privateRows`). Its page is then private.
   */
  async hasPrivateView(threadId: string, tokenHash: string, editableSince: string): Promise<boolean> {
    const checks = this.#checks;
    if (checks)
      return checks.pending.get(threadId, tokenHash, 'pending', 'spam', 'approved', editableSince, 0, 1) !== undefined;
    const row = await this.#privateRows(this.reader, threadId, tokenHash, editableSince)
      .select('id')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * One page of whole threads: approved comments, and the pending ones of the token's holder; with
   * the thread version it reflects, read in the same snapshot. Paged in SQL: the page's top-level
   * comments (a comment whose parent is not visible counts as top level, as in `pageOfThreads`),
   * then their visible descendants with a recursive query, then the approved count.
   */
  async readPage(
    threadId: string,
    tokenHash: string | null,
    options: { cursor: string | null; limit: number; order: CommentOrder },
    editWindowMs = 0,
  ): Promise<{ version: number; page: CommentPage }> {
    const offset = options.cursor ? Number.parseInt(options.cursor, 10) : 0;
    const start = Number.isFinite(offset) && offset > 0 ? offset : 0;
    const visible = (alias: 'c' | 'p') => {
      const status = sql.ref(`${alias}.status`);
      return tokenHash
        ? // Its author's own spam shows as pending too, as it did in the 201: a person whose comment a
          // spam rule caught keeps their words in view, and a bot learns nothing.
          // What a moderator put in the trash is gone for its author too.
          sql<boolean>`(${status} = 'approved' or (${sql.ref(`${alias}.author_token_hash`)} = ${tokenHash} and ${status} != 'trash'))`
        : sql<boolean>`${status} = 'approved'`;
    };
    // Same order as the JavaScript comparison of `sortThreads` (code points), whatever the collation.
    const byCode = (column: string) =>
      this.database.dialect === 'postgres' ? sql.raw(`${column} COLLATE "C"`) : sql.raw(column);
    const direction = options.order === 'desc' ? 'desc' : 'asc';
    const read = async (db: Kysely<DB>) => {
      const version = await db
        .selectFrom('thread_versions')
        .select('version')
        .where('thread_id', '=', threadId)
        .executeTakeFirst();
      const tops = await db
        .selectFrom('comments as c')
        .selectAll('c')
        .where('c.thread_id', '=', threadId)
        .where(visible('c'))
        .where((eb) =>
          eb.or([
            eb('c.parent_id', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('comments as p')
                  .select('p.id')
                  .whereRef('p.id', '=', 'c.parent_id')
                  .whereRef('p.thread_id', '=', 'c.thread_id')
                  .where(visible('p')),
              ),
            ),
          ]),
        )
        .orderBy(byCode('c.created_at'), direction)
        .orderBy(byCode('c.id'), direction)
        .limit(options.limit + 1)
        .offset(start)
        .execute();
      const chosen = tops.slice(0, options.limit);
      const replies =
        chosen.length === 0
          ? []
          : await db
              .withRecursive('tree(id)', (qb) =>
                qb
                  .selectFrom('comments as c')
                  .select('c.id')
                  .where(
                    'c.parent_id',
                    'in',
                    chosen.map((r) => r.id),
                  )
                  .where('c.thread_id', '=', threadId)
                  .where(visible('c'))
                  .unionAll((q) =>
                    q
                      .selectFrom('comments as c')
                      .innerJoin('tree', 'tree.id', 'c.parent_id')
                      .select('c.id')
                      .where('c.thread_id', '=', threadId)
                      .where(visible('c')),
                  ),
              )
              .selectFrom('comments as c')
              .selectAll('c')
              .where('c.id', 'in', (q) => q.selectFrom('tree').select('tree.id'))
              .execute();
      const total = await db
        .selectFrom('comments as c')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('c.thread_id', '=', threadId)
        .where('c.status', '=', 'approved')
        .where('c.deleted', '=', 0)
        .executeTakeFirstOrThrow();
      return { version: Number(version?.version ?? 0), tops, chosen, replies, total: Number(total.n) };
    };
    const { version, tops, chosen, replies, total } =
      this.database.dialect === 'postgres'
        ? await this.reader.transaction().setIsolationLevel('repeatable read').execute(read)
        : await this.reader.transaction().execute(read);
    const end = start + chosen.length;
    return {
      version,
      page: {
        // Only the page's threads are here: `sortThreads` finds exactly `chosen` at the top level.
        // A row that does not fit is left out: its replies show at the top level.
        comments: sortThreads(
          this.#publicRows(
            [...chosen, ...replies],
            tokenHash && editWindowMs > 0
              ? { tokenHash, until: (row) => this.editableUntil(row, editWindowMs) }
              : undefined,
          ),
          options.order,
        ),
        nextCursor: tops.length > options.limit ? String(end) : null,
        total,
      },
    };
  }

  /**
   * Until when its author may change `row` (ISO), or undefined when no longer: deleted, or the
   * window of `editWindowMs` after posting has passed.
   */
  editableUntil(row: CommentsTable, editWindowMs: number, nowMs = Date.now()): string | undefined {
    if (row.deleted || editWindowMs <= 0 || row.author_token_hash === '') return undefined;
    const until = Date.parse(row.created_at) + editWindowMs;
    return until > nowMs ? new Date(until).toISOString() : undefined;
  }

  /** Edits a reader's own comment (see `editOwnComment`); the thread's version changes when the public view does. */
  async edit(input: EditInput): Promise<{ before: CommentsTable; row: CommentsTable }> {
    try {
      return await this.#writer.run({
        work: async (trx, changed) => {
          const result = await editOwnComment(trx, input);
          if (result.before.status === 'approved' || result.row.status === 'approved') changed(input.threadId);
          await this.#event(trx, { type: 'edited', row: result.row, by: 'reader' });
          return result;
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateError();
      throw error;
    }
  }

  /** Deletes a reader's own comment (see `removeOwnComment`). */
  async removeOwn(ref: OwnCommentRef): Promise<{ before: CommentsTable; changed: CommentsTable[]; kept: boolean }> {
    return this.#writer.run({
      work: async (trx, changed) => {
        const result = await removeOwnComment(trx, ref);
        if (result.before.status === 'approved') changed(ref.threadId);
        await this.#event(trx, { type: 'deleted', row: result.before, by: 'reader' });
        return result;
      },
    });
  }

  /** The texts edits replaced, oldest first, per comment id (for moderators). */
  async revisions(ids: readonly string[]): Promise<Map<string, Array<{ content: string; replacedAt: string }>>> {
    const out = new Map<string, Array<{ content: string; replacedAt: string }>>();
    if (ids.length === 0) return out;
    const rows = await this.reader
      .selectFrom('comment_revisions')
      .selectAll()
      .where('comment_id', 'in', [...ids])
      .orderBy('replaced_at')
      .execute();
    for (const r of rows) {
      let list = out.get(r.comment_id);
      if (!list) out.set(r.comment_id, (list = []));
      list.push({ content: r.content, replacedAt: r.replaced_at });
    }
    return out;
  }

  /** Approved comments per thread, 0 for a thread with none. */
  async counts(threadIds: readonly string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.fromEntries(threadIds.map((t) => [t, 0]));
    if (threadIds.length === 0) return out;
    const rows = await this.reader
      .selectFrom('comments')
      .select(['thread_id', (eb) => eb.fn.countAll().as('n')])
      .where('thread_id', 'in', [...threadIds])
      .where('status', '=', 'approved')
      .where('deleted', '=', 0)
      .groupBy('thread_id')
      .execute();
    for (const r of rows) out[r.thread_id] = Number(r.n);
    return out;
  }

  /**
   * Newest first, for moderation. The cursor is the last row's `createdAt|id`. `q` (when not empty)
   * keeps comments whose text, author name, email or thread contains it (case-insensitive for ASCII
   * letters, literal: `%` and `_` are escaped); `thread` keeps one thread.
   */
  async adminList(
    status: StoredStatus,
    limit: number,
    cursor: string | null,
    filter: { q?: string; thread?: string } = {},
  ): Promise<{ rows: CommentsTable[]; nextCursor: string | null }> {
    let q = this.reader.selectFrom('comments').selectAll().where('status', '=', status);
    if (filter.thread) q = q.where('thread_id', '=', filter.thread);
    if (filter.q) {
      const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      const columns = ['content', 'author_name', 'author_email', 'thread_id'];
      q = q.where(sql<boolean>`(${sql.join(columns.map(like), sql` or `)})`);
    }
    if (cursor) {
      const [at = '', id = ''] = cursor.split('|');
      q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      rows: page,
      nextCursor: rows.length > limit && last ? `${last.created_at}|${last.id}` : null,
    };
  }

  /** The author and first 200 characters of each comment of `ids` (the parents a moderator sees). */
  async excerpts(ids: readonly string[]): Promise<Map<string, { authorName: string; excerpt: string }>> {
    const out = new Map<string, { authorName: string; excerpt: string }>();
    if (ids.length === 0) return out;
    const rows = await this.reader
      .selectFrom('comments')
      .select(['id', 'author_name', 'content'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    for (const r of rows) out.set(r.id, { authorName: r.author_name, excerpt: r.content.slice(0, 200) });
    return out;
  }

  /** Counts one hit against a rate limit (in the database, across instances); over it: `RateLimitedError`. */
  async hit(rateLimit: RateLimitHit): Promise<void> {
    await this.#writer.run({ rateLimit });
  }

  /** When the first comment of a thread was posted (any status), or null when it has none. */
  async firstCommentAt(threadId: string): Promise<string | null> {
    const row = await this.reader
      .selectFrom('comments')
      .select((eb) => eb.fn.min('created_at').as('first'))
      .where('thread_id', '=', threadId)
      .executeTakeFirst();
    return (row?.first as string | null | undefined) ?? null;
  }

  /** Comments per status, for the desk's tabs. */
  async adminCounts(): Promise<AdminCounts> {
    const out: AdminCounts = { pending: 0, approved: 0, spam: 0, trash: 0 };
    const rows = await this.reader
      .selectFrom('comments')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .groupBy('status')
      .execute();
    for (const r of rows) if (r.status in out) out[r.status as StoredStatus] = Number(r.n);
    return out;
  }

  /**
   * Changes a comment's status (a moderator's decision: its reason becomes `moderator`, except for
   * the trash, which keeps it); returns the row before and after, or undefined when there is none.
   * To the trash: when, and the status to restore. Out of it: both forgotten. `restore` takes it out
   * of the trash to the status it had, its reason unchanged (a restore is not a new decision). An
   * approval gives the comment its email-derived avatar seed (held, it had a random one).
   */
  async setStatus(
    id: string,
    to: StoredStatus | 'restore',
    nowIso = new Date().toISOString(),
    options: { guard?: (trx: Kysely<DB>) => Promise<void> } = {},
  ): Promise<{ before: CommentsTable; row: CommentsTable } | undefined> {
    return this.#writer.run({
      work: async (trx, changed) => {
        // First, in the same transaction: a one-time link's use is recorded (or it throws).
        await options.guard?.(trx);
        const before = await trx.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) return undefined;
        const restoring = to === 'restore';
        const status: StoredStatus = !restoring
          ? to
          : before.status !== 'trash'
            ? (before.status as StoredStatus)
            : before.trashed_from && before.trashed_from !== 'trash'
              ? (before.trashed_from as StoredStatus)
              : 'pending';
        const avatar_seed =
          status === 'approved' && before.status !== 'approved'
            ? this.avatarSeed(before.author_name, before.author_email)
            : before.avatar_seed;
        const trash =
          status === 'trash'
            ? before.status === 'trash'
              ? { trashed_at: before.trashed_at ?? nowIso, trashed_from: before.trashed_from ?? 'pending' }
              : { trashed_at: nowIso, trashed_from: before.status }
            : { trashed_at: null, trashed_from: null };
        const moderation_reason =
          restoring || status === 'trash' || status === before.status
            ? (before.moderation_reason ?? null)
            : 'moderator';
        const set = { status, avatar_seed, moderation_reason, ...trash };
        await trx.updateTable('comments').set(set).where('id', '=', id).execute();
        if (before.status !== status && (before.status === 'approved' || status === 'approved')) {
          changed(before.thread_id);
        }
        const row = { ...before, ...set };
        if (status === 'approved' && before.status !== 'approved' && !restoring) {
          await this.#approved(trx, row);
          await this.#event(trx, { type: 'approved', row, by: 'moderator' });
        }
        if (status === 'trash' && before.status !== 'trash') {
          await this.#event(trx, { type: 'deleted', row: before, by: 'moderator' });
        }
        return { before, row };
      },
    });
  }

  /**
   * A moderator replaces a comment's text; the old text is kept in `comment_revisions`. Its status
   * does not change. Undefined when there is none; `DuplicateError` when the same author already
   * said exactly that under the same parent.
   */
  async adminEdit(
    id: string,
    content: string,
    editedAt: string,
  ): Promise<{ before: CommentsTable; row: CommentsTable } | undefined> {
    try {
      return await this.#writer.run({
        work: async (trx, changed) => {
          const before = await trx.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
          if (!before || before.deleted) return undefined;
          if (before.content === content) return { before, row: before };
          await trx
            .insertInto('comment_revisions')
            .values({ comment_id: id, content: before.content, replaced_at: editedAt })
            .execute();
          const set = {
            content,
            edited_at: editedAt,
            dup_key: sha256(JSON.stringify([before.parent_id, before.author_name, content])),
          };
          await trx.updateTable('comments').set(set).where('id', '=', id).execute();
          if (before.status === 'approved') changed(before.thread_id);
          await this.#event(trx, { type: 'edited', row: { ...before, ...set }, by: 'moderator' });
          return { before, row: { ...before, ...set } };
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateError();
      throw error;
    }
  }

  /**
   * The site owner's reply to `parentId`, stored approved with `by_owner = 1` under `authorName`.
   * Replying approves a held parent, as WordPress's "Approve and Reply". `InvalidParentError` when
   * the parent is unknown, deleted, spam or in the trash. Returns the reply and the parent (after).
   */
  async ownerReply(input: {
    id: string;
    parentId: string;
    content: string;
    authorName: string;
    createdAt: string;
  }): Promise<{ row: CommentsTable; parent: CommentsTable; parentApproved: boolean }> {
    try {
      return await this.#writer.run({
        work: async (trx, changed) => {
          const parent = await trx
            .selectFrom('comments')
            .selectAll()
            .where('id', '=', input.parentId)
            .executeTakeFirst();
          if (!parent || parent.deleted || parent.status === 'spam' || parent.status === 'trash') {
            throw new InvalidParentError();
          }
          let parentAfter = parent;
          if (parent.status !== 'approved') {
            const set = {
              status: 'approved',
              avatar_seed: this.avatarSeed(parent.author_name, parent.author_email),
              moderation_reason: 'moderator',
            };
            await trx.updateTable('comments').set(set).where('id', '=', parent.id).execute();
            parentAfter = { ...parent, ...set };
          }
          const row: CommentsTable = {
            id: input.id,
            thread_id: parent.thread_id,
            parent_id: parent.id,
            author_name: input.authorName,
            author_email: '',
            author_url: '',
            avatar_seed: this.avatarSeed(`owner:${input.authorName}`, ''),
            content: input.content,
            status: 'approved',
            created_at: input.createdAt,
            dup_key: sha256(JSON.stringify([parent.id, input.authorName, input.content, 'owner'])),
            author_token_hash: '',
            ip: '',
            user_agent: '',
            edited_at: null,
            deleted: 0,
            source_key: null,
            moderation_reason: null,
            by_owner: 1,
          };
          await trx.insertInto('comments').values(row).execute();
          changed(parent.thread_id);
          if (parent.status !== 'approved') await this.#approved(trx, parentAfter);
          await this.#approved(trx, row);
          if (parent.status !== 'approved')
            await this.#event(trx, { type: 'approved', row: parentAfter, by: 'moderator' });
          await this.#event(trx, { type: 'created', row, by: 'moderator' });
          return { row, parent: parentAfter, parentApproved: parent.status !== 'approved' };
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateError();
      throw error;
    }
  }

  /**
   * Deletes a comment for good, only from the trash (`NotInTrashError` otherwise); its replies move
   * up to its parent. False when there was none.
   */
  async delete(id: string): Promise<boolean> {
    return this.#writer.run({
      work: async (trx, changed) => {
        const row = await trx
          .selectFrom('comments')
          .select(['parent_id', 'thread_id', 'status'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) return false;
        if (row.status !== 'trash') throw new NotInTrashError();
        await trx.updateTable('comments').set({ parent_id: row.parent_id }).where('parent_id', '=', id).execute();
        await trx.deleteFrom('comments').where('id', '=', id).execute();
        await trx.deleteFrom('comment_revisions').where('comment_id', '=', id).execute();
        changed(row.thread_id);
        return true;
      },
    });
  }

  /** Deletes for good what has been in the trash since before `beforeIso`; how many. */
  async purgeTrash(beforeIso: string): Promise<number> {
    const old = await this.reader
      .selectFrom('comments')
      .select('id')
      .where('status', '=', 'trash')
      .where('trashed_at', '<', beforeIso)
      .limit(1000)
      .execute();
    let n = 0;
    for (const { id } of old) if (await this.delete(id).catch(() => false)) n++;
    return n;
  }

  /**
   * Forgets idempotency keys after a day and rate-limit windows once they are over; with
   * `trashDays`, purges what has been in the trash longer.
   */
  async prune(nowMs: number, windowSeconds: number, trashDays?: number): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('expires_at', '<', new Date(nowMs).toISOString()).execute();
    if (trashDays !== undefined && trashDays > 0) {
      await this.purgeTrash(new Date(nowMs - trashDays * 86_400_000).toISOString());
    }
    const dayAgo = new Date(nowMs - 86_400_000).toISOString();
    await this.db.deleteFrom('idempotency').where('created_at', '<', dayAgo).execute();
    await this.db
      .deleteFrom('rate_limits')
      .where('window_start', '<', Math.floor(nowMs / 1000 / windowSeconds) - 1)
      .execute();
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
