// Server benchmark: GET of a 100-comment page and durable POSTs, SQLite (synchronous=FULL) and
// PostgreSQL, against a bare Hono handler sending the same JSON. Each server process is pinned to
// core 0 and the load generator (autocannon) to core 1, all on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { stats } from './render.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'server/dist/cli.js');
const READ_THREAD = 'bench-read';
const WRITE_THREAD = 'bench-write';
const SEED = 1000;
const PAGE = 100;
/** The threads a count request asks for, as a blog's index page would: the seeded one and four without comments. */
const COUNT_QUERY = [READ_THREAD, 'bench-a', 'bench-b', 'bench-c', 'bench-d'].map((t) => `thread=${t}`).join('&');

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (core, cmd, args) => (hasTaskset ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args]);

/** Starts a server process pinned to core 0; resolves once it prints "Listening on <url>". */
function startProcess(args, label) {
  const [cmd, argv] = pinned(0, process.execPath, args);
  const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${label} did not start in 30 s:\n${out}`)), 30_000);
    const onData = (d) => {
      out += d;
      const m = /Listening on (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        // From here on, drain (and drop) whatever the process writes.
        child.stdout.removeAllListeners('data');
        child.stderr.removeAllListeners('data');
        child.stdout.resume();
        child.stderr.resume();
        ok({ child, url: m[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${label} exited (${code}) before listening:\n${out}`));
    });
  });
}

function stopProcess(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      ok();
    });
    child.kill('SIGTERM');
  });
}

function rssBytes(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** wrk (Debian's, in C: it needs far less CPU than the server it loads); autocannon without it. */
const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((f) => existsSync(f)) ?? null;
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds a process has used (user + system, all its threads); `children`: of its waited-for children. */
function cpuSeconds(pid, children = false) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return cpuFromStat(stat, children);
  } catch {
    return NaN;
  }
}
function cpuFromStat(stat, children) {
  // Fields after the command's closing parenthesis, from the 3rd (state): utime is the 14th.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [user, system] = children ? [f[13], f[14]] : [f[11], f[12]];
  return (Number(user) + Number(system)) / TICKS;
}

/**
 * One load run from a process pinned to core 1 (wrk, or autocannon), sampling the server's RSS
 * meanwhile. Also returns the CPU seconds the server and the load generator used during the run:
 * the generator runs under a shell that prints its own /proc stat once it has waited for it.
 */
async function load(serverPid, options) {
  const generator = WRK
    ? [
        WRK,
        '-t1',
        `-c${options.connections ?? 32}`,
        `-d${options.seconds ?? 5}s`,
        '--timeout',
        '10s',
        '-s',
        join(ROOT, 'bench/load.lua'),
        options.url,
        '--',
        options.method === 'POST' ? 'post' : 'get',
        // Each run its own keys: a key used again would be an idempotent replay, not a new comment.
        `${options.post?.runId ?? 'run'}-${randomBytes(3).toString('hex')}`,
      ]
    : [process.execPath, join(ROOT, 'bench/load.mjs'), JSON.stringify(options)];
  const shell = ['sh', ['-c', '"$@"; s=$?; cat /proc/$$/stat >&2; exit $s', 'sh', ...generator]];
  const [cmd, argv] = pinned(1, ...shell);
  let peak = 0;
  const sampler = setInterval(() => {
    const r = rssBytes(serverPid);
    if (r > peak) peak = r;
  }, 200);
  try {
    const serverCpu = cpuSeconds(serverPid);
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((ok) => child.once('exit', ok));
    if (code !== 0) throw new Error(`load generator exited with ${code}: ${err}`);
    const serverCpuS = cpuSeconds(serverPid) - serverCpu;
    const loadCpuS = cpuFromStat(err.trim().split('\n').pop(), true);
    const r = JSON.parse(out.trim().split('\n').pop());
    const result = WRK
      ? {
          rps: r.requests / (r.durationUs / 1e6),
          requests: r.requests,
          p50: r.p50,
          p99: r.p99,
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          codes: options.method === 'POST' ? { 201: r.created } : {},
        }
      : r;
    return { ...result, serverCpuS, loadCpuS, rssBytes: peak || rssBytes(serverPid) };
  } finally {
    clearInterval(sampler);
  }
}

