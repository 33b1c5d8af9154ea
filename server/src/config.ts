/**
 * Server settings from command-line flags and environment variables (flags win).
 */
import { parseArgs } from 'node:util';
import { LIMITS, MAX_ID_LENGTH } from 'comment-box/schema.js';
import { MAX_HONEYPOT, WEBHOOK_EVENTS } from 'comment-box/api';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './log.js';
import { EMPTY_BLOCK_LISTS, type BlockLists } from './policy/moderation.js';
import { webhookSettings, type WebhookConfig } from './notify/webhook-config.js';

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

/** Flags and environment; the webhook's part is in `notify/webhook-config.ts`. */
export interface ServerConfig extends WebhookConfig {
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
  // Notifications (`notify/`).
  /** SMTP connection URL in nodemailer's form (`smtps://user:pass@mail.example:465`). Empty: no email. */
  smtpUrl: string;
  /** The From of every email (`Comments <comments@blog.example>`). Required with `smtpUrl`. */
  mailFrom: string;
  /** The site owner's address: told about new or held comments (see `notifyOwner`). Empty: nobody. */
  notifyEmail: string;
  /**
   * The address this server is reached at from outside (`https://comments.blog.example`, maybe with
   * a path prefix), for the links in emails. Empty: the address it listens on.
   */
  publicUrl: string;
  /** The site's name in email subjects and texts. Empty: the host of `publicUrl`. */
  siteName: string;
  /** Set in the desk: the owner hears of every new comment (`all`), only held ones (`held`), or none (`off`). */
  notifyOwner: NotifyOwner;
  /** Set in the desk: a reader gets at most one email per thread per this many seconds (a digest). */
  notifyInterval: number;
  /** The first retry of a failed delivery waits this long, ms; each next one twice as long (max 1 h). */
  outboxRetryBaseMs: number;
  /** Deliveries tried at most this many times, then `failed`. */
  outboxMaxAttempts: number;
  /** How often the outbox worker looks for due messages, ms (it is also woken by new ones). */
  outboxPollMs: number;
}

export type NotifyOwner = 'all' | 'held' | 'off';

