/**
 * The cross-instance event fan-out survives losing its LISTEN connection: the test terminates the
 * listening backends (`pg_terminate_backend`), waits for the instances to LISTEN again, then posts
 * on B and reads the event from a subscriber of A. Instance A reaches PostgreSQL through a small TCP
 * proxy that the test can make refuse new connections, so a failed reconnect attempt (PostgreSQL
 * briefly unreachable) is covered too. Every wait has a deadline; processes are killed in `after()`.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ADMIN_TOKEN, PG_URL, expectDeliveredAcross, freshDatabase, pgSkip, type TestDatabase } from './helpers.js';
import { spawnServer, stopAll, type ServerProcess } from './processes.js';

const skip = await pgSkip();

/** Forwards TCP to PostgreSQL; while `down`, new connections are closed at once (open ones stay). */
async function pgProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const state = { down: false };
  const server = net.createServer((socket) => {
    if (state.down) return socket.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const [from, to] of [
      [socket, upstream],
      [upstream, socket],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    state,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `check` every 100 ms until it returns true; fails after `ms` with `message`. */
async function waitFor(check: () => Promise<boolean>, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} (after ${ms} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('event fan-out after the LISTEN connection is dropped', { skip, timeout: 120_000 }, () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let proxy: Awaited<ReturnType<typeof pgProxy>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let listenQuery: string;

  /** Pids of the backends LISTENing on this suite's channel (both instances, once connected). */
  const listeners = async (): Promise<number[]> =>
    (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query = $1', [listenQuery])).rows.map(
      (r) => r.pid,
    );

  /** Terminates every LISTEN backend of this suite; returns their pids. */
  const terminateListeners = async (): Promise<number[]> => {
    // In the select list, not the WHERE: PostgreSQL may evaluate an AND in either order.
    const { rows } = await admin.query<{ pid: number; terminated: boolean }>(
      'SELECT pid, pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE query = $1',
      [listenQuery],
    );
    return rows.filter((r) => r.terminated).map((r) => r.pid);
  };

  /** Waits until both instances LISTEN again on new backends. */
  const relistened = (old: number[], ms: number) =>
    waitFor(
      async () => (await listeners()).filter((pid) => !old.includes(pid)).length === 2,
      ms,
      'the instances did not LISTEN again',
    );

  /** Subscribes on A, posts on B, and returns once A's stream delivered the comment. */
  const deliveredAcross = (content: string) => expectDeliveredAcross(a.url, b.url, content, '192.0.2.77');

  before(async () => {
    db = await freshDatabase('postgres');
    listenQuery = `LISTEN "comment_box_${db.config.pgSchema!}"`;
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    proxy = await pgProxy(new URL(PG_URL));
    const args = (databaseUrl: string) => [
      '--database-url',
      databaseUrl,
      '--pg-schema',
      db.config.pgSchema!,
      '--moderation',
      'none',
      '--min-submit-ms',
      '0',
      '--trust-proxy',
      '--admin-token',
      ADMIN_TOKEN,
      '--demo',
      '',
    ];
    const started = await Promise.allSettled([spawnServer(args(proxy.url)), spawnServer(args(PG_URL))]);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    [a, b] = started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value) as [ServerProcess, ServerProcess];
  });
  after(async () => {
    await stopAll();
    await proxy?.close();
    await admin?.end().catch(() => undefined);
    await db?.cleanup();
  });

  it('delivers across instances after the listening backends are terminated', async () => {
    await deliveredAcross('before the drop');
    const old = await terminateListeners();
    assert.equal(old.length, 2, `expected one LISTEN backend per instance, terminated ${old.length}`);
    await relistened(old, 20_000);
    await deliveredAcross('after the drop');
  });

  it('keeps retrying while PostgreSQL refuses connections, then delivers again', async () => {
    proxy.state.down = true;
    let old: number[];
    try {
      old = await terminateListeners();
      assert.equal(old.length, 2, `expected one LISTEN backend per instance, terminated ${old.length}`);
      // B reconnects directly; A's attempts fail until the proxy accepts connections again.
      await waitFor(
        async () => (await listeners()).filter((pid) => !old.includes(pid)).length === 1,
        20_000,
        'B did not LISTEN again',
      );
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // let several of A's attempts fail
    } finally {
      proxy.state.down = false;
    }
    await relistened(old, 40_000);
    await deliveredAcross('after a failed reconnect');
  });
});
