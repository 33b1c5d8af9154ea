/**
 * SQLite faults from outside the server: another process holding the write lock (as a backup, the
 * `sqlite3` shell or a running server does), and a full disk (`ulimit -f` on the server process).
 * Reads go on, writes answer 503 with `Retry-After` (never 500), and the server serves again once
 * the fault is gone. The commands (`privacy`, `import`…) run beside a server that writes.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { RunningServer } from '../src/server.js';
import { defaultConfig } from '../src/config.js';
import { WRITE_LOCK_BUDGET_MS } from '../src/store/batch.js';
import { OutboxWorker } from '../src/notify/outbox.js';
import { Store } from '../src/store/comment-store.js';
import { closeDatabase, COMMAND_WRITE_WAIT_MS, openDatabase } from '../src/store/database.js';
import { isBusy } from '../src/store/unavailable.js';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  start,
  uniqueThread,
  type Reply,
  type TestDatabase,
} from './helpers.js';
import { cli } from './import/import-helpers.js';
import { spawnServer, stopAll } from './processes.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A second process (better-sqlite3, like any other program on the file) that takes the write lock
 * with `BEGIN EXCLUSIVE` and keeps it until `release()`, or for `releaseAfterMs` on its own (while
 * this process is blocked in a synchronous wait for the lock).
 */
async function lockFromOutside(
  dbPath: string,
  releaseAfterMs = 0,
): Promise<{ release(): Promise<void>; process: ChildProcess }> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    console.log('locked');
    const release = () => { db.exec('COMMIT'); db.close(); console.log('released'); };
    const after = Number(process.argv[2]);
    if (after > 0) setTimeout(release, after);
    else process.stdin.once('data', release);`;
  const child = spawn(process.execPath, ['-e', script, dbPath, String(releaseAfterMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8');
  let out = '';
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(word) && resolve();
      child.stdout!.on('data', (d: string) => ((out += d), check()));
      child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code} before "${word}"`)));
      check();
    });
  await said('locked');
  return {
    process: child,
    async release() {
      child.stdin!.end('release\n');
      await said('released');
    },
  };
}

describe('SQLite locked by another process', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let holder: Awaited<ReturnType<typeof lockFromOutside>> | undefined;
  before(async () => {
    db = await freshDatabase('sqlite');
    server = await start(db);
  });
  after(async () => {
    if (holder && holder.process.exitCode === null) holder.process.kill('SIGKILL');
    await server?.close();
    await db?.cleanup();
  });

  it('reads while the lock is held; a write gets 503 + Retry-After after its budget, or 201 once the lock is released', async () => {
    const thread = uniqueThread();
    const path = commentsPath(thread);
    const seed = await call(server.url, 'POST', path, draft({ content: 'written before the lock' }));
    assert.equal(seed.status, 201, seed.text);

    holder = await lockFromOutside(db.config.dbPath!);
    const first = draft({ content: 'waits for the lock, in vain' });
    let firstAnswer: Reply | undefined;
    const firstPost = call(server.url, 'POST', path, first, { 'Idempotency-Key': 'locked-out' }).then(
      (r) => (firstAnswer = r),
    );
    await sleep(300); // the post is now waiting for the lock

    // Before, the writer waited for the lock inside a synchronous call: the whole server stalled
    // with it, and this read was answered only after the post had failed.
    const read = await call(server.url, 'GET', path);
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(
      read.body.comments.map((c: { content: string }) => c.content),
      ['written before the lock'],
    );
    assert.equal(firstAnswer, undefined, 'the read waited for the write');

    const refused = await firstPost;
    assert.equal(refused.status, 503, refused.text);
    assert.deepEqual(refused.body, { error: 'unavailable' });
    assert.match(refused.headers.get('Retry-After') ?? '', /^[1-9]\d*$/);
    assert.equal(holder.process.exitCode, null, `the lock was held for the whole budget (${WRITE_LOCK_BUDGET_MS} ms)`);

    // Queued while the lock is still held, committed once it is released: the queue is not wedged.
    const second = draft({ content: 'waits for the lock, and gets it' });
    const secondPost = call(server.url, 'POST', path, second, { 'Idempotency-Key': 'waited' });
    await sleep(300);
    await holder.release();
    const stored = await secondPost;
    assert.equal(stored.status, 201, stored.text);

    const retried = await call(server.url, 'POST', path, first, { 'Idempotency-Key': 'locked-out' });
    assert.equal(retried.status, 201, retried.text);
    const replayed = await call(server.url, 'POST', path, first, { 'Idempotency-Key': 'locked-out' });
    assert.equal(replayed.body.comment.id, retried.body.comment.id);
    const listed = await call(server.url, 'GET', path);
    assert.deepEqual(listed.body.comments.map((c: { content: string }) => c.content).sort(), [
      'waits for the lock, and gets it',
      'waits for the lock, in vain',
      'written before the lock',
    ]);
  });
});

