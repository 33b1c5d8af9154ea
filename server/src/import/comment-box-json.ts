/**
 * The comment-box JSON format (version 1): the export of `comment-box-server export`, read back by
 * `import --from comment-box` without loss. Documented in docs/import-export.md.
 *
 *     {"format":"comment-box","version":1,"comments":[
 *     {"id":"…","threadId":"/blog/post/","parentId":null,"status":"approved",…},
 *     …
 *     ]}
 *
 * One comment a line, in a fixed key order, sorted by thread, date and id (code-point order), so the
 * same database always exports to the same bytes. The reader streams a file in that layout line by
 * line; any other layout of the same JSON (pretty-printed by a tool) is read whole.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import * as z from 'zod/mini';
import { commentSchema, LIMITS, MAX_ID_LENGTH } from 'comment-box/schema.js';
import { isThreadId } from 'comment-box/api';
import { SourceFormatError } from './source.js';

export const FORMAT = 'comment-box';
export const VERSION = 1;

/** The first line of an export: everything before the first comment. */
export const HEADER = `{"format":"${FORMAT}","version":${VERSION},"comments":[`;
export const FOOTER = ']}';

const id = () => z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH));
const date = commentSchema.shape.createdAt;
const text = (max: number) => z.string().check(z.maxLength(max));

/** One comment of the format, every field required, no other key. */
export const exportedCommentSchema = z.strictObject({
  id: id(),
  threadId: z.string().check(z.refine(isThreadId)),
  parentId: z.nullable(id()),
  status: z.enum(['approved', 'pending', 'spam']),
  createdAt: date,
  editedAt: z.nullable(date),
  /** A placeholder kept for its replies: text and author fields are empty. */
  deleted: z.boolean(),
  authorName: text(LIMITS.name),
  authorEmail: text(LIMITS.email),
  authorUrl: text(LIMITS.url),
  ip: text(100),
  userAgent: text(500),
  /** SHA-256 (hex) of the author's token, or '': lets the author still see and edit their comment. */
  authorTokenHash: z.string().check(z.regex(/^(?:[0-9a-f]{64})?$/)),
  sourceKey: z.nullable(z.string().check(z.minLength(1), z.maxLength(1000))),
  content: text(LIMITS.content),
  /** The text each edit replaced, oldest first. */
  revisions: z.array(z.strictObject({ content: text(LIMITS.content), replacedAt: date })),
});
export type ExportedComment = z.infer<typeof exportedCommentSchema>;

/** One comment as its line in the file (keys in the format's order). */
export function commentLine(c: ExportedComment): string {
  const ordered: ExportedComment = {
    id: c.id,
    threadId: c.threadId,
    parentId: c.parentId,
    status: c.status,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    deleted: c.deleted,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorUrl: c.authorUrl,
    ip: c.ip,
    userAgent: c.userAgent,
    authorTokenHash: c.authorTokenHash,
    sourceKey: c.sourceKey,
    content: c.content,
    revisions: c.revisions.map((r) => ({ content: r.content, replacedAt: r.replacedAt })),
  };
  return JSON.stringify(ordered);
}

/** A comment of the file, or why it is not one (its position and the fields at fault). */
export type FileComment = { ok: true; comment: ExportedComment } | { ok: false; where: string; reason: string };

function check(value: unknown, where: string): FileComment {
  const parsed = exportedCommentSchema.safeParse(value);
  if (parsed.success) return { ok: true, comment: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'comment')))];
  const itsId =
    typeof (value as { id?: unknown })?.id === 'string' ? ` (id ${(value as { id: string }).id.slice(0, 100)})` : '';
  return { ok: false, where: `${where}${itsId}`, reason: `invalid ${fields.join(', ')}` };
}

function checkEnvelope(value: unknown): void {
  const v = value as { format?: unknown; version?: unknown; comments?: unknown } | null;
  if (typeof v !== 'object' || v === null || v.format !== FORMAT) {
    throw new SourceFormatError(`not a comment-box export (no "format": "${FORMAT}")`);
  }
  if (v.version !== VERSION) {
    throw new SourceFormatError(`version ${String(v.version)} of the format; this server reads version ${VERSION}`);
  }
  if (!Array.isArray(v.comments)) throw new SourceFormatError('"comments" is not a list');
}

/** Reads the comments of an export file, streaming the layout the exporter writes. */
export async function* readCommentBoxJson(path: string): AsyncGenerator<FileComment> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  let streaming: boolean | undefined;
  let ended = false;
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = raw.trim();
      if (streaming === undefined) {
        if (line === '') continue;
        streaming = line === HEADER;
        if (!streaming) break;
        continue;
      }
      if (line === '') continue;
      if (ended) throw new SourceFormatError(`line ${lineNo}: text after the end of the export`);
      if (line === FOOTER) {
        ended = true;
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
      } catch {
        yield { ok: false, where: `line ${lineNo}`, reason: 'not JSON' };
        continue;
      }
      yield check(value, `line ${lineNo}`);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (streaming === true) {
    if (!ended) throw new SourceFormatError('the export ends before its closing "]}" (a truncated file?)');
    return;
  }
  // Another layout of the same JSON: read whole.
  let whole: unknown;
  try {
    whole = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SourceFormatError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  checkEnvelope(whole);
  const comments = (whole as { comments: unknown[] }).comments;
  for (const [i, value] of comments.entries()) yield check(value, `comment ${i + 1}`);
}
