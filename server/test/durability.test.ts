/** A 201 means on disk: comments acknowledged before a `kill -9` are all there after a restart. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, commentsPath, draft, freshDatabase, uniqueThread, type TestDatabase } from './helpers.js';
import { spawnServer, type ServerProcess } from './processes.js';

describe('durability on SQLite', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  const args = () => [
    '--db',
    db.config.dbPath!,
    '--moderation',
    'none',
    '--min-submit-ms',
    '0',
    '--rate-limit',
    '100000',
    '--demo',
    '',
  ];
  before(async () => {
    db = await freshDatabase('sqlite');
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await db?.cleanup();
  });

  it('keeps every acknowledged comment across kill -9', async () => {
    server = await spawnServer(args());
    const thread = uniqueThread();
    const acknowledged: string[] = [];
    let killed = false;
    const posts = Array.from({ length: 40 }, async () => {
      try {
        const res = await call(server!.url, 'POST', commentsPath(thread), draft());
        if (res.status === 201) {
          acknowledged.push(res.body.comment.id);
          if (acknowledged.length === 15 && !killed) {
            killed = true;
            server!.child.kill('SIGKILL');
          }
        }
      } catch {
        /* the connection died with the server */
      }
    });
    await Promise.all(posts);
    await server.stop('SIGKILL');
    assert.ok(acknowledged.length >= 15, 'acknowledged.length >= 15');
    server = await spawnServer(args());
    const listed = await call(server.url, 'GET', `${commentsPath(thread)}?limit=100`);
    const stored = new Set(listed.body.comments.map((c: { id: string }) => c.id));
    for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged comment ${id} was lost`);
  });
});