export const HELP = `comment-box-server: the reference comment server (SQLite by default, PostgreSQL with DATABASE_URL).

Usage: comment-box-server [options]
       comment-box-server import|export|backup|privacy … (each with --help; docs/import-export.md)
       comment-box-server set-password [database options]   (the password, on standard input)
       comment-box-server test-email ADDR [--smtp-url …]     (sends a test email now)

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

Notifications (email; off without --smtp-url; see docs/server.md):
  --smtp-url <url>        SMTP server, nodemailer's URL form, e.g. smtps://user:pass@mail.example:465
                          or smtp://127.0.0.1:2525 [COMMENT_BOX_SMTP_URL] (default: none, email off)
  --mail-from <addr>      From of every email, e.g. "Comments <comments@blog.example>"
                          [COMMENT_BOX_MAIL_FROM] (required with --smtp-url)
  --notify-email <addr>   The site owner's address: held (or all) new comments, with Approve/Spam/
                          Trash links [COMMENT_BOX_NOTIFY_EMAIL] (which ones: a setting in the desk)
  --public-url <url>      Where readers reach this server, for links in emails, e.g.
                          https://comments.blog.example [COMMENT_BOX_PUBLIC_URL]
                          (default: the address it listens on)
  --site-name <name>      The site's name in email subjects [COMMENT_BOX_SITE_NAME]
                          (default: the host of --public-url)

Webhooks (a POST on each comment event; also set in the desk, but these win when given):
  --webhook-url <url>     Where to POST, an http(s) URL [COMMENT_BOX_WEBHOOK_URL] (default: none)
  --webhook-format <f>    json (signed) | slack | discord [COMMENT_BOX_WEBHOOK_FORMAT] (default json)
  --webhook-secret <s>    Key of the HMAC-SHA256 signature (X-Comment-Box-Signature), 16 to 200
                          visible ASCII characters [COMMENT_BOX_WEBHOOK_SECRET]
  --webhook-events <l>    Comma-separated: comment.created, comment.approved, comment.edited,
                          comment.deleted [COMMENT_BOX_WEBHOOK_EVENTS] (default: all four)

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
    smtpUrl: '',
    mailFrom: '',
    notifyEmail: '',
    publicUrl: '',
    siteName: '',
    notifyOwner: 'held',
    notifyInterval: 600,
    outboxRetryBaseMs: 30_000,
    outboxMaxAttempts: 10,
    outboxPollMs: 2_000,
    webhookUrl: '',
    webhookFormat: 'json',
    webhookEvents: [...WEBHOOK_EVENTS],
    webhookSecret: '',
    webhookTimeoutMs: 10_000,
    webhookFromEnvironment: [],
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
      'smtp-url': { type: 'string' },
      'mail-from': { type: 'string' },
      'notify-email': { type: 'string' },
      'public-url': { type: 'string' },
      'site-name': { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-format': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'webhook-events': { type: 'string' },
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
    ...notifySettings(f, env),
    ...webhookSettings(f, env),
  };
  return { help: false, config };
}

/** An email address as a person types it (`someone@host`): no spaces, brackets or control characters. */
const PLAIN_ADDRESS = /^[^\s@<>()",;:\\[\]\p{Cc}]{1,64}@[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/iu;

/** The notification flags (`--smtp-url`, `--mail-from`, `--notify-email`, `--public-url`, `--site-name`). */
export function notifySettings(
  f: {
    'smtp-url'?: string;
    'mail-from'?: string;
    'notify-email'?: string;
    'public-url'?: string;
    'site-name'?: string;
  },
  env: NodeJS.ProcessEnv,
): Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'notifyEmail' | 'publicUrl' | 'siteName'> {
  const smtpUrl = (f['smtp-url'] ?? set(env.COMMENT_BOX_SMTP_URL) ?? '').trim();
  if (smtpUrl !== '') {
    let url: URL | undefined;
    try {
      url = new URL(smtpUrl);
    } catch {
      url = undefined;
    }
    // Never quote the value: it may hold a password.
    if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
      throw new Error(
        '--smtp-url (COMMENT_BOX_SMTP_URL) must be a URL such as smtps://user:pass@mail.example:465 or smtp://127.0.0.1:2525 (smtp: or smtps:, with a host)',
      );
    }
  }
  const mailFrom = (f['mail-from'] ?? set(env.COMMENT_BOX_MAIL_FROM) ?? '').trim();
  if (mailFrom !== '') {
    const named = /^([^<>\p{Cc}]*)<([^<>]+)>$/u.exec(mailFrom);
    const address = named ? named[2]!.trim() : mailFrom;
    if (!PLAIN_ADDRESS.test(address) || /\p{Cc}/u.test(mailFrom)) {
      throw new Error(
        `--mail-from (COMMENT_BOX_MAIL_FROM) must be an address, or a name and an address such as "Comments <comments@blog.example>", got "${mailFrom.replace(/\p{Cc}/gu, '?')}"`,
      );
    }
  } else if (smtpUrl !== '') {
    throw new Error(
      '--mail-from (COMMENT_BOX_MAIL_FROM) is required with --smtp-url: the sender of the emails, such as "Comments <comments@blog.example>"',
    );
  }
  const notifyEmail = (f['notify-email'] ?? set(env.COMMENT_BOX_NOTIFY_EMAIL) ?? '').trim();
  if (notifyEmail !== '' && !PLAIN_ADDRESS.test(notifyEmail)) {
    throw new Error(
      `--notify-email (COMMENT_BOX_NOTIFY_EMAIL) must be an email address such as owner@blog.example, got "${notifyEmail.replace(/\p{Cc}/gu, '?')}"`,
    );
  }
  const rawPublic = (f['public-url'] ?? set(env.COMMENT_BOX_PUBLIC_URL) ?? '').trim();
  let publicUrl = '';
  if (rawPublic !== '') {
    let url: URL | undefined;
    try {
      url = new URL(rawPublic);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
      throw new Error(
        `--public-url (COMMENT_BOX_PUBLIC_URL) must be an http(s) address such as https://comments.blog.example (maybe with a path), got "${rawPublic}"`,
      );
    }
    publicUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  const siteName = (f['site-name'] ?? set(env.COMMENT_BOX_SITE_NAME) ?? '').trim();
  if (siteName.length > 100 || /\p{Cc}/u.test(siteName)) {
    throw new Error('--site-name (COMMENT_BOX_SITE_NAME) must be one line of at most 100 characters');
  }
  return { smtpUrl, mailFrom, notifyEmail: notifyEmail.toLowerCase(), publicUrl, siteName };
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
