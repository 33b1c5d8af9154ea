// npm run lint: ESLint (typescript-eslint, Lit, Lit a11y, web components) and Prettier's check, with
// the tools of tools/lint/ (their own install: typescript-eslint needs TypeScript 6's compiler API,
// and the project builds with TypeScript 7, which has none). `npm install` at the root installs them
// (the `prepare` script); this installs them too when they are missing. `--fix` fixes and formats.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const TOOLS = 'tools/lint';
const bin = (name) => join(TOOLS, 'node_modules', '.bin', name);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  return r.status ?? 1;
}

export function installLintTools() {
  if (existsSync(bin('eslint')) && existsSync(bin('prettier'))) return 0;
  console.log('lint: installing the lint tools into tools/lint/node_modules');
  return run('npm', ['ci', '--no-audit', '--no-fund', '--prefix', TOOLS]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.includes('--install')) process.exit(installLintTools());
  if (installLintTools() !== 0) process.exit(1);
  const fix = args.includes('--fix');
  const eslint = run(bin('eslint'), [
    '--config',
    join(TOOLS, 'eslint.config.mjs'),
    '--max-warnings',
    '0',
    ...(fix ? ['--fix'] : []),
    '.',
  ]);
  const prettier = run(bin('prettier'), [fix ? '--write' : '--check', '--log-level', 'warn', '.']);
  if (eslint === 0 && prettier === 0) console.log('lint: ESLint and Prettier found nothing.');
  process.exit(eslint || prettier);
}
