/**
 * Server settings from command-line flags and environment variables (flags win).
 */
import { parseArgs } from 'node:util';
import { LIMITS, MAX_ID_LENGTH } from 'comment-box/schema.js';
import { MAX_HONEYPOT } from 'comment-box/api';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './log.js';
import { EMPTY_BLOCK_LISTS, type BlockLists } from './policy/moderation.js';

/**
 * The default `maxBody`, in bytes: room for a draft with every field one unit over its limit,
 * however it is encoded, so that the shared schema refuses a draft that is too long (422
 * `tooLong`), never the size limit (413). Limits count UTF-16 units; one unit takes at most 6 bytes
 * of JSON (a control character as `\u001f`, or any character a client writes as a `\uXXXX` escape;
 * as UTF-8, `é` takes 2 bytes, `中` 3, `😀` 4 for its 2 units). 4 KiB cover keys, `_t` and spacing.
 */
export const DEFAULT_MAX_BODY =
  6 * (LIMITS.content + LIMITS.name + LIMITS.email + LIMITS.url + MAX_ID_LENGTH + MAX_HONEYPOT + 6) + 4096;

export type ModerationMode = 'none' | 'all' | 'first-time';

export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file path, used when `databaseUrl` is empty. */
  dbPath: string;
  /** `postgres://…`: use PostgreSQL instead of SQLite. */
  databaseUrl: string;
  /** PostgreSQL schema the tables live in (created if missing). */
  pgSchema: string;
  /** Origins allowed to call the API from a browser (CORS). The server's own origin always is. */
  allowedOrigins: string[];
  moderation: ModerationMode;
  /** Bearer token of the moderation API and page. Empty: one is generated at start and printed. */
  adminToken: string;
  /** Take the client address from `X-Forwarded-For` (set by a reverse proxy you run). */
  trustProxy: boolean;
  /** Words (matched literally, case-insensitively) that send a comment to spam. */
  spamWords: string[];
  /** Comments with this many links or more are held for moderation. */
  maxLinks: number;
  /** Posts allowed per client per window. */
  rateLimit: number;
  /** Rate-limit window, seconds. */
  rateWindow: number;
  /** Seconds after posting during which the author may edit or delete a comment; 0: never. */
  editWindow: number;
  /** Minimum milliseconds between showing the form and submitting it (the `_t` field). */
  minSubmitMs: number;
  requireNameEmail: boolean;
  /** Largest request body, bytes. Default {@link DEFAULT_MAX_BODY}: a draft at its limits always fits. */
  maxBody: number;
  /** Event streams one client (its rate-limit key) may hold open on this instance. */
  maxStreamsPerClient: number;
  /** Event streams this instance holds open at most, for all clients together. */
  maxStreams: number;
  /** Directory of the demo pages served at `/`. Empty: none. */
  demoDir: string;
  /** Directory of the built package (`dist/`), for `/comment-box.js` and `/admin`. */
  distDir: string;
  /** HMAC secret for avatar seeds. Empty: generated once and kept in the database. */
  secret: string;
  /** The least severe events written to the log (stdout); request lines are `info`. */
  logLevel: LogLevel;
  /** One JSON object a line, or text for a terminal. */
  logFormat: LogFormat;
  // Set in the desk (kept in the database, see `store/settings.ts`); no flags.
  /** The name the site owner's replies from the desk carry. */
  ownerName: string;
  /** Days a comment stays in the trash before it is deleted for good. */
  trashDays: number;
  /** Threads whose first comment is older than this many days take no new comments; 0: never. */
  closeAfterDays: number;
  /** Threads closed to new comments. */
  closedThreads: string[];
  /** Threads open whatever their age (`closeAfterDays`). */
  openThreads: string[];
  /** The owner's block lists (words, emails and domains, addresses and ranges), to hold or to spam. */
  blocks: BlockLists;
}

