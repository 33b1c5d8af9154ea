/**
 * The comment store: every query the server makes, written once with Kysely for SQLite and
 * PostgreSQL. Knows nothing about HTTP.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Comment, CommentDraft } from '../schema.js';
import { pageOfThreads } from '../threads.js';
import type { CommentOrder } from '../adapters/types.js';
import { writeTransaction, type CommentsTable, type Database_ } from './db.js';

export type StoredStatus = 'approved' | 'pending' | 'spam';
export const STORED_STATUSES: readonly StoredStatus[] = ['approved', 'pending', 'spam'];

/** What the moderation API shows: the public comment plus what only the site owner may see. */
export interface AdminComment {
  id: string;
  threadId: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  content: string;
  createdAt: string;
  status: StoredStatus;
  ip: string;
  userAgent: string;
}

export class DuplicateError extends Error {}
export class InvalidParentError extends Error {}
/** Another request holds (or held) this idempotency key: replay what it stored. */
export class IdempotencyTakenError extends Error {}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A new random secret value (author tokens, generated secrets). */
export const randomToken = () => randomBytes(24).toString('base64url');

let seq = 0;
/** A unique, roughly time-ordered id. */
export function newCommentId(now: number): string {
  seq = (seq + 1) % 1679616;
  return `${now.toString(36)}${seq.toString(36).padStart(4, '0')}${randomBytes(6).toString('base64url')}`;
}

export interface CreateInput {
  id: string;
  threadId: string;
  draft: CommentDraft;
  createdAt: string;
  authorTokenHash: string;
  ip: string;
  userAgent: string;
  /** Decides the status inside the transaction; `approvedBefore` is true when the email has an approved comment. */
  decide: (approvedBefore: boolean) => StoredStatus;
  /** Record the response under this key, in the same transaction. */
  idempotency?: { key: string; fingerprint: string; response: (comment: Comment) => string };
}

export class Store {
  readonly database: Database_;
  #secret = '';

  constructor(database: Database_) {
    this.database = database;
  }

  get db() {
    return this.database.db;
  }

