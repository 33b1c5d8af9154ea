// npm run size: builds the script-tag bundle into a temporary directory and checks its weight.
// Prints every emitted file (raw, minified + gzip, brotli) and what a reader downloads per backend;
// fails above the loader's budget, any file's budget, or the hard limit for the reader's total.
// Usage: node scripts/size-check.mjs [--json] [--dir dist/bundle] [--breakdown] [--ceiling]
//   --dir measures an existing build; --breakdown lists where the element chunk's bytes come from and the total to post a comment.
//   --ceiling (what `npm test` runs) holds the reader's total to BUDGET.ceiling instead of BUDGET.limit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Budgets in bytes of minified + gzipped JavaScript (1 kB = 1000 B). The script tag loads MAIN, a
 * small loader (src/loader.ts); it loads the element chunk when a `<comment-box>` comes near, which
 * loads its backend's adapter.
 * - `loader`: MAIN alone (issue 11).
 * - `target`, `limit`, `ceiling`: what a reader downloads to see the comments and the form (the
 *   loader, the element chunk, the chosen backend's adapter and what they import), for the heaviest
 *   built-in backend a page may choose without extra modules (`local`, `memory`, `rest`).
 *   `target` is the size the product aims for (issue 5); `limit` the hard limit (issue 11: 20 kB),
 *   which `npm run size` enforces and which fails today (see README, Performance); `ceiling` is what
 *   `npm test` enforces until then. The ceiling only ever goes down: lower it as the bundle shrinks;
 *   raising it is a decision, not a fix.
 *   Raised five times, each a decision written here: from 25.4 to 26.8 kB by the hardening issue
 *   (10); then by the redesign (issue 11) to 28.8 kB: the loader made the all-in file several, each
 *   compressed on its own (+1.1 kB), and the element's split into controllers and templates cost
 *   1.0 kB more; then to 29.4 kB by the first reader features of issue 12 (focus that is never lost,
 *   the rate-limit countdown, held comments explained in the heading, and Write/Preview: 0.57 kB);
 *   then by 0.6 kB for the look of issue 12 (measured on main at 02d144f: the element chunk from
 *   27,425 to 28,006 B, a reader's total for `local` from 31,222 to 31,798 B): thread rails that end
 *   at the last reply (drawn per reply, inside its own box, which content-visibility's paint
 *   containment would otherwise clip), the avatar column as a grid, a container query that stops
 *   indenting in a narrow element, and "in reply to …" with its link and string (+6 to 16 B per
 *   locale); then by 1.8 kB for editing and deleting one's own comment (issue 12), measured at
 *   merge: the element chunk +1.3 kB (the Edit and Delete buttons, "edited", the deleted placeholder,
 *   the editing controller's state, live changes in the thread, 10 strings and 3 failures in English),
 *   the adapters' edit/remove (+0.1 to 0.2 kB each). The forms, what saves and deletes, and the
 *   in-browser adapters' rules load on the first Edit or Delete (`change.js` 1.3 kB, `own-comments.js`
 *   0.7 kB), outside this total; inline they cost 0.6 kB more.
 *   The site owner's "Author" badge (issue 13) adds 0.1 kB within these.
 *   Notifications (issue 14): the draft's `notify` with its one cross-field rule, the page's
 *   `notifications` capability and the form's checkbox: 0.4 kB (element 28.5 kB, ceiling 32.3 kB).
 *   Performance (issue 17): 0.4 kB (element 28.38 to 28.77 kB, a reader's total for `local` from 32.19 to
 *   32.60 kB, measured at the change) so that no task of a long page's first render is long: the
 *   first render in a task of its own, the browser's locale data loaded in steps (each in a task of
 *   its own), the list read in a task of its own, the chunks' groups kept with the list (a chunk costs
 *   the comments it adds, not a pass over all those shown), one message channel for every wait.
 *   What a reader downloads for `local` is 32.6 kB, `rest` 31.4 kB, `memory` 31.2 kB, against the
 *   issue's 20 kB: not met (see README, Performance).
 */
export const BUDGET = { loader: 2_000, target: 16_000, limit: 20_000, ceiling: 32_650 };
export const MAIN = 'comment-box.js';

/**
 * Each lazy file's budget, by name without its content hash: its size when the loader landed,
 * rounded up, so that none grows unnoticed. A new file needs a budget here.
 */
export const CHUNK_BUDGETS = {
  'element.js': 28_800,
  'index.js': 600,
  'local.js': 1_200,
  'memory.js': 1_400,
  'rest.js': 1_600,
  'change.js': 1_400,
  'own-comments.js': 800,
  'record.js': 300,
  'idempotency.js': 300,
  'markdown.js': 1_600,
  'html-body.js': 11_800,
  'adapters/wordpress.js': 4_800,
  'translations/*.js': 2_450,
};

/** The adapter file of each built-in backend, by name without its hash. */
export const BACKENDS = { local: 'local.js', memory: 'memory.js', rest: 'rest.js', wordpress: 'adapters/wordpress.js' };
/** The backends the reader total's budget covers (WordPress brings DOMPurify, reported apart). */
const BUDGETED_BACKENDS = ['local', 'memory', 'rest'];

/** A file's name without Rollup's `-<hash>` (8 characters of base64url). */
export const unhashed = (file) => file.replace(/-[\w-]{8}\.js$/, '.js');

function chunkBudget(file) {
  return (
    CHUNK_BUDGETS[unhashed(file)] ?? (file.startsWith('translations/') ? CHUNK_BUDGETS['translations/*.js'] : undefined)
  );
}

