/**
 * One import run: reads a file (WordPress WXR, Disqus XML or a comment-box export) as a stream,
 * makes each comment fit the shared schemas, and stores it in batches through `ImportStore`, or
 * with `dryRun` only counts what it would do. Never changes or deletes a stored comment: a comment
 * already imported (its source key, or for a comment-box export its id) is skipped.
 *
 * Replies: a foreign comment's id is derived from its source key, so a reply can name its parent
 * before the parent is stored. A reply whose parent is skipped (in the trash, deleted at the
 * source) hangs from the nearest ancestor that is kept, or becomes a top-level comment.
 */
import { isThreadId, type ImportReport } from 'comment-box/api';
import { commentSchema, isCleanText } from 'comment-box/schema.js';
import type { Store } from '../store/comment-store.js';
import { ImportStore, type ImportRow } from '../store/import-store.js';
import { randomSeed, sha256 } from '../store/ids.js';
import type { CommentsTable } from '../store/tables.js';
import { readCommentBoxJson, type ExportedComment } from './comment-box-json.js';
import { readDisqus } from './disqus.js';
import { cleanIp, cleanUserAgent, fitComment, storedDate } from './fit.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import type { ForeignComment, SourceEvent } from './source.js';
import { ThreadIdError, ThreadMap, threadIdFor, type ThreadIdMode } from './thread-ids.js';
import { readWxr } from './wxr.js';

export type SourceFormat = 'wordpress' | 'disqus' | 'comment-box';
export const SOURCE_FORMATS: readonly SourceFormat[] = ['wordpress', 'disqus', 'comment-box'];

export interface ImportOptions {
  file: string;
  from: SourceFormat;
  threadId?: ThreadIdMode;
  map?: ThreadMap;
  dryRun?: boolean;
  includeTrash?: boolean;
  /** Comments per transaction. */
  batchSize?: number;
  /** Called now and then with the counts so far (the CLI prints a progress line). */
  progress?: (report: ImportReport) => void;
  /** How many comments between two `progress` calls. */
  progressEvery?: number;
}

/** The report of a run: the shared contract's, which the admin API answers. */
export type { ImportReport };

/** The id of a comment imported from a foreign source: derived from its source key. */
export const importedId = (sourceKey: string) => `i${sha256(sourceKey, 'base64url').slice(0, 24)}`;

const MAX_LISTED_FAILURES = 50;

interface Known {
  /** Its id once stored (or to be stored in this batch); null: skipped or failed. */
  id: string | null;
  parent: string | null;
  threadId: string | null;
}

interface Pending {
  import: ImportRow;
  /** Foreign rows: the source ids needed to find the parent when the batch is written. */
  foreign?: { sourceId: string; parentSourceId: string | null; parentSourceKey: string | null };
}

