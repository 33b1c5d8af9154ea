import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { transform } from 'esbuild';
import { minify } from 'terser';
import { defineConfig, type Plugin, type Rollup } from 'vite';

const src = (...parts: string[]) => resolve(import.meta.dirname, 'src', ...parts);
const ENTRY = src('index.ts');
/** The script-tag entry: the loader, which imports ENTRY (the element chunk) when a page needs it. */
const LOADER = src('loader.ts');
/** The module of ENTRY that registers `<comment-box>` (ENTRY itself only re-exports, so Rollup cannot order chunks after it). */
const DEFINE = src('define.ts');

/**
 * Two jobs:
 * - `vite` (npm run dev): serves demo/ with the element compiled from src/ on the fly.
 * - `vite build` (called by scripts/build.mjs): the script-tag entry dist/bundle/comment-box.js, a
 *   small loader (src/loader.ts), and the chunk it loads when a `<comment-box>` comes near,
 *   element-<hash>.js (element, Lit, zod/mini, English, built-in adapters, styles), plus the opt-in
 *   modules next to them (other locales in translations/, the WordPress adapter in adapters/), which
 *   import what they share from those chunks instead of repeating it.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'demo'),
  publicDir: false,
  resolve: {
    alias: [
      { find: /^\/comment-box\.js$/, replacement: LOADER },
      { find: /^\/translations\/([a-z-]+)\.js$/, replacement: src('i18n/translations/$1.ts') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [import.meta.dirname] } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/bundle'),
    emptyOutDir: true,
    // Lib mode: no module-preload helper (an app build adds one, with root-relative URLs, to every
    // dynamic import). Lib mode never minifies whitespace for `es` output, so Vite's own transpile
    // step is off (target esnext, minify false) and minifyChunks() lowers to ES2022 and minifies.
    target: 'esnext',
    minify: false,
    sourcemap: true,
    lib: {
      entry: LOADER,
      formats: ['es'],
      fileName: () => 'comment-box.js',
    },
    rollupOptions: {
      // The lazy modules may import more from comment-box.js than its public exports.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // The element (what define.ts needs) and its API (index.ts, reached through the loader's load()).
        chunkFileNames: (chunk) =>
          chunk.moduleIds.includes(DEFINE)
            ? 'element-[hash].js'
            : chunk.facadeModuleId === ENTRY
              ? 'index-[hash].js'
              : '[name]-[hash].js',
        inlineDynamicImports: false,
      },
      // zod's sources carry prose comments mentioning @__PURE__ that Rollup reports, harmlessly.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  plugins: [minifyLiterals(), lazyModules(), ...minifyChunks()],
  define: { 'process.env.NODE_ENV': '"production"' },
});

/**
 * Modules that must not weigh on the main bundle: every locale but English and the WordPress
 * adapter. Each becomes its own file (`translations/fr.js`, `adapters/wordpress.js`). The WordPress
 * adapter loads only after the element, so Rollup imports shared code from the element chunk rather
 * than duplicating it. A locale may load (by its own script tag) before the element, which the loader
 * loads late: it imports only the registry, which the loader holds, so it never pulls the element in.
 * (Rollup shares whole modules: a zod feature that only a lazy module uses, such as `z.int`,
 * still lands in the element chunk. `npm run size -- --breakdown` shows where the bytes go.)
 */
function lazyModules(): Plugin {
  return {
    name: 'comment-box:lazy-modules',
    apply: 'build',
    buildStart() {
      const dir = src('i18n', 'translations');
      const locales = existsSync(dir)
        ? readdirSync(dir).filter((f) => /^[\w-]+\.ts$/.test(f) && f !== 'en.ts' && !f.endsWith('.test.ts'))
        : [];
      const files = [
        ...locales.map(
          (f) => [src('i18n', 'translations', f), `translations/${f.replace(/\.ts$/, '.js')}`, [LOADER]] as const,
        ),
        ...['wordpress.ts']
          .filter((f) => existsSync(src('adapters', f)))
          .map((f) => [src('adapters', f), `adapters/${f.replace(/\.ts$/, '.js')}`, [DEFINE]] as const),
      ];
      for (const [id, fileName, after] of files) {
        this.emitFile({
          type: 'chunk',
          id,
          fileName,
          ...(after.length > 0 && { implicitlyLoadedAfterOneOf: [...after] }),
        });
      }
    },
  };
}

/**
 * Every output chunk: esbuild lowers to ES2022 and minifies (identifiers, syntax, whitespace), then
 * terser compresses further (two passes, about 3 % off the gzip size). Each stage returns its source
 * map; Rollup chains them. Legal comments (Lit's licenses) are kept, at the end of the file.
 */
