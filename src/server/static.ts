/**
 * Files the server serves beside the API: the demo pages (`/`, `/<name>.html`), the element bundle
 * (`/comment-box.js`), `<comment-count>` (`/comment-count.js`) and the moderation page (`/admin`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import type { ServerConfig } from './config.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/** The package's `dist/` directory: where this file is when built (dist/server/), else ./dist. */
export function defaultDistDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = resolve(here, '..');
  return existsSync(join(built, 'bundle', 'comment-box.js')) ? built : resolve('dist');
}

/** The directory of an installed package, looked up from this file upwards. */
function packageDir(name: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'node_modules', name), join(dir, 'node_modules', 'lit', 'node_modules', name)]) {
      if (existsSync(join(candidate, 'package.json'))) return candidate;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

const LIT_PACKAGES = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'] as const;

const IMPORT_MAP = JSON.stringify({
  imports: {
    lit: '/admin/vendor/lit/index.js',
    'lit/': '/admin/vendor/lit/',
    'lit-html': '/admin/vendor/lit-html/lit-html.js',
    'lit-html/': '/admin/vendor/lit-html/',
    'lit-element/': '/admin/vendor/lit-element/',
    '@lit/reactive-element': '/admin/vendor/@lit/reactive-element/reactive-element.js',
    '@lit/reactive-element/': '/admin/vendor/@lit/reactive-element/',
  },
});

const ADMIN_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Comments: moderation</title>
<script type="importmap">${IMPORT_MAP}</script>
<script type="module" src="/admin/admin-page.js"></script>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem}</style>
</head>
<body>
<h1>Comments: moderation</h1>
<comment-admin></comment-admin>
</body>
</html>
`;

const ADMIN_CSP = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${createHash('sha256').update(IMPORT_MAP).digest('base64')}'`,
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Reads `file` if it is inside `root`, is a file, and has a known type. */
async function sendFile(c: Context, root: string, relative: string): Promise<Response> {
  const base = resolve(root);
  const file = resolve(base, relative);
  const type = TYPES[extname(file)];
  if (!type || !file.startsWith(base + sep)) return c.text('Not found', 404);
  try {
    if (!statSync(file).isFile()) return c.text('Not found', 404);
    const data = await readFile(file);
    return c.body(data, 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  } catch {
    return c.text('Not found', 404);
  }
}

const FALLBACK_INDEX = `<!doctype html><html lang="en"><meta charset="utf-8"><title>comment-box server</title>
<p>The comment-box server is running. The API is under <code>/api/</code>; moderation is at <a href="/admin">/admin</a>.</p>`;

export function staticRoutes(app: Hono, config: ServerConfig): void {
  const dist = config.distDir || defaultDistDir();
  const demo = config.demoDir;
  const vendor = new Map<string, string>();
  for (const name of LIT_PACKAGES) {
    const dir = packageDir(name);
    if (dir) vendor.set(name, dir);
  }

  app.get('/', async (c) => {
    if (demo && existsSync(join(demo, 'index.html'))) return sendFile(c, demo, 'index.html');
    return c.html(FALLBACK_INDEX);
  });
  app.get('/comment-count.js', (c) => sendFile(c, dist, 'comment-count.js'));
  app.get('/admin', (c) => {
    c.header('Content-Security-Policy', ADMIN_CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(ADMIN_HTML);
  });
  app.get('/admin/admin-page.js', (c) => sendFile(c, join(dist, 'admin'), 'admin-page.js'));
  app.get('/admin/vendor/*', async (c) => {
    const rest = c.req.path.slice('/admin/vendor/'.length);
    const name = LIT_PACKAGES.find((p) => rest.startsWith(`${p}/`));
    const dir = name && vendor.get(name);
    if (!name || !dir || !rest.endsWith('.js')) return c.text('Not found', 404);
    return sendFile(c, dir, rest.slice(name.length + 1));
  });
  // Demo files (one level), then the bundle and its lazy modules (/comment-box.js, /translations/…).
  app.get('*', async (c) => {
    const parts = c.req.path.split('/').slice(1);
    if (!parts.every((p) => /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(p))) return c.text('Not found', 404);
    const relative = parts.join('/');
    if (demo && parts.length === 1 && existsSync(join(demo, relative))) return sendFile(c, demo, relative);
    return sendFile(c, join(dist, 'bundle'), relative);
  });
}

/** True when the element bundle has been built (`npm run build`). */
export function bundleBuilt(distDir: string): boolean {
  return existsSync(join(distDir, 'bundle', 'comment-box.js')) && readFileSync(join(distDir, 'bundle', 'comment-box.js')).length > 0;
}
