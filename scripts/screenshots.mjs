// npm run screenshots: PNGs of the demo in light, dark, Dutch, Arabic and at 320 px, in screenshots/.
// Serves demo/ with Vite (the element compiled from src/, as `npm run dev` does) on a loopback port
// and drives the system Chrome with playwright-core. Usage: node scripts/screenshots.mjs [page.html]
import { mkdirSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_FLAGS, findChrome } from './find-chrome.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'screenshots');
const page = process.argv[2] ?? 'threaded.html';

/** The shots: name, color scheme, language (a module in src/i18n/translations/) and viewport width. */
const SHOTS = [
  { name: 'light', scheme: 'light', width: 1024 },
  { name: 'dark', scheme: 'dark', width: 1024 },
  { name: 'dutch', scheme: 'light', lang: 'nl', width: 1024 },
  { name: 'arabic', scheme: 'light', lang: 'ar', width: 1024 },
  { name: 'phone-320', scheme: 'light', width: 320 },
  { name: 'phone-320-dark-arabic', scheme: 'dark', lang: 'ar', width: 320 },
];

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

const port = await freePort();
const server = await createServer({
  configFile: resolve(root, 'vite.config.ts'),
  logLevel: 'warn',
  server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
});
await server.listen();
const base = `http://127.0.0.1:${port}/`;
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_FLAGS, headless: true });
mkdirSync(outDir, { recursive: true });

try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: 800 },
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
    await tab.goto(base + page, { waitUntil: 'networkidle' });
    if (shot.lang) {
      await tab.evaluate(
        async ([file, lang]) => {
          await import(file);
          document.documentElement.lang = lang;
        },
        [`/@fs${resolve(root, 'src/i18n/translations', `${shot.lang}.ts`)}`, shot.lang],
      );
    }
    await tab.waitForFunction(
      () => {
        const el = document.querySelector('comment-box');
        return el?.shadowRoot && !el.shadowRoot.querySelector('[aria-busy="true"]');
      },
      undefined,
      { timeout: 15000 },
    );
    await tab.evaluate(() => document.querySelector('comment-box')?.updateComplete);
    // Comments use content-visibility: auto, so make the viewport as tall as the page (until it stops
    // growing) to have every comment rendered, not only those in the first screen.
    for (let i = 0, height = 0; i < 5; i++) {
      const next = await tab.evaluate(() => document.documentElement.scrollHeight);
      if (next === height) break;
      height = next;
      await tab.setViewportSize({ width: shot.width, height });
      await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    const file = resolve(outDir, `${shot.name}.png`);
    await tab.screenshot({ path: file, fullPage: true });
    console.log(`${file}${errors.length ? `  (page errors: ${errors.join('; ')})` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
