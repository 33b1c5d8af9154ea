/**
 * The request log of the real command: one JSON line per request on stdout, with the route's
 * pattern, the status, the duration and the anonymized client address, and never an email, a
 * comment's text, a thread id or a query string. Levels and the text format, in process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GATHER_MS, createLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server.js';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  testConfig,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';
import { spawnServer, stopAll, type ServerProcess } from '../processes.js';

/** The request lines among what the server wrote, parsed. */
const requestLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"msg":"request"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Waits until the server has written `n` request lines (they are gathered for `GATHER_MS`, then written). */
async function untilLines(output: () => string, n: number): Promise<Array<Record<string, unknown>>> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const lines = requestLines(output());
    if (lines.length >= n) return lines;
    await sleep(20);
  }
  throw new Error(`fewer than ${n} request lines:\n${output()}`);
}

describe('request log of the real command', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  let server: ServerProcess;
  before(async () => {
    db = await freshDatabase('sqlite');
    server = await spawnServer(
      ['--db', db.config.dbPath!, '--moderation', 'none', '--min-submit-ms', '0', '--trust-proxy', '--demo', ''],
      { COMMENT_BOX_ADMIN_TOKEN: ADMIN_TOKEN, COMMENT_BOX_LOG_LEVEL: undefined, COMMENT_BOX_LOG_FORMAT: undefined },
    );
  });
  after(async () => {
    await stopAll();
    await db?.cleanup();
  });

  it('writes one JSON line per request, and never the email, the text, the thread or the query', async () => {
    const secretThread = `/blog/${uniqueThread('private-path')}/`;
    const email = `${uniqueThread('someone')}@mail.example`;
    const content = `My very own words ${uniqueThread('text')}`;
    const name = `Name ${uniqueThread('n')}`;
    const before = requestLines(server.output()).length;
    const posted = await call(server.url, 'POST', commentsPath(secretThread), draft({ email, content, name }), {
      'X-Forwarded-For': '203.0.113.77',
      'User-Agent': 'agent-that-must-not-be-logged/1.0',
    });
    assert.equal(posted.status, 201, posted.text);
    const token = posted.body.authorToken as string;
    const listed = await call(
      server.url,
      'GET',
      `${commentsPath(secretThread)}?limit=10&email=${encodeURIComponent(email)}`,
      undefined,
      {
        'X-Forwarded-For': '2001:db8:85a3:1234::5',
      },
    );
    assert.equal(listed.status, 200, listed.text);
    const own = await call(server.url, 'GET', commentsPath(secretThread), undefined, { 'X-Author-Token': token });
    assert.equal(own.status, 200);
    const page = await call(server.url, 'GET', commentsPath(secretThread));
    assert.equal(page.status, 200);
    const admin = await call(server.url, 'GET', '/api/admin/comments?status=approved', undefined, {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    assert.ok(JSON.stringify(admin.body).includes(email), 'the admin API did send the email');
    const refused = await call(
      server.url,
      'POST',
      commentsPath(secretThread),
      draft({ email, content: `${content} again` }),
      {
        Origin: 'https://elsewhere.example',
      },
    );
    assert.equal(refused.status, 403);

    const lines = (await untilLines(server.output, before + 6)).slice(before);
    assert.deepEqual(
      lines.map((l) => [l.method, l.route, l.status]),
      [
        ['POST', '/api/threads/:threadId/comments', 201],
        ['GET', '/api/threads/:threadId/comments', 200],
        ['GET', '/api/threads/:threadId/comments', 200],
        ['GET', '/api/threads/:threadId/comments', 200],
        ['GET', '/api/admin/comments', 200],
        ['POST', '/api/*', 403],
      ],
    );
    for (const line of lines) {
      assert.deepEqual(Object.keys(line).sort(), ['client', 'level', 'method', 'ms', 'msg', 'route', 'status', 'time']);
      assert.equal(line.level, 'info');
      assert.equal(typeof line.ms, 'number');
      assert.ok((line.ms as number) >= 0 && (line.ms as number) < 10_000, String(line.ms));
      assert.ok(!Number.isNaN(Date.parse(line.time as string)));
    }
    assert.equal(lines[0]!.client, '203.0.113.0', 'IPv4 without its last byte');
    assert.equal(lines[1]!.client, '2001:db8:85a3::', 'IPv6 cut to its /48');
    assert.equal(lines[2]!.client, '127.0.0.0', 'no X-Forwarded-For: the socket, anonymized');

    const everything = server.output();
    for (const secret of [
      email,
      email.split('@')[0]!,
      content,
      name,
      secretThread,
      encodeURIComponent(secretThread),
      token,
      'agent-that-must-not-be-logged',
      '203.0.113.77',
      '2001:db8:85a3:1234',
    ])
      assert.ok(!everything.includes(secret), `the log contains ${secret}`);
  });

  it('logs /healthz and /readyz at debug only (probes every few seconds would flood it)', async () => {
    const before = requestLines(server.output()).length;
    assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
    assert.equal((await call(server.url, 'GET', '/readyz')).status, 200);
    assert.equal((await call(server.url, 'GET', '/api/counts?thread=a')).status, 200);
    const lines = (await untilLines(server.output, before + 1)).slice(before);
    assert.deepEqual(
      lines.map((l) => l.route),
      ['/api/counts'],
    );
  });
});

describe('request log of the real command at --log-level error', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  after(async () => {
    await stopAll();
    await db?.cleanup();
  });

  it('still says where it listens, and writes no request line', async () => {
    db = await freshDatabase('sqlite');
    // spawnServer waits for "Listening on": written at every level.
    const server = await spawnServer(['--db', db.config.dbPath!, '--demo', ''], { COMMENT_BOX_LOG_LEVEL: 'error' });
    assert.equal((await call(server.url, 'GET', commentsPath('t'))).status, 200);
    await sleep(GATHER_MS + 200);
    assert.deepEqual(requestLines(server.output()), []);
    assert.match(server.output(), /Admin token/);
  });
});

describe('request log levels and formats (in process)', () => {
  let db: TestDatabase;
  before(async () => {
    db = await freshDatabase('sqlite');
  });
  after(async () => {
    await db?.cleanup();
  });

  async function withServer(
    level: 'warn' | 'info' | 'debug',
    format: 'json' | 'text',
    run: (s: RunningServer) => Promise<void>,
  ) {
    const writes: string[] = [];
    const logger = createLogger({ level, format, write: (chunk) => writes.push(chunk) });
    const server = await startServer(testConfig(db), { logger, log: () => undefined });
    try {
      await run(server);
      // Stopping writes the lines still gathered.
      await server.close();
      return writes.join('');
    } finally {
      await server.close();
    }
  }

  const probeAndRead = async (s: RunningServer) => {
    await call(s.url, 'GET', '/healthz');
    await call(s.url, 'GET', commentsPath('t'));
  };

  it('at warn, writes no request line', async () => {
    assert.equal(await withServer('warn', 'json', probeAndRead), '');
  });

  it('at debug, writes the probes too', async () => {
    const lines = requestLines(await withServer('debug', 'json', probeAndRead));
    assert.deepEqual(
      lines.map((l) => [l.level, l.route]),
      [
        ['debug', '/healthz'],
        ['info', '/api/threads/:threadId/comments'],
      ],
    );
  });

  it('as text: one line per request, fields as key=value', async () => {
    const text = await withServer('info', 'text', probeAndRead);
    assert.match(
      text,
      /^\S+Z INFO {2}request method=GET route=\/api\/threads\/:threadId\/comments status=200 ms=[\d.]+ client=127\.0\.0\.0\n$/,
    );
  });
});
