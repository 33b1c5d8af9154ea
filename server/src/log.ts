/**
 * The server's log: one line per event on stdout, as JSON (the default; one object a line, for log
 * collectors) or as text (for a terminal). Levels `error`, `warn`, `info`, `debug`: a logger writes
 * the events at its level and above. Lines are gathered and written together every `GATHER_MS`
 * (or once 64 kB are pending), so a busy server does not make a write call per request: at tens of
 * thousands of requests a second, writing each request's line at once costs more than answering it.
 * A warning, an error or a notice is written at once, with what is pending before it; `flush()` writes what is
 * pending now, and so does the process's exit.
 *
 * Fields are the caller's: nothing here knows about requests. Never pass an email, a comment's text
 * or a query string (see `http/request-log.ts`).
 */

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  /** Whether an event of `level` would be written (to skip building its fields when not). */
  enabled(level: LogLevel): boolean;
  log(level: LogLevel, msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  /**
   * An `info` line written whatever the level: the start (where it listens, a generated admin
   * token) and the stop, which an operator needs even with `--log-level error`.
   */
  notice(msg: string, fields?: LogFields): void;
  /** Writes the pending lines now (before the process exits). */
  flush(): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go; default stdout. Receives whole lines, each ending in `\n`. */
  write?: (chunk: string) => void;
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** How long an `info` or `debug` line may wait to be written with the next ones, ms. */
export const GATHER_MS = 100;
/** The most a logger keeps before it writes (a longer line is written alone). */
const BUFFER_BYTES = 64 * 1024;

/** The flushes of the loggers with lines pending, run when the process exits. */
const pendingAtExit = new Set<() => void>();
let exitHooked = false;

/** A text field value: bare when it has no space or quote, else JSON-quoted. */
const textValue = (v: string | number | boolean | null) =>
  typeof v === 'string' && (v === '' || /[\s"=]/.test(v)) ? JSON.stringify(v) : String(v);

export function formatLine(format: LogFormat, time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  // Built by hand, not JSON.stringify({...}): a line per request, so this is on every request's path.
  let line =
    format === 'json'
      ? `{"time":"${isoTime(time)}","level":"${level}","msg":${JSON.stringify(msg)}`
      : `${isoTime(time)} ${level.toUpperCase().padEnd(5)} ${msg}`;
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    line += format === 'json' ? `,${JSON.stringify(key)}:${JSON.stringify(value)}` : ` ${key}=${textValue(value)}`;
  }
  return format === 'json' ? `${line}}\n` : `${line}\n`;
}

/** `Date#toISOString`, computed once per millisecond. */
let lastTime = NaN;
let lastIso = '';
function isoTime(time: Date): string {
  const ms = time.getTime();
  if (ms !== lastTime) {
    lastTime = ms;
    lastIso = time.toISOString();
  }
  return lastIso;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const format = options.format ?? 'json';
  const custom = options.write;
  const write = (chunk: string | Buffer) =>
    custom ? custom(typeof chunk === 'string' ? chunk : chunk.toString('utf8')) : process.stdout.write(chunk);
  const now = options.now ?? (() => new Date());
  // Lines wait as UTF-8 in a buffer, not as strings: thousands of strings kept for GATHER_MS would
  // outlive the young generation and make the garbage collector's work far larger than the log's.
  let buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    pendingAtExit.delete(flush);
    if (used === 0) return;
    const chunk = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    used = 0;
    write(chunk);
  };
  const writeLine = (level: LogLevel, msg: string, fields: LogFields) => {
    const line = formatLine(format, now(), level, msg, fields);
    const bytes = Buffer.byteLength(line);
    if (used + bytes > BUFFER_BYTES) flush();
    if (bytes > BUFFER_BYTES) write(line);
    else used += buffer.write(line, used);
    if (RANK[level] <= RANK.warn) flush();
    else if (used > 0 && timer === undefined) {
      timer = setTimeout(flush, GATHER_MS);
      timer.unref();
      pendingAtExit.add(flush);
      if (!exitHooked) {
        exitHooked = true;
        process.once('exit', () => pendingAtExit.forEach((f) => f()));
      }
    }
  };
  const log = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (RANK[level] <= threshold) writeLine(level, msg, fields);
  };
  return {
    enabled: (level) => RANK[level] <= threshold,
    log,
    error: (msg, fields) => log('error', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    debug: (msg, fields) => log('debug', msg, fields),
    notice: (msg, fields = {}) => {
      writeLine('info', msg, fields);
      flush();
    },
    flush,
  };
}

/** An error's message (and code), for a log field: never its stack or the values it may quote. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
