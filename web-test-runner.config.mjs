// Browser tests in a real headless Chromium (the system's; see scripts/find-chrome.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_FLAGS, findChrome } from './scripts/find-chrome.mjs';

const executablePath = findChrome();

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/node/**'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROME_FLAGS },
    }),
  ],
};