export const HELP = `comment-box-server: the reference comment server (SQLite by default, PostgreSQL with DATABASE_URL).

Usage: comment-box-server [options]
       comment-box-server import|export|backup|privacy … (each with --help; docs/import-export.md)
       comment-box-server set-password [database options]   (the password, on standard input)

Options (environment variable in brackets; flags win):
  --port <n>              Port to listen on, 0 for any free one [PORT] (default 8787)
  --host <addr>           Address to listen on [HOST] (default 127.0.0.1)
  --db <path>             SQLite database file [COMMENT_BOX_DB] (default ./data/comments.db)
  --database-url <url>    PostgreSQL URL; when set, SQLite is not used [DATABASE_URL]
  --pg-schema <name>      PostgreSQL schema for the tables [COMMENT_BOX_PG_SCHEMA] (default public)
  --allowed-origins <l>   Comma-separated origins allowed to call the API (CORS)
                          [COMMENT_BOX_ALLOWED_ORIGINS] (default: only the server's own origin)
  --moderation <mode>     none | all | first-time [COMMENT_BOX_MODERATION] (default first-time)
  --admin-token <token>   Bearer token for /admin and /api/admin [COMMENT_BOX_ADMIN_TOKEN]
                          (default: a random one, printed at start)
  --trust-proxy           Take the client address from X-Forwarded-For [COMMENT_BOX_TRUST_PROXY=1]
  --spam-words <list>     Comma-separated words that send a comment to spam [COMMENT_BOX_SPAM_WORDS]
  --spam-words-file <f>   File with one spam word per line [COMMENT_BOX_SPAM_WORDS_FILE]
  --max-links <n>         Hold comments with this many links or more [COMMENT_BOX_MAX_LINKS] (default 2)
  --rate-limit <n>        Posts per client per window [COMMENT_BOX_RATE_LIMIT] (default 5)
  --rate-window <s>       Rate-limit window in seconds [COMMENT_BOX_RATE_WINDOW] (default 60)
  --edit-window <s>       Seconds its author may edit or delete a comment after posting, 0 for never
                          [COMMENT_BOX_EDIT_WINDOW] (default 900)
  --min-submit-ms <n>     Minimum time from form shown to submit [COMMENT_BOX_MIN_SUBMIT_MS] (default 2000)
  --no-require-name-email Allow anonymous comments [COMMENT_BOX_REQUIRE_NAME_EMAIL=0]
  --max-body <bytes>      Largest request body [COMMENT_BOX_MAX_BODY] (default 407152:
                          a draft at its limits, however encoded, always fits)
  --max-streams-per-client <n>  Open event streams per client [COMMENT_BOX_MAX_STREAMS_PER_CLIENT] (default 8)
  --max-streams <n>       Open event streams in all [COMMENT_BOX_MAX_STREAMS] (default 1000)
  --demo <dir>            Directory of demo pages served at / [COMMENT_BOX_DEMO_DIR] (default ./demo)
  --secret <s>            Secret for avatar seeds [COMMENT_BOX_SECRET] (default: generated, kept in the DB)
  --log-level <level>     error | warn | info | debug; requests are logged at info
                          [COMMENT_BOX_LOG_LEVEL] (default info)
  --log-format <format>   json (one object a line) | text [COMMENT_BOX_LOG_FORMAT] (default json)
  -v, --version           Print the version and exit
  -h, --help              Show this help

Health: GET /healthz (the process serves), GET /readyz (the database answers, migrations done).
`;

export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 8787,
    host: '127.0.0.1',
    dbPath: './data/comments.db',
    databaseUrl: '',
    pgSchema: 'public',
    allowedOrigins: [],
    moderation: 'first-time',
    adminToken: '',
    trustProxy: false,
    spamWords: [],
    maxLinks: 2,
    rateLimit: 5,
    rateWindow: 60,
    editWindow: 900,
    minSubmitMs: 2000,
    requireNameEmail: true,
    maxBody: DEFAULT_MAX_BODY,
    maxStreamsPerClient: 8,
    maxStreams: 1000,
    demoDir: './demo',
    distDir: '',
    secret: '',
    logLevel: 'info',
    logFormat: 'json',
    ownerName: 'Site owner',
    trashDays: 30,
    closeAfterDays: 0,
    closedThreads: [],
    openThreads: [],
    blocks: EMPTY_BLOCK_LISTS,
    ...overrides,
  };
}

/** An environment variable's value; empty counts as unset (as `FOO=` in a compose file). */
const set = (v: string | undefined) => (v === '' ? undefined : v);

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

function int(
  name: string,
  value: string | undefined,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new Error(`${name} must be an integer ${range}, got "${value}"`);
  }
  return n;
}

/** An on/off environment variable: 1/true/yes/on or 0/false/no/off (any case); unset or empty is `fallback`. */
function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  if (/^\s*(1|true|yes|on)\s*$/i.test(value)) return true;
  if (/^\s*(0|false|no|off)\s*$/i.test(value)) return false;
  throw new Error(`${name} must be 1 or 0 (true/false, yes/no, on/off), got "${value}"`);
}

/** One of `choices`, or an error naming the setting and the choices. */
function oneOf<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  const listed =
    choices.length === 2 ? choices.join(' or ') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
  throw new Error(`${name} must be ${listed}, got "${value}"`);
}

/** An origin as browsers send it (`https://host[:port]`), or an error. */
function origin(value: string): string {
  const trimmed = value.replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== trimmed) {
    throw new Error(
      `--allowed-origins takes origins such as https://blog.example (scheme, host, port only), got "${value}"`,
    );
  }
  return trimmed;
}

