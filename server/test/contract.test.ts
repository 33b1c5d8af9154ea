/** The adapter contract suite, through the REST adapter, against the real server on both databases. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAdapter } from 'comment-box/adapters/rest.js';
import { CommentAdapterError } from 'comment-box/adapters/types.js';
import type { RunningServer } from '../src/server.js';
import { runAdapterContract, sampleDraft } from 'comment-box/testing';
import { startSink, type SmtpSink } from './notify/smtp-sink.js';
import { freshDatabase, memoryStorage, pgSkip, start, uniqueThread, type TestDatabase } from './helpers.js';

function contractSuite(dbName: 'sqlite' | 'postgres', skip: string | false) {
  describe(`REST adapter on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let open: RunningServer;
    let held: RunningServer;
    let notifying: RunningServer;
    let sink: SmtpSink;
    before(async () => {
      db = await freshDatabase(dbName);
      sink = await startSink();
      open = await start(db);
      held = await start(db, { moderation: 'all' });
      // Email on, name and email optional: the shared rule (notify needs an email) is the server's own.
      notifying = await start(db, { smtpUrl: sink.url, mailFrom: 'comments@blog.example', requireNameEmail: false });
    });
    after(async () => {
      await open?.close();
      await held?.close();
      await notifying?.close();
      await sink?.close();
      await db?.cleanup();
    });
    const hooks = { describe, it };
    runAdapterContract(`rest (${dbName})`, () => createRestAdapter({ endpoint: open.url, storage: memoryStorage() }), {
      hooks,
      notifications: false,
      newThread: () => uniqueThread('contract'),
    });
    runAdapterContract(
      `rest (${dbName}, email notifications on)`,
      () => createRestAdapter({ endpoint: notifying.url, storage: memoryStorage() }),
      { hooks, notifications: true, newThread: () => uniqueThread('contract') },
    );
    runAdapterContract(
      `rest (${dbName}, moderated)`,
      () => createRestAdapter({ endpoint: `${held.url}/`, storage: memoryStorage() }),
      { hooks, moderated: true, newThread: () => uniqueThread('contract') },
    );
  });
}

const pgSkipped = await pgSkip();
contractSuite('sqlite', false);
contractSuite('postgres', pgSkipped);

describe('REST adapter error mapping', () => {
  const fake = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    createRestAdapter({
      endpoint: 'http://fake.invalid',
      storage: memoryStorage(),
      fetch: async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers }),
    });
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (error) {
      assert.ok(error instanceof CommentAdapterError, 'error instanceof CommentAdapterError');
      return error;
    }
    assert.fail('expected a rejection');
  };
  const list = (a: ReturnType<typeof fake>) => a.list('t', { limit: 10, order: 'asc' });
  const create = (a: ReturnType<typeof fake>) => a.create('t', sampleDraft(), { idempotencyKey: 'k' });

  it('maps statuses to error codes', async () => {
    const invalid = await code(create(fake(422, { error: 'invalid', fields: { content: ['required'] } })));
    assert.equal(invalid.code, 'invalid');
    assert.deepEqual(invalid.fields, { content: ['required'] });
    const mismatch = await code(create(fake(422, { error: 'invalid', messageKey: 'idempotencyMismatch', fields: {} })));
    assert.equal(mismatch.messageKey, 'idempotencyMismatch');
    assert.equal((await code(create(fake(400, { error: 'invalid' })))).code, 'invalid');
    const limited = await code(create(fake(429, { error: 'rate-limited' }, { 'Retry-After': '42' })));
    assert.equal(limited.code, 'rate-limited');
    assert.equal(limited.retryAfter, 42);
    assert.equal((await code(create(fake(409, { error: 'conflict', messageKey: 'duplicate' })))).code, 'conflict');
    assert.equal((await code(list(fake(401, {})))).code, 'unauthorized');
    assert.equal((await code(list(fake(403, {})))).code, 'unauthorized');
    assert.equal((await code(list(fake(404, {})))).code, 'not-found');
    assert.equal((await code(list(fake(503, 'down')))).code, 'unavailable');
    assert.equal((await code(list(fake(500, 'oops')))).code, 'unavailable');
  });

  it('refuses malformed responses as bad-response', async () => {
    assert.equal((await code(list(fake(200, { comments: [{ id: 1 }], total: 0 })))).code, 'bad-response');
    assert.equal((await code(list(fake(200, 'not json')))).code, 'bad-response');
    const withEmail = { comments: [], nextCursor: null, total: 0, email: 'x@y.z' };
    assert.equal((await code(list(fake(200, withEmail)))).code, 'bad-response');
    assert.equal((await code(create(fake(201, { comment: {}, authorToken: 'x' })))).code, 'bad-response');
  });

  it('keeps the comments of a page that fit, and counts the ones that do not', async () => {
    const good = (id: string) => ({
      id,
      parentId: null,
      authorName: 'Ada',
      authorUrl: null,
      avatarSeed: 's',
      content: `Comment ${id}`,
      createdAt: '2026-01-01T12:00:00Z',
      status: 'approved',
    });
    const page = await list(
      fake(200, {
        comments: [good('1'), { ...good('2'), authorUrl: 'https://١٢٣' }, { id: 1 }, good('3')],
        nextCursor: null,
        total: 4,
      }),
    );
    assert.deepEqual(
      page.comments.map((c) => c.id),
      ['1', '3'],
    );
    assert.equal(page.dropped, 2);
  });

  it('maps a failed fetch to network and an abort to aborted', async () => {
    const down = createRestAdapter({
      endpoint: 'http://fake.invalid',
      storage: memoryStorage(),
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    assert.equal((await code(list(down))).code, 'network');
    const controller = new AbortController();
    const slow = createRestAdapter({
      endpoint: 'http://fake.invalid',
      storage: memoryStorage(),
      fetch: (_url, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    });
    const pending = slow.list('t', { limit: 10, order: 'asc', signal: controller.signal });
    controller.abort();
    assert.equal((await code(pending)).code, 'aborted');
  });

  it('keeps the author token and sends it when listing; storage failures do not throw', async () => {
    const seen: Array<string | null> = [];
    const storage = memoryStorage();
    const comment = {
      id: 'c1',
      parentId: null,
      authorName: 'A',
      authorUrl: null,
      avatarSeed: 's',
      content: 'x',
      createdAt: new Date().toISOString(),
      status: 'pending',
    };
    const adapter = createRestAdapter({
      endpoint: 'http://fake.invalid',
      storage,
      fetch: async (_url, init) => {
        seen.push(new Headers(init?.headers).get('X-Author-Token'));
        return init?.method === 'POST'
          ? Response.json({ comment, authorToken: 'T'.repeat(32) }, { status: 201 })
          : Response.json({ comments: [], nextCursor: null, total: 0 });
      },
    });
    await list(adapter as never);
    await create(adapter as never);
    await list(adapter as never);
    assert.deepEqual(seen, [null, null, 'T'.repeat(32)]);
    const broken = createRestAdapter({
      endpoint: 'http://fake.invalid',
      storage: { available: false, get: () => null, set: () => false, remove: () => undefined },
      fetch: async () => Response.json({ comment, authorToken: 'x' }, { status: 201 }),
    });
    assert.equal((await create(broken as never)).id, 'c1');
  });
});
