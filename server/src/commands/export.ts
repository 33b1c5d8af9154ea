/** `comment-box-server export [--thread ID] > comments.json`: see docs/import-export.md. */
import { writeExport } from '../import/export.js';
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

export const EXPORT_HELP = `Usage: comment-box-server export [--thread ID] > comments.json

Writes every comment (or one thread's) to standard output in the comment-box JSON format, version 1:
thread, parent, status, dates, author fields (with email, IP address and user agent: keep the file
safe), edit history and source keys. import --from comment-box reads it back to the same database.

Options:
  --thread <id>           Only this thread
${DATABASE_HELP}`;

export const runExport: Command = async (argv, env, io) => {
  const { values: f, positionals } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { ...COMMON_OPTIONS, ...{ thread: { type: 'string' } } },
    }),
  );
  if (f.help) {
    await io.out(EXPORT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('export takes no FILE: it writes to standard output');
  const n = await withStore(f, env, (store) => writeExport(store, (chunk) => io.out(chunk), { thread: f.thread }));
  io.err(`Exported ${n.toLocaleString('en')} comments from ${describeDatabase(f, env)}.\n`);
  return 0;
};
