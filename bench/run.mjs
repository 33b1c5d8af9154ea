// npm run bench: bundle sizes, render and server benchmarks; prints one table and writes
// bench/results/latest.md and bench/results/latest.json.
// Options: --skip-build, --only size,render,server. Environment: BENCH_RENDER_RUNS (default 7),
// BENCH_SERVER_RUNS (3 POST runs), BENCH_SERVER_ROUNDS (5 GET rounds), BENCH_SECONDS (5 per server run), BENCH_DATABASE_URL (PostgreSQL).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { BUDGET, MAIN, measureBundles, readerTotals } from '../scripts/size-check.mjs';
import { runRenderBench } from './render.mjs';
import { runServerBench } from './server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',')
  : ['size', 'render', 'server'];
const log = (m) => console.error(m);
const started = Date.now();

if (!args.includes('--skip-build')) {
  log('Building (npm run build)…');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1e9),
    node: process.version,
  },
};
if (only.includes('size')) results.sizes = { budget: BUDGET, bundles: measureBundles(join(ROOT, 'dist/bundle')) };
if (only.includes('render')) {
  log('Render benchmark…');
  results.render = await runRenderBench({ runs: Number(process.env.BENCH_RENDER_RUNS ?? 7), log });
  results.machine.chromium = results.render.chromium;
}
if (only.includes('server')) {
  log('Server benchmark…');
  results.server = await runServerBench({
    runs: Number(process.env.BENCH_SERVER_RUNS ?? 3),
    rounds: Number(process.env.BENCH_SERVER_ROUNDS ?? 5),
    seconds: Number(process.env.BENCH_SECONDS ?? 5),
    log,
  });
}
results.durationSeconds = Math.round((Date.now() - started) / 1000);

// ---- the table ---------------------------------------------------------------------------------
const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const MB = (b) => `${(b / 1e6).toFixed(1)} MB`;
const ms = (x) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const num = (x) => Math.round(x).toLocaleString('en');
const range = (s, f) => (s.runs > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median));
const yes = (ok) => (ok ? 'yes' : '**no**');
const rows = [];
const row = (measure, ours, reference = '', ratio = '', budget = '', met = '') =>
  rows.push([measure, ours, reference, ratio, budget, met]);

