/**
 * PostgreSQL connections dying under the server (`pg_terminate_backend`, as a failover or a restart
 * does): the group commit rejects the batch with `DatabaseUnavailableError` and goes on on a new
 * connection; a request whose connection dies gets 503 + `Retry-After` and the process lives; two
 * instances whose every connection is terminated, several times during a burst of posts, store
 * every post exactly once (the clients retry their 503s with the same `Idempotency-Key`). Servers run
 * as real processes (a crash shows as an exit); every wait has a deadline.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { WriteBatcher } from '../src/store/batch.js';
import { closeDatabase, openDatabase, type DB, type Database_ } from '../src/store/database.js';
import { DatabaseUnavailableError } from '../src/store/unavailable.js';
import {
  ADMIN_TOKEN,
  PG_URL,
  call,
  commentsPath,
  draft,
  freshDatabase,
  pgSkip,
  uniqueThread,
  type TestDatabase,
} from './helpers.js';
import { spawnServer, stopAll, type ServerProcess } from './processes.js';

const skip = await pgSkip();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it returns a value; fails after `ms` with `message`. */
async function waitFor<T>(check: () => Promise<T | undefined>, ms: number, message: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${message} (after ${ms} ms)`);
    await sleep(50);
  }
}

/** Server arguments for `db`; the connections of the process carry `appName` (PGAPPNAME) so the test can find them. */
const serverArgs = (db: TestDatabase) => [
  '--database-url',
  db.config.databaseUrl!,
  '--pg-schema',
  db.config.pgSchema!,
  '--moderation',
  'none',
  '--min-submit-ms',
  '0',
  '--rate-limit',
  '100000',
  '--admin-token',
  ADMIN_TOKEN,
  '--demo',
  '',
];

/**
 * An administrator's connection: holds an exclusive lock on the suite's comments table (so that
 * posts wait, their connections checked out, mid-transaction), finds the backends waiting on it, and
 * terminates backends by application name.
 */
class Admin {
  readonly #client = new pg.Client({ connectionString: PG_URL, application_name: 'comment-box-test-admin' });
  readonly #table: string;
  constructor(schema: string) {
    this.#table = `"${schema}".comments`;
  }
  connect = () => this.#client.connect();
  end = () => this.#client.end().catch(() => undefined);
  async lockComments(): Promise<void> {
    await this.#client.query('BEGIN');
    await this.#client.query(`LOCK TABLE ${this.#table} IN EXCLUSIVE MODE`);
  }
  unlock = () => this.#client.query('COMMIT');
  /** Pids of the backends waiting for the comments table's lock. */
  async waiting(): Promise<number[]> {
    const { rows } = await this.#client.query<{ pid: number }>(
      'SELECT pid FROM pg_locks WHERE NOT granted AND relation = $1::regclass',
      [this.#table],
    );
    return rows.map((r) => r.pid);
  }
  /** Terminates every backend of these application names (every connection of those servers); returns how many. */
  async terminate(appNames: string[]): Promise<number> {
    // In the select list, not the WHERE: PostgreSQL may evaluate an AND in either order.
    const { rows } = await this.#client.query<{ terminated: boolean }>(
      'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = ANY($1)',
      [appNames],
    );
    return rows.filter((r) => r.terminated).length;
  }
  async count(sqlText: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
    return (await this.#client.query(sqlText, values)).rows;
  }
}

describe('the group commit on PostgreSQL when its connection dies', { skip, timeout: 60_000 }, () => {
  let db: TestDatabase;
  let database: Database_;
  before(async () => {
    db = await freshDatabase('postgres');
    database = await openDatabase({ dbPath: '', databaseUrl: PG_URL, pgSchema: db.config.pgSchema! });
  });
  after(async () => {
    if (database) await closeDatabase(database);
    await db?.cleanup();
  });

  it('rejects the whole batch with DatabaseUnavailableError, and runs the next batch on a new connection', async () => {
    const batcher = new WriteBatcher(database);
    const backend = async (trx: Kysely<DB>) =>
      (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid;
    let killed: number | undefined;
    // Queued in one turn of the event loop: one batch, one connection.
    const neighbour = batcher.run({ work: backend });
    const dying = batcher.run({
      work: async (trx) => {
        killed = await backend(trx);
        await sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(trx);
      },
    });
    await assert.rejects(dying, DatabaseUnavailableError);
    await assert.rejects(neighbour, DatabaseUnavailableError);
    assert.equal(batcher.commits, 0);
    const next = await batcher.run({ work: backend });
    assert.ok(killed !== undefined && next !== killed, `the next batch ran on the dead backend ${killed}`);
    assert.equal(batcher.commits, 1);
  });
});

describe('a server whose PostgreSQL connection dies during a post', { skip, timeout: 60_000 }, () => {
  let db: TestDatabase;
  let admin: Admin;
  let server: ServerProcess;
  const appName = `cb-faults-${process.pid}-one`;
  before(async () => {
    db = await freshDatabase('postgres');
    server = await spawnServer(serverArgs(db), { PGAPPNAME: appName });
    admin = new Admin(db.config.pgSchema!);
    await admin.connect();
  });
  after(async () => {
    await stopAll();
    await admin?.end();
    await db?.cleanup();
  });

  it('answers 503 + Retry-After, lives on, and stores the retried post once', async () => {
    const thread = uniqueThread();
    const path = commentsPath(thread);
    const body = draft({ content: 'its connection died while it waited' });
    const key = `dies-${thread}`;
    await admin.lockComments();
    let answer;
    try {
      const posting = call(server.url, 'POST', path, body, { 'Idempotency-Key': key });
      await waitFor(
        async () => ((await admin.waiting()).length > 0 ? true : undefined),
        10_000,
        'the post never waited for the lock',
      );
      assert.ok((await admin.terminate([appName])) > 0);
      answer = await posting;
    } finally {
      await admin.unlock();
    }
    assert.equal(answer.status, 503, answer.text);
    assert.deepEqual(answer.body, { error: 'unavailable' });
    assert.match(answer.headers.get('Retry-After') ?? '', /^[1-9]\d*$/);
    assert.equal(server.child.exitCode, null, server.output());

    const retried = await call(server.url, 'POST', path, body, { 'Idempotency-Key': key });
    assert.equal(retried.status, 201, retried.text);
    const replayed = await call(server.url, 'POST', path, body, { 'Idempotency-Key': key });
    assert.equal(replayed.body.comment.id, retried.body.comment.id);
    const rows = await admin.count(`SELECT id FROM "${db.config.pgSchema}".comments WHERE thread_id = $1`, [thread]);
    assert.deepEqual(
      rows.map((r) => r.id),
      [retried.body.comment.id],
    );
    const listed = await call(server.url, 'GET', path);
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.body.total, 1);
  });
});

