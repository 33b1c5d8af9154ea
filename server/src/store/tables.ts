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

/**
 * A message to deliver (`notify/outbox.ts`): written in the transaction of the change that causes
 * it, delivered by the outbox worker, retried with backoff.
 */
export interface OutboxTable {
  id: string;
  /** Which deliverer sends it: `email` (later `webhook`). */
  kind: string;
  /** The email address it goes to (lowercase), for the privacy export and erase; null for others. */
  recipient: string | null;
  /** JSON: what the deliverer needs (never rendered text: messages are rendered when sent). */
  payload: string;
  /** Messages with the same key (a reader and a thread) gather into one while pending (a digest). */
  digest_key: string | null;
  /** pending | sent | failed | cancelled (nothing left to send: unsubscribed, comment gone). */
  status: string;
  attempts: number;
  /** ISO time it is due (first attempt or next retry). */
  next_attempt_at: string;
  /** ISO time the claim of a worker expires (a worker that crashed mid-send: due again then). */
  locked_until: string | null;
  /** The random token of the claim that holds the row (only its holder marks it). */
  claim: string | null;
  /** The last delivery error, without addresses or secrets. */
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** An address that asked for notifications (lowercase): its double opt-in and its way out. */
export interface MailAddressesTable {
  address: string;
  /** Random, in its unsubscribe and confirmation links. */
  token: string;
  /** The locale its emails use (from the request that asked), or null for English. */
  language: string | null;
  confirmed_at: string | null;
  /** When the last confirmation email was queued (one at a time). */
  confirm_sent_at: string | null;
  unsubscribed_all_at: string | null;
  created_at: string;
}

/** A reader's wish to hear about replies to one comment, or (comment_id null) about a whole thread. */
export interface SubscriptionsTable {
  id: string;
  address: string;
  thread_id: string;
  comment_id: string | null;
  created_at: string;
}

/** The address of the page a thread is on (for links in emails), when a post told it. */
export interface ThreadPagesTable {
  thread_id: string;
  page_url: string;
  updated_at: string;
}

/** One-tap action links already used (single use), kept until they expire. */
export interface UsedLinksTable {
  nonce: string;
  used_at: string;
  expires_at: string;
}

export interface DB {
  admin_sessions: AdminSessionsTable;
  outbox: OutboxTable;
  mail_addresses: MailAddressesTable;
  subscriptions: SubscriptionsTable;
  thread_pages: ThreadPagesTable;
  used_links: UsedLinksTable;
  comments: CommentsTable;
  idempotency: IdempotencyTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  schema_migrations: MigrationsTable;
  thread_versions: ThreadVersionsTable;
  comment_revisions: CommentRevisionsTable;
}
