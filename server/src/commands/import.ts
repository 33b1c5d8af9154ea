/** `comment-box-server import FILE --from wordpress|disqus|comment-box`: see docs/import-export.md. */
import { existsSync, readFileSync } from 'node:fs';
import { importFile, SOURCE_FORMATS, type ImportReport, type SourceFormat } from '../import/run.js';
import { SourceFormatError } from '../import/source.js';
import { THREAD_ID_MODES, ThreadMap, type ThreadIdMode } from '../import/thread-ids.js';
import { parseArgs } from 'node:util';
import {
  COMMON_OPTIONS,
  usage,
  DATABASE_HELP,
  describeDatabase,
  UsageError,
  withStore,
  type Command,
} from './database.js';

export const IMPORT_HELP = `Usage: comment-box-server import FILE --from wordpress|disqus|comment-box [options]

Imports comments: a WordPress export (WXR, Tools → Export), a Disqus export (XML), or a comment-box
export (JSON). Importing again adds nothing; it never changes or deletes a stored comment.

Options:
  --from <format>         wordpress | disqus | comment-box (required)
  --thread-id <how>       path (default: the page path of the post's URL, the element's default
                          thread-id) | url (the full URL) | id (the source's post id / identifier)
  --map <file>            Thread id and URL prefix rules, one "OLD NEW" a line (see the docs)
  --include-trash         WordPress: import trashed comments too (as held)
  --dry-run               Read and check everything, report the counts, write nothing
  --json                  Print the report as JSON
${DATABASE_HELP}
Exit code: 0 when nothing failed, 1 when some comments failed (the report says why), 2 on a usage error.
`;

export const runImport: Command = async (argv, env, io) => {
  const { values: f, positionals } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        ...COMMON_OPTIONS,
        ...{
          from: { type: 'string' },
          'thread-id': { type: 'string' },
          map: { type: 'string' },
          'include-trash': { type: 'boolean' },
          'dry-run': { type: 'boolean' },
          json: { type: 'boolean' },
        },
      },
    }),
  );
  if (f.help) {
    await io.out(IMPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('import takes one FILE');
  const file = positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const from = f.from as SourceFormat | undefined;
  if (!from || !SOURCE_FORMATS.includes(from)) throw new UsageError('--from must be wordpress, disqus or comment-box');
  const mode = (f['thread-id'] ?? 'path') as ThreadIdMode;
  if (!THREAD_ID_MODES.includes(mode)) throw new UsageError('--thread-id must be path, url or id');
  if (from === 'comment-box' && f['thread-id'])
    throw new UsageError('--thread-id does not apply to comment-box exports');
  let map: ThreadMap | undefined;
  if (f.map) {
    try {
      map = ThreadMap.parse(readFileSync(f.map, 'utf8'));
    } catch (error) {
      throw new UsageError(`--map ${f.map}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const dryRun = f['dry-run'] ?? false;
  io.err(
    `Importing ${file} (${from}) into ${describeDatabase(f, env)}${dryRun ? ', dry run: nothing is written' : ''}\n`,
  );
  const progress = (r: ImportReport) => {
    const line = `${r.read.toLocaleString('en')} read: ${r.imported.toLocaleString('en')} ${dryRun ? 'to import' : 'imported'}, ${r.skipped.toLocaleString('en')} skipped, ${r.failed.toLocaleString('en')} failed`;
    io.err(io.tty ? `\r${line}` : `${line}\n`);
  };
  let report: ImportReport;
  try {
    report = await withStore(f, env, (store) =>
      importFile(store, {
        file,
        from,
        threadId: mode,
        map,
        dryRun,
        includeTrash: f['include-trash'] ?? false,
        progress,
        progressEvery: io.tty ? 1000 : 10_000,
      }),
    );
  } catch (error) {
    if (io.tty) io.err('\n');
    if (error instanceof SourceFormatError) {
      io.err(
        `comment-box-server import: ${file}: ${error.message}. Comments imported before this point stay; importing again skips them.\n`,
      );
      return 1;
    }
    throw error;
  }
  if (io.tty) io.err('\n');
  await io.out(f.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.failed > 0 ? 1 : 0;
};

/** The report as the CLI prints it. */
export function formatReport(r: ImportReport): string {
  const lines: string[] = [];
  const n = (x: number) => x.toLocaleString('en');
  lines.push(`${r.dryRun ? 'Would import' : 'Imported'}: ${n(r.imported)} (into ${n(r.threads)} threads)`);
  lines.push(`Skipped: ${n(r.skipped)}`);
  for (const [reason, count] of Object.entries(r.skippedReasons)) lines.push(`  ${n(count)} ${reason}`);
  lines.push(`Failed: ${n(r.failed)}`);
  for (const [reason, count] of Object.entries(r.failedReasons)) lines.push(`  ${n(count)} ${reason}`);
  for (const f of r.failures) lines.push(`    ${f.source}: ${f.reason}`);
  if (r.failed > r.failures.length) lines.push(`    … and ${n(r.failed - r.failures.length)} more`);
  const adjusted = Object.entries(r.adjusted);
  if (adjusted.length > 0) {
    lines.push('Imported with a field made to fit:');
    for (const [what, count] of adjusted) lines.push(`  ${n(count)} ${what}`);
  }
  if (r.dryRun) lines.push('Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}
