/**
 * The moderation API's data routes (behind the admin authentication of `admin.ts`):
 *   GET  /api/admin/export?thread=             the comment-box JSON export, as a download
 *   POST /api/admin/import?from=&threadId=&dryRun=1&includeTrash=1   the file as the body → the report
 *   GET  /api/admin/privacy?email=             everything stored about an address, as a download
 *   POST /api/admin/privacy/erase              { email, mode: anonymize | delete } → the counts
 * The same code as the CLI's `export`, `import` and `privacy` (see docs/import-export.md).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import { fieldErrors } from 'comment-box/schema.js';
import {
  adminEraseSchema,
  adminExportQuerySchema,
  adminImportQuerySchema,
  adminPrivacyQuerySchema,
} from 'comment-box/api';
import { commentLine, FOOTER, HEADER } from '../import/comment-box-json.js';
import { exportedComments, writeExport } from '../import/export.js';
import { importFile } from '../import/run.js';
import { SourceFormatError } from '../import/source.js';
import { PrivacyStore, storedEmail } from '../store/privacy-store.js';
import type { AppDeps } from './app.js';
import { fail, invalid } from './errors.js';
import { jsonBody } from './request.js';

/** The largest file an upload may import (the CLI has no limit): 1 GiB. */
export const MAX_IMPORT_BYTES = 1024 ** 3;

class TooLargeError extends Error {}

/** A download that is never cached. */
function download(c: Context, filename: string, write: (chunk: (text: string) => Promise<void>) => Promise<void>) {
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  c.header('Cache-Control', 'no-store');
  return stream(c, async (s) => {
    await write(async (text) => void (await s.write(text)));
  });
}

const errors = (issues: Parameters<typeof fieldErrors>[0]) => fieldErrors(issues) as Record<string, string[]>;

export function adminDataRoutes(app: Hono, { store }: Required<AppDeps>): void {
  app.get('/api/admin/export', (c) => {
    const query = adminExportQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalid(c, errors(query.error.issues), 400);
    const thread = query.data.thread;
    return download(c, 'comments.json', async (write) => {
      await writeExport(store, write, thread === undefined ? {} : { thread });
    });
  });

  app.post('/api/admin/import', async (c) => {
    const query = adminImportQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalid(c, errors(query.error.issues), 400);
    const { from, threadId, dryRun, includeTrash } = query.data;
    if (from === 'comment-box' && threadId) return invalid(c, { threadId: ['invalidType'] }, 400);
    const body = c.req.raw.body;
    if (!body) return invalid(c, { form: ['required'] }, 400);
    const dir = await mkdtemp(join(tmpdir(), 'comment-box-import-'));
    const file = join(dir, 'upload');
    try {
      let bytes = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(bytes > MAX_IMPORT_BYTES ? new TooLargeError() : null, chunk);
        },
      });
      await pipeline(
        Readable.fromWeb(body as import('node:stream/web').ReadableStream),
        counted,
        createWriteStream(file),
      );
      const report = await importFile(store, {
        file,
        from,
        threadId: threadId ?? 'path',
        dryRun: dryRun === '1',
        includeTrash: includeTrash === '1',
      });
      return c.json(report);
    } catch (error) {
      if (error instanceof TooLargeError) return fail(c, 413, { error: 'too-large' });
      if (error instanceof SourceFormatError) {
        return fail(c, 422, { error: 'invalid', fields: { form: ['invalidType'] }, messageKey: 'importFormat' });
      }
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.get('/api/admin/privacy', (c) => {
    const query = adminPrivacyQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalid(c, errors(query.error.issues), 400);
    const email = storedEmail(query.data.email);
    return download(c, 'personal-data.json', async (write) => {
      const notifications = await new PrivacyStore(store).notificationData(email);
      await write(
        HEADER.replace(
          '"comments":[',
          `"subject":${JSON.stringify({ email })},"notifications":${JSON.stringify(notifications)},"comments":[`,
        ) + '\n',
      );
      let n = 0;
      for await (const comment of exportedComments(store, { email })) {
        await write(`${n++ === 0 ? '' : ',\n'}${commentLine(comment)}`);
      }
      await write(`${n === 0 ? '' : '\n'}${FOOTER}\n`);
    });
  });

  app.post('/api/admin/privacy/erase', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const parsed = adminEraseSchema.safeParse(body);
    if (!parsed.success) return invalid(c, errors(parsed.error.issues));
    return c.json(await new PrivacyStore(store).erase(parsed.data.email, parsed.data.mode));
  });
}
