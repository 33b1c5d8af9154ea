// A real WordPress for comment-box's tests: Debian's `wordpress` package, MariaDB, PHP's built-in server.
//
//   node scripts/wordpress/setup.mjs            set up (idempotent) and serve on 127.0.0.1:8787 until stopped
//   node scripts/wordpress/setup.mjs start      set up and start the server in the background, print JSON
//   node scripts/wordpress/setup.mjs stop       stop the background server (its whole process group)
//   node scripts/wordpress/setup.mjs check      say whether PHP, MariaDB and WordPress are available
//   options: --port N (default 8787; env WP_PORT)
//
// Installs no packages: `.ci/run` does (see docs/wordpress.md). MariaDB is reached at WP_DB_HOST
// (default 127.0.0.1:3306) as WP_DB_ROOT_USER (default root) with WP_DB_ROOT_PASSWORD (default empty).
// Writes /etc/wordpress/config-127.0.0.1.php and config-localhost.php (only files it wrote before).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const WP_ROOT = '/usr/share/wordpress';
const CONFIG_DIR = '/etc/wordpress';
const MARKER = '// Written by comment-box scripts/wordpress/setup.mjs';
const STATE_DIR = join(tmpdir(), 'comment-box-wordpress');
const DB = {
  host: process.env.WP_DB_HOST ?? '127.0.0.1:3306',
  rootUser: process.env.WP_DB_ROOT_USER ?? 'root',
  rootPassword: process.env.WP_DB_ROOT_PASSWORD ?? '',
  name: 'comment_box_wp',
  user: 'comment_box_wp',
  password: 'comment-box-wp-tests',
};
const ADMIN_PASSWORD = 'comment-box-admin-tests';

/** Why WordPress cannot be set up here, or null when it can. */
export async function unavailableReason() {
  if (spawnSync('php', ['-r', 'exit(extension_loaded("mysqli") ? 0 : 3);']).status !== 0) {
    return 'PHP with mysqli is not installed (apt-get install php-cli php-mysql)';
  }
  if (!existsSync(join(WP_ROOT, 'wp-load.php')))
    return `WordPress is not installed in ${WP_ROOT} (apt-get install wordpress)`;
  const [host, port = '3306'] = DB.host.split(':');
  const reachable = await new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const socket = connect({ host, port: Number(port) });
      socket.setTimeout(2000);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => (socket.destroy(), resolve(false)));
    });
  });
  if (!reachable) return `MariaDB is not reachable at ${DB.host}`;
  return null;
}

function configFile() {
  return `<?php
${MARKER} for tests. Overwritten on each setup.
define('DB_NAME', ${JSON.stringify(DB.name)});
define('DB_USER', ${JSON.stringify(DB.user)});
define('DB_PASSWORD', ${JSON.stringify(DB.password)});
define('DB_HOST', ${JSON.stringify(DB.host)});
define('DB_CHARSET', 'utf8mb4');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('WPMU_PLUGIN_DIR', ${JSON.stringify(join(HERE, 'mu-plugins'))});
$comment_box_host = 'http://' . preg_replace('/[^a-zA-Z0-9.:\\-\\[\\]]/', '', $_SERVER['HTTP_HOST'] ?? '127.0.0.1');
define('WP_HOME', $comment_box_host);
define('WP_SITEURL', $comment_box_host);
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
define('AUTH_KEY', 'comment-box-tests-auth');
define('SECURE_AUTH_KEY', 'comment-box-tests-secure-auth');
define('LOGGED_IN_KEY', 'comment-box-tests-logged-in');
define('NONCE_KEY', 'comment-box-tests-nonce');
define('AUTH_SALT', 'comment-box-tests-auth-salt');
define('SECURE_AUTH_SALT', 'comment-box-tests-secure-auth-salt');
define('LOGGED_IN_SALT', 'comment-box-tests-logged-in-salt');
define('NONCE_SALT', 'comment-box-tests-nonce-salt');
`;
}

