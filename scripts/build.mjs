// npm run build: the npm-ready ESM build with declarations (dist/) and the script-tag bundle (dist/bundle/).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

rmSync('dist', { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
// The JSX typings (comment-box/jsx-react, …) are written by hand: tsc does not copy .d.ts files.
// Each gets an empty module beside it, so a plain `import 'comment-box/jsx-react'` works too.
mkdirSync('dist/jsx', { recursive: true });
for (const name of readdirSync('src/jsx').filter((f) => f.endsWith('.d.ts'))) {
  copyFileSync(join('src/jsx', name), join('dist/jsx', name));
  writeFileSync(join('dist/jsx', name.replace(/\.d\.ts$/, '.js')), 'export {};\n');
}
// dist/custom-elements.json from the elements' JSDoc (see custom-elements-manifest.config.mjs).
run(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet']);
// Every script the server sends, precompressed once here (brotli and gzip at their best), so the
// server answers `Accept-Encoding` without compressing per request.
function precompress(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) precompress(join(path, name));
  } else if (path.endsWith('.js')) {
    const code = readFileSync(path);
    writeFileSync(`${path}.br`, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${path}.gz`, gzipSync(code, { level: 9 }));
  }
}
for (const path of ['dist/bundle', 'dist/admin', 'dist/comment-count.js']) precompress(path);
console.log('Built dist/ (ESM + .d.ts) and dist/bundle/comment-box.js');