async function seed(url) {
  let next = 0;
  const worker = async () => {
    while (next < SEED) {
      const i = next++;
      const res = await fetch(`${url}/api/threads/${READ_THREAD}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `seed-${i}` },
        body: JSON.stringify({
          content: `Seed comment ${i}. A few words of text, as readers write them, with a second sentence.`,
          name: `Reader ${i % 50}`,
          email: `reader${i % 50}@example.com`,
          url: i % 5 === 0 ? `https://example.com/~${i}` : '',
          _t: 10_000,
        }),
      });
      if (res.status !== 201) throw new Error(`seeding: POST answered ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Figures of one target's samples (req/s, latency, RSS, errors). */
function summarize(samples) {
  return {
    rps: stats(samples.map((s) => s.rps)),
    p50Ms: stats(samples.map((s) => s.p50)),
    p99Ms: stats(samples.map((s) => s.p99)),
    rssBytes: stats(samples.map((s) => s.rssBytes)),
    non2xx: samples.reduce((a, s) => a + s.non2xx + s.errors + s.timeouts, 0),
    // Requests per CPU second of the server process (PostgreSQL's own processes not counted).
    perCpuSecond: stats(samples.map((s) => s.requests / s.serverCpuS)),
    serverCpuS: stats(samples.map((s) => s.serverCpuS)),
    loadCpuS: stats(samples.map((s) => s.loadCpuS)),
    // Runs where the load generator used more CPU than the server: then it, not the server, may be the limit.
    loadHeavier: samples.filter((s) => s.loadCpuS > s.serverCpuS).length,
  };
}

async function series(pid, options, runs, seconds, log, label) {
  const warmup = await load(pid, { ...options, seconds: 1 }); // not counted in the figures
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = await load(pid, { ...options, seconds });
    log(
      `  ${label} run ${i + 1}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, CPU s server ${r.serverCpuS.toFixed(2)} load ${r.loadCpuS.toFixed(2)}`,
    );
    samples.push(r);
  }
  return {
    ...summarize(samples),
    // 201s, warm-up included: each must be a comment on disk.
    acknowledged: [warmup, ...samples].reduce((a, s) => a + (s.codes['201'] ?? 0), 0),
    codes: samples.reduce((a, s) => {
      for (const [k, v] of Object.entries(s.codes)) a[k] = (a[k] ?? 0) + v;
      return a;
    }, {}),
  };
}

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Flags that keep anti-abuse measures from refusing a load test from one address. */
const BENCH_FLAGS = ['--moderation', 'none', '--rate-limit', '1000000000', '--rate-window', '1'];

/**
 * GET load on every target in turn, `rounds` times: reference, SQLite, PostgreSQL, reference, …
 * This machine's speed drifts over a run (other guests on the host), so each round's ratio compares
 * runs made seconds apart, and the ratio reported is the median of the rounds' ratios.
 */
async function interleavedGets(targets, rounds, seconds, connections, log) {
  for (const t of targets) await load(t.pid, { url: t.url, method: 'GET', connections, seconds: 1 }); // warm-up
  const samples = new Map(targets.map((t) => [t.name, []]));
  for (let i = 0; i < rounds; i++) {
    for (const t of targets) {
      const r = await load(t.pid, { url: t.url, method: 'GET', connections, seconds });
      log(
        `  GET round ${i + 1} ${t.name}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, CPU s server ${r.serverCpuS.toFixed(2)} load ${r.loadCpuS.toFixed(2)}`,
      );
      samples.get(t.name).push(r);
    }
  }
  return samples;
}

export async function runServerBench({
  runs = 3,
  rounds = 5,
  seconds = 3,
  connections = 32,
  log = console.error,
} = {}) {
  if (!existsSync(CLI))
    return { available: false, reason: `${CLI} not found (run npm run build; is server/src/cli.ts there?)` };
  const tmp = mkdtempSync(join(tmpdir(), 'comment-box-server-bench-'));
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pgSchema = `bench_${process.pid}`;
  const result = {
    available: true,
    pinned: hasTaskset,
    connections,
    seconds,
    runs,
    rounds,
    seededComments: SEED,
    pageComments: PAGE,
    countThreads: COUNT_QUERY.split('&').length,
    generator: WRK ? 'wrk' : 'autocannon',
    flags: BENCH_FLAGS.join(' '),
    backends: {},
  };
  const running = []; // { name, child, url, pageUrl, pageBytes }
  try {
    const backends = [
      { name: 'SQLite', args: ['--db', join(tmp, 'bench.db')] },
      { name: 'PostgreSQL', args: ['--database-url', pgUrl, '--pg-schema', pgSchema] },
    ];
    for (const b of backends) {
      if (b.name === 'PostgreSQL') {
        const problem = await postgresReachable(pgUrl);
        if (problem) {
          result.backends[b.name] = { available: false, reason: `PostgreSQL not reachable at ${pgUrl}: ${problem}` };
          log(`server ${b.name}: not available (${problem})`);
          continue;
        }
      }
      log(`server ${b.name}: starting and seeding ${SEED} comments`);
      const args = [
        CLI,
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--admin-token',
        randomBytes(24).toString('base64url'),
        ...BENCH_FLAGS,
        ...b.args,
      ];
      let srv;
      try {
        srv = await startProcess(args, `server (${b.name})`);
        await seed(srv.url);
        const pageUrl = `${srv.url}/api/threads/${READ_THREAD}/comments?limit=${PAGE}`;
        const res = await fetch(pageUrl);
        const text = await res.text();
        const shown = JSON.parse(text).comments?.length;
        if (res.status !== 200 || shown !== PAGE) throw new Error(`GET answered ${res.status} with ${shown} comments`);
        const counts = await (await fetch(`${srv.url}/api/counts?${COUNT_QUERY}`)).text();
        if (JSON.parse(counts).counts?.[READ_THREAD] !== SEED) throw new Error(`GET /api/counts answered ${counts}`);
        running.push({ name: b.name, child: srv.child, url: srv.url, pageUrl, page: text, counts });
      } catch (error) {
        result.backends[b.name] = {
          available: false,
          reason: String(error instanceof Error ? error.message : error).slice(0, 500),
        };
        log(`server ${b.name}: not available: ${result.backends[b.name].reason}`);
        if (srv) await stopProcess(srv.child);
      }
    }
    if (running.length === 0) return result;

    // The ceiling: a bare Hono handler sending the same page and the same counts, built once.
    const file = join(tmp, 'page.json');
    writeFileSync(file, running[0].page);
    const countsFile = join(tmp, 'counts.json');
    writeFileSync(countsFile, running[0].counts);
    const ref = await startProcess([join(ROOT, 'bench/server-reference.mjs'), file, countsFile], 'bare Hono reference');
    running.push({
      name: 'reference',
      child: ref.child,
      url: ref.url,
      pageUrl: `${ref.url}/api/threads/${READ_THREAD}/comments?limit=${PAGE}`,
    });

    log('server GET: reference, SQLite and PostgreSQL in turn, a page then the counts');
    const ordered = [running.at(-1), ...running.slice(0, -1)];
    const targets = [
      ...ordered.map((r) => ({ name: `${r.name} page`, pid: r.child.pid, url: r.pageUrl })),
      ...ordered.map((r) => ({
        name: `${r.name} counts`,
        pid: r.child.pid,
        url: `${r.url}/api/counts?${COUNT_QUERY}`,
      })),
    ];
    const gets = await interleavedGets(targets, rounds, seconds, connections, log);
    result.reference = { get: summarize(gets.get('reference page')), counts: summarize(gets.get('reference counts')) };
    /** Per round, the backend's requests per CPU second over the reference's (and req/s over req/s). */
    const ratiosOf = (kind, name) => {
      const ref = gets.get(`reference ${kind}`);
      const own = gets.get(`${name} ${kind}`);
      return {
        perCpu: stats(own.map((s, i) => s.requests / s.serverCpuS / (ref[i].requests / ref[i].serverCpuS))),
        rps: stats(own.map((s, i) => s.rps / ref[i].rps)),
      };
    };

    for (const srv of running.slice(0, -1)) {
      const get = summarize(gets.get(`${srv.name} page`));
      const counts = summarize(gets.get(`${srv.name} counts`));
      const getRatios = ratiosOf('page', srv.name);
      const countRatios = ratiosOf('counts', srv.name);
      const totalOf = async () =>
        (await (await fetch(`${srv.url}/api/threads/${WRITE_THREAD}/comments?limit=1`)).json()).total;
      const before = await totalOf();
      const post = await series(
        srv.child.pid,
        {
          url: `${srv.url}/api/threads/${WRITE_THREAD}/comments`,
          method: 'POST',
          connections,
          post: { runId: randomBytes(4).toString('hex') },
        },
        runs,
        seconds,
        log,
        `${srv.name} POST`,
      );
      // Every 201 must be stored: the thread holds at least as many comments as were acknowledged.
      // (A request still in flight when the load stopped may be stored without being counted.)
      post.stored = (await totalOf()) - before;
      post.allAcknowledgedStored = post.stored >= post.acknowledged;
      result.backends[srv.name] = {
        available: true,
        get,
        getRatios,
        counts,
        countRatios,
        post,
        pageBytes: Buffer.byteLength(srv.page),
      };
    }
    return result;
  } finally {
    for (const r of running) await stopProcess(r.child);
    rmSync(tmp, { recursive: true, force: true });
    {
      const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
      await client
        .connect()
        .then(() => client.query(`drop schema if exists ${pgSchema} cascade`))
        .catch(() => undefined)
        .finally(() => client.end().catch(() => undefined));
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runServerBench({
    runs: Number(process.env.BENCH_RUNS ?? 1),
    seconds: Number(process.env.BENCH_SECONDS ?? 3),
  });
  console.log(JSON.stringify(out, null, 2));
}
