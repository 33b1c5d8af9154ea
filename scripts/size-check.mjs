// npm run size: builds the script-tag bundle into a temporary directory and checks its weight.
// Prints every emitted file (raw, minified + gzip, brotli) and fails above the hard limit.
// Usage: node scripts/size-check.mjs [--json] [--dir dist/bundle] [--breakdown] [--ceiling]
//   --dir measures an existing build; --breakdown lists where the main bundle's bytes come from.
//   --ceiling (what `npm test` runs) fails above BUDGET.ceiling instead of BUDGET.limit; see there.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Budgets for the all-in script-tag bundle, in bytes of minified + gzipped JavaScript (1 kB = 1000 B).
 * - `target`: the size the product aims for (issue 5).
 * - `limit`: the hard limit issue 5 sets for CI. The bundle is over it (see README, Performance), so
 *   CI cannot enforce it yet without failing every build.
 * - `ceiling`: what `npm test` enforces until then: the bundle's size when the check entered
 *   `npm test`, rounded up. It only ever goes down: lower it as the bundle shrinks; raising it is a
 *   decision, not a fix.
 *   Raised once, from 25.4 to 26.8 kB, by the hardening issue (10): per-comment page parsing, the
 *   engine-independent website grammar, invisible-text checks, offline posting, the storage note and
 *   isolated names cost 1.3 kB; the redesign's loader and lazy posting code are where it comes back.
 */
export const BUDGET = { target: 16_000, limit: 20_000, ceiling: 26_800 };
export const MAIN = 'comment-box.js';

/** Runs `vite build` with its output in `outDir`. */
export function buildBundle(outDir) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', outDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

/** Sizes of every .js file under `dir`, the main bundle first. */
export function measureBundles(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.js')) files.push(p);
    }
  };
  walk(dir);
  return files
    .map((p) => {
      const code = readFileSync(p);
      return {
        file: relative(dir, p).split('\\').join('/'),
        raw: code.length,
        gzip: gzipSync(code, { level: 9 }).length,
        brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    })
    .sort((a, b) => (a.file === MAIN ? -1 : b.file === MAIN ? 1 : a.file.localeCompare(b.file)));
}

/** Deterministic problems with the main bundle's contents (not its size). */
export function contentProblems(dir) {
  const code = readFileSync(join(dir, MAIN), 'utf8');
  const problems = [];
  if (/Lit is in dev mode/.test(code)) problems.push("Lit's development build is bundled (resolve its production exports).");
  if (/\bfrom\s*["']node:|import\(["']node:/.test(code)) problems.push('A Node.js built-in is imported (server code leaked into the bundle).');
  // Loaded only for comments with Markdown syntax; plain comments never need it.
  if (!readdirSync(dir).some((f) => /^markdown-[\w-]+\.js$/.test(f))) problems.push('The Markdown renderer is not a separate lazy module.');
  return problems;
}

/**
 * Where the main bundle's bytes come from, per source module or package, from an esbuild bundle of
 * the same entry (close to, not identical with, Vite's output). Gzip is each group's share of the
 * whole file's gzip size, in proportion to its minified bytes: an estimate.
 */
export async function breakdown() {
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: ['src/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    outfile: 'breakdown.js',
    // Lazy modules stay out, as in the real bundle.
    plugins: [{ name: 'lazy', setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' ? { external: true } : undefined)) }],
    logLevel: 'error',
  });
  const out = Object.values(r.metafile.outputs).find((o) => o.entryPoint);
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'));
  const gzip = gzipSync(js.contents, { level: 9 }).length;
  const groups = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1] : file;
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  return [...groups]
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([source, bytes]) => ({ source, minified: bytes, gzipShare: Math.round((bytes / total) * gzip) }));
}

export const kB = (n) => `${(n / 1000).toFixed(2)} kB`;

export function sizeTable(rows) {
  const lines = ['| Bundle | Minified | Min + gzip | Min + brotli |', '| --- | ---: | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.file} | ${kB(r.raw)} | ${kB(r.gzip)} | ${kB(r.brotli)} |`);
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const dirArg = args.indexOf('--dir');
  let dir;
  let temp;
  if (dirArg !== -1) dir = args[dirArg + 1];
  else {
    temp = mkdtempSync(join(tmpdir(), 'comment-box-size-'));
    dir = temp;
    buildBundle(dir);
  }
  try {
    const rows = measureBundles(dir);
    const main = rows.find((r) => r.file === MAIN);
    if (!main) throw new Error(`${MAIN} was not built in ${dir}`);
    const problems = contentProblems(dir);
    const [max, maxName] = args.includes('--ceiling') ? [BUDGET.ceiling, 'ceiling npm test enforces'] : [BUDGET.limit, 'limit'];
    if (main.gzip > max) problems.push(`${MAIN} is ${kB(main.gzip)} min+gzip, above the ${kB(max)} ${maxName}.`);
    if (args.includes('--json')) {
      console.log(JSON.stringify({ budget: BUDGET, bundles: rows, problems }, null, 2));
    } else {
      console.log(sizeTable(rows));
      const verdict = main.gzip <= BUDGET.target ? 'within budget' : main.gzip <= BUDGET.limit ? 'OVER BUDGET (below the hard limit)' : 'OVER THE LIMIT';
      console.log(
        `\n${MAIN}: ${kB(main.gzip)} min+gzip; budget ${kB(BUDGET.target)}, CI limit ${kB(BUDGET.limit)}: ${verdict}` +
          (main.gzip > BUDGET.target ? ` (${kB(main.gzip - BUDGET.target)} over budget)` : '') +
          `\nnpm test fails above ${kB(BUDGET.ceiling)}, the ceiling it holds the bundle to until it is within the limit.`,
      );
      if (args.includes('--breakdown')) {
        console.log('\n| Source (esbuild estimate) | Minified | ≈ share of gzip |\n| --- | ---: | ---: |');
        for (const b of await breakdown()) console.log(`| ${b.source} | ${kB(b.minified)} | ${kB(b.gzipShare)} |`);
      }
      for (const p of problems) console.error(`size check failed: ${p}`);
    }
    process.exitCode = problems.length > 0 ? 1 : 0;
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
