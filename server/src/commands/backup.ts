/**
 * `comment-box-server backup FILE`: a consistent copy of the SQLite database while the server runs,
 * with SQLite's online backup (better-sqlite3 `db.backup()`): pages are copied a few at a time, and
 * the copy is the database as it was at one moment, whatever the server writes meanwhile. On
 * PostgreSQL, `pg_dump` is the tool: this says so.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { databaseSettings } from '../config.js';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, usage, DATABASE_HELP, UsageError, type Command } from './database.js';

export const BACKUP_HELP = `Usage: comment-box-server backup FILE

Copies the SQLite database to FILE with SQLite's online backup: consistent while the server runs.
On PostgreSQL use pg_dump (pg_dump --schema=NAME "$DATABASE_URL" > backup.sql).

${DATABASE_HELP}`;

export const runBackup: Command = async (argv, env, io) => {
  const { values: f, positionals } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { ...COMMON_OPTIONS, ...{ force: { type: 'boolean' } } },
    }),
  );
  if (f.help) {
    await io.out(BACKUP_HELP);
    return 0;
  }
  const settings = databaseSettings(f, env);
  if (settings.databaseUrl) {
    io.err(
      `comment-box-server backup copies SQLite databases. On PostgreSQL, pg_dump is the tool:\n` +
        `  pg_dump --schema=${settings.pgSchema} "$DATABASE_URL" > comments-backup.sql\n` +
        `(or comment-box-server export > comments.json for the comments alone, in a portable format).\n`,
    );
    return 2;
  }
  if (positionals.length !== 1) throw new UsageError('backup takes one FILE');
  const target = positionals[0]!;
  if (settings.dbPath === ':memory:') throw new UsageError('an in-memory database has nothing to back up');
  if (!existsSync(settings.dbPath)) throw new UsageError(`no database at ${settings.dbPath}`);
  if (existsSync(target) && !f.force) throw new UsageError(`${target} exists (--force to overwrite it)`);
  const source = new Database(settings.dbPath, { fileMustExist: true });
  try {
    // Waits (asynchronously, between steps) for the server's write transactions, never blocks them long.
    source.pragma('busy_timeout = 5000');
    const started = Date.now();
    const progress = await source.backup(target);
    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails SQLite's quick_check: ${String(check)}`);
      const comments = copy.prepare('SELECT count(*) FROM comments').pluck().get() as number;
      io.err(
        `Backed up ${settings.dbPath} to ${target}: ${progress.totalPages} pages, ${comments.toLocaleString('en')} comments, in ${Date.now() - started} ms.\n`,
      );
    } finally {
      copy.close();
    }
  } finally {
    source.close();
  }
  return 0;
};