if (results.sizes) {
  const b = results.sizes.bundles;
  const main = b.find((x) => x.file === MAIN);
  row(
    `Size: ${MAIN} (the loader, min+gzip)`,
    kB(main.gzip),
    '',
    '',
    `≤ ${kB(BUDGET.loader)}`,
    yes(main.gzip <= BUDGET.loader),
  );
  for (const t of readerTotals(join(ROOT, 'dist/bundle'), b))
    row(
      `Size: a reader's download, backend="${t.backend}" (min+gzip)`,
      kB(t.gzip),
      '',
      '',
      t.budgeted ? `≤ ${kB(BUDGET.target)} (limit ${kB(BUDGET.limit)})` : '',
      t.budgeted ? yes(t.gzip <= BUDGET.target) : '',
    );
  for (const x of b.filter((x) => x.file !== MAIN && !x.file.startsWith('translations/')))
    row(`Size: ${x.file} (lazy, min+gzip)`, kB(x.gzip));
  const locales = b.filter((x) => x.file.startsWith('translations/'));
  if (locales.length) {
    const g = locales.map((x) => x.gzip);
    row(`Size: translations/*.js (${locales.length} lazy locales)`, `${kB(Math.min(...g))}–${kB(Math.max(...g))} each`);
  }
}
if (results.render) {
  const cases = results.render.cases;
  const base100 = cases.find((c) => c.comments === 100 && c.cpuRate === 1);
  const x = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');
  // The issue's budgets (issue 17), each a ratio to the bare Lit list measured the same way.
  const budgets = (c) => {
    const b = {};
    if (c.cpuRate !== 1) return b;
    if (c.comments === 100) {
      b.firstFrame = ['≤ 1.3× reference', c.ratio.firstFrame <= 1.3];
      b.tbt = ['≤ 1.3× reference', c.element.tbtMs.median <= 1.3 * c.reference.tbtMs.median];
    }
    if (c.comments === 1000) {
      b.firstFrame = ['≤ 1.0× reference', c.ratio.firstFrame <= 1.0];
      b.allPainted = ['≤ 1.5× reference', c.ratio.allPainted <= 1.5];
      b.heap = ['≤ 1.5× reference', c.ratio.heap <= 1.5];
      b.longTasks = ['none over 50 ms', c.element.longTasks.median === 0 && c.element.longTasks.max === 0];
    }
    if (c.comments === 10000) {
      b.heap = ['≤ 2× reference', c.ratio.heap <= 2];
      if (base100)
        b.firstFrame = [
          '≤ 1.5× the 100-comment frame',
          c.element.firstFrameMs.median <= 1.5 * base100.element.firstFrameMs.median,
        ];
    }
    return b;
  };
  // Medians, and the longest task of any run when it is longer (the budget holds for every run).
  const longTasks = (v) =>
    `${v.longTasks.median}, ${ms(v.longestTaskMs.median)}` +
    (v.longestTaskMs.max > v.longestTaskMs.median ? ` (longest of any run: ${ms(v.longestTaskMs.max)})` : '');
  for (const c of cases) {
    const e = c.element;
    const r = c.reference;
    const b = budgets(c);
    const label = `Render ${num(c.comments)} comments, CPU ×${c.cpuRate}`;
    const cells = (key) => (b[key] ? [b[key][0], yes(b[key][1])] : ['', '']);
    const frameRatio =
      x(c.ratio.firstFrame) +
      (c.comments === 10000 && base100
        ? `; ${x(e.firstFrameMs.median / base100.element.firstFrameMs.median)} of 100`
        : '');
    row(
      `${label}: first painted frame`,
      range(e.firstFrameMs, ms),
      range(r.firstFrameMs, ms),
      frameRatio,
      ...cells('firstFrame'),
    );
    row(
      `${label}: all painted`,
      range(e.allPaintedMs, ms),
      range(r.allPaintedMs, ms),
      x(c.ratio.allPainted),
      ...cells('allPainted'),
    );
    row(`${label}: total blocking time`, range(e.tbtMs, ms), range(r.tbtMs, ms), x(c.ratio.tbt), ...cells('tbt'));
    row(`${label}: long tasks (count, longest)`, longTasks(e), longTasks(r), '', ...cells('longTasks'));
    if (c.cpuRate === 1) {
      row(
        `${label}: JS heap after GC`,
        range(e.heapBytes, MB),
        range(r.heapBytes, MB),
        x(c.ratio.heap),
        ...cells('heap'),
      );
      row(
        `${label}: DOM nodes per comment`,
        (e.domNodes / c.comments).toFixed(1),
        (r.domNodes / c.comments).toFixed(1),
        x(e.domNodes / r.domNodes),
      );
    }
  }
}
if (results.server) {
  const s = results.server;
  if (!s.available) row('Server', `not available: ${s.reason}`);
  else {
    const pct = (r) => `${(r.median * 100).toFixed(1)} % (${(r.min * 100).toFixed(0)}–${(r.max * 100).toFixed(0)} %)`;
    const lat = (v) => (v < 1 ? '<1' : v < 10 ? v.toFixed(1) : String(Math.round(v)));
    const p = (x) => `${lat(x.p50Ms.median)} / ${lat(x.p99Ms.median)} ms`;
    const cpu = (x) =>
      `${x.serverCpuS.median.toFixed(2)} s server, ${x.loadCpuS.median.toFixed(2)} s load generator` +
      (x.loadHeavier
        ? ` (**the load generator used more CPU than the server in ${x.loadHeavier} of ${x.rps.runs} runs**)`
        : '');
    for (const [name, b] of Object.entries(s.backends)) {
      if (!b.available) {
        row(`Server ${name}`, `not available: ${b.reason.split('\n')[0]}`);
        continue;
      }
      for (const [kind, label, budget] of [
        ['get', `GET ${s.pageComments}-comment page`, 0.6],
        ['counts', `GET /api/counts (${s.countThreads} threads)`, 0.5],
      ]) {
        const ours = b[kind];
        const ref = s.reference?.[kind];
        const ratios = kind === 'get' ? b.getRatios : b.countRatios;
        row(
          `Server ${name}: ${label}, requests per server CPU second`,
          range(ours.perCpuSecond, num),
          ref ? range(ref.perCpuSecond, num) : '',
          ref ? pct(ratios.perCpu) : '',
          `≥ ${budget * 100} % of reference`,
          ref ? yes(ratios.perCpu.median >= budget) : '',
        );
        row(
          `Server ${name}: ${label}, req/s`,
          range(ours.rps, num),
          ref ? range(ref.rps, num) : '',
          ref ? pct(ratios.rps) : '',
        );
        row(`Server ${name}: ${label}, p50 / p99 latency`, p(ours), ref ? p(ref) : '');
        row(`Server ${name}: ${label}, CPU per ${s.seconds} s run`, cpu(ours), ref ? cpu(ref) : '');
      }
      row(`Server ${name}: GET peak RSS`, MB(b.get.rssBytes.max), s.reference ? MB(s.reference.get.rssBytes.max) : '');
      const durable = b.post.allAcknowledgedStored ? '' : ' (**acknowledged comments missing!**)';
      const postBudget = name === 'SQLite' ? 1500 : 1000;
      row(
        `Server ${name}: POST durable comments/s`,
        range(b.post.rps, num) + durable,
        '',
        '',
        `≥ ${num(postBudget)}/s`,
        yes(b.post.rps.median >= postBudget && b.post.allAcknowledgedStored),
      );
      row(`Server ${name}: POST p50 / p99 latency`, p(b.post));
      row(`Server ${name}: POST CPU per ${s.seconds} s run`, cpu(b.post));
      row(`Server ${name}: POST peak RSS`, MB(b.post.rssBytes.max));
      if (b.post.non2xx || b.get.non2xx || b.counts.non2xx)
        row(
          `Server ${name}: non-2xx / errors`,
          `GET ${b.get.non2xx}, counts ${b.counts.non2xx}, POST ${b.post.non2xx} ${JSON.stringify(b.post.codes)}`,
        );
    }
  }
}