function writeConfig() {
  const text = configFile();
  for (const host of ['127.0.0.1', 'localhost']) {
    const path = join(CONFIG_DIR, `config-${host}.php`);
    if (existsSync(path)) {
      const current = readFileSync(path, 'utf8');
      if (current === text) continue;
      if (!current.includes(MARKER)) {
        throw new Error(`${path} exists and was not written by this script; refusing to overwrite it.`);
      }
    }
    mkdirSync(CONFIG_DIR, { recursive: true });
    writeFileSync(path, text, { mode: 0o640 });
  }
}

/** Sets up the database, configuration and WordPress. Idempotent. Returns the admin credentials. */
export function setupWordPress() {
  writeConfig();
  const args = {
    dbHost: DB.host,
    rootUser: DB.rootUser,
    rootPassword: DB.rootPassword,
    dbName: DB.name,
    dbUser: DB.user,
    dbPassword: DB.password,
    adminPassword: ADMIN_PASSWORD,
  };
  const r = spawnSync('php', [join(HERE, 'install.php'), JSON.stringify(args)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`WordPress install failed (${r.status}): ${r.stderr}${r.stdout}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const out = JSON.parse(line);
  return { user: out.user, appPassword: out.appPassword, adminPassword: ADMIN_PASSWORD };
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child) {
  const deadline = Date.now() + 15000;
  let lastError;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`php -S exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/?rest_route=/`);
      if (res.ok) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WordPress did not answer at ${url}: ${lastError}`);
}

/**
 * Starts `php -S 127.0.0.1:port` in its own process group (workers included).
 * Returns `{ url, pid, stop }`; `stop()` kills the whole group.
 */
export async function startServer(port, { detached = true } = {}) {
  const child = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', WP_ROOT], {
    detached: true, // a new session and process group (setsid)
    stdio: 'ignore',
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: process.env.PHP_CLI_SERVER_WORKERS ?? '4' },
  });
  if (detached) child.unref();
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child.pid);
  try {
    await waitReady(url, child);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, pid: child.pid, stop };
}

function stopGroup(pid) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/** Sets up WordPress and starts a server on a free (or given) port. For tests. */
export async function startWordPress({ port } = {}) {
  const credentials = setupWordPress();
  const server = await startServer(port ?? (await freePort()));
  return { ...server, ...credentials };
}

const statePath = (port) => join(STATE_DIR, `server-${port}.json`);

async function main() {
  const argv = process.argv.slice(2);
  const portIndex = argv.indexOf('--port');
  const port = Number(portIndex >= 0 ? argv[portIndex + 1] : (process.env.WP_PORT ?? 8787));
  const command = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--port') ?? 'serve';
  if (command === 'check') {
    const reason = await unavailableReason();
    console.log(reason ?? 'PHP, MariaDB and WordPress are available.');
    process.exit(reason ? 1 : 0);
  }
  if (command === 'stop') {
    if (!existsSync(statePath(port))) return console.log(`No server recorded on port ${port}.`);
    stopGroup(JSON.parse(readFileSync(statePath(port), 'utf8')).pid);
    rmSync(statePath(port), { force: true });
    return console.log(`Stopped WordPress on port ${port}.`);
  }
  const reason = await unavailableReason();
  if (reason) {
    console.error(`Cannot set up WordPress: ${reason}.`);
    process.exit(1);
  }
  const started = Date.now();
  const credentials = setupWordPress();
  console.error(`WordPress set up in ${Date.now() - started} ms.`);
  if (command === 'setup') return console.log(JSON.stringify(credentials));
  if (command === 'start') {
    const server = await startServer(port);
    mkdirSync(STATE_DIR, { recursive: true });
    writeFileSync(statePath(port), JSON.stringify({ pid: server.pid, url: server.url }));
    return console.log(JSON.stringify({ url: server.url, pid: server.pid, ...credentials }));
  }
  const server = await startServer(port, { detached: false });
  console.log(`WordPress serving at ${server.url} (admin / ${credentials.adminPassword}). Ctrl-C stops it.`);
  const stop = () => (server.stop(), process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
