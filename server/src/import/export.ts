/**
 * `comment-box-server export`: every comment (or one thread's) in the comment-box JSON format (see
 * comment-box-json.ts), written as it is read, a page of rows at a time. Sorted by thread, date and
 * id in code-point order (`COLLATE "C"` on PostgreSQL), so one database always exports to the same
 * bytes, on SQLite and PostgreSQL alike.
 */
import { sql, type Kysely } from 'kysely';
import type { Store } from '../store/comment-store.js';
import type { CommentsTable, DB } from '../store/tables.js';
import { commentLine, FOOTER, HEADER, type ExportedComment } from './comment-box-json.js';

const PAGE = 1000;

export interface ExportOptions {
  /** Only this thread's comments. */
  thread?: string;
  /** Only the comments of this email address (a privacy request), compared as stored: lower case. */
  email?: string;
}

/** A stored row and its revisions in the format. */
export function exportedComment(row: CommentsTable, revisions: ExportedComment['revisions']): ExportedComment {
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id,
    status: row.status as ExportedComment['status'],
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: Number(row.deleted) === 1,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    ip: row.ip,
    userAgent: row.user_agent,
    authorTokenHash: row.author_token_hash,
    sourceKey: row.source_key,
    content: row.content,
    revisions,
  };
}

/** The comments, in export order, a page at a time. */
export async function* exportedComments(store: Store, options: ExportOptions = {}): AsyncGenerator<ExportedComment> {
  const db: Kysely<DB> = store.reader;
  const pg = store.database.dialect === 'postgres';
  const c = (column: string) => (pg ? sql.raw(`${column} COLLATE "C"`) : sql.raw(column));
  let after: [string, string, string] | undefined;
  for (;;) {
    let q = db.selectFrom('comments').selectAll();
    if (options.thread !== undefined) q = q.where('thread_id', '=', options.thread);
    if (options.email !== undefined) q = q.where('author_email', '=', options.email);
    if (after) {
      const [t, d, i] = after;
      q = q.where(sql<boolean>`(${c('thread_id')}, ${c('created_at')}, ${c('id')}) > (${t}, ${d}, ${i})`);
    }
    const rows = await q.orderBy(c('thread_id')).orderBy(c('created_at')).orderBy(c('id')).limit(PAGE).execute();
    if (rows.length === 0) return;
    const revisions = await db
      .selectFrom('comment_revisions')
      .select(['comment_id', 'content', 'replaced_at'])
      .where(
        'comment_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('comment_id')
      .orderBy(c('replaced_at'))
      .orderBy(c('content'))
      .execute();
    const byComment = new Map<string, ExportedComment['revisions']>();
    for (const r of revisions) {
      let list = byComment.get(r.comment_id);
      if (!list) byComment.set(r.comment_id, (list = []));
      list.push({ content: r.content, replacedAt: r.replaced_at });
    }
    for (const row of rows) yield exportedComment(row, byComment.get(row.id) ?? []);
    const last = rows[rows.length - 1]!;
    after = [last.thread_id, last.created_at, last.id];
    if (rows.length < PAGE) return;
  }
}

/** Writes the export to `write` (which may wait, for back-pressure). Returns the number of comments. */
export async function writeExport(
  store: Store,
  write: (chunk: string) => void | Promise<void>,
  options: ExportOptions = {},
): Promise<number> {
  await write(`${HEADER}\n`);
  let n = 0;
  for await (const comment of exportedComments(store, options)) {
    await write(`${n === 0 ? '' : ',\n'}${commentLine(comment)}`);
    n++;
  }
  await write(`${n === 0 ? '' : '\n'}${FOOTER}\n`);
  return n;
}