const table = [
  '| Measure | comment-box | Reference | Ratio | Budget | Met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const m = results.machine;
const notes = [
  `${results.date}; ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB; Node ${m.node}${m.chromium ? `; Chromium ${m.chromium}` : ''}; bench took ${results.durationSeconds} s.`,
  'Figures: median (min–max) of several runs.',
];
if (results.render) {
  notes.push(
    `Render: headless Chromium on 127.0.0.1, ${results.render.runs} runs per case (3 for 10,000), each in a fresh page, the variants alternating. comment-box gets a memory adapter and a page size that shows every comment; the reference is a bare Lit element rendering the same comments with the same comment markup and stylesheet straight from an array, all at once. Both are measured the same way, from creating the element: ` +
      'first painted frame, the task after the requestAnimationFrame that follows its first render (comment-box: after `comment-box-load` and `updateComplete`); all painted, the task after the requestAnimationFrame in which the last comment is in the DOM (looked up by id each frame). ' +
      'Long tasks (PerformanceObserver `longtask`) from creating the element until 300 ms after all painted; total blocking time is their time over 50 ms each. CPU ×4: `Emulation.setCPUThrottlingRate`. JS heap: used heap after a forced GC once all is painted, the page holding the same generated comments in both variants. DOM nodes: every node in the shadow root (elements, text, Lit markers).',
  );
}
if (results.server?.available) {
  const s = results.server;
  notes.push(
    `Server: ${s.pinned ? `each server process pinned to core 0 with taskset, the load generator (${s.generator}) to core 1` : `taskset not found, processes not pinned; load generator ${s.generator}`}; ${s.connections} connections, runs of ${s.seconds} s after a 1 s warm-up. ` +
      `GET: ${s.rounds} rounds, each loading the reference, then SQLite, then PostgreSQL, first the page then the counts; a ratio is the median of the rounds' ratios (min–max beside it), since this machine's speed drifts over a run. POST: ${s.runs} runs per backend. ` +
      "Requests per server CPU second: requests over the user + system CPU time of the server process during the run (/proc), so a load generator or a neighbour that takes CPU from the server does not count against it; PostgreSQL's own processes are not counted. The load generator's CPU time is measured the same way and reported; a run where it used more than the server is flagged. " +
      `GET: ${s.seededComments} comments in the thread, \`?limit=${s.pageComments}\` (a ${s.pageComments}-comment page of ${kB(Object.values(s.backends).find((b) => b.available)?.pageBytes ?? 0)}), no If-None-Match, so every answer is a full 200. Counts: \`/api/counts\` for ${s.countThreads} threads (the seeded one and ${s.countThreads - 1} without comments). ` +
      `POST: distinct comments, each with its own Idempotency-Key; SQLite runs with synchronous=FULL; the bench checks that every 201 is stored. Server flags for the load test: \`${s.flags}\`; the posts carry \`_t\` (time since the form was shown). PostgreSQL itself is not pinned.`,
  );
}
const markdown = `${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/latest.md'), `# comment-box benchmark\n\n${markdown}`);
writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(markdown);
console.log('Written: bench/results/latest.md, bench/results/latest.json');