/** `file` and every file it imports statically, transitively (paths relative to the bundle). */
export function staticClosure(dir, file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(dir, file), 'utf8');
  // Minified ES output: `import{a}from"./x.js"` and `import"./x.js"`; `import("./x.js")` is lazy.
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    staticClosure(dir, posix.normalize(posix.join(posix.dirname(file), m[1])), seen);
  }
  return seen;
}

/**
 * What a reader downloads to see the comments and the form, per built-in backend: the loader, the
 * element chunk and the backend's adapter, with what they import. Gzip is summed per file, as sent.
 */
export function readerTotals(dir, rows) {
  const byName = new Map(rows.map((r) => [unhashed(r.file), r.file]));
  const size = new Map(rows.map((r) => [r.file, r.gzip]));
  return Object.entries(BACKENDS)
    .filter(([, name]) => byName.has(name) && byName.has('element.js'))
    .map(([backend, name]) => {
      const files = new Set(
        [MAIN, byName.get('element.js'), byName.get(name)].flatMap((f) => [...staticClosure(dir, f)]),
      );
      const gzip = [...files].reduce((sum, f) => sum + (size.get(f) ?? 0), 0);
      return { backend, files: [...files], gzip, budgeted: BUDGETED_BACKENDS.includes(backend) };
    });
}

/** Runs `vite build` with its output in `outDir`. */
export function buildBundle(outDir) {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', outDir],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
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
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const code = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const problems = [];
  // The loader is the point of the script tag: nothing it imports may load before it is needed.
  if (staticClosure(dir, MAIN).size > 1)
    problems.push(`${MAIN} imports other files statically: the loader must stay alone.`);
  if (/Lit is in dev mode/.test(code))
    problems.push("Lit's development build is bundled (resolve its production exports).");
  if (/\bfrom\s*["']node:|import\(["']node:/.test(code))
    problems.push('A Node.js built-in is imported (server code leaked into the bundle).');
  // Loaded only for comments with Markdown syntax; plain comments never need it.
  if (!readdirSync(dir).some((f) => /^markdown-[\w-]+\.js$/.test(f)))
    problems.push('The Markdown renderer is not a separate lazy module.');
  return problems;
}

/**
 * Where the element chunk's bytes come from (the element with its API, src/index.ts), per source
 * module or package, from an esbuild bundle of the same entry (close to, not identical with, Vite's output). Gzip is each group's share of the
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
    plugins: [
      {
        name: 'lazy',
        setup: (b) =>
          b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' ? { external: true } : undefined)),
      },
    ],
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
    if (main.gzip > BUDGET.loader)
      problems.push(`${MAIN} (the loader) is ${kB(main.gzip)} min+gzip, above its ${kB(BUDGET.loader)} budget.`);
    for (const r of rows.filter((r) => r.file !== MAIN)) {
      const budget = chunkBudget(r.file);
      if (budget === undefined)
        problems.push(`${r.file} has no budget: add one to CHUNK_BUDGETS in scripts/size-check.mjs.`);
      else if (r.gzip > budget) problems.push(`${r.file} is ${kB(r.gzip)} min+gzip, above its ${kB(budget)} budget.`);
    }
    const totals = readerTotals(dir, rows);
    const worst = totals.filter((t) => t.budgeted).reduce((a, b) => (b.gzip > (a?.gzip ?? -1) ? b : a), undefined);
    if (!worst) problems.push('The element chunk or the built-in adapters were not found.');
    const [max, maxName] = args.includes('--ceiling')
      ? [BUDGET.ceiling, 'ceiling npm test enforces']
      : [BUDGET.limit, 'limit'];
    if (worst && worst.gzip > max) {
      problems.push(
        `What a reader downloads (backend="${worst.backend}") is ${kB(worst.gzip)} min+gzip, above the ${kB(max)} ${maxName}.`,
      );
    }
    if (args.includes('--json')) {
      console.log(
        JSON.stringify(
          { budget: BUDGET, chunkBudgets: CHUNK_BUDGETS, bundles: rows, readerTotals: totals, problems },
          null,
          2,
        ),
      );
    } else {
      console.log(sizeTable(rows));
      console.log(
        `\n${MAIN} (the loader): ${kB(main.gzip)} min+gzip; budget ${kB(BUDGET.loader)}. Every other file is held to its own budget (CHUNK_BUDGETS).`,
      );
      console.log(
        '\n| What a reader downloads to see the comments and the form | Files | Min + gzip |\n| --- | ---: | ---: |',
      );
      for (const t of totals)
        console.log(
          `| backend="${t.backend}"${t.budgeted ? '' : ' (not budgeted)'} | ${t.files.length} | ${kB(t.gzip)} |`,
        );
      if (worst) {
        const verdict =
          worst.gzip <= BUDGET.target
            ? 'within budget'
            : worst.gzip <= BUDGET.limit
              ? 'OVER BUDGET (below the hard limit)'
              : 'OVER THE LIMIT';
        console.log(
          `\nHeaviest (backend="${worst.backend}"): ${kB(worst.gzip)} min+gzip; budget ${kB(BUDGET.target)}, limit ${kB(BUDGET.limit)}: ${verdict}` +
            `\nnpm test fails above ${kB(BUDGET.ceiling)}, the ceiling it holds the total to until it is within the limit.`,
        );
      }
      if (args.includes('--breakdown')) {
        // No code loads on a reader's first action yet: posting costs what reading costs.
        if (worst)
          console.log(
            `\nTo post a comment a reader downloads the same files: ${kB(worst.gzip)} (backend="${worst.backend}"); no code loads on first interaction yet.`,
          );
        console.log(
          '\n| Source of the element chunk (esbuild estimate) | Minified | ≈ share of gzip |\n| --- | ---: | ---: |',
        );
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
