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

/**
 * Cases: comment count, the page size the element is given (in threads; every case shows all its
 * comments on one page, as the reference does), the CPU throttling rates and runs per variant.
 */
export const RENDER_CASES = [
  { n: 100, pageSize: 100, rates: [1, 4] },
  { n: 1000, pageSize: 1000, rates: [1, 4] },
  { n: 10000, pageSize: 10000, rates: [1], runs: 3 },
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

/**
 * Runs in the page: renders one case and measures it, the same way for both variants. From creating
 * the element: the first painted frame (its first render done, then the task after the next
 * requestAnimationFrame) and all painted (the last comment in the DOM, then the task after the
 * next requestAnimationFrame); long tasks from creation until 300 ms after all painted.
 */
async function measureInPage({ variant, n, pageSize }) {
  const { generateComments, firstPage } = await import('/fixtures.js');
  const comments = generateComments(n);
  // Kept alive in both variants, so the heap figures hold the same data.
  window.__fixture = comments;
  // Both variants show every comment; the last one in display order is rendered last.
  const lastId = firstPage(comments, Infinity).at(-1).id;
  let setup;
  if (variant === 'element') {
    // The script-tag entry is a loader: load() brings the element and its API at once.
    const mod = await (await import('/bundle/comment-box.js')).load();
    const adapter = mod.createMemoryAdapter({ threads: { t: comments } });
    setup = () => {
      const el = document.createElement('comment-box');
      el.setAttribute('thread-id', 't');
      el.setAttribute('page-size', String(pageSize));
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
    setup = async () => {
      const el = document.createElement('reference-list');
      el.comments = comments;
      document.body.append(el);
      await el.updateComplete;
      return el;
    };
  }
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  // The task after the next frame: what was rendered before it has been painted.
  const painted = () =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => ok();
        channel.port2.postMessage(null);
      }),
    );
  await frame();
  await frame();
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  const el = await setup();
  await painted();
  const t1 = performance.now();
  // All painted: each frame, look up the last comment (by id, not by counting the DOM).
  const root = el.shadowRoot;
  while (!root.getElementById(`comment-${lastId}`)) await frame();
  await painted();
  const t2 = performance.now();
  await new Promise((ok) => setTimeout(ok, 300));
  observer.disconnect();
  const long = tasks.filter((t) => t.startTime + t.duration >= t0);
  return {
    firstFrameMs: t1 - t0,
    allPaintedMs: t2 - t0,
    tbtMs: long.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    longTasks: long.length,
    longestTaskMs: long.reduce((max, t) => Math.max(max, t.duration), 0),
    renderedComments: root.querySelectorAll('li.comment').length,
    // Every node (elements, text, Lit's comment markers), as the browser holds them.
    domNodes: (() => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
      let count = 0;
      while (walker.nextNode()) count++;
      return count;
    })(),
  };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/**
 * Renders every case `runs` times per variant and CPU rate, each run in a fresh page, alternating
 * variants. Returns per case, rate and variant: first frame, all painted, total blocking time, long
 * tasks, and at CPU ×1 the JS heap (used, after GC, once all is painted) and DOM nodes.
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
    const results = [];
    for (const c of RENDER_CASES) {
      for (const rate of c.rates) {
        const samples = { element: [], reference: [] };
        const caseRuns = Math.min(runs, c.runs ?? runs);
        for (let run = 0; run < caseRuns; run++) {
          for (const variant of run % 2 ? ['reference', 'element'] : ['element', 'reference']) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
            const page = await context.newPage();
            try {
              await page.goto(base);
              const cdp = await context.newCDPSession(page);
              await cdp.send('Performance.enable');
              if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
              const m = await page.evaluate(measureInPage, { variant, n: c.n, pageSize: c.pageSize });
              await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
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
            allPaintedMs: stats(s.map((x) => x.allPaintedMs)),
            tbtMs: stats(s.map((x) => x.tbtMs)),
            longTasks: stats(s.map((x) => x.longTasks)),
            longestTaskMs: stats(s.map((x) => x.longestTaskMs)),
            heapBytes: stats(s.map((x) => x.heapBytes)),
            renderedComments: s[0].renderedComments,
            domNodes: s[0].domNodes,
          };
        }
        const ratio = (k) => summary.element[k].median / summary.reference[k].median;
        const row = {
          comments: c.n,
          pageSize: c.pageSize,
          cpuRate: rate,
          ...summary,
          ratio: {
            firstFrame: ratio('firstFrameMs'),
            allPainted: ratio('allPaintedMs'),
            tbt: ratio('tbtMs'),
            heap: ratio('heapBytes'),
          },
        };
        if (row.element.renderedComments !== c.n || row.reference.renderedComments !== c.n)
          throw new Error(
            `render ${c.n}: ${row.element.renderedComments} and ${row.reference.renderedComments} comments shown, not all`,
          );
        log(
          `render ${c.n} at CPU ×${rate}: first frame ${row.element.firstFrameMs.median.toFixed(0)} / ${row.reference.firstFrameMs.median.toFixed(0)} ms ` +
            `(${row.ratio.firstFrame.toFixed(2)}×), all painted ${row.element.allPaintedMs.median.toFixed(0)} / ${row.reference.allPaintedMs.median.toFixed(0)} ms ` +
            `(${row.ratio.allPainted.toFixed(2)}×), longest task ${row.element.longestTaskMs.median.toFixed(0)} ms, ` +
            `heap ${row.ratio.heap.toFixed(2)}×, ${(row.element.domNodes / c.n).toFixed(1)} / ${(row.reference.domNodes / c.n).toFixed(1)} nodes per comment`,
        );
        results.push(row);
      }
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