function minifyChunks(): Plugin[] {
  return [
    {
      name: 'comment-box:esbuild-minify',
      apply: 'build',
      enforce: 'post',
      async renderChunk(code) {
        const out = await transform(code, {
          loader: 'js',
          format: 'esm',
          target: 'es2022',
          minify: true,
          sourcemap: true,
          legalComments: 'eof',
          charset: 'utf8',
        });
        return { code: out.code, map: out.map };
      },
    },
    {
      name: 'comment-box:terser',
      apply: 'build',
      enforce: 'post',
      async renderChunk(code, chunk) {
        const out = await minify(code, {
          module: true,
          ecma: 2020,
          compress: { passes: 2 },
          mangle: true,
          format: { comments: 'some', ascii_only: false },
          sourceMap: { asObject: true, filename: chunk.fileName },
        });
        if (out.code === undefined) throw new Error(`terser produced nothing for ${chunk.fileName}`);
        return { code: out.code, map: out.map as Rollup.SourceMapInput };
      },
    },
  ];
}

/**
 * Minifies the static text of Lit's css`…`, html`…` and svg`…` literals in src/: indentation after
 * line breaks everywhere, and a css`…` literal without interpolations to one line (no comments, no
 * spaces CSS does not need). Runs on the JavaScript (after TypeScript is stripped) and finds the
 * literals in its syntax tree. The module keeps its line count, so its source map stays valid
 * (`map: null`): in html`…` and svg`…` a run of whitespace only ever shrinks to a line break, which
 * HTML reads as a space; a css`…` literal's line breaks move out of the string, after its closing
 * backtick, where the minifier drops them.
 */
function minifyLiterals(): Plugin {
  const TAGS = new Set(['css', 'html', 'svg']);
  type Node = { type: string; start: number; end: number; [key: string]: unknown };
  return {
    name: 'comment-box:minify-literals',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!id.startsWith(src()) || !/\.ts$/.test(id) || !/(css|html|svg)`/.test(code)) return null;
      const edits: Array<[number, number, string]> = [];
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node !== 'object') return;
        const n = node as Node;
        if (n.type === 'TaggedTemplateExpression') {
          const tag = n.tag as Node & { name?: string };
          const quasi = n.quasi as Node & { quasis: Node[]; expressions: Node[] };
          if (tag.type === 'Identifier' && TAGS.has(tag.name!)) {
            const [only] = quasi.quasis;
            if (tag.name === 'css' && quasi.quasis.length === 1 && only && code[only.end] === '`') {
              const text = code.slice(only.start, only.end);
              edits.push([only.start, only.end, minifyCss(text)]);
              edits.push([only.end + 1, only.end + 1, '\n'.repeat(text.split('\n').length - 1)]);
            } else {
              for (const q of quasi.quasis)
                edits.push([q.start, q.end, collapseIndentation(code.slice(q.start, q.end))]);
            }
          }
        }
        for (const [key, value] of Object.entries(n)) if (key !== 'type' && typeof value === 'object') visit(value);
      };
      visit(this.parse(code));
      if (edits.length === 0) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((x, y) => y[0] - x[0]))
        out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

function collapseIndentation(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, '\n');
}

function minifyCss(text: string): string {
  const lines = text.split('\n').length;
  const min = text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => '\n'.repeat(c.split('\n').length - 1))
    .split('\n')
    // A line with a quoted string is only trimmed, so `content: ' · '` stays as written.
    .map((line) =>
      /['"]/.test(line)
        ? line.trim()
        : line
            .trim()
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,<>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            // `0.75em` → `.75em`; in calc() and grid shorthands `a * 0.5` → `a*.5`, `1 / -1` → `1/-1`
            // (between a number or `)` and a number only: `* + *` in a selector keeps its spaces).
            .replace(/(^|[\s:(,])0\.(\d)/g, '$1.$2')
            .replace(/([\d)]) ([*/]) (?=[\d.-])/g, '$1$2'),
    )
    .join('\n')
    .replace(/;(\s*)}/g, '$1}');
  if (min.split('\n').length !== lines) throw new Error('minifyCss changed the line count');
  // One line: a line break goes where punctuation ends or starts a block, else becomes a space.
  return min
    .replace(/\n+/g, '\n')
    .replace(/([{};,])\n|\n(?=[{}])/g, '$1')
    .trim()
    .replace(/\n/g, ' ');
}