describe('SQLite locked by another process: the commands, and an idle server', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  let holder: Awaited<ReturnType<typeof lockFromOutside>> | undefined;
  beforeEach(async () => {
    db = await freshDatabase('sqlite');
  });
  afterEach(async () => {
    if (holder && holder.process.exitCode === null) holder.process.kill('SIGKILL');
    holder = undefined;
    await db?.cleanup();
  });

  it('a command that only reads runs while another process (a running server) holds the write lock', async () => {
    await (await start(db)).close(); // the file, migrated, with its secret
    holder = await lockFromOutside(db.config.dbPath!);
    // Before, opening the store wrote the secret again (INSERT … DO NOTHING), and with the server's
    // busy timeout of 0 that failed at once: "database is locked".
    const run = await cli(['privacy', 'export', 'nobody@example.com', '--db', db.config.dbPath!]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).comments.length, 0);
    assert.equal(holder.process.exitCode, null, 'the lock was held throughout');
  });

  it("an idle server's outbox worker looks for due messages without taking the write lock", async () => {
    const server = await openDatabase(defaultConfig(db.config));
    holder = await lockFromOutside(db.config.dbPath!);
    const worker = new OutboxWorker(server.db, 'sqlite', { retryBaseMs: 50, maxAttempts: 3, pollMs: 10_000 });
    assert.deepEqual(await worker.claim(['email']), []);
    await closeDatabase(server);
  });

  it("the commands' own writes wait for the lock; the server's writer never waits blocking", async () => {
    const open = (writeWaitMs?: number) => openDatabase({ ...defaultConfig(db.config), writeWaitMs });
    const server = await open(); // migrated, no secret stored yet
    holder = await lockFromOutside(db.config.dbPath!);
    await assert.rejects(new Store(server).init(''), (error) => isBusy(error));
    await closeDatabase(server);
    await holder.release();

    const command = await open(COMMAND_WRITE_WAIT_MS);
    holder = await lockFromOutside(db.config.dbPath!, 300);
    const store = new Store(command);
    await store.init(''); // waits (blocking) until the other process commits, then stores the secret
    assert.match(store.avatarSeed('Ada', 'ada@example.com'), /^[\w-]{22}$/);
    await closeDatabase(command);
  });
});

describe('SQLite on a full disk (ulimit -f)', { timeout: 90_000 }, () => {
  let db: TestDatabase;
  before(async () => {
    db = await freshDatabase('sqlite');
    // Create and migrate the file first, so the limit leaves room for a few comments only.
    await (await start(db)).close();
  });
  after(async () => {
    await stopAll();
    await db?.cleanup();
  });

  it('answers 503 + Retry-After to posts that cannot be written, and keeps serving reads', async () => {
    const dbPath = db.config.dbPath!;
    // The largest file the server writes (the database, or its write-ahead log, which the close of
    // the first server may leave unmerged) may grow by 256 kB.
    const wal = `${dbPath}-wal`;
    const largest = Math.max(statSync(dbPath).size, existsSync(wal) ? statSync(wal).size : 0);
    const limitKb = Math.ceil(largest / 1024) + 256;
    const server = await spawnServer(
      [
        '--db',
        dbPath,
        '--moderation',
        'none',
        '--min-submit-ms',
        '0',
        '--rate-limit',
        '10000',
        '--admin-token',
        ADMIN_TOKEN,
        '--demo',
        '',
      ],
      {},
      { fileSizeLimitKb: limitKb },
    );
    const thread = uniqueThread();
    const path = commentsPath(thread);
    // 30 kB a comment: the write-ahead log reaches the limit after a few.
    const stored: string[] = [];
    let refused: Reply | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const posted = await call(server.url, 'POST', path, draft({ content: `${i} ${'x'.repeat(30_000)}` }));
      if (posted.status === 201) stored.push(posted.body.comment.id);
      else refused = posted;
    }
    assert.ok(refused, `every post was stored under a ${limitKb} kB file size limit`);
    assert.ok(stored.length > 0, 'the limit left no room for a first comment');
    assert.equal(refused.status, 503, refused.text);
    assert.deepEqual(refused.body, { error: 'unavailable' });
    assert.match(refused.headers.get('Retry-After') ?? '', /^[1-9]\d*$/);

    const again = await call(server.url, 'POST', path, draft({ content: `again ${'x'.repeat(30_000)}` }));
    assert.equal(again.status, 503, again.text);
    const listed = await call(server.url, 'GET', `${path}?limit=100`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.comments.map((c: { id: string }) => c.id).sort(), stored.sort());
    assert.equal(server.child.exitCode, null, server.output());
  });
});
