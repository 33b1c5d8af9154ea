/** Shared helpers of the server tests: databases to run on, a server per suite, raw HTTP calls. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startServer, type RunningServer } from '../src/server.js';
import type { ServerConfig } from '../src/config.js';
import type { SafeStorage } from 'comment-box/storage.js';

/** The repository's root: the element package, whose `dist/` and `demo/` the server serves. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the element and its bundle (`npm run build` at the root) when `dist/` lacks `file`. */
export function ensureBuilt(file = 'dist/bundle/comment-box.js.br'): void {
  if (existsSync(join(ROOT, file))) return;
  console.log(`# building the element (${file} missing) with scripts/build.mjs`);
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(built.status, 0, 'the element build failed');
}

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

let pgReachable: Promise<boolean> | undefined;
/** True when PostgreSQL answers. Under CI=true an unreachable PostgreSQL is an error, not a skip. */
export function postgresAvailable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      if (process.env.CI === 'true')
        throw new Error(`PostgreSQL at ${PG_URL} is required under CI=true: ${String(error)}`);
      console.log(`# NOTICE: PostgreSQL at ${PG_URL} is unreachable; PostgreSQL tests are skipped (${String(error)})`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgReachable;
}

/** Whether the PostgreSQL suites skip, with the reason node:test prints. */
export async function pgSkip(): Promise<string | false> {
  return (await postgresAvailable()) ? false : `PostgreSQL unreachable at ${PG_URL}`;
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Config for one more server on this same database. */
  config: Partial<ServerConfig>;
  cleanup(): Promise<void>;
}

let unique = 0;
/** A fresh SQLite file in a temp dir, or a fresh PostgreSQL schema, for one suite. */
export async function freshDatabase(name: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'comment-box-test-'));
    return {
      name,
      config: { dbPath: join(dir, 'comments.db') },
      async cleanup() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `cb_test_${process.pid}_${Date.now().toString(36)}_${unique++}`;
  return {
    name,
    config: { databaseUrl: PG_URL, pgSchema: schema },
    async cleanup() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Settings for tests: loopback, any port, no minimum time, a generous rate limit, no request lines. */
export function testConfig(db: TestDatabase, overrides: Partial<ServerConfig> = {}): Partial<ServerConfig> {
  return {
    port: 0,
    host: '127.0.0.1',
    moderation: 'none',
    adminToken: ADMIN_TOKEN,
    minSubmitMs: 0,
    rateLimit: 10_000,
    demoDir: '',
    logLevel: 'warn',
    ...db.config,
    ...overrides,
  };
}

export async function start(db: TestDatabase, overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  return startServer(testConfig(db, overrides), { log: () => undefined });
}

/** A storage that keeps values in a Map (Node has no localStorage). */
export function memoryStorage(): SafeStorage {
  const map = new Map<string, string>();
  return {
    available: true,
    get: (k) => map.get(k) ?? null,
    set: (k, v) => (map.set(k, v), true),
    remove: (k) => void map.delete(k),
  };
}

let n = 0;
export const uniqueThread = (prefix = 'thread') =>
  `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const draft = (overrides: Record<string, unknown> = {}) => ({
  content: `A comment ${uniqueThread('c')}`,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  url: 'https://example.com/ada',
  _hp: '',
  _t: 5000,
  ...overrides,
});

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A raw HTTP call; the body is sent as JSON unless it is a string. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export const commentsPath = (thread: string) => `/api/threads/${encodeURIComponent(thread)}/comments`;

/** Posts `draft(overrides)` to `thread`, asserting a 201: the stored comment and its author token. */
export async function postComment(
  base: string,
  thread: string,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ comment: { id: string; status: string }; authorToken: string }> {
  const res = await call(base, 'POST', commentsPath(thread), draft(overrides), headers);
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${res.text}`);
  return res.body;
}

export const PUBLIC_KEYS = [
  'authorName',
  'authorUrl',
  'avatarSeed',
  'content',
  'createdAt',
  'id',
  'parentId',
  'status',
];

/**
 * Opens a thread's event stream on `baseUrl`: `until(pattern)` reads until the text received so far
 * matches, `text()` is that text, `close()` ends the stream. Gives up (aborts the stream) after `ms`.
 */
export async function openEventStream(baseUrl: string, thread: string, ms = 20_000) {
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new Error(`no event within ${ms / 1000} s`)), ms);
  const res = await fetch(`${baseUrl}/api/threads/${encodeURIComponent(thread)}/events`, { signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    text: () => buffer,
    async until(pattern: RegExp): Promise<void> {
      while (!pattern.test(buffer)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${buffer}`);
        buffer += value;
      }
    },
    close(): void {
      clearTimeout(deadline);
      controller.abort();
    },
  };
}

/**
 * Subscribes to a thread's events on `subscriberUrl`, posts a comment on `posterUrl`, and returns once
 * the subscriber's stream delivered that comment. A 20 s deadline keeps a lost event from hanging.
 */
export async function expectDeliveredAcross(
  subscriberUrl: string,
  posterUrl: string,
  content: string,
  clientIp: string,
): Promise<void> {
  const thread = uniqueThread();
  const stream = await openEventStream(subscriberUrl, thread);
  try {
    await stream.until(/event: ready/);
    const posted = await call(posterUrl, 'POST', commentsPath(thread), draft({ content }), {
      'X-Forwarded-For': clientIp,
    });
    assert.equal(posted.status, 201, posted.text);
    await stream.until(/event: comment\n[^]*?\n\n/);
    const buffer = stream.text();
    const data = JSON.parse(/^data: (.*)$/m.exec(buffer.slice(buffer.indexOf('event: comment')))![1]!);
    assert.equal(data.id, posted.body.comment.id);
    assert.equal(data.content, content);
  } finally {
    stream.close();
  }
}