/** Reads flags and environment. Throws an `Error` with a readable message on a bad value. */
export function parseConfig(
  argv: string[],
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
): { help: true } | { help: false; version: true } | { help: false; version?: false; config: ServerConfig } {
  const { values: f } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'database-url': { type: 'string' },
      'pg-schema': { type: 'string' },
      'allowed-origins': { type: 'string' },
      moderation: { type: 'string' },
      'admin-token': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'spam-words': { type: 'string' },
      'spam-words-file': { type: 'string' },
      'max-links': { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-window': { type: 'string' },
      'edit-window': { type: 'string' },
      'min-submit-ms': { type: 'string' },
      'no-require-name-email': { type: 'boolean' },
      'max-body': { type: 'string' },
      'max-streams-per-client': { type: 'string' },
      'max-streams': { type: 'string' },
      demo: { type: 'string' },
      secret: { type: 'string' },
      'log-level': { type: 'string' },
      'log-format': { type: 'string' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (f.help) return { help: true };
  if (f.version) return { help: false, version: true };
  const d = defaultConfig();
  const moderation = oneOf('--moderation', f.moderation ?? set(env.COMMENT_BOX_MODERATION) ?? d.moderation, [
    'none',
    'all',
    'first-time',
  ] as const);
  const wordsFile = f['spam-words-file'] ?? env.COMMENT_BOX_SPAM_WORDS_FILE;
  const { dbPath, databaseUrl, pgSchema } = databaseSettings(f, env);
  const config: ServerConfig = {
    ...d,
    port: int('--port', f.port ?? env.PORT, d.port, 0, 65_535),
    host: f.host ?? env.HOST ?? d.host,
    dbPath,
    databaseUrl,
    pgSchema,
    allowedOrigins: list(f['allowed-origins'] ?? env.COMMENT_BOX_ALLOWED_ORIGINS).map(origin),
    moderation,
    adminToken: f['admin-token'] ?? env.COMMENT_BOX_ADMIN_TOKEN ?? '',
    trustProxy: f['trust-proxy'] ?? onOff('COMMENT_BOX_TRUST_PROXY', env.COMMENT_BOX_TRUST_PROXY, false),
    spamWords: [
      ...list(f['spam-words'] ?? env.COMMENT_BOX_SPAM_WORDS),
      ...(wordsFile ? list(readFile(wordsFile)) : []),
    ],
    maxLinks: int('--max-links', f['max-links'] ?? env.COMMENT_BOX_MAX_LINKS, d.maxLinks, 1),
    rateLimit: int('--rate-limit', f['rate-limit'] ?? env.COMMENT_BOX_RATE_LIMIT, d.rateLimit, 1),
    rateWindow: int('--rate-window', f['rate-window'] ?? env.COMMENT_BOX_RATE_WINDOW, d.rateWindow, 1),
    editWindow: int('--edit-window', f['edit-window'] ?? env.COMMENT_BOX_EDIT_WINDOW, d.editWindow),
    minSubmitMs: int('--min-submit-ms', f['min-submit-ms'] ?? env.COMMENT_BOX_MIN_SUBMIT_MS, d.minSubmitMs),
    requireNameEmail: f['no-require-name-email']
      ? false
      : onOff('COMMENT_BOX_REQUIRE_NAME_EMAIL', env.COMMENT_BOX_REQUIRE_NAME_EMAIL, true),
    maxBody: int('--max-body', f['max-body'] ?? env.COMMENT_BOX_MAX_BODY, d.maxBody, 1024),
    maxStreamsPerClient: int(
      '--max-streams-per-client',
      f['max-streams-per-client'] ?? env.COMMENT_BOX_MAX_STREAMS_PER_CLIENT,
      d.maxStreamsPerClient,
      1,
    ),
    maxStreams: int('--max-streams', f['max-streams'] ?? env.COMMENT_BOX_MAX_STREAMS, d.maxStreams, 1),
    demoDir: f.demo ?? env.COMMENT_BOX_DEMO_DIR ?? d.demoDir,
    secret: f.secret ?? env.COMMENT_BOX_SECRET ?? '',
    logLevel: oneOf('--log-level', f['log-level'] ?? set(env.COMMENT_BOX_LOG_LEVEL) ?? d.logLevel, LOG_LEVELS),
    logFormat: oneOf('--log-format', f['log-format'] ?? set(env.COMMENT_BOX_LOG_FORMAT) ?? d.logFormat, LOG_FORMATS),
  };
  return { help: false, config };
}

/** The database flags, shared by the server and its subcommands (`import`, `export`, `backup`, `privacy`). */
export const DATABASE_OPTIONS = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
  'pg-schema': { type: 'string' },
} as const;

/** The database settings from `--db`, `--database-url`, `--pg-schema` and their environment variables. */
export function databaseSettings(
  f: { db?: string; 'database-url'?: string; 'pg-schema'?: string },
  env: NodeJS.ProcessEnv,
): Pick<ServerConfig, 'dbPath' | 'databaseUrl' | 'pgSchema'> {
  const d = defaultConfig();
  const pgSchema = f['pg-schema'] ?? set(env.COMMENT_BOX_PG_SCHEMA) ?? d.pgSchema;
  if (!/^[a-z_][a-z0-9_]{0,50}$/i.test(pgSchema)) throw new Error('--pg-schema must be a plain identifier');
  const databaseUrl = f['database-url'] ?? set(env.DATABASE_URL) ?? '';
  if (databaseUrl !== '' && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new Error('--database-url (DATABASE_URL) must start with postgres:// or postgresql://');
  }
  return { dbPath: f.db ?? set(env.COMMENT_BOX_DB) ?? d.dbPath, databaseUrl, pgSchema };
}
