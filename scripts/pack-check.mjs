// npm run test:package (after `npm run build`): checks the element's package as npm would publish it.
// - publint --strict: package.json's fields and exports point at files that exist, in the right format.
// - @arethetypeswrong/cli (ESM-only profile): every export resolves to types under bundler and node16,
//   including one path under each `*` export. `./bundle` is left out: it is the script-tag file (no types).
// - `npm pack --dry-run`: what the tarball holds (dist/, README.md, LICENSE, the manifest, the JSX
//   typings), and what it must not (tests, *.tsbuildinfo, src/).
// - Every shipped source map carries the text of each source it names (src/ is not shipped).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
let failures = 0;

function step(name, cmd, args) {
  console.log(`\n== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failures++;
    console.error(`✖ ${name} failed`);
  }
}

function fail(message) {
  failures++;
  console.error(`✖ ${message}`);
}

const bin = (path) => new URL(`node_modules/${path}`, root).pathname;

step('publint', process.execPath, [bin('publint/src/cli.js'), '--strict']);
step('arethetypeswrong', process.execPath, [
  bin('@arethetypeswrong/cli/dist/index.js'),
  '--pack',
  '.',
  '--profile',
  'esm-only',
  '--format',
  'table-flipped',
  '--exclude-entrypoints',
  './bundle',
  '--include-entrypoints',
  './translations/nl.js',
  './adapters/wordpress.js',
  './adapters/rest.js',
]);

console.log('\n== npm pack --dry-run');
const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
if (pack.status !== 0) {
  fail(`npm pack --dry-run failed:\n${pack.stderr}`);
} else {
  const [{ files, size, unpackedSize, entryCount }] = JSON.parse(pack.stdout);
  const paths = files.map((f) => f.path);
  console.log(
    `${entryCount} files, ${(size / 1024).toFixed(0)} kB packed, ${(unpackedSize / 1024).toFixed(0)} kB unpacked`,
  );
  const unwanted = paths.filter((p) =>
    /\.tsbuildinfo$|\.test\.|^src\/|^test\/|^server\/|^demo\/|^bench\/|^scripts\//.test(p),
  );
  if (unwanted.length > 0) fail(`the tarball holds files it must not: ${unwanted.join(', ')}`);
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  const required = [
    'LICENSE',
    'README.md',
    'package.json',
    pkg.customElements.replace(/^\.\//, ''),
    'dist/jsx/react.d.ts',
    'dist/index.d.ts',
  ];
  for (const path of required) if (!paths.includes(path)) fail(`the tarball lacks ${path}`);
  for (const field of ['repository', 'homepage', 'keywords', 'license', 'description']) {
    if (!pkg[field]) fail(`package.json has no "${field}"`);
  }

  console.log('\n== source maps');
  const maps = paths.filter((p) => p.endsWith('.map'));
  for (const path of maps) {
    const map = JSON.parse(readFileSync(new URL(path, root), 'utf8'));
    const missing = map.sources.filter((_, i) => typeof map.sourcesContent?.[i] !== 'string');
    if (missing.length > 0) fail(`${path} names sources it does not carry: ${missing.join(', ')}`);
  }
  console.log(`${maps.length} source maps, each carrying its sources`);
}

if (failures > 0) {
  console.error(`\npack check: ${failures} problem(s)`);
  process.exit(1);
}
console.log('\npack check: the package is fine');
