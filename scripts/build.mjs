// npm run build: the npm-ready ESM build with declarations (dist/) and the script-tag bundle (dist/bundle/).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

rmSync('dist', { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
console.log('Built dist/ (ESM + .d.ts) and dist/bundle/comment-box.js');
