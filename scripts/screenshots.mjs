// npm run screenshots: the default look, in light, dark, right-to-left (Arabic) and at 320 px, inside a
// plain page (demo/threaded.html, the element compiled from src/ by Vite, as `npm run dev` does) and
// inside a real WordPress block theme (Twenty Twenty-Three, the bundle built from src/ into a temporary
// directory and served on a loopback port). Viewport-sized PNGs of the comments area go to
// docs/screenshots/ (shown in docs/look.md), reduced to 256 colors when pngquant is installed.
//
// The WordPress shots need what `npm run wordpress:setup` needs (PHP, MariaDB, Debian's `wordpress`)
// and Debian's `wordpress-theme-twentytwentythree`; without them they are skipped with a notice.
// scripts/wordpress/look.php activates the theme and (re)creates the post; the must-use plugin
// scripts/wordpress/mu-plugins/comment-box-look.php puts the element under it.
// The presets of README's Theming section (demo/presets.html) are shot in light at 1024 px.
// Usage: node scripts/screenshots.mjs [--plain] [--presets] [--wordpress]   (all by default)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_FLAGS, findChrome } from './find-chrome.mjs';
import { buildBundle } from './size-check.mjs';
import { freePort, setupWordPress, startServer, unavailableReason } from './wordpress/setup.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'docs/screenshots');
const args = process.argv.slice(2);
const only = args.filter((a) => ['--plain', '--presets', '--wordpress'].includes(a));
const want = (what) => only.length === 0 || only.includes(`--${what}`);

/** The shots of each page: name, color scheme, right-to-left (Arabic) and viewport. */
const SHOTS = [
  { name: 'light', scheme: 'light', width: 1024, height: 860 },
  { name: 'dark', scheme: 'dark', width: 1024, height: 860 },
  { name: 'rtl', scheme: 'light', rtl: true, width: 1024, height: 860 },
  { name: '320', scheme: 'light', width: 320, height: 760 },
  // The form at the end, in light.
  { name: 'form', scheme: 'light', width: 1024, height: 940, part: 'respond' },
];

/** Shrinks a PNG to at most 256 colors in place, when pngquant is installed (text stays sharp). */
function optimize(file) {
  const r = spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--output', file, '256', file], {
    stdio: 'ignore',
  });
  // 98: the result would be larger (kept as it was); 99: quality not reached (never asked for).
  return r.status === 0 || r.status === 98;
}

/**
 * Takes every shot of one page. `open(tab, shot)` navigates (and switches to Arabic for `rtl`); the
 * shot is the viewport, scrolled so that the element starts a little below its top (or its `part` ends
 * a little above its bottom).
 */
async function shoot(browser, prefix, open, shots = SHOTS) {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      colorScheme: shot.scheme,
      deviceScaleFactor: 1,
    });
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on(
      'console',
      (m) => m.type() === 'error' && !m.location().url.endsWith('favicon.ico') && errors.push(m.text()),
    );
    try {
      await open(tab, shot);
      await tab.waitForFunction(
        () => {
          const root = document.querySelector('comment-box')?.shadowRoot;
          return root && !root.querySelector('[aria-busy="true"]') && root.querySelector('[part="comment"]');
        },
        undefined,
        { timeout: 20000 },
      );
      await tab.evaluate(async (part) => {
        const el = document.querySelector('comment-box');
        await el.updateComplete;
        await document.fonts.ready;
        // Twice: comments that come into view lay out at their real height (content-visibility) and
        // move what is below them.
        for (let i = 0; i < 2; i++) {
          if (part) el.shadowRoot.querySelector(`[part~="${part}"]`).scrollIntoView({ block: 'end' });
          else el.scrollIntoView({ block: 'start' });
          window.scrollBy(0, part ? 32 : -72);
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        }
      }, shot.part);
      const file = resolve(outDir, `${prefix}-${shot.name}.png`);
      await tab.screenshot({ path: file });
      const small = optimize(file) ? '' : ' (not optimized: pngquant not found)';
      console.log(`${file}${small}${errors.length ? `  (page errors: ${errors.join('; ')})` : ''}`);
    } finally {
      await context.close();
    }
  }
}

/** The demo's seeded thread (and its presets), served by Vite from src/. */
async function plain(browser, { page = true, presets = true } = {}) {
  const port = await freePort();
  const server = await createServer({
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
  });
  await server.listen();
  try {
    if (presets) {
      for (const preset of ['cards', 'compact']) {
        await shoot(
          browser,
          'preset',
          (tab) => tab.goto(`http://127.0.0.1:${port}/presets.html?preset=${preset}`, { waitUntil: 'networkidle' }),
          [{ ...SHOTS[0], name: preset }],
        );
      }
    }
    if (page)
      await shoot(browser, 'plain', async (tab, shot) => {
        await tab.goto(`http://127.0.0.1:${port}/threaded.html`, { waitUntil: 'networkidle' });
        if (shot.rtl) {
          await tab.evaluate(
            async (file) => {
              await import(file);
              document.documentElement.lang = 'ar';
              document.documentElement.dir = 'rtl';
            },
            `/@fs${resolve(root, 'src/i18n/translations/ar.ts')}`,
          );
        }
      });
  } finally {
    await server.close();
  }
}

const TYPES = { '.js': 'text/javascript', '.map': 'application/json' };

/** Serves `dir` on a loopback port, readable by pages of any origin (module scripts need CORS). */
async function serveStatic(dir) {
  const port = await freePort();
  const server = createHttpServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!path.startsWith(dir) || !existsSync(path) || !extname(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'access-control-allow-origin': '*',
    });
    res.end(readFileSync(path));
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** A post in Twenty Twenty-Three on a real WordPress, with the element from the built bundle. */
async function wordpress(browser) {
  const reason = await unavailableReason();
  if (reason) return console.warn(`WordPress shots skipped: ${reason} (see docs/wordpress.md).`);
  const bundleDir = mkdtempSync(join(tmpdir(), 'comment-box-shots-'));
  let wp;
  let bundle;
  try {
    buildBundle(bundleDir);
    bundle = await serveStatic(bundleDir);
    setupWordPress();
    const look = spawnSync('php', [resolve(root, 'scripts/wordpress/look.php')], { encoding: 'utf8' });
    if (look.status !== 0) return console.warn(`WordPress shots skipped: ${look.stderr.trim() || look.stdout}`);
    const post = JSON.parse(look.stdout.trim().split('\n').pop());
    wp = await startServer(await freePort());
    const page = new URL(new URL(post.url).pathname, wp.url);
    page.searchParams.set('comment-box-bundle', bundle.url);
    await shoot(browser, 'wordpress', async (tab, shot) => {
      const url = new URL(page);
      if (shot.rtl) url.searchParams.set('comment-box-lang', 'ar');
      await tab.goto(url.href, { waitUntil: 'networkidle' });
    });
  } finally {
    wp?.stop();
    await bundle?.close();
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_FLAGS, headless: true });
try {
  if (want('plain') || want('presets')) await plain(browser, { page: want('plain'), presets: want('presets') });
  if (want('wordpress')) await wordpress(browser);
} finally {
  await browser.close();
}