export async function importFile(store: Store, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    read: 0,
    imported: 0,
    skipped: 0,
    failed: 0,
    skippedReasons: {},
    failedReasons: {},
    failures: [],
    adjusted: {},
    threads: 0,
    dryRun: options.dryRun ?? false,
  };
  const writer = new ImportStore(store);
  const map = options.map ?? new ThreadMap();
  const mode = options.threadId ?? 'path';
  const batchSize = options.batchSize ?? 2000;
  const every = options.progressEvery ?? 10_000;
  const threads = new Set<string>();
  /** Foreign comments of the current scope by source id (a WordPress post; the whole Disqus file). */
  let known = new Map<string, Known>();
  /** Replies written with a parent that was not read yet: checked at the end of the scope. */
  let unresolved: Array<{ id: string; threadId: string; parentSourceId: string; provisional: string }> = [];
  /** comment-box exports: ids read so far (a file naming one twice). */
  const seenIds = new Set<string>();
  let batch: Pending[] = [];

  const skip = (reason: string) => {
    report.skipped++;
    report.skippedReasons[reason] = (report.skippedReasons[reason] ?? 0) + 1;
  };
  const fail = (source: string, reason: string) => {
    report.failed++;
    report.failedReasons[reason] = (report.failedReasons[reason] ?? 0) + 1;
    if (report.failures.length < MAX_LISTED_FAILURES) report.failures.push({ source, reason });
  };
  const adjust = (what: string[]) => {
    for (const w of what) report.adjusted[w] = (report.adjusted[w] ?? 0) + 1;
  };
  const tick = () => {
    report.read++;
    if (options.progress && report.read % every === 0) options.progress(report);
  };

  /** The id of the nearest kept ancestor, walking up past skipped ones; undefined: not read yet. */
  const resolveParent = (parentSourceId: string | null, threadId: string): string | null | undefined => {
    let p = parentSourceId;
    for (let hops = 0; p !== null && hops < 10_000; hops++) {
      const k = known.get(p);
      if (!k) return undefined;
      if (k.id !== null) return k.threadId === threadId ? k.id : null;
      p = k.parent;
    }
    return null;
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    // Already imported (by an earlier run): skipped, and remembered as parents.
    const keys = pending.map((p) => p.import.row.source_key).filter((k): k is string => k !== null);
    const stored = await writer.bySourceKeys(keys);
    const storedIds = await writer.existingIds(pending.map((p) => p.import.row.id));
    const rows: Pending[] = [];
    for (const p of pending) {
      const row = p.import.row;
      const previous = row.source_key === null ? undefined : stored.get(row.source_key);
      if (previous || storedIds.has(row.id)) {
        skip('already imported');
        if (p.foreign)
          known.set(p.foreign.sourceId, {
            ...known.get(p.foreign.sourceId)!,
            id: previous?.id ?? row.id,
            threadId: previous?.threadId ?? row.thread_id,
          });
        continue;
      }
      rows.push(p);
    }
    for (const p of rows) {
      if (!p.foreign || p.foreign.parentSourceId === null) continue;
      const row = p.import.row;
      let parent = resolveParent(p.foreign.parentSourceId, row.thread_id);
      if (parent === undefined && p.foreign.parentSourceKey) {
        // Not read in this scope: imported by an earlier run?
        const earlier = (await writer.bySourceKeys([p.foreign.parentSourceKey])).get(p.foreign.parentSourceKey);
        if (earlier) parent = earlier.threadId === row.thread_id ? earlier.id : null;
      }
      if (parent === undefined) {
        // Perhaps further on in the file: written as if, checked at the end of the scope.
        const provisional = importedId(p.foreign.parentSourceKey ?? '');
        unresolved.push({ id: row.id, threadId: row.thread_id, parentSourceId: p.foreign.parentSourceId, provisional });
        parent = provisional;
      }
      row.parent_id = parent;
    }
    let inserted: Set<string>;
    if (options.dryRun) inserted = new Set(rows.map((p) => p.import.row.id));
    else inserted = await writer.insert(rows.map((p) => p.import));
    // Only comments this run inserted are ever moved: a stored comment is never changed.
    const batchIds = new Set(rows.map((p) => p.import.row.id));
    unresolved = unresolved.filter((u) => !batchIds.has(u.id) || inserted.has(u.id));
    for (const p of rows) {
      const row = p.import.row;
      if (inserted.has(row.id)) {
        report.imported++;
        threads.add(row.thread_id);
      } else {
        skip('a stored comment has the same id, source key or text (name, parent and text in the thread)');
        if (p.foreign) known.set(p.foreign.sourceId, { ...known.get(p.foreign.sourceId)!, id: null });
      }
    }
  };

  /** End of a scope: replies written before their parent was read get their final parent. */
  const endScope = async () => {
    await flush();
    const moves: Array<{ id: string; threadId: string; parentId: string | null }> = [];
    for (const u of unresolved) {
      const parent = resolveParent(u.parentSourceId, u.threadId) ?? null;
      if (parent !== u.provisional) moves.push({ id: u.id, threadId: u.threadId, parentId: parent });
    }
    if (!options.dryRun) await writer.reparent(moves);
    unresolved = [];
    known = new Map();
  };

  const queue = async (pending: Pending) => {
    batch.push(pending);
    if (batch.length >= batchSize) await flush();
  };

  const takeForeign = async (c: ForeignComment) => {
    tick();
    const source = c.sourceKey;
    if (known.has(c.sourceId)) {
      skip('appears twice in the file');
      return;
    }
    const entry: Known = { id: null, parent: c.parentSourceId, threadId: null };
    known.set(c.sourceId, entry);
    if (c.skip) return skip(c.skip);
    if (c.fail) return fail(source, c.fail);
    if (!isCleanText(c.sourceKey) || c.sourceKey.length > 1000) return fail(source, 'its source id is not clean text');
    let threadId: string;
    try {
      threadId = threadIdFor(c.thread, mode, map);
    } catch (error) {
      if (error instanceof ThreadIdError) return fail(source, `no thread id: ${error.message}`);
      throw error;
    }
    const createdAt = storedDate(c.createdAt);
    if (!createdAt) return fail(source, 'its date is not a date');
    const fitted = fitComment({
      content: htmlToMarkdown(c.html, { keepNewlines: c.keepNewlines }),
      name: c.authorName,
      email: c.authorEmail,
      url: c.authorUrl,
      placeholder: false,
    });
    if (!fitted.ok) return fail(source, fitted.reason);
    const id = importedId(c.sourceKey);
    const row: CommentsTable = {
      id,
      thread_id: threadId,
      parent_id: null,
      author_name: fitted.name,
      author_email: fitted.email,
      author_url: fitted.url,
      avatar_seed: c.status === 'approved' ? store.avatarSeed(fitted.name, fitted.email) : randomSeed(),
      content: fitted.content,
      status: c.status,
      created_at: createdAt,
      dup_key: sha256(JSON.stringify(['import', c.sourceKey])),
      author_token_hash: '',
      ip: cleanIp(c.ip),
      user_agent: cleanUserAgent(c.userAgent),
      edited_at: null,
      deleted: 0,
      source_key: c.sourceKey,
    };
    if (!fitsPublic(store, row)) return fail(source, 'it does not fit the public comment schema');
    adjust(fitted.changed);
    entry.id = id;
    entry.threadId = threadId;
    await queue({
      import: { row, revisions: [] },
      foreign: { sourceId: c.sourceId, parentSourceId: c.parentSourceId, parentSourceKey: c.parentSourceKey },
    });
  };

  const takeExported = async (c: ExportedComment) => {
    tick();
    if (seenIds.has(c.id)) return skip('appears twice in the file');
    seenIds.add(c.id);
    const threadId = map.thread(c.threadId);
    if (!isThreadId(threadId)) return fail(`id ${c.id}`, 'its mapped thread id is empty, too long or not clean text');
    const createdAt = storedDate(c.createdAt);
    const editedAt = c.editedAt === null ? null : storedDate(c.editedAt);
    if (!createdAt || (c.editedAt !== null && !editedAt)) return fail(`id ${c.id}`, 'its date is not a date');
    const fitted = fitComment({
      content: c.content,
      name: c.authorName,
      email: c.authorEmail,
      url: c.authorUrl,
      placeholder: c.deleted,
    });
    if (!fitted.ok) return fail(`id ${c.id}`, fitted.reason);
    const row: CommentsTable = {
      id: c.id,
      thread_id: threadId,
      parent_id: c.parentId,
      author_name: fitted.name,
      author_email: fitted.email,
      author_url: fitted.url,
      avatar_seed: c.status === 'approved' ? store.avatarSeed(fitted.name, fitted.email) : randomSeed(),
      content: fitted.content,
      status: c.status,
      created_at: createdAt,
      dup_key: sha256(JSON.stringify(['import', c.sourceKey ?? `comment-box:${c.id}`])),
      author_token_hash: c.authorTokenHash,
      ip: cleanIp(c.ip),
      user_agent: cleanUserAgent(c.userAgent),
      edited_at: editedAt,
      deleted: c.deleted ? 1 : 0,
      source_key: c.sourceKey,
    };
    if (!fitsPublic(store, row)) return fail(`id ${c.id}`, 'it does not fit the public comment schema');
    adjust(fitted.changed);
    await queue({ import: { row, revisions: c.revisions } });
  };

  if (options.from === 'comment-box') {
    for await (const item of readCommentBoxJson(options.file)) {
      if (item.ok) await takeExported(item.comment);
      else {
        tick();
        fail(item.where, item.reason);
      }
    }
    await flush();
  } else {
    const events: AsyncIterable<SourceEvent> =
      options.from === 'wordpress'
        ? readWxr(options.file, { includeTrash: options.includeTrash })
        : readDisqus(options.file);
    for await (const event of events) {
      if (event.type === 'comment') await takeForeign(event.comment);
      else await endScope();
    }
    await endScope();
  }
  report.threads = threads.size;
  options.progress?.(report);
  return report;
}

/** Whether the public view of `row` passes the shared comment schema (as the list will check). */
function fitsPublic(store: Store, row: CommentsTable): boolean {
  return commentSchema.safeParse(store.toPublic(row)).success;
}
