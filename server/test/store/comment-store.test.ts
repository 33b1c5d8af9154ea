/** The store contract: the same tests on SQLite and PostgreSQL, straight through the Store class. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeDatabase, openDatabase, type Database_ } from '../../src/store/database.js';
import { defaultConfig } from '../../src/config.js';
import {
  DuplicateError,
  IdempotencyTakenError,
  InvalidParentError,
  RateLimitedError,
  Store,
  type CreateInput,
  NotInTrashError,
} from '../../src/store/comment-store.js';
import { newCommentId } from '../../src/store/ids.js';
import { pageOfThreads } from 'comment-box/threads.js';
import { freshDatabase, pgSkip, uniqueThread, type TestDatabase } from '../helpers.js';

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
      if (database) await closeDatabase(database);
      await db?.cleanup();
    });

    let clock = Date.parse('2030-01-01T00:00:00Z');
    const input = (
      threadId: string,
      overrides: Partial<CreateInput> = {},
      draft: Partial<CreateInput['draft']> = {},
    ): CreateInput => {
      clock += 10;
      return {
        id: newCommentId(clock),
        threadId,
        draft: {
          content: `c ${uniqueThread()}`,
          name: 'Ada',
          email: 'ada@example.com',
          url: '',
          parentId: null,
          ...draft,
        },
        createdAt: new Date(clock).toISOString(),
        authorTokenHash: 'h1',
        ip: '192.0.2.1',
        userAgent: 'ua',
        decide: () => 'approved',
        ...overrides,
      };
    };

    /** The stored row of a comment, whatever its status. */
    const storedRow = (id: string) =>
      database.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    /** The page of `readPage`, without its version. */
    const listPage = async (...args: Parameters<Store['readPage']>) => (await store.readPage(...args)).page;

    it('migrates idempotently: opening again is fine and keeps the secret', async () => {
      const seedBefore = store.avatarSeed('A', 'a@example.com');
      // PostgreSQL: two at once (the advisory lock serializes them). SQLite in one process: one
      // after the other (better-sqlite3 is synchronous; other processes wait on the busy timeout).
      const [a, b] = dbName === 'postgres' ? await Promise.all([open(), open()]) : [await open(), await open()];
      const again = new Store(a);
      await again.init('');
      assert.equal(again.avatarSeed('A', 'a@example.com'), seedBefore);
      await closeDatabase(a);
      await closeDatabase(b);
    });

    it('creates, lists whole threads, and hides held and spam comments from all but their author', async () => {
      const t = uniqueThread();
      const root = await store.create(input(t));
      const reply = await store.create(input(t, {}, { parentId: root.row.id }));
      const held = await store.create(input(t, { decide: () => 'pending', authorTokenHash: 'mine' }));
      const spam = await store.create(input(t, { decide: () => 'spam', authorTokenHash: 'mine' }));
      assert.equal(store.toPublic(spam.row).status, 'pending', 'spam looks pending to its author');
      const pub = await listPage(t, null, { cursor: null, limit: 10, order: 'asc' });
      assert.deepEqual(
        pub.comments.map((c) => c.id),
        [root.row.id, reply.row.id],
      );
      assert.equal(pub.total, 2);
      // Its author sees their spam as held too, as the 201 said: a bot learns nothing.
      const own = await listPage(t, 'mine', { cursor: null, limit: 10, order: 'asc' });
      assert.deepEqual(
        own.comments.map((c) => [c.id, c.status]),
        [
          [root.row.id, 'approved'],
          [reply.row.id, 'approved'],
          [held.row.id, 'pending'],
          [spam.row.id, 'pending'],
        ],
      );
      const other = await listPage(t, 'other', { cursor: null, limit: 10, order: 'asc' });
      assert.deepEqual(
        other.comments.map((c) => c.id),
        [root.row.id, reply.row.id],
      );
    });

    it('refuses duplicates and unknown parents, storing nothing', async () => {
      const t = uniqueThread();
      const first = input(t);
      await store.create(first);
      await assert.rejects(store.create({ ...input(t), draft: first.draft }), DuplicateError);
      await assert.rejects(store.create(input(t, {}, { parentId: 'nope' })), InvalidParentError);
      assert.equal((await listPage(t, null, { cursor: null, limit: 10, order: 'asc' })).comments.length, 1);
    });

    it('keeps an idempotency key with its response, and rolls it back with a failed insert', async () => {
      const t = uniqueThread();
      const idem = (key: string) => ({
        key,
        fingerprint: 'f',
        response: (row: { id: string }) => JSON.stringify({ id: row.id }),
      });
      const key = `k-${uniqueThread()}`;
      const original = input(t, { idempotency: idem(key) });
      const made = await store.create(original);
      assert.deepEqual(await store.findIdempotent(key), {
        fingerprint: 'f',
        response: JSON.stringify({ id: made.row.id }),
      });
      await assert.rejects(store.create(input(t, { idempotency: idem(key) })), IdempotencyTakenError);
      // The same post again (a retry): its key is taken, which is told before it being a duplicate.
      await assert.rejects(
        store.create({ ...input(t, { idempotency: idem(key) }), draft: original.draft }),
        IdempotencyTakenError,
      );
      const failing = `k-${uniqueThread()}`;
      await assert.rejects(
        store.create(input(t, { idempotency: idem(failing) }, { parentId: 'nope' })),
        InvalidParentError,
      );
      assert.equal(await store.findIdempotent(failing), undefined);
    });

    it('stores each post with a key exactly as sent, whatever its values (the statement is compiled once)', async () => {
      const t = uniqueThread();
      const idem = (key: string) => ({ key, fingerprint: `f-${key}`, response: (row: { id: string }) => row.id });
      const key = () => `k-${uniqueThread()}`;
      const root = await store.create(input(t, { idempotency: idem(key()) }));
      const posts = [
        input(t, { idempotency: idem(key()) }, { parentId: root.row.id, url: 'https://example.org/a' }),
        input(t, { idempotency: idem(key()), decide: () => 'pending' }, { name: 'Ο Μάριος', email: '' }),
        input(t, { idempotency: idem(key()), ip: '', userAgent: '' }, { content: "'); DROP TABLE comments; --" }),
      ];
      for (const post of posts) await store.create(post);
      const rows = await database.db
        .selectFrom('comments')
        .selectAll()
        .where('thread_id', '=', t)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows
          .slice(1)
          .map((r) => [r.id, r.parent_id, r.author_name, r.author_email, r.author_url, r.content, r.status, r.ip]),
        posts.map((p) => [
          p.id,
          p.draft.parentId,
          p.draft.name,
          p.draft.email,
          p.draft.url,
          p.draft.content,
          p.decide(false),
          p.ip,
        ]),
      );
      for (const post of posts) {
        const k = post.idempotency!.key;
        assert.deepEqual(await store.findIdempotent(k), { fingerprint: `f-${k}`, response: post.id });
      }
      // A duplicate under a new key: refused, and its key not kept.
      const again = key();
      await assert.rejects(
        store.create({ ...input(t, { idempotency: idem(again) }), draft: posts[0]!.draft }),
        DuplicateError,
      );
      assert.equal(await store.findIdempotent(again), undefined);
    });

    it('tells the decision whether the same name and email have an approved comment', async () => {
      const email = `${uniqueThread()}@example.com`;
      const seen: boolean[] = [];
      const decide = (before: boolean) => (seen.push(before), 'pending' as const);
      const first = await store.create(input(uniqueThread(), { decide }, { email }));
      await store.create(input(uniqueThread(), { decide }, { email }));
      await store.setStatus(first.row.id, 'approved');
      await store.create(input(uniqueThread(), { decide }, { email: email.toUpperCase() }));
      // The email alone is not enough: a prober would learn from the decision that it is known.
      await store.create(input(uniqueThread(), { decide }, { email, name: 'Mallory' }));
      await store.create(input(uniqueThread(), { decide }, { email, name: 'ada' }));
      // A moderation mode that does not ask: not looked up.
      await store.create(input(uniqueThread(), { decide, historyMatters: false }, { email }));
      assert.deepEqual(seen, [false, false, true, false, false, false]);
    });

    it('gives held and spam comments a random avatar seed, and the email seed once approved', async () => {
      const email = `${uniqueThread()}@example.com`;
      const emailSeed = store.avatarSeed('Ada', email);
      const held = await store.create(input(uniqueThread(), { decide: () => 'pending' }, { email }));
      const spam = await store.create(input(uniqueThread(), { decide: () => 'spam' }, { email }));
      const approved = await store.create(input(uniqueThread(), {}, { email }));
      assert.equal(approved.row.avatar_seed, emailSeed);
      assert.notEqual(held.row.avatar_seed, emailSeed);
      assert.notEqual(spam.row.avatar_seed, emailSeed);
      assert.notEqual(held.row.avatar_seed, spam.row.avatar_seed);
      assert.match(held.row.avatar_seed, /^[A-Za-z0-9_-]{22}$/, 'shaped like an email seed');
      assert.equal((await store.setStatus(held.row.id, 'approved'))?.row.avatar_seed, emailSeed);
      assert.equal((await storedRow(held.row.id))?.avatar_seed, emailSeed);
      assert.equal((await store.setStatus(spam.row.id, 'pending'))?.row.avatar_seed, spam.row.avatar_seed);
    });

    it('migration 3 replaces the email seeds of held and spam comments stored before it', async () => {
      const email = `${uniqueThread()}@example.com`;
      const emailSeed = store.avatarSeed('Ada', email);
      const held = await store.create(input(uniqueThread(), { decide: () => 'spam' }, { email }));
      const approved = await store.create(input(uniqueThread(), {}, { email }));
      // As an older version stored it: the email's seed on a spam comment, and migration 3 not run.
      await database.db.updateTable('comments').set({ avatar_seed: emailSeed }).where('id', '=', held.row.id).execute();
      await database.db.deleteFrom('schema_migrations').where('version', '=', 3).execute();
      await closeDatabase(await open());
      const after = await storedRow(held.row.id);
      assert.ok(after && after.avatar_seed !== emailSeed && after.avatar_seed.length > 0, 'a random seed now');
      assert.equal((await storedRow(approved.row.id))?.avatar_seed, emailSeed);
    });

    it('counts, moderates and deletes', async () => {
      const t = uniqueThread();
      const a = await store.create(input(t));
      const b = await store.create(input(t, { decide: () => 'pending' }));
      assert.deepEqual(await store.counts([t, 'none']), { [t]: 1, none: 0 });
      assert.equal((await store.setStatus(b.row.id, 'approved'))?.row.status, 'approved');
      assert.equal(await store.setStatus('missing', 'approved'), undefined);
      assert.deepEqual(await store.counts([t]), { [t]: 2 });
      const pending = await store.adminList('approved', 1, null);
      assert.equal(pending.rows.length, 1);
      assert.ok(pending.nextCursor, 'pending.nextCursor');
      const next = await store.adminList('approved', 1, pending.nextCursor);
      assert.notEqual(next.rows[0]?.id, pending.rows[0]?.id);
      await assert.rejects(store.delete(a.row.id), NotInTrashError, 'deleted for good only from the trash');
      assert.equal((await store.setStatus(a.row.id, 'trash'))?.row.trashed_from, 'approved');
      const counts = await store.adminCounts();
      assert.ok(counts.trash >= 1, 'counted in the trash');
      assert.equal(counts.trash, (await store.adminList('trash', 200, null)).rows.length);
      assert.equal((await store.setStatus(a.row.id, 'restore'))?.row.status, 'approved', 'restored as it was');
      await store.setStatus(a.row.id, 'trash');
      assert.equal(await store.delete(a.row.id), true);
      assert.equal(await store.delete(a.row.id), false);
      assert.deepEqual(await store.counts([t]), { [t]: 1 });
    });

    it('pages in SQL exactly as pageOfThreads paged the whole thread in memory', async () => {
      const t = uniqueThread();
      const made: string[] = [];
      const add = async (
        parentId: string | null,
        status: 'approved' | 'pending' | 'spam' = 'approved',
        token = 'h1',
        sameTime = false,
      ) => {
        if (sameTime) clock -= 10; // same created_at as the previous one: ordered by id
        const r = await store.create(input(t, { decide: () => status, authorTokenHash: token }, { parentId }));
        made.push(r.row.id);
        return r.row.id;
      };
      const tops: string[] = [];
      for (let i = 0; i < 7; i++) tops.push(await add(null, 'approved', 'h1', i === 3));
      const r1 = await add(tops[0]!);
      const r2 = await add(r1);
      await add(r2);
      await add(tops[0]!, 'approved', 'h1', true);
      // An approved reply under one held since (replies go only to approved comments): top level for the public.
      const held = await add(tops[1]!, 'approved', 'mine');
      await add(held);
      await store.setStatus(held, 'pending');
      await add(tops[2]!, 'spam', 'mine');
      const gone = await add(tops[4]!);
      await add(gone);
      await add(null, 'pending', 'mine');
      await add(tops[6]!, 'pending', 'mine');
      await store.setStatus(gone, 'trash');
      assert.equal(await store.delete(gone), true); // its reply moves up to tops[4]
      const rows = await database.db.selectFrom('comments').selectAll().where('thread_id', '=', t).execute();
      for (const token of [null, 'mine', 'other']) {
        const visible = rows
          .filter((r) => r.status === 'approved' || (token !== null && r.author_token_hash === token))
          .map((r) => store.toPublic(r));
        for (const order of ['asc', 'desc'] as const) {
          for (const limit of [1, 2, 3, 5, 100]) {
            let cursor: string | null = null;
            const seen: string[] = [];
            do {
              const options: { cursor: string | null; limit: number; order: 'asc' | 'desc' } = { cursor, limit, order };
              const got = await listPage(t, token, options);
              assert.deepEqual(got, pageOfThreads(visible, options), `${token} ${order} ${limit} ${cursor}`);
              seen.push(...got.comments.map((c) => c.id));
              cursor = got.nextCursor;
            } while (cursor !== null);
            assert.equal(seen.length, visible.length, 'every visible comment once, across the pages');
          }
        }
      }
      const past = await listPage(t, null, { cursor: '99', limit: 2, order: 'asc' });
      assert.deepEqual(
        past,
        pageOfThreads([], { cursor: '99', limit: 2, order: 'asc' }).comments.length === 0
          ? { ...past, comments: [], nextCursor: null }
          : past,
      );
    });

    it('commits concurrent writes together, each keeping its own error, each resolved only once stored', async () => {
      const t = uniqueThread();
      const commitsBefore = store.commits;
      const first = input(t);
      const idem = {
        key: `k-${uniqueThread()}`,
        fingerprint: 'f',
        response: (row: { id: string }) => JSON.stringify({ id: row.id }),
      };
      const client = `batch-${uniqueThread()}`;
      const rate = { client, limit: 13, windowSeconds: 3600, nowMs: Date.now() };
      const inputs = [
        first,
        ...Array.from({ length: 9 }, () => input(t)),
        { ...input(t), draft: first.draft }, // duplicate of the first
        input(t, {}, { parentId: 'nope' }), // unknown parent
        input(t, { idempotency: idem }),
        input(t, { idempotency: idem }), // same key: the second replays
      ].map((i) => ({ ...i, rateLimit: rate }));
      const results = await Promise.allSettled(inputs.map((i) => store.create(i)));
      const errorOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? r.reason : null);
      assert.ok(
        store.commits - commitsBefore < inputs.length / 2,
        `${store.commits - commitsBefore} commits for ${inputs.length} writes`,
      );
      assert.ok(
        results.slice(0, 10).every((r) => r.status === 'fulfilled'),
        "results.slice(0, 10).every((r) => r.status === 'fulfilled')",
      );
      assert.ok(errorOf(results[10]!) instanceof DuplicateError, 'errorOf(results[10]!) instanceof DuplicateError');
      assert.ok(
        errorOf(results[11]!) instanceof InvalidParentError,
        'errorOf(results[11]!) instanceof InvalidParentError',
      );
      assert.equal(results[12]!.status, 'fulfilled');
      // Hits are counted in order, failed writes included: the 14th is over the limit of 13.
      assert.ok(errorOf(results[13]!) instanceof RateLimitedError, 'errorOf(results[13]!) instanceof RateLimitedError');
      // Each resolved write is readable the moment it resolved (committed), the failed ones left nothing.
      const stored = await listPage(t, null, { cursor: null, limit: 100, order: 'asc' });
      const fulfilled = results.flatMap((r) =>
        r.status === 'fulfilled' ? [(r.value as { row: { id: string } }).row.id] : [],
      );
      assert.deepEqual(stored.comments.map((c) => c.id).sort(), fulfilled.sort());
      assert.equal(stored.total, 11);
      assert.deepEqual(await store.findIdempotent(idem.key), {
        fingerprint: 'f',
        response: JSON.stringify({ id: (results[12] as PromiseFulfilledResult<{ row: { id: string } }>).value.row.id }),
      });
      const idemOnly = [input(t, { idempotency: { ...idem, key: `k2-${uniqueThread()}` } }), input(t)];
      idemOnly[1]!.idempotency = idemOnly[0]!.idempotency;
      const pair = await Promise.allSettled(idemOnly.map((i) => store.create(i)));
      assert.equal(pair[0]!.status, 'fulfilled');
      assert.ok(
        errorOf(pair[1]!) instanceof IdempotencyTakenError,
        'same key in one batch: the second is told to replay',
      );
    });

    it("sees a version bumped by another instance's write at once, for one thread and for several", async () => {
      const otherDatabase = await open();
      try {
        const other = new Store(otherDatabase);
        await other.init('');
        const t = uniqueThread();
        const quiet = uniqueThread();
        const v0 = await store.threadVersion(t);
        // Read (and, on SQLite, remembered) before the other instance writes.
        const before = store.threadVersionsNow([t, quiet]);
        await other.create(input(t));
        const v1 = await store.threadVersion(t);
        assert.ok(v1 > v0, `${v1} > ${v0}`);
        if (before) assert.deepEqual(store.threadVersionsNow([t, quiet]), [v1, before[1]]);
      } finally {
        await closeDatabase(otherDatabase);
      }
    });

    it('bumps the thread version only on writes that change the public view', async () => {
      const t = uniqueThread();
      const v0 = await store.threadVersion(t);
      const held = await store.create(input(t, { decide: () => 'pending' }));
      assert.equal(await store.threadVersion(t), v0, 'pending: nothing public changed');
      await store.create(input(t));
      const v1 = await store.threadVersion(t);
      assert.ok(v1 > v0, 'v1 > v0');
      await store.setStatus(held.row.id, 'approved');
      const v2 = await store.threadVersion(t);
      assert.ok(v2 > v1, 'v2 > v1');
      await store.setStatus(held.row.id, 'trash');
      const v3 = await store.threadVersion(t);
      assert.ok(v3 > v2, 'to the trash: v3 > v2');
      await store.delete(held.row.id);
      assert.ok((await store.threadVersion(t)) > v3, 'deleted for good: bumped again (replies may move)');
      const read = await store.readPage(t, null, { cursor: null, limit: 10, order: 'asc' });
      assert.equal(read.version, await store.threadVersion(t));
    });

    it('counts rate-limit hits per client and window, and prunes old windows', async () => {
      const now = Date.parse('2030-06-01T00:00:10Z');
      const client = `c-${uniqueThread()}`;
      /** Posts a comment counted against `client`: null when stored, the seconds to wait when over the limit. */
      const hitRateLimit = async (client: string, limit: number, windowSeconds: number, nowMs: number) => {
        try {
          await store.create(input(uniqueThread(), { rateLimit: { client, limit, windowSeconds, nowMs } }));
          return null;
        } catch (error) {
          if (error instanceof RateLimitedError) return error.retryAfter;
          throw error;
        }
      };
      assert.equal(await hitRateLimit(client, 2, 60, now), null);
      assert.equal(await hitRateLimit(client, 2, 60, now), null);
      assert.equal(await hitRateLimit(client, 2, 60, now), 50);
      assert.equal(await hitRateLimit(`${client}-other`, 2, 60, now), null);
      assert.equal(await hitRateLimit(client, 2, 60, now + 60_000), null, 'a new window');
      const hits = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(`${client}-burst`, 5, 60, now)));
      assert.equal(hits.filter((h) => h === null).length, 5);
      await store.prune(now + 10 * 60_000, 60);
      const left = await database.db
        .selectFrom('rate_limits')
        .select('client')
        .where('client', 'like', `${client}%`)
        .execute();
      assert.equal(left.length, 0);
    });
  });
}

const pgSkipped = await pgSkip();
storeSuite('sqlite', false);
storeSuite('postgres', pgSkipped);
