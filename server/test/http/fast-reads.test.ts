/**
 * The fast reads (`fast-reads.ts`): the public page and the counts, answered before Hono once their
 * query string is known, with the same status, body and headers as the full routes; everything
 * unusual passed on to the app. Against a real node:http server on a real database.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { getRequestListener } from '@hono/node-server';
import { createHttp } from '../../src/http/app.js';
import { GATHER_MS, createLogger } from '../../src/log.js';
import type { RunningServer } from '../../src/server.js';
import {
  call,
  commentsPath,
  draft,
  freshDatabase,
  pgSkip,
  start,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';

/** The headers both paths must agree on. */
const COMPARED = [
  'content-type',
  'cache-control',
  'etag',
  'vary',
  'x-content-type-options',
  'referrer-policy',
  'access-control-allow-origin',
  'access-control-expose-headers',
];
const headersOf = (h: Headers) => Object.fromEntries(COMPARED.map((name) => [name, h.get(name)]));

const SITE = 'https://blog.example';

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;
  if (skip) console.log(`# skipped: fast reads on PostgreSQL: ${skip}`);

  describe(`fast reads on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let front: Server;
    let base = '';
    /** For each request the front server saw: whether the fast path answered it. */
    const taken: boolean[] = [];
    const logged: string[] = [];

    before(async () => {
      db = await freshDatabase(dbName);
      server = await start(db, { allowedOrigins: [SITE] });
      const { app, fastReads } = createHttp({
        config: server.config,
        store: server.store,
        bus: { subscribe: () => () => undefined, publish: async () => undefined } as never,
        logger: createLogger({ level: 'info', write: (chunk) => logged.push(chunk) }),
      });
      const listener = getRequestListener(app.fetch);
      front = createServer((req, res) => {
        const fast = fastReads(req, res, () => void listener(req, res));
        taken.push(fast);
        if (!fast) void listener(req, res);
      });
      await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    });
    after(async () => {
      await new Promise((resolve) => front?.close(resolve));
      await server?.close();
      await db?.cleanup();
    });

    /** A list query string not asked before in this process (the fast path knows only those the app parsed). */
    const q = (limit: number) => `?limit=${limit}${dbName === 'postgres' ? '&order=asc' : ''}`;

    /** GETs `path` twice: the first answer from the app, the second from the fast path. */
    async function twice(path: string, headers: Record<string, string> = {}) {
      const before = taken.length;
      const first = await call(base, 'GET', path, undefined, headers);
      const second = await call(base, 'GET', path, undefined, headers);
      return { first, second, taken: taken.slice(before) };
    }

    it('answers a known page query itself, with the same body and headers as the app', async () => {
      const thread = uniqueThread();
      await call(server.url, 'POST', commentsPath(thread), draft());
      const path = `${commentsPath(thread)}${q(7)}`;
      const { first, second, taken: fast } = await twice(path);
      assert.deepEqual(fast, [false, true]);
      assert.equal(second.status, 200);
      assert.equal(second.text, first.text);
      assert.deepEqual(headersOf(second.headers), headersOf(first.headers));
      assert.equal(second.headers.get('vary'), 'X-Author-Token, Origin');
      assert.equal(second.headers.get('cache-control'), 'no-cache');
    });

    it('sends CORS headers to an allowed origin only, as the app does', async () => {
      const path = `${commentsPath(uniqueThread())}${q(8)}`;
      const allowed = await twice(path, { Origin: SITE });
      assert.deepEqual(allowed.taken, [false, true]);
      assert.equal(allowed.second.headers.get('access-control-allow-origin'), SITE);
      assert.deepEqual(headersOf(allowed.second.headers), headersOf(allowed.first.headers));
      const other = await call(base, 'GET', path, undefined, { Origin: 'https://elsewhere.example' });
      assert.equal(taken.at(-1), true);
      assert.equal(other.status, 200);
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    });

    it('answers If-None-Match with 304 and the same validators', async () => {
      const path = `${commentsPath(uniqueThread())}${q(9)}`;
      const { second } = await twice(path);
      const etag = second.headers.get('etag')!;
      const fresh = await call(base, 'GET', path, undefined, { 'If-None-Match': etag });
      assert.equal(taken.at(-1), true);
      assert.equal(fresh.status, 304);
      assert.equal(fresh.headers.get('etag'), etag);
      assert.equal(fresh.text, '');
    });

    it('serves a new comment at once (the page and the count follow the thread version)', async () => {
      const thread = uniqueThread();
      const page = `${commentsPath(thread)}${q(10)}`;
      const counts = `/api/counts?thread=${thread}&thread=other-${thread}`;
      await twice(page);
      const before = await twice(counts);
      assert.deepEqual(before.taken, [false, true]);
      assert.deepEqual(before.second.body, { counts: { [thread]: 0, [`other-${thread}`]: 0 } });
      assert.equal((await call(server.url, 'POST', commentsPath(thread), draft())).status, 201);
      const list = await call(base, 'GET', page);
      const count = await call(base, 'GET', counts);
      assert.deepEqual(taken.slice(-2), [true, true]);
      assert.equal((list.body as { comments: unknown[] }).comments.length, 1);
      assert.deepEqual(count.body, { counts: { [thread]: 1, [`other-${thread}`]: 0 } });
    });

    it('passes on what it does not take: an author token, HEAD, an encoded thread id, a new query', async () => {
      const thread = uniqueThread();
      const path = `${commentsPath(thread)}${q(11)}`;
      await twice(path);
      const before = taken.length;
      assert.equal((await call(base, 'GET', path, undefined, { 'X-Author-Token': 'a'.repeat(32) })).status, 200);
      assert.equal((await call(base, 'HEAD', path)).status, 200);
      assert.equal((await call(base, 'GET', `${commentsPath(`/blog/${thread}`)}${q(11)}`)).status, 200);
      assert.equal((await call(base, 'GET', `${commentsPath(thread)}${q(12)}`)).status, 200);
      assert.equal((await call(base, 'GET', `${commentsPath(thread)}${q(0)}`)).status, 400);
      assert.equal((await call(base, 'GET', '/api/counts?thread=')).status, 400);
      assert.deepEqual(taken.slice(before), [false, false, false, false, false, false]);
    });

    it('writes the same request line as the app', async () => {
      const path = `${commentsPath(uniqueThread())}${q(13)}`;
      await sleep(GATHER_MS + 50);
      logged.length = 0;
      await twice(path);
      await sleep(GATHER_MS + 50);
      const lines = logged
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request');
      assert.equal(lines.length, 2);
      const shape = (l: Record<string, unknown>) => ({
        method: l.method,
        route: l.route,
        status: l.status,
        client: l.client,
      });
      assert.deepEqual(shape(lines[1]!), shape(lines[0]!));
      assert.deepEqual(shape(lines[1]!), {
        method: 'GET',
        route: '/api/threads/:threadId/comments',
        status: 200,
        client: '127.0.0.0',
      });
      assert.equal(typeof lines[1]!.ms, 'number');
    });
  });
}
