import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const src = (...parts: string[]) => resolve(import.meta.dirname, 'src', ...parts);
const ENTRY = src('index.ts');

/**
 * Two jobs:
 * - `vite` (npm run dev): serves demo/ with the element compiled from src/ on the fly.
 * - `vite build` (called by scripts/build.mjs): the single-file bundle for a script tag,
 *   dist/bundle/comment-box.js (element, Lit, zod/mini, English, built-in adapters, styles), plus
 *   the opt-in modules next to it (other locales in translations/, the WordPress adapter in
 *   adapters/), which import what they share from comment-box.js instead of repeating it.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'demo'),
  publicDir: false,
  resolve: {
    alias: [{ find: /^\/comment-box\.js$/, replacement: ENTRY }],
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [import.meta.dirname] } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/bundle'),
    emptyOutDir: true,
    target: 'es2022',
    // Not lib mode: Vite's lib mode never minifies whitespace for `es` output. An app build with
    // one script entry (its exports kept; the lazy modules may import more from it) is minified in full.
    minify: 'esbuild',
    sourcemap: true,
    modulePreload: false,
    rollupOptions: {
      input: ENTRY,
      preserveEntrySignatures: 'allow-extension',
      // zod's sources carry prose comments mentioning @__PURE__ that Rollup reports, harmlessly.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
      output: {
        format: 'es',
        entryFileNames: 'comment-box.js',
        chunkFileNames: '[name]-[hash].js',
        inlineDynamicImports: false,
      },
    },
  },
  plugins: [minifyCssLiterals(), lazyModules()],
  define: { 'process.env.NODE_ENV': '"production"' },
});

/**
 * Modules that must not weigh on the main bundle: every locale but English and the WordPress
 * adapter. Each becomes its own file (`translations/fr.js`, `adapters/wordpress.js`), loaded only
 * after comment-box.js, so Rollup imports shared code from it rather than duplicating it.
 */
function lazyModules(): Plugin {
  return {
    name: 'comment-box:lazy-modules',
    apply: 'build',
    buildStart() {
      const dir = src('translations');
      const locales = existsSync(dir)
        ? readdirSync(dir).filter((f) => /^[\w-]+\.ts$/.test(f) && f !== 'en.ts' && !f.endsWith('.test.ts'))
        : [];
      const files = [
        ...locales.map((f) => [src('translations', f), `translations/${f.replace(/\.ts$/, '.js')}`]),
        ...['wordpress.ts'].filter((f) => existsSync(src('adapters', f))).map((f) => [src('adapters', f), `adapters/${f.replace(/\.ts$/, '.js')}`]),
      ];
      for (const [id, fileName] of files) {
        this.emitFile({ type: 'chunk', id: id!, fileName, implicitlyLoadedAfterOneOf: [ENTRY] });
      }
    },
  };
}

/**
 * Minifies the CSS inside Lit's css`…` literals in src/ (comments, indentation, spaces around
 * punctuation). Line breaks are kept, so the module's source map stays valid (`map: null`).
 */
function minifyCssLiterals(): Plugin {
  return {
    name: 'comment-box:minify-css-literals',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(src()) || !/\.ts$/.test(id) || !code.includes('css`')) return null;
      let out = '';
      let i = 0;
      for (;;) {
        const start = code.indexOf('css`', i);
        if (start === -1 || /[\w$]/.test(code[start - 1] ?? '')) {
          if (start === -1) break;
          out += code.slice(i, start + 4);
          i = start + 4;
          continue;
        }
        out += code.slice(i, start + 4);
        i = start + 4;
        // Static parts up to the closing backtick; `${…}` expressions are copied untouched.
        let text = '';
        while (i < code.length && code[i] !== '`') {
          if (code[i] === '\\') {
            text += code.slice(i, i + 2);
            i += 2;
          } else if (code.startsWith('${', i)) {
            out += minifyCss(text);
            text = '';
            let depth = 0;
            const from = i;
            do {
              if (code[i] === '{') depth++;
              else if (code[i] === '}') depth--;
              i++;
            } while (depth > 0 && i < code.length);
            out += code.slice(from, i);
          } else {
            text += code[i++];
          }
        }
        out += minifyCss(text);
      }
      out += code.slice(i);
      return { code: out, map: null };
    },
  };
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
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':'),
    )
    .join('\n')
    .replace(/;(\s*)}/g, '$1}');
  if (min.split('\n').length !== lines) throw new Error('minifyCss changed the line count');
  return min;
}