  /** Loads (or creates once, for every instance) the avatar secret, unless one is given. */
  async init(secret: string): Promise<void> {
    if (secret) {
      this.#secret = secret;
      return;
    }
    await this.db
      .insertInto('settings')
      .values({ key: 'secret', value: randomToken() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
    this.#secret = row.value;
  }

  /** A seed for the identicon that does not reveal the email: an HMAC with the server's secret. */
  avatarSeed(name: string, email: string): string {
    return createHmac('sha256', this.#secret)
      .update(`${email.trim().toLowerCase() || `name:${name}`}`)
      .digest('base64url')
      .slice(0, 22);
  }

  toPublic(row: CommentsTable): Comment {
    return {
      id: row.id,
      parentId: row.parent_id,
      authorName: row.author_name,
      authorUrl: row.author_url === '' ? null : row.author_url,
      avatarSeed: row.avatar_seed,
      content: row.content,
      createdAt: row.created_at,
      // Spam looks pending to its author: a bot learns nothing.
      status: row.status === 'approved' ? 'approved' : 'pending',
    };
  }

  toAdmin(row: CommentsTable): AdminComment {
    return {
      id: row.id,
      threadId: row.thread_id,
      parentId: row.parent_id,
      authorName: row.author_name,
      authorEmail: row.author_email,
      authorUrl: row.author_url === '' ? null : row.author_url,
      content: row.content,
      createdAt: row.created_at,
      status: row.status as StoredStatus,
      ip: row.ip,
      userAgent: row.user_agent,
    };
  }

  /**
   * Counts one post of `client` in the current window, in the database so that every instance
   * shares the count. Returns the seconds to wait when over the limit.
   */
  async hitRateLimit(client: string, limit: number, windowSeconds: number, nowMs: number): Promise<number | null> {
    const windowStart = Math.floor(nowMs / 1000 / windowSeconds);
    const row = await this.db
      .insertInto('rate_limits')
      .values({ client, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['client', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    if (Number(row.count) <= limit) return null;
    return Math.max(1, Math.ceil((windowStart + 1) * windowSeconds - nowMs / 1000));
  }

  async findIdempotent(key: string): Promise<{ fingerprint: string; response: string } | undefined> {
    return this.db
      .selectFrom('idempotency')
      .select(['fingerprint', 'response'])
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /**
   * Stores a comment in one write transaction: the idempotency key first (so a concurrent request
   * with the same key waits, then replays), the parent check, the moderation decision, and the
   * insert, whose unique constraint refuses duplicates.
   */
  async create(input: CreateInput): Promise<{ row: CommentsTable; comment: Comment }> {
    const { draft } = input;
    return writeTransaction(this.database, async (trx) => {
      if (input.idempotency) {
        const taken = await trx
          .insertInto('idempotency')
          .values({ key: input.idempotency.key, fingerprint: input.idempotency.fingerprint, response: '', created_at: input.createdAt })
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .executeTakeFirst();
        if (!taken) throw new IdempotencyTakenError();
      }
      if (draft.parentId !== null) {
        const parent = await trx
          .selectFrom('comments')
          .select('id')
          .where('id', '=', draft.parentId)
          .where('thread_id', '=', input.threadId)
          .where('status', '!=', 'spam')
          .executeTakeFirst();
        if (!parent) throw new InvalidParentError();
      }
      const email = draft.email.trim().toLowerCase();
      const approvedBefore =
        email !== '' &&
        (await trx
          .selectFrom('comments')
          .select('id')
          .where('author_email', '=', email)
          .where('status', '=', 'approved')
          .limit(1)
          .executeTakeFirst()) !== undefined;
      const row: CommentsTable = {
        id: input.id,
        thread_id: input.threadId,
        parent_id: draft.parentId,
        author_name: draft.name,
        author_email: email,
        author_url: draft.url,
        avatar_seed: this.avatarSeed(draft.name, email),
        content: draft.content,
        status: input.decide(approvedBefore),
        created_at: input.createdAt,
        dup_key: sha256(JSON.stringify([draft.parentId, draft.name, draft.content])),
        author_token_hash: input.authorTokenHash,
        ip: input.ip,
        user_agent: input.userAgent,
      };
      try {
        await trx.insertInto('comments').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateError();
        throw error;
      }
      const comment = this.toPublic(row);
      if (input.idempotency) {
        await trx
          .updateTable('idempotency')
          .set({ response: input.idempotency.response(comment) })
          .where('key', '=', input.idempotency.key)
          .execute();
      }
      return { row, comment };
    });
  }

  /** One page of whole threads: approved comments, and the pending ones of the token's holder. */
  async list(
    threadId: string,
    tokenHash: string | null,
    options: { cursor: string | null; limit: number; order: CommentOrder },
  ) {
    const rows = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('thread_id', '=', threadId)
      .where((eb) =>
        tokenHash
          ? eb.or([
              eb('status', '=', 'approved'),
              eb.and([eb('status', '=', 'pending'), eb('author_token_hash', '=', tokenHash)]),
            ])
          : eb('status', '=', 'approved'),
      )
      .execute();
    return pageOfThreads(
      rows.map((r) => this.toPublic(r)),
      options,
    );
  }

  async get(id: string): Promise<CommentsTable | undefined> {
    return this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Approved comments per thread, 0 for a thread with none. */
  async counts(threadIds: readonly string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.fromEntries(threadIds.map((t) => [t, 0]));
    if (threadIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('comments')
      .select(['thread_id', (eb) => eb.fn.countAll().as('n')])
      .where('thread_id', 'in', [...threadIds])
      .where('status', '=', 'approved')
      .groupBy('thread_id')
      .execute();
    for (const r of rows) out[r.thread_id] = Number(r.n);
    return out;
  }

  /** Newest first, for moderation. The cursor is the last row's `createdAt|id`. */
  async adminList(status: StoredStatus, limit: number, cursor: string | null) {
    let q = this.db.selectFrom('comments').selectAll().where('status', '=', status);
    if (cursor) {
      const [at = '', id = ''] = cursor.split('|');
      q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      comments: page.map((r) => this.toAdmin(r)),
      nextCursor: rows.length > limit && last ? `${last.created_at}|${last.id}` : null,
    };
  }

  /** Changes a comment's status; returns the updated row, or undefined when there is none. */
  async setStatus(id: string, status: StoredStatus): Promise<CommentsTable | undefined> {
    const result = await this.db.updateTable('comments').set({ status }).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.get(id);
  }

  /** Deletes a comment; its replies move up to its parent. False when there was none. */
  async delete(id: string): Promise<boolean> {
    return writeTransaction(this.database, async (trx) => {
      const row = await trx.selectFrom('comments').select('parent_id').where('id', '=', id).executeTakeFirst();
      if (!row) return false;
      await trx.updateTable('comments').set({ parent_id: row.parent_id }).where('parent_id', '=', id).execute();
      await trx.deleteFrom('comments').where('id', '=', id).execute();
      return true;
    });
  }

  /** Forgets idempotency keys after a day and rate-limit windows once they are over. */
  async prune(nowMs: number, windowSeconds: number): Promise<void> {
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
