// Runs Node-side tests with node:test, compiling TypeScript with tsx: every *.test.ts under the
// folders given (default: test/node, the element's Node tests; the server package runs it on its
// own test/), or the files given (for example a file to run alone).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(find(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const files = (args.length > 0 ? args : ['test/node']).flatMap((path) =>
  statSync(path).isDirectory() ? find(path).sort() : [path],
);
if (files.length === 0) {
  console.error(`No Node tests found in ${args.join(', ') || 'test/node'}.`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
