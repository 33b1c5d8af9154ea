/**
 * The reverse-proxy snippets of `deploy/` (nginx and Caddy), run as written with only the names,
 * ports and certificates of this machine put in: TLS in front of two server instances on one
 * PostgreSQL, posts spread over both, the reader's address from `X-Forwarded-For` (a spoofed one
 * ignored), live events unbuffered through the proxy, JSON compressed by the proxy and the scripts
 * passed precompressed. Skipped with a notice where nginx, Caddy or PostgreSQL is missing, except
 * under CI=true (.ci/run installs them).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import {
  ADMIN_TOKEN,
  ROOT,
  commentsPath,
  draft,
  ensureBuilt,
  freshDatabase,
  pgSkip,
  uniqueThread,
  type TestDatabase,
} from './helpers.js';
import { spawnServer, stopAll, type ServerProcess } from './processes.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

async function skipUnless(cmd: string): Promise<string | false> {
  if (has(cmd)) return pgSkip();
  if (process.env.CI === 'true')
    throw new Error(`${cmd} is required under CI=true (apt-get install ${cmd === 'nginx' ? 'nginx-light' : cmd})`);
  console.log(`# NOTICE: ${cmd} is not installed; the deploy/ ${cmd} snippet test is skipped`);
  return `${cmd} not installed`;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** An HTTPS request that accepts the test's own certificate; the body is sent as JSON. */
function httpsCall(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        rejectUnauthorized: false,
        headers: { ...(data ? { 'Content-Type': 'application/json' } : {}), ...headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** A config file without its comment lines. */
const code = (config: string) =>
  config
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');

const json = (a: Answer) => JSON.parse(a.body.toString('utf8'));

/** Opens an event stream over HTTPS; `until(pattern)` resolves once the text received matches. */
function openStream(url: string) {
  let text = '';
  const waiters: Array<() => void> = [];
  const req = request(url, { rejectUnauthorized: false, headers: { Accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      text += chunk;
      for (const wake of waiters.splice(0)) wake();
    });
  });
  req.on('error', () => undefined);
  req.end();
  return {
    text: () => text,
    async until(pattern: RegExp, ms: number): Promise<void> {
      const deadline = Date.now() + ms;
      while (!pattern.test(text)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`not received within ${ms} ms through the proxy: ${pattern}\n${text}`);
        await Promise.race([new Promise<void>((r) => waiters.push(r)), sleep(left)]);
      }
    },
    close: () => req.destroy(),
  };
}

/** A self-signed certificate for localhost, in `dir`. */
function certificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return { cert, key };
}

