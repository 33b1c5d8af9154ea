// Render benchmark: <comment-box> against a bare Lit list rendering the same DOM, in headless Chromium.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROME_FLAGS, findChrome } from '../scripts/find-chrome.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

/** Cases: comment count and the page size the element is given (null: its default, so it pages). */
export const RENDER_CASES = [
  { n: 100, pageSize: 100 },
  { n: 1000, pageSize: 1000 },
  { n: 10000, pageSize: null },
];

function serve(routes) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title><body></body></html>');
      return;
    }
    for (const [prefix, dir] of routes) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = normalize(join(dir, url.pathname.slice(prefix.length)));
      if (!file.startsWith(dir)) break;
      try {
        const body = readFileSync(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Runs in the page: renders one case and measures it. */
async function measureInPage({ variant, n, pageSize, defaultPageSize }) {
  const { generateComments, firstPage } = await import('/fixtures.js');
  const comments = generateComments(n);
  // Kept alive in both variants, so the heap figures hold the same data.
  window.__fixture = comments;
  let setup;
  if (variant === 'element') {
    // The script-tag entry is a loader: load() brings the element and its API at once.
    const mod = await (await import('/bundle/comment-box.js')).load();
    const adapter = mod.createMemoryAdapter({ threads: { t: comments } });
    setup = () => {
      const el = document.createElement('comment-box');
      el.setAttribute('thread-id', 't');
      if (pageSize !== null) el.setAttribute('page-size', String(pageSize));
      el.adapter = adapter;
      const loaded = new Promise((ok, fail) => {
        el.addEventListener('comment-box-load', ok, { once: true });
        el.addEventListener('comment-box-error', (e) => fail(new Error(`comment-box-error: ${e.error?.message}`)), {
          once: true,
        });
      });
      document.body.append(el);
      return loaded.then(() => el.updateComplete).then(() => el);
    };
  } else {
    await import('/reference.js');
    // The same comments the element shows on its first page.
    const shown = pageSize === null ? firstPage(comments, defaultPageSize) : comments;
    setup = async () => {
      const el = document.createElement('reference-list');
      el.comments = shown;
      document.body.append(el);
      await el.updateComplete;
      return el;
    };
  }
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  await frame();
  await frame();
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  const el = await setup();
  // The first frame painted with the comments: the rAF after the render, then the task after it.
  await new Promise((ok) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => ok();
      channel.port2.postMessage(null);
    }),
  );
  const t1 = performance.now();
  await new Promise((ok) => setTimeout(ok, 300));
  observer.disconnect();
  const blocking = tasks
    .filter((t) => t.startTime + t.duration >= t0)
    .reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  const root = el.shadowRoot;
  return {
    firstFrameMs: t1 - t0,
    tbtMs: blocking,
    longTasks: tasks.length,
    renderedComments: root.querySelectorAll('li.comment').length,
    domNodes: root.querySelectorAll('*').length,
  };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/**
 * Renders every case `runs` times per variant, each run in a fresh page, alternating variants.
 * Returns per case and variant: first frame, total blocking time and JS heap (used, after GC).
 */
export async function runRenderBench({ runs = 5, bundleDir = join(ROOT, 'dist/bundle'), log = console.error } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'comment-box-bench-'));
  const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });
  const server = await serve([
    ['/bundle/', resolve(bundleDir)],
    ['/fixtures.js', join(ROOT, 'bench/fixtures.js')],
    ['/reference.js', join(tmp, 'reference.js')],
  ]);
  try {
    await build({
      entryPoints: [join(ROOT, 'bench/reference-list.ts')],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outfile: join(tmp, 'reference.js'),
      logLevel: 'error',
    });
    const base = `http://127.0.0.1:${server.address().port}/`;
    const version = browser.version();
    // The element's default page size, for the reference's copy of a paged first page.
    const probe = await browser.newPage();
    await probe.goto(base);
    const defaultPageSize = await probe.evaluate(async () => {
      await (await import('/bundle/comment-box.js')).load();
      return document.createElement('comment-box').pageSize;
    });
    await probe.close();
    const results = [];
    for (const c of RENDER_CASES) {
      const samples = { element: [], reference: [] };
      for (let run = 0; run < runs; run++) {
        for (const variant of run % 2 ? ['reference', 'element'] : ['element', 'reference']) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          try {
            await page.goto(base);
            const cdp = await context.newCDPSession(page);
            await cdp.send('Performance.enable');
            const m = await page.evaluate(measureInPage, { variant, n: c.n, pageSize: c.pageSize, defaultPageSize });
            await cdp.send('HeapProfiler.collectGarbage');
            const { metrics } = await cdp.send('Performance.getMetrics');
            m.heapBytes = metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? NaN;
            samples[variant].push(m);
          } finally {
            await context.close();
          }
        }
      }
      const summary = {};
      for (const v of ['element', 'reference']) {
        const s = samples[v];
        summary[v] = {
          firstFrameMs: stats(s.map((x) => x.firstFrameMs)),
          tbtMs: stats(s.map((x) => x.tbtMs)),
          heapBytes: stats(s.map((x) => x.heapBytes)),
          renderedComments: s[0].renderedComments,
          domNodes: s[0].domNodes,
        };
      }
      const row = {
        comments: c.n,
        pageSize: c.pageSize,
        ...summary,
        ratio: {
          firstFrame: summary.element.firstFrameMs.median / summary.reference.firstFrameMs.median,
          heap: summary.element.heapBytes.median / summary.reference.heapBytes.median,
        },
      };
      log(
        `render ${c.n}: element ${row.element.firstFrameMs.median.toFixed(1)} ms, reference ${row.reference.firstFrameMs.median.toFixed(1)} ms ` +
          `(${row.ratio.firstFrame.toFixed(2)}×), ${row.element.renderedComments}/${row.reference.renderedComments} comments shown`,
      );
      results.push(row);
    }
    return { chromium: version, runs, cases: results };
  } finally {
    server.close();
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runRenderBench({ runs: Number(process.env.BENCH_RUNS ?? 3) });
  console.log(JSON.stringify(out, null, 2));
}