describe(
  'two instances whose every connection is terminated during a burst of posts',
  { skip, timeout: 120_000 },
  () => {
    let db: TestDatabase;
    let admin: Admin;
    let a: ServerProcess;
    let b: ServerProcess;
    const appNames = [`cb-faults-${process.pid}-a`, `cb-faults-${process.pid}-b`];
    before(async () => {
      db = await freshDatabase('postgres');
      const started = await Promise.allSettled(
        appNames.map((name) => spawnServer(serverArgs(db), { PGAPPNAME: name })),
      );
      for (const s of started) if (s.status === 'rejected') throw s.reason;
      [a, b] = started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value) as [ServerProcess, ServerProcess];
      admin = new Admin(db.config.pgSchema!);
      await admin.connect();
    });
    after(async () => {
      await stopAll();
      await admin?.end();
      await db?.cleanup();
    });

    it('stores every post exactly once, and both instances keep serving', async () => {
      const thread = uniqueThread();
      const path = commentsPath(thread);
      const POSTS = 60;
      const ROUNDS = 3;
      const ids = new Map<number, string>();
      let refused = 0;

      /** Posts comment `i` on A or B, retrying each 503 with the same key until a 201. */
      const post = async (i: number) => {
        const url = i % 2 === 0 ? a.url : b.url;
        const body = draft({ content: `burst ${i}` });
        for (let attempt = 1; attempt <= 100; attempt++) {
          const r = await call(url, 'POST', path, body, { 'Idempotency-Key': `burst-${thread}-${i}` });
          if (r.status === 201) return void ids.set(i, r.body.comment.id);
          assert.equal(r.status, 503, r.text);
          assert.match(r.headers.get('Retry-After') ?? '', /^[1-9]\d*$/);
          refused++;
          await sleep(50); // not the whole Retry-After: the test has a budget
        }
        throw new Error(`post ${i} was never stored`);
      };
      /**
       * Six clients at a time, until every post is stored; a post starts only once the round lets
       * it (however fast the server, every round has posts in flight to cut off).
       */
      let nextPost = 0;
      let allowed = 0;
      const clients = Array.from({ length: 6 }, async () => {
        for (;;) {
          while (nextPost >= allowed && nextPost < POSTS) await sleep(5);
          if (nextPost >= POSTS) return;
          await post(nextPost++);
        }
      });

      /**
       * Each round: a quarter of the posts start and wait (mid-transaction) on a lock, every
       * connection of both instances is terminated, and they all get through before the next round.
       */
      let terminated = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        await admin.lockComments();
        try {
          allowed += POSTS / (ROUNDS + 1);
          await waitFor(
            async () => ((await admin.waiting()).length > 0 ? true : undefined),
            10_000,
            'no post waited for the lock',
          );
          terminated += await admin.terminate(appNames);
        } finally {
          await admin.unlock();
        }
        await waitFor(
          async () => (ids.size >= allowed ? true : undefined),
          30_000,
          `the posts of round ${round} were not all stored`,
        );
      }
      allowed = POSTS;
      await Promise.all(clients);

      assert.ok(terminated >= ROUNDS * 2, `terminated only ${terminated} connections`);
      assert.ok(refused >= ROUNDS, `only ${refused} posts were refused: the terminations missed the requests`);
      assert.equal(ids.size, POSTS);
      const rows = await admin.count(`SELECT id, content FROM "${db.config.pgSchema}".comments WHERE thread_id = $1`, [
        thread,
      ]);
      assert.equal(rows.length, POSTS, 'a post was stored twice, or not at all');
      assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(ids.values()));
      assert.equal(new Set(rows.map((r) => r.content)).size, POSTS);

      for (const server of [a, b]) {
        assert.equal(server.child.exitCode, null, server.output());
        const listed = await call(server.url, 'GET', path);
        assert.equal(listed.status, 200, listed.text);
        assert.equal(listed.body.total, POSTS);
        const posted = await call(server.url, 'POST', commentsPath(uniqueThread()), draft());
        assert.equal(posted.status, 201, posted.text);
      }
    });
  },
);
