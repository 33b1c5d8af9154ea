/**
 * Files the server serves beside the API: the demo pages (`/`, `/<name>.html`), the element bundle
 * (`/comment-box.js`), `<comment-count>` (`/comment-count.js`) and the moderation page (`/admin`).
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Context, Hono } from 'hono';
import type { ServerConfig } from '../config.js';
import { sha256 } from '../store/ids.js';
import { etagOf, noneMatch } from './etag.js';

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

/** Resolves packages as the `comment-box` package sees them (Lit is its dependency, not ours). */
const elementRequire = (() => {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve('comment-box/package.json'));
})();

/** The element package's `dist/`: the bundle, its lazy chunks and the moderation page's script. */
export function defaultDistDir(): string {
  return join(dirname(elementRequire.resolve('./package.json')), 'dist');
}

/**
 * The directory of a package the element depends on, or null when it is not installed: Node's own
 * lookup (the `node_modules` folders from the element's package upwards). Lit's packages do not
 * export `package.json`, so it is found by path, not resolved.
 */
function packageDir(name: string): string | null {
  const dir = (elementRequire.resolve.paths(name) ?? [])
    .map((p) => join(p, name))
    .find((d) => existsSync(join(d, 'package.json')));
  return dir ?? null;
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
<meta name="color-scheme" content="light dark">
<title>Comments: moderation</title>
<script type="importmap">${IMPORT_MAP}</script>
<script type="module" src="/admin/admin-page.js"></script>
<style>body{margin:0}</style>
</head>
<body>
<comment-admin></comment-admin>
</body>
</html>
`;

const ADMIN_CSP = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${sha256(IMPORT_MAP, 'base64')}'`,
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Chunk names with a content hash (`markdown-D5TBEd0P.js`): their bytes never change. */
const HASHED = /-[A-Za-z0-9_-]{8}\.js$/;

/** Precompressed variants `npm run build` writes beside each script, in order of preference. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings `Accept-Encoding` accepts (a `q=0` refuses one). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * Serves `file` if it is inside `root`, is a file, and has a known type. Scripts go out
 * precompressed when the client accepts brotli or gzip and `npm run build` made the variant; every
 * answer has a validator (ETag, 304 on a match); hashed chunks are `immutable`, everything else is
 * revalidated each time. Scripts may be loaded by pages of any origin (CORS): the element is meant
 * to be embedded.
 */
async function sendFile(c: Context, root: string, relative: string): Promise<Response> {
  const base = resolve(root);
  const file = resolve(base, relative);
  const type = TYPES[extname(file)];
  if (!type || !file.startsWith(base + sep)) return c.text('Not found', 404);
  try {
    if (!statSync(file).isFile()) return c.text('Not found', 404);
  } catch {
    return c.text('Not found', 404);
  }
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  let data: Buffer | undefined;
  if (type.startsWith('text/javascript')) {
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
    headers['Vary'] = 'Accept-Encoding';
    const accepted = acceptedEncodings(c.req.header('Accept-Encoding'));
    for (const encoding of ENCODINGS) {
      if (!accepted.has(encoding.name)) continue;
      data = await readFile(file + encoding.suffix).catch(() => undefined);
      if (data) {
        headers['Content-Encoding'] = encoding.name;
        break;
      }
    }
  }
  try {
    data ??= await readFile(file);
  } catch {
    return c.text('Not found', 404);
  }
  headers['ETag'] = etagOf(data);
  if (noneMatch(c.req.header('If-None-Match'), headers['ETag'])) {
    delete headers['Content-Type'];
    delete headers['Content-Encoding'];
    return c.body(null, 304, headers);
  }
  return c.body(new Uint8Array(data), 200, headers);
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
  // The desk's modules (admin-page.js and what it imports), as tsc wrote them.
  app.get('/admin/:file{[a-z][a-z.-]*\\.js}', (c) => sendFile(c, join(dist, 'admin'), c.req.param('file')));
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
