/** The store contract: the same tests on SQLite and PostgreSQL, straight through the Store class. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Database_ } from '../../../src/server/db.js';
import { defaultConfig } from '../../../src/server/config.js';
import {
  DuplicateError,
  IdempotencyTakenError,
  InvalidParentError,
  Store,
  newCommentId,
  type CreateInput,
} from '../../../src/server/store.js';
import { freshDatabase, pgSkip, uniqueThread, type TestDatabase } from './helpers.js';

function storeSuite(dbName: 'sqlite' | 'postgres', skip: string | false) {
  describe(`store contract on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let database: Database_;
    let store: Store;
    const open = () => openDatabase(defaultConfig(db.config));
    before(async () => {
      db = await freshDatabase(dbName);
      database = await open();
      store = new Store(database);
      await store.init('');
    });
    after(async () => {
      await database?.db.destroy();
      await db?.cleanup();
    });

    let clock = Date.parse('2030-01-01T00:00:00Z');
    const input = (threadId: string, overrides: Partial<CreateInput> = {}, draft: Partial<CreateInput['draft']> = {}): CreateInput => {
      clock += 10;
      return {
        id: newCommentId(clock),
        threadId,
        draft: { content: `c ${uniqueThread()}`, name: 'Ada', email: 'ada@example.com', url: '', parentId: null, ...draft },
        createdAt: new Date(clock).toISOString(),
        authorTokenHash: 'h1',
        ip: '192.0.2.1',
        userAgent: 'ua',
        decide: () => 'approved',
        ...overrides,
      };
    };

    it('migrates idempotently: opening again is fine and keeps the secret', async () => {
      const seedBefore = store.avatarSeed('A', 'a@example.com');
      // PostgreSQL: two at once (the advisory lock serializes them). SQLite in one process: one
      // after the other (better-sqlite3 is synchronous; other processes wait on the busy timeout).
      const [a, b] = dbName === 'postgres' ? await Promise.all([open(), open()]) : [await open(), await open()];
      const again = new Store(a);
      await again.init('');
      assert.equal(again.avatarSeed('A', 'a@example.com'), seedBefore);
      await a.db.destroy();
      await b.db.destroy();
    });

    it('creates, lists whole threads, and hides pending from others', async () => {
      const t = uniqueThread();
      const root = await store.create(input(t));
      const reply = await store.create(input(t, {}, { parentId: root.row.id }));
      const held = await store.create(input(t, { decide: () => 'pending', authorTokenHash: 'mine' }));
      const spam = await store.create(input(t, { decide: () => 'spam', authorTokenHash: 'mine' }));
      assert.equal(spam.comment.status, 'pending');
      const pub = await store.list(t, null, { cursor: null, limit: 10, order: 'asc' });
      assert.deepEqual(pub.comments.map((c) => c.id), [root.row.id, reply.row.id]);
      assert.equal(pub.total, 2);
      const own = await store.list(t, 'mine', { cursor: null, limit: 10, order: 'asc' });
      assert.deepEqual(own.comments.map((c) => c.id), [root.row.id, reply.row.id, held.row.id]);
    });

    it('refuses duplicates and unknown parents, storing nothing', async () => {
      const t = uniqueThread();
      const first = input(t);
      await store.create(first);
      await assert.rejects(store.create({ ...input(t), draft: first.draft }), DuplicateError);
      await assert.rejects(store.create(input(t, {}, { parentId: 'nope' })), InvalidParentError);
      assert.equal((await store.list(t, null, { cursor: null, limit: 10, order: 'asc' })).comments.length, 1);
    });

    it('keeps an idempotency key with its response, and rolls it back with a failed insert', async () => {
      const t = uniqueThread();
      const idem = (key: string) => ({ key, fingerprint: 'f', response: (c: { id: string }) => JSON.stringify({ id: c.id }) });
      const key = `k-${uniqueThread()}`;
      const made = await store.create(input(t, { idempotency: idem(key) }));
      assert.deepEqual(await store.findIdempotent(key), { fingerprint: 'f', response: JSON.stringify({ id: made.row.id }) });
      await assert.rejects(store.create(input(t, { idempotency: idem(key) })), IdempotencyTakenError);
      const failing = `k-${uniqueThread()}`;
      await assert.rejects(store.create(input(t, { idempotency: idem(failing) }, { parentId: 'nope' })), InvalidParentError);
      assert.equal(await store.findIdempotent(failing), undefined);
    });

    it('tells the decision whether the email has an approved comment', async () => {
      const email = `${uniqueThread()}@example.com`;
      const seen: boolean[] = [];
      const decide = (before: boolean) => (seen.push(before), 'pending' as const);
      const first = await store.create(input(uniqueThread(), { decide }, { email }));
      await store.create(input(uniqueThread(), { decide }, { email }));
      await store.setStatus(first.row.id, 'approved');
      await store.create(input(uniqueThread(), { decide }, { email: email.toUpperCase() }));
      assert.deepEqual(seen, [false, false, true]);
    });

    it('counts, moderates and deletes', async () => {
      const t = uniqueThread();
      const a = await store.create(input(t));
      const b = await store.create(input(t, { decide: () => 'pending' }));
      assert.deepEqual(await store.counts([t, 'none']), { [t]: 1, none: 0 });
      assert.equal((await store.setStatus(b.row.id, 'approved'))?.status, 'approved');
      assert.equal(await store.setStatus('missing', 'approved'), undefined);
      assert.deepEqual(await store.counts([t]), { [t]: 2 });
      const pending = await store.adminList('approved', 1, null);
      assert.equal(pending.comments.length, 1);
      assert.ok(pending.nextCursor);
      const next = await store.adminList('approved', 1, pending.nextCursor);
      assert.notEqual(next.comments[0]?.id, pending.comments[0]?.id);
      assert.equal(await store.delete(a.row.id), true);
      assert.equal(await store.delete(a.row.id), false);
      assert.deepEqual(await store.counts([t]), { [t]: 1 });
    });

    it('counts rate-limit hits per client and window, and prunes old windows', async () => {
      const now = Date.parse('2030-06-01T00:00:10Z');
      const client = `c-${uniqueThread()}`;
      assert.equal(await store.hitRateLimit(client, 2, 60, now), null);
      assert.equal(await store.hitRateLimit(client, 2, 60, now), null);
      assert.equal(await store.hitRateLimit(client, 2, 60, now), 50);
      assert.equal(await store.hitRateLimit(`${client}-other`, 2, 60, now), null);
      assert.equal(await store.hitRateLimit(client, 2, 60, now + 60_000), null, 'a new window');
      const hits = await Promise.all(Array.from({ length: 10 }, () => store.hitRateLimit(`${client}-burst`, 5, 60, now)));
      assert.equal(hits.filter((h) => h === null).length, 5);
      await store.prune(now + 10 * 60_000, 60);
      const left = await database.db.selectFrom('rate_limits').select('client').where('client', 'like', `${client}%`).execute();
      assert.equal(left.length, 0);
    });
  });
}

const pgSkipped = await pgSkip();
storeSuite('sqlite', false);
storeSuite('postgres', pgSkipped);
