#!/usr/bin/env node
// npm run test:container: builds the image of the repository's Dockerfile and runs it as a
// self-hoster would, with podman (or docker):
//   - /readyz becomes 200 and the image's own HEALTHCHECK passes; the server runs as a non-root user;
//   - a comment posts from the allowed site (COMMENT_BOX_ALLOWED_ORIGINS), one from elsewhere is
//     refused, and the comment is still there in a new container on the same volume;
//   - SIGTERM (`stop`) exits 0 within a few seconds; `--version` prints the server's version;
//   - the JSON request log has the post, never its email or text.
//
// The base image: $NODE_IMAGE when set (for example node:20-bookworm-slim, where a registry is
// reachable). Otherwise a local one, made once and kept (image localhost/comment-box-base:node20):
// a minimal Debian bookworm root by debootstrap (from the mirror apt uses), plus this machine's
// Node.js (its install prefix: node, npm, the headers), its CA certificates (a TLS-intercepting proxy)
// and `npm_config_nodedir` (better-sqlite3 compiles against those headers when no prebuilt binary
// and no header download can be had). The root is kept in $TMPDIR/comment-box-container/, never in git.
//
// `node scripts/test-container.mjs --probe` only checks that a container engine can start a
// container here (exit 0), or prints why not (exit 3). .ci/run calls it before the test.
//
// The engine's flags are found by trying: some machines need the runc runtime (crun refuses hybrid
// cgroups), the host network (no netavark/CNI), and ulimits at or below the machine's own (setrlimit
// refused). The first set that starts a container is used for the build and every run.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE_TAG = 'localhost/comment-box-base:node20';
const PROBE_TAG = 'localhost/comment-box-probe:latest';
const IMAGE_TAG = 'localhost/comment-box-server:test';
const CACHE = join(process.env.TMPDIR || tmpdir(), 'comment-box-container');
const ADMIN_TOKEN = 'container-test-admin-token-0123456789';
/** The site whose pages show the comments: another origin, allowed by environment variable. */
const SITE = 'https://blog.example';

const log = (message) => console.log(`test-container: ${message}`);

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

