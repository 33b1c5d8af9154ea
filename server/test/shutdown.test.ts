/**
 * Graceful shutdown of the real command on a real SQLite file: SIGTERM in the middle of a burst of
 * concurrent posts stops the server within a few seconds with exit code 0, ends the open event
 * streams, and every post that was answered 201 is in the database after a restart.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  call,
  commentsPath,
  draft,
  freshDatabase,
  openEventStream,
  uniqueThread,
  type TestDatabase,
} from './helpers.js';
import { spawnServer, stopAll } from './processes.js';

const WORKERS = 12;

describe('graceful shutdown', { timeout: 120_000 }, () => {
  let db: TestDatabase | undefined;
  after(async () => {
    await stopAll();
    await db?.cleanup();
  });

  it('SIGTERM during a burst of posts: exit 0 within a few seconds, every 201 stored', async () => {
    db = await freshDatabase('sqlite');
    const args = [
      '--db',
      db.config.dbPath!,
      '--moderation',
      'none',
      '--min-submit-ms',
      '0',
      '--rate-limit',
      '1000000',
      '--demo',
      '',
    ];
    const server = await spawnServer(args);
    const thread = uniqueThread('shutdown');
    const stream = await openEventStream(server.url, thread, 30_000);
    await stream.until(/event: ready/);

    const acknowledged: string[] = [];
    const otherStatuses: number[] = [];
    let failures = 0;
    let signalled = false;
    let resolveHalf!: () => void;
    const half = new Promise<void>((resolve) => (resolveHalf = resolve));
    // Each worker posts until the server stops answering (refused or reset connections).
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        try {
          const r = await call(server.url, 'POST', commentsPath(thread), draft({ content: `burst ${w}-${i}` }));
          if (r.status === 201) acknowledged.push(r.body.comment.id as string);
          else otherStatuses.push(r.status);
          if (acknowledged.length >= 150) resolveHalf();
        } catch {
          failures += 1;
          if (signalled) return;
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    await half;
    const exited = once(server.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const t0 = Date.now();
    signalled = true;
    process.kill(server.child.pid!, 'SIGTERM');
    const [code, signal] = await exited;
    const elapsed = Date.now() - t0;
    await Promise.all(workers);
    console.log(`# ${acknowledged.length} posts acknowledged; exited ${elapsed} ms after SIGTERM`);

    assert.equal(signal, null, server.output());
    assert.equal(code, 0, server.output());
    assert.ok(elapsed < 4_000, `exited ${elapsed} ms after SIGTERM`);
    assert.match(server.output(), /stopped/);
    assert.doesNotMatch(server.output(), /could not stop|still in flight/);
    assert.deepEqual(otherStatuses, [], 'only 201s or refused connections');
    assert.ok(failures >= WORKERS, 'every worker saw the server go away');
    // The event stream was ended by the server, not left open.
    await assert.rejects(stream.until(/never comes/), /stream ended/);
    stream.close();

    // Restart on the same file: every acknowledged post is there.
    const again = await spawnServer(args);
    const stored = new Set<string>();
    let cursor = '';
    for (;;) {
      const page = await call(
        again.url,
        'GET',
        `${commentsPath(thread)}?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(page.status, 200, page.text);
      for (const c of page.body.comments as Array<{ id: string }>) stored.add(c.id);
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor as string;
    }
    const missing = acknowledged.filter((id) => !stored.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged posts are missing`);
    assert.ok(acknowledged.length >= 150);
    await again.stop();
  });

  it('a post in flight when SIGTERM comes is answered 201 and stored before the process exits', async () => {
    db = await freshDatabase('sqlite');
    const path = db.config.dbPath!;
    const args = ['--db', path, '--moderation', 'none', '--min-submit-ms', '0', '--demo', ''];
    const server = await spawnServer(args);
    const thread = uniqueThread('in-flight');
    // Another program holds SQLite's write lock: the post waits for it (up to 5 s) inside the server.
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const post = call(server.url, 'POST', commentsPath(thread), draft({ content: 'in flight at SIGTERM' }));
      await sleep(300);
      const exited = once(server.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      const t0 = Date.now();
      process.kill(server.child.pid!, 'SIGTERM');
      await sleep(700);
      assert.equal(server.child.exitCode, null, 'still finishing the post');
      other.exec('COMMIT');
      const answered = await post;
      assert.equal(answered.status, 201, answered.text);
      const [code] = await exited;
      assert.equal(code, 0, server.output());
      assert.ok(Date.now() - t0 < 4_000);
      const row = other.prepare('SELECT content FROM comments WHERE id = ?').get(answered.body.comment.id) as
        { content: string } | undefined;
      assert.equal(row?.content, 'in flight at SIGTERM');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });
});
