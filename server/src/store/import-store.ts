/**
 * The writes of imports (`comment-box-server import`): rows that were validated by the importer,
 * inserted in batches through the group commit, each batch one transaction that also bumps the
 * versions of the threads whose public view it changed (so cached pages and other instances see
 * the import at once). An insert never replaces anything: a row whose id or source key (or
 * duplicate key) is already stored is left out, and the caller is told which rows went in.
 */
import { sql } from 'kysely';
import { WriteBatcher } from './batch.js';
import type { Store } from './comment-store.js';
import type { CommentsTable } from './tables.js';

export interface ImportRow {
  row: CommentsTable;
  /** The text each edit replaced (comment-box exports), oldest first. */
  revisions: Array<{ content: string; replacedAt: string }>;
}

/** Rows per INSERT statement (17 columns: well within SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 400;

export class ImportStore {
  readonly #store: Store;
  readonly #writer: WriteBatcher;

  constructor(store: Store) {
    this.#store = store;
    this.#writer = new WriteBatcher(store.database);
  }

  /** The stored ids and thread ids of the given source keys. */
  async bySourceKeys(keys: readonly string[]): Promise<Map<string, { id: string; threadId: string }>> {
    const out = new Map<string, { id: string; threadId: string }>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const slice = keys.slice(i, i + CHUNK);
      if (slice.length === 0) continue;
      const rows = await this.#store.db
        .selectFrom('comments')
        .select(['id', 'thread_id', 'source_key'])
        .where('source_key', 'in', slice)
        .execute();
      for (const r of rows) out.set(r.source_key!, { id: r.id, threadId: r.thread_id });
    }
    return out;
  }

  /** Which of the given ids are stored. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const slice = ids.slice(i, i + CHUNK);
      if (slice.length === 0) continue;
      const rows = await this.#store.db.selectFrom('comments').select('id').where('id', 'in', slice).execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  /**
   * Inserts the rows (and their revisions) in one transaction; bumps the version of every thread
   * that gains an approved comment. Returns the ids inserted: a row that conflicts with a stored one
   * (same id, source key, or thread and duplicate key) is not.
   */
  async insert(rows: readonly ImportRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    return this.#writer.run({
      work: async (trx, changed) => {
        const inserted = new Set<string>();
        for (let i = 0; i < rows.length; i += CHUNK) {
          const slice = rows.slice(i, i + CHUNK);
          const done = await trx
            .insertInto('comments')
            .values(slice.map((r) => r.row))
            .onConflict((oc) => oc.doNothing())
            .returning('id')
            .execute();
          for (const d of done) inserted.add(d.id);
        }
        const revisions = rows
          .filter((r) => inserted.has(r.row.id))
          .flatMap((r) =>
            r.revisions.map((v) => ({ comment_id: r.row.id, content: v.content, replaced_at: v.replacedAt })),
          );
        for (let i = 0; i < revisions.length; i += CHUNK) {
          await trx
            .insertInto('comment_revisions')
            .values(revisions.slice(i, i + CHUNK))
            .execute();
        }
        for (const r of rows) if (inserted.has(r.row.id) && r.row.status === 'approved') changed(r.row.thread_id);
        return inserted;
      },
    });
  }

  /**
   * Moves comments this import inserted under another parent (a reply read before its parent, whose
   * parent then turned out to be skipped), bumping their threads' versions.
   */
  async reparent(moves: ReadonlyArray<{ id: string; threadId: string; parentId: string | null }>): Promise<void> {
    if (moves.length === 0) return;
    await this.#writer.run({
      work: async (trx, changed) => {
        for (const m of moves) {
          await trx
            .updateTable('comments')
            .set({ parent_id: m.parentId })
            .where('id', '=', m.id)
            .where(sql<boolean>`source_key is not null`)
            .execute();
          changed(m.threadId);
        }
      },
    });
  }
}