async function startProxy(
  command: string,
  args: string[],
  dir: string,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(command, args, {
    cwd: dir,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${command} exited ${child.exitCode}:\n${out}`);
    if (await ready().catch(() => false)) return child;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${command} did not start:\n${out}`);
}

/** The checks, the same for both proxies; `base` is the proxy's https origin. */
function proxySuite(
  name: 'nginx' | 'caddy',
  skip: string | false,
  configure: (dir: string, upstreams: number[]) => Promise<{ base: string; proxy: ChildProcess; httpBase?: string }>,
) {
  describe(`deploy/ ${name} snippet in front of two instances`, { skip, timeout: 120_000 }, () => {
    let db: TestDatabase;
    let servers: ServerProcess[] = [];
    let proxy: ChildProcess | undefined;
    let base = '';
    let httpBase: string | undefined;
    let dir = '';
    before(async () => {
      ensureBuilt();
      db = await freshDatabase('postgres');
      dir = mkdtempSync(join(tmpdir(), `comment-box-${name}-`));
      const args = [
        '--database-url',
        db.config.databaseUrl!,
        '--pg-schema',
        db.config.pgSchema!,
        '--moderation',
        'none',
      ];
      const rest = [
        '--min-submit-ms',
        '0',
        '--rate-limit',
        '1000',
        '--trust-proxy',
        '--admin-token',
        ADMIN_TOKEN,
        '--demo',
        '',
      ];
      const started = await Promise.allSettled([spawnServer([...args, ...rest]), spawnServer([...args, ...rest])]);
      for (const s of started) if (s.status === 'rejected') throw s.reason;
      servers = started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value);
      ({ base, proxy, httpBase } = await configure(
        dir,
        servers.map((s) => Number(new URL(s.url).port)),
      ));
    });
    after(async () => {
      proxy?.kill('SIGTERM');
      await stopAll();
      await db?.cleanup();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('spreads posts over both instances, with the reader address from X-Forwarded-For (a spoofed one ignored)', async () => {
      const thread = uniqueThread('proxied');
      for (let i = 0; i < 6; i++) {
        const posted = await httpsCall(`${base}${commentsPath(thread)}`, 'POST', draft(), {
          // A reader trying to choose their address: the proxy's own entry comes last and wins.
          'X-Forwarded-For': '203.0.113.9',
        });
        assert.equal(posted.status, 201, posted.body.toString());
      }
      await sleep(100);
      for (const s of servers) {
        const lines = s
          .output()
          .split('\n')
          .filter((l) => l.includes('"method":"POST"'))
          .map((l) => JSON.parse(l));
        assert.ok(lines.length > 0, 'each instance answered some of the posts');
        for (const line of lines)
          assert.equal(line.client, '127.0.0.0', 'the address the proxy saw, not the spoofed one');
      }
      const listed = json(await httpsCall(`${base}${commentsPath(thread)}`, 'GET'));
      assert.equal(listed.comments.length, 6);
    });

    it('passes live events at once (no buffering), from either instance', async () => {
      const thread = uniqueThread('live');
      const stream = openStream(`${base}/api/threads/${encodeURIComponent(thread)}/events`);
      try {
        // The `ready` event is a few bytes: a buffering proxy would hold it back.
        await stream.until(/event: ready/, 5_000);
        for (let i = 0; i < 2; i++) {
          const content = `live through ${name} ${i}`;
          const posted = await httpsCall(`${base}${commentsPath(thread)}`, 'POST', draft({ content }));
          assert.equal(posted.status, 201);
          await stream.until(new RegExp(`"content":"${content}"`), 5_000);
        }
      } finally {
        stream.close();
      }
    });

    it('compresses JSON answers, and passes the precompressed scripts as they are', async () => {
      const thread = uniqueThread('big');
      for (let i = 0; i < 4; i++)
        assert.equal(
          (await httpsCall(`${base}${commentsPath(thread)}`, 'POST', draft({ content: `x${i} `.repeat(200) }))).status,
          201,
        );
      const page = await httpsCall(`${base}${commentsPath(thread)}`, 'GET', undefined, { 'Accept-Encoding': 'gzip' });
      assert.equal(page.status, 200);
      assert.equal(page.headers['content-encoding'], 'gzip');
      assert.equal(JSON.parse(gunzipSync(page.body).toString()).comments.length, 4);
      const script = await httpsCall(`${base}/comment-box.js`, 'GET', undefined, { 'Accept-Encoding': 'br' });
      assert.equal(script.status, 200);
      assert.equal(script.headers['content-encoding'], 'br');
      const precompressed = readFileSync(join(ROOT, 'dist/bundle/comment-box.js.br'));
      assert.ok(script.body.equals(precompressed), 'the bytes the server sent, not compressed again');
    });

    it('answers health checks through the proxy', async () => {
      const ready = await httpsCall(`${base}/readyz`, 'GET');
      assert.equal(ready.status, 200);
      assert.equal(ready.headers['cache-control'], 'no-store');
      if (httpBase) {
        const redirect = await fetch(`${httpBase}/readyz`, { redirect: 'manual' });
        assert.equal(redirect.status, 301, 'plain HTTP goes to HTTPS');
      }
    });
  });
}

proxySuite('nginx', await skipUnless('nginx'), async (dir, upstreams) => {
  const { cert, key } = certificate(dir);
  const [http, https] = [await freePort(), await freePort()];
  const snippet = readFileSync(join(ROOT, 'deploy/nginx/comment-box.conf'), 'utf8');
  const replaced = snippet
    .replace('    server 127.0.0.1:8787;\n', upstreams.map((p) => `    server 127.0.0.1:${p};\n`).join(''))
    .replace(/^ *listen \[::\]:.*\n/gm, '')
    .replace(/listen 80;/, `listen 127.0.0.1:${http};`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${https} ssl http2;`)
    .replace(/return 301 https:\/\/\$host\$request_uri;/, `return 301 https://$host:${https}$request_uri;`)
    .replaceAll('comments.example', 'localhost')
    .replace(/\/etc\/letsencrypt\/live\/localhost\/fullchain\.pem/, cert)
    .replace(/\/etc\/letsencrypt\/live\/localhost\/privkey\.pem/, key);
  assert.notEqual(replaced, snippet);
  assert.doesNotMatch(
    code(replaced),
    /8787|letsencrypt|listen 80;|listen 443/,
    'every machine-specific line was replaced',
  );
  writeFileSync(join(dir, 'comment-box.conf'), replaced);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n` +
      ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};\n`).join('') +
      `  include ${dir}/comment-box.conf;\n}\n`,
  );
  const base = `https://localhost:${https}`;
  const proxy = await startProxy(
    'nginx',
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    dir,
    async () => (await httpsCall(`${base}/healthz`, 'GET')).status === 200,
  );
  return { base, proxy, httpBase: `http://127.0.0.1:${http}` };
});

proxySuite('caddy', await skipUnless('caddy'), async (dir, upstreams) => {
  const [http, https] = [await freePort(), await freePort()];
  const snippet = readFileSync(join(ROOT, 'deploy/caddy/Caddyfile'), 'utf8');
  const replaced = snippet
    .replace('comments.example {', `localhost:${https} {\n\ttls internal`)
    .replace('reverse_proxy 127.0.0.1:8787 {', `reverse_proxy ${upstreams.map((p) => `127.0.0.1:${p}`).join(' ')} {`)
    // Several instances: the lines the snippet says to add for them.
    .replace(/# (lb_policy|health_uri|health_interval)/g, '$1');
  assert.doesNotMatch(code(replaced), /8787|comments\.example/, 'every machine-specific line was replaced');
  assert.match(replaced, /^\s*lb_policy round_robin$/m);
  // This machine's ports, no admin endpoint, and never Caddy's CA in the system's trust store.
  const global = `{\n\tadmin off\n\tskip_install_trust\n\thttp_port ${http}\n\thttps_port ${https}\n\tstorage file_system ${dir}/data\n}\n\n`;
  writeFileSync(join(dir, 'Caddyfile'), global + replaced);
  const base = `https://localhost:${https}`;
  const proxy = await startProxy(
    'caddy',
    ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'],
    dir,
    async () => (await httpsCall(`${base}/healthz`, 'GET')).status === 200,
  );
  return { base, proxy };
});
