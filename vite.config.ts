import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Two jobs:
 * - `vite` (npm run dev): serves demo/ with the element compiled from src/ on the fly.
 * - `vite build` (called by scripts/build.mjs): the single-file bundle for a script tag,
 *   dist/bundle/comment-box.js (element, Lit, zod/mini, English, built-in adapters, styles).
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'demo'),
  publicDir: false,
  resolve: {
    alias: [{ find: /^\/comment-box\.js$/, replacement: resolve(import.meta.dirname, 'src/index.ts') }],
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [import.meta.dirname] } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/bundle'),
    emptyOutDir: true,
    target: 'es2022',
    minify: 'esbuild',
    sourcemap: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/index.ts'),
      formats: ['es'],
      fileName: () => 'comment-box.js',
    },
    rollupOptions: { output: { inlineDynamicImports: false } },
  },
  define: { 'process.env.NODE_ENV': '"production"' },
});
