/**
 * Rows that do not fit the public comment schema (an import, a hand edit, an older version's data),
 * written straight into the real database: the thread's list still answers 200 with every other
 * comment, an unsafe author URL is dropped from its comment, a row that cannot be repaired is left
 * out, live readers keep their stream, and the log names the row id, never the email.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../src/server.js';
import type { CommentsTable } from '../src/store/tables.js';
import {
  openEventStream,
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  pgSkip,
  testConfig,
  uniqueThread,
  type TestDatabase,
} from './helpers.js';

const EMAIL = 'secret-person@example.com';

/** A row as an import would write it: approved, with `overrides` for what does not fit. */
function row(id: string, threadId: string, minute: number, overrides: Partial<CommentsTable> = {}): CommentsTable {
  return {
    id,
    thread_id: threadId,
    parent_id: null,
    author_name: `Author ${id}`,
    author_email: EMAIL,
    author_url: '',
    avatar_seed: 'seed',
    content: `Comment ${id}`,
    status: 'approved',
    created_at: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
    dup_key: `dup-${id}`,
    author_token_hash: '',
    ip: '127.0.0.1',
    user_agent: 'import',
    edited_at: null,
    deleted: 0,
    source_key: null,
    ...overrides,
  };
}

function unfitRowsSuite(dbName: 'sqlite' | 'postgres', skip: string | false) {
  describe(`rows that do not fit, on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    const logs: string[] = [];

    before(async () => {
      db = await freshDatabase(dbName);
      server = await startServer(testConfig(db), {
        log: (message, error) => logs.push(`${message} ${String(error ?? '')}`),
      });
      server.store.warn = (message) => logs.push(message);
    });
    after(async () => {
      await server?.close();
      await db?.cleanup();
    });

    const insert = (...rows: CommentsTable[]) => server.store.db.insertInto('comments').values(rows).execute();

    it('answers 200 with the other comments: an unsafe URL becomes null, an unfit row is left out', async () => {
      const thread = uniqueThread();
      const id = (n: string) => `${thread}-${n}`.slice(-90);
      await insert(
        row(id('a'), thread, 1, { author_url: 'https://example.com/fine' }),
        row(id('js'), thread, 2, { author_url: 'javascript:alert(1)' }),
        row(id('arabic'), thread, 3, { author_url: 'https://١٢٣' }),
        row(id('date'), thread, 4, { created_at: 'last tuesday' }),
        row(id('reply'), thread, 5, { parent_id: id('date') }),
        row(id('name'), thread, 6, { author_name: 'x'.repeat(300) }),
        row(id('z'), thread, 7),
      );
      logs.length = 0;
      const res = await call(server.url, 'GET', commentsPath(thread));
      assert.equal(res.status, 200, res.text);
      const byId = new Map<string, any>(res.body.comments.map((c: any) => [c.id, c]));
      assert.deepEqual([...byId.keys()], [id('a'), id('js'), id('arabic'), id('reply'), id('z')]);
      assert.equal(byId.get(id('a')).authorUrl, 'https://example.com/fine');
      assert.equal(byId.get(id('js')).authorUrl, null);
      assert.equal(byId.get(id('arabic')).authorUrl, null);
      // The reply of a left-out comment shows at the top level.
      assert.equal(byId.get(id('reply')).parentId, id('date'));
      for (const n of ['js', 'arabic', 'date', 'name'])
        assert.ok(
          logs.some((l) => l.includes(id(n))),
          `no log names ${n}: ${logs.join('\n')}`,
        );
      assert.ok(!logs.some((l) => l.includes(EMAIL)), 'an email was logged');
      assert.ok(!res.text.includes(EMAIL));
      // The same with the author's token (the private, uncached path).
      const own = await call(server.url, 'GET', commentsPath(thread), undefined, { 'X-Author-Token': 'a'.repeat(32) });
      assert.equal(own.status, 200);
      assert.equal(own.body.comments.length, 5);
    });

    it("keeps a live reader's stream open past a row that does not fit", async () => {
      const thread = uniqueThread();
      const unfit = `${thread}-unfit`.slice(-90);
      await insert(row(unfit, thread, 1, { status: 'pending', created_at: 'not a date' }));
      const stream = await openEventStream(server.url, thread, 15_000);
      try {
        await stream.until(/event: ready/);
        // Approving the unfit row publishes it: it is not sent, and the stream goes on.
        const approved = await call(
          server.url,
          'PATCH',
          `/api/admin/comments/${encodeURIComponent(unfit)}`,
          { status: 'approved' },
          {
            Authorization: `Bearer ${ADMIN_TOKEN}`,
          },
        );
        assert.equal(approved.status, 200, approved.text);
        const posted = await call(server.url, 'POST', commentsPath(thread), draft({ content: 'After the unfit one' }));
        assert.equal(posted.status, 201, posted.text);
        await stream.until(/After the unfit one/);
        assert.ok(!stream.text().includes(unfit), 'the unfit row was sent');
        assert.ok(logs.some((l) => l.includes(unfit)));
      } finally {
        stream.close();
      }
    });
  });
}

const pgSkipped = await pgSkip();
unfitRowsSuite('sqlite', false);
unfitRowsSuite('postgres', pgSkipped);
