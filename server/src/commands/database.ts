/** What the subcommands share: the server's database flags, opening the store, and closing it. */
import { DATABASE_OPTIONS, databaseSettings } from '../config.js';
import { Store } from '../store/comment-store.js';
import { closeDatabase, COMMAND_WRITE_WAIT_MS, openDatabase } from '../store/database.js';

/** A subcommand: its arguments (after its name) and environment; resolves with the exit code. */
export type Command = (argv: string[], env: NodeJS.ProcessEnv, io: CommandIo) => Promise<number>;

export interface CommandIo {
  /** The result (a report, an export). May wait (back-pressure). */
  out(text: string): void | Promise<void>;
  /** Progress and errors. */
  err(text: string): void;
  /** stderr is a terminal: progress rewrites one line. */
  tty: boolean;
}

/** A mistake in the command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** The flags every subcommand takes: the database's, `--secret` and `--help`. */
export const COMMON_OPTIONS = {
  ...DATABASE_OPTIONS,
  secret: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs a `parseArgs` call; its errors (an unknown flag, a missing value) are usage errors. */
export function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Opens the store on the configured database (migrating it, as the server does) and runs `work`. */
export async function withStore<T>(
  flags: { db?: string; 'database-url'?: string; 'pg-schema'?: string; secret?: string },
  env: NodeJS.ProcessEnv,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const settings = databaseSettings(flags, env);
  const database = await openDatabase({ ...settings, writeWaitMs: COMMAND_WRITE_WAIT_MS });
  try {
    const store = new Store(database);
    await store.init(flags.secret ?? env.COMMENT_BOX_SECRET ?? '');
    return await work(store);
  } finally {
    await closeDatabase(database);
  }
}

/** Where the database is, for messages (never a password). */
export function describeDatabase(
  flags: { db?: string; 'database-url'?: string; 'pg-schema'?: string },
  env: NodeJS.ProcessEnv,
) {
  const s = databaseSettings(flags, env);
  if (!s.databaseUrl) return `SQLite ${s.dbPath}`;
  let where = 'PostgreSQL';
  try {
    const url = new URL(s.databaseUrl);
    where = `PostgreSQL ${url.host}${url.pathname}`;
  } catch {
    /* not a URL: say no more */
  }
  return `${where} (schema ${s.pgSchema})`;
}

export const DATABASE_HELP = `Database (as the server's; environment variable in brackets):
  --db <path>             SQLite database file [COMMENT_BOX_DB] (default ./data/comments.db)
  --database-url <url>    PostgreSQL URL [DATABASE_URL]
  --pg-schema <name>      PostgreSQL schema [COMMENT_BOX_PG_SCHEMA] (default public)
  --secret <s>            Secret for avatar seeds [COMMENT_BOX_SECRET] (default: the one kept in the DB)
`;
