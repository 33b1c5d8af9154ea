/** The tables of the comment store, as Kysely sees them (one schema for SQLite and PostgreSQL). */

export interface CommentsTable {
  id: string;
  thread_id: string;
  parent_id: string | null;
  author_name: string;
  author_email: string;
  author_url: string;
  avatar_seed: string;
  content: string;
  /** approved | pending | spam | trash */
  status: string;
  /** ISO 8601, UTC, milliseconds: sorts as text. */
  created_at: string;
  /** Hash of (parent, name, content): the unique key that refuses duplicates. */
  dup_key: string;
  /** SHA-256 of the author token, or ''. */
  author_token_hash: string;
  ip: string;
  user_agent: string;
  /** ISO 8601 time of the author's last edit, or null when never edited. */
  edited_at: string | null;
  /**
   * 1 when its author deleted it while it had replies: kept as a "This comment was deleted."
   * placeholder (text and author fields emptied) so the thread stays intact.
   */
  deleted: number;
  /**
   * Where an imported comment came from (`wordpress:<site>:<id>`, `disqus:<id>`, `comment-box:<id>`),
   * unique: importing the same file again adds nothing. Null for comments posted here.
   */
  source_key: string | null;
  /**
   * Why it was held or sent to spam (`code` or `code:detail`, see `encodeReason`), or null. Optional
   * here only so that rows written before migration 5 (imports, tests) still type.
   */
  moderation_reason?: string | null;
  /** ISO time it went to the trash (purged after the retention period), or null. */
  trashed_at?: string | null;
  /** The status it had before the trash, restored from it. */
  trashed_from?: string | null;
  /** 1 when the site owner wrote it from the desk: the public comment carries `byOwner: true`. */
  by_owner?: number;
}

/** The text an edit replaced, for moderators (newest last). */
export interface CommentRevisionsTable {
  comment_id: string;
  content: string;
  replaced_at: string;
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

/** A desk session: the SHA-256 of its cookie, its CSRF token, when it ends. */
export interface AdminSessionsTable {
  id_hash: string;
  csrf: string;
  expires_at: string;
}

export interface DB {
  admin_sessions: AdminSessionsTable;
  comments: CommentsTable;
  idempotency: IdempotencyTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  schema_migrations: MigrationsTable;
  thread_versions: ThreadVersionsTable;
  comment_revisions: CommentRevisionsTable;
}