function must(cmd, args, options = {}) {
  const r = run(cmd, args, { stdio: options.quiet ? 'pipe' : 'inherit', ...options });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})${out ? `:\n${out}` : ''}`);
  }
  return r.stdout ?? '';
}

const has = (cmd) => run('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** A tiny image that holds `/usr/bin/true` and its libraries: enough to see a container start. */
function probeImage(engine) {
  if (run(engine, ['image', 'exists', PROBE_TAG]).status === 0) return;
  if (engine === 'docker' && run(engine, ['image', 'inspect', PROBE_TAG]).status === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'comment-box-probe-'));
  try {
    const files = ['/usr/bin/true'];
    for (const line of must('ldd', ['/usr/bin/true'], { quiet: true }).split('\n')) {
      const path = /(\/\S+) \(0x/.exec(line)?.[1];
      if (path) files.push(path);
    }
    for (const file of files) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      cpSync(realpathSync(file), join(dir, file));
    }
    const tar = run('tar', ['-C', dir, '-c', '.'], { encoding: 'buffer' });
    must(engine, ['import', '-', PROBE_TAG], { input: tar.stdout, quiet: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The engine and the flags with which it starts a container here, or null with the reasons.
 * `global` go before the subcommand (podman's --runtime), `container` after `run`/`build`.
 */
function findEngine() {
  const reasons = [];
  const engines = ['podman', 'docker'].filter(has);
  if (engines.length === 0) return { engine: null, reasons: ['neither podman nor docker is installed'] };
  for (const engine of engines) {
    try {
      probeImage(engine);
    } catch (error) {
      reasons.push(`${engine}: cannot import an image: ${error.message}`);
      continue;
    }
    const hardNofile = Number(run('sh', ['-c', 'ulimit -Hn']).stdout.trim()) || 1024;
    const nofile = Math.min(hardNofile, 65536);
    const runtimes = engine === 'podman' ? [[], ['--runtime', 'runc']] : [[]];
    const networks = [[], ['--network', 'host']];
    const ulimits = [[], ['--ulimit', `nofile=${nofile}:${nofile}`, '--ulimit', 'nproc=4096:4096']];
    for (const global of runtimes)
      for (const network of networks)
        for (const ulimit of ulimits) {
          const container = [...network, ...ulimit];
          const r = run(engine, [...global, 'run', '--rm', ...container, PROBE_TAG, '/usr/bin/true'], {
            timeout: 60_000,
          });
          if (r.status === 0) return { engine, global, container, hostNetwork: network.length > 0, reasons };
          reasons.push(
            `${engine} ${[...global, 'run', ...container].join(' ')}: ${(r.stderr || r.stdout || String(r.error)).trim()}`,
          );
        }
  }
  return { engine: null, reasons };
}

/** The mirror apt uses (deb822 `URIs:` or a `deb` line), else Debian's. */
function debianMirror() {
  const files = [
    '/etc/apt/sources.list',
    ...listDir('/etc/apt/sources.list.d').map((f) => `/etc/apt/sources.list.d/${f}`),
  ];
  for (const file of files.filter((f) => /\.(list|sources)$/.test(f) && existsSync(f))) {
    const text = readFileSync(file, 'utf8');
    const m = /^URIs:\s*(\S+\/debian)\s*$/m.exec(text) ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\s+/m.exec(text);
    if (m) return m[1];
  }
  return 'http://deb.debian.org/debian';
}

function listDir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The local base image: Debian bookworm (debootstrap) + this machine's Node.js. */
function buildBase(engine, global) {
  if (run(engine, [...global, 'image', 'inspect', BASE_TAG], { stdio: 'ignore' }).status === 0) {
    log(`base image ${BASE_TAG} exists (remove it to make it again)`);
    return;
  }
  if (!has('debootstrap'))
    throw new Error('debootstrap is not installed (apt-get install debootstrap), and NODE_IMAGE is not set');
  const rootfs = join(CACHE, 'rootfs');
  if (!existsSync(join(rootfs, 'etc/debian_version'))) {
    rmSync(rootfs, { recursive: true, force: true });
    mkdirSync(CACHE, { recursive: true });
    const mirror = debianMirror();
    log(`debootstrap bookworm from ${mirror} into ${rootfs} (a few minutes, once)`);
    must('debootstrap', ['--variant=minbase', 'bookworm', rootfs, mirror]);
    // Downloaded packages and package lists: the image's build runs apt-get update itself.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      rmSync(join(rootfs, dir), { recursive: true, force: true });
      mkdirSync(join(rootfs, dir, 'partial'), { recursive: true });
    }
  }
  // This machine's Node.js, from its install prefix (…/bin/node → …).
  const node = realpathSync(process.execPath);
  const prefix = dirname(dirname(node));
  log(`Node.js ${process.version} from ${prefix}`);
  cpSync(node, join(rootfs, 'usr/bin/node'));
  for (const part of ['lib/node_modules/npm', 'lib/node_modules/corepack', 'include/node']) {
    if (existsSync(join(prefix, part)))
      cpSync(join(prefix, part), join(rootfs, 'usr', part), { recursive: true, verbatimSymlinks: true });
  }
  must('ln', ['-sf', '../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/bin/npm')]);
  must('ln', ['-sf', '../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/bin/npx')]);
  // This machine's certificate authorities (a proxy that intercepts TLS signs with its own).
  if (existsSync('/usr/local/share/ca-certificates'))
    cpSync('/usr/local/share/ca-certificates', join(rootfs, 'usr/local/share/ca-certificates'), { recursive: true });
  if (existsSync('/etc/ssl/certs/ca-certificates.crt')) {
    mkdirSync(join(rootfs, 'etc/ssl/certs'), { recursive: true });
    cpSync('/etc/ssl/certs/ca-certificates.crt', join(rootfs, 'etc/ssl/certs/ca-certificates.crt'));
  }
  const tar = run('tar', ['-C', rootfs, '-c', '.'], { encoding: 'buffer', maxBuffer: 2 * 1024 * 1024 * 1024 });
  if (tar.status !== 0) throw new Error(`tar of ${rootfs} failed`);
  must(
    engine,
    [
      ...global,
      'import',
      '--change',
      'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
      '--change',
      'ENV npm_config_nodedir=/usr',
      '--change',
      'CMD ["node"]',
      '-',
      BASE_TAG,
    ],
    { input: tar.stdout, quiet: true },
  );
  log(`imported ${BASE_TAG}`);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, check, ms) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(`${what} within ${ms / 1000} s${last ? ` (last error: ${last.message})` : ''}`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  const probeOnly = process.argv.includes('--probe');
  const found = findEngine();
  if (!found.engine) {
    console.log('test-container: no container engine can start a container here:');
    for (const reason of found.reasons) console.log(`  - ${reason.replace(/\n/g, '\n    ')}`);
    process.exit(3);
  }
  const { engine, global, container, hostNetwork } = found;
  log(`${engine} starts containers with: ${[...global, 'run', ...container].join(' ')}`);
  if (probeOnly) return;

  const nodeImage = process.env.NODE_IMAGE;
  if (!nodeImage) buildBase(engine, global);
  log(`building ${IMAGE_TAG} from the Dockerfile on ${nodeImage ?? BASE_TAG}`);
  must(
    engine,
    [
      ...global,
      'build',
      ...(engine === 'podman' ? ['--format', 'docker'] : []),
      ...container,
      '--build-arg',
      `NODE_IMAGE=${nodeImage ?? BASE_TAG}`,
      '-t',
      IMAGE_TAG,
      '.',
    ],
    { cwd: ROOT },
  );
  // The image this build replaced (untagged now); the build stages stay, as the next build's cache.
  run(
    engine,
    [...global, 'image', 'prune', '-f', '--filter', 'label=org.opencontainers.image.title=comment-box-server'],
    {
      stdio: 'ignore',
    },
  );

  const version = JSON.parse(readFileSync(join(ROOT, 'server/package.json'), 'utf8')).version;
  const printed = must(engine, [...global, 'run', '--rm', ...container, IMAGE_TAG, '--version'], {
    quiet: true,
  }).trim();
  assert(printed === version, `--version printed "${printed}", not ${version}`);
  log(`--version: ${printed}`);

  const id = `${process.pid}-${Date.now().toString(36)}`;
  const volume = `comment-box-test-${id}`;
  const names = [];
  const cleanup = () => {
    for (const name of names) run(engine, [...global, 'rm', '-f', name], { stdio: 'ignore' });
    run(engine, [...global, 'volume', 'rm', '-f', volume], { stdio: 'ignore' });
  };
  process.once('SIGINT', () => (cleanup(), process.exit(130)));
  try {
    must(engine, [...global, 'volume', 'create', volume], { quiet: true });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    /** Starts a container of the image on the volume; resolves once /readyz answers 200. */
    const start = async (name) => {
      names.push(name);
      const network = hostNetwork ? ['-e', `PORT=${port}`] : ['-p', `127.0.0.1:${port}:8787`];
      must(
        engine,
        [
          ...global,
          'run',
          '-d',
          '--name',
          name,
          ...container,
          ...network,
          '-v',
          `${volume}:/data`,
          '-e',
          `COMMENT_BOX_ADMIN_TOKEN=${ADMIN_TOKEN}`,
          '-e',
          'COMMENT_BOX_MODERATION=none',
          '-e',
          'COMMENT_BOX_MIN_SUBMIT_MS=0',
          '-e',
          `COMMENT_BOX_ALLOWED_ORIGINS=${SITE}`,
          '--health-interval',
          '2s',
          IMAGE_TAG,
        ],
        { quiet: true },
      );
      const t0 = Date.now();
      await until(`${name}: /readyz 200`, async () => (await fetch(`${base}/readyz`)).status === 200, 60_000);
      log(`${name}: ready after ${Date.now() - t0} ms`);
      // The image's own HEALTHCHECK (a node one-liner against /readyz).
      if (engine === 'podman') {
        const health = run(engine, [...global, 'healthcheck', 'run', name]);
        assert(health.status === 0, `HEALTHCHECK failed: ${health.stdout}${health.stderr}`);
      } else {
        await until(
          `${name}: healthy`,
          () =>
            must(engine, ['inspect', '--format', '{{.State.Health.Status}}', name], { quiet: true }).trim() ===
            'healthy',
          30_000,
        );
      }
      log(`${name}: HEALTHCHECK passes`);
    };
    /** Sends SIGTERM (`stop`) and returns the exit code and the time it took. */
    const stop = (name) => {
      const t0 = Date.now();
      must(engine, [...global, 'stop', '-t', '10', name], { quiet: true });
      const ms = Date.now() - t0;
      const code = Number(
        must(engine, [...global, 'inspect', '--format', '{{.State.ExitCode}}', name], { quiet: true }).trim(),
      );
      return { code, ms };
    };

    await start(`comment-box-test-a-${id}`);
    const uid = must(
      engine,
      [...global, 'exec', names[0], 'node', '-e', 'process.stdout.write(String(process.getuid()))'],
      {
        quiet: true,
      },
    ).trim();
    assert(uid !== '0', 'the server runs as root');
    log(`runs as uid ${uid}`);
    const healthz = await fetch(`${base}/healthz`);
    assert(healthz.status === 200, `/healthz ${healthz.status}`);

    const email = `container-${id}@mail.example`;
    const content = `Survives a restart ${id}`;
    const thread = '/blog/container-test/';
    const post = (origin) =>
      fetch(`${base}/api/threads/${encodeURIComponent(thread)}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify({ content, name: 'Ada', email, url: '', _hp: '', _t: 5000 }),
      });
    // From a page of the allowed site (COMMENT_BOX_ALLOWED_ORIGINS), as a browser sends it.
    const posted = await post(SITE);
    const created = await posted.json();
    assert(posted.status === 201, `post: ${posted.status} ${JSON.stringify(created)}`);
    assert(posted.headers.get('access-control-allow-origin') === SITE, 'no CORS header for the allowed site');
    log(`posted comment ${created.comment.id} from ${SITE}`);
    const refused = await post('https://elsewhere.example');
    assert(refused.status === 403, `a post from another origin: ${refused.status}`);

    const first = stop(names[0]);
    assert(first.code === 0, `exit code ${first.code} after SIGTERM`);
    assert(first.ms < 5_000, `stopped in ${first.ms} ms`);
    log(`SIGTERM: exit 0 in ${first.ms} ms`);
    const logs = must(engine, [...global, 'logs', names[0]], { quiet: true, stdio: 'pipe' });
    const requestLine = logs.split('\n').find((l) => l.includes('"msg":"request"') && l.includes('"method":"POST"'));
    assert(requestLine, `no JSON request line for the post in the log:\n${logs}`);
    assert(!logs.includes(email) && !logs.includes(content), 'the log holds the email or the text');
    log(`request log: ${requestLine}`);

    await start(`comment-box-test-b-${id}`);
    const listed = await (await fetch(`${base}/api/threads/${encodeURIComponent(thread)}/comments`)).json();
    assert(
      listed.comments.some((c) => c.id === created.comment.id && c.content === content),
      `the comment is not there after the restart: ${JSON.stringify(listed)}`,
    );
    log('the comment is there in a new container on the same volume');
    const second = stop(names[1]);
    assert(second.code === 0 && second.ms < 5_000, `second stop: exit ${second.code} in ${second.ms} ms`);
    log(`SIGTERM: exit 0 in ${second.ms} ms`);
  } finally {
    cleanup();
  }
  log('passed');
}

main().catch((error) => {
  console.error(`test-container: FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
