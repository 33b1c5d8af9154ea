// Browser tests in a real headless Chromium (the system's; see scripts/find-chrome.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_FLAGS, findChrome } from './scripts/find-chrome.mjs';

const executablePath = findChrome();

/**
 * `executeServerCommand('emulate-forced-colors', { active })`: Chrome's forced-colors mode (as Windows
 * High Contrast turns on), through the DevTools protocol. The stock `emulateMedia` command does not
 * offer it for the Chrome launcher, and puppeteer's `emulateMediaFeatures` refuses the feature. The
 * protocol session stays open per test page, since the emulation lasts only as long as it does.
 */
function forcedColorsPlugin() {
  const sessions = new Map();
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      let cdp = sessions.get(session.id);
      if (!cdp) {
        cdp = await session.browser.getPage(session.id).createCDPSession();
        sessions.set(session.id, cdp);
      }
      const value = payload?.active ? 'active' : 'none';
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] });
      return true;
    },
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/node/**'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), forcedColorsPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROME_FLAGS },
    }),
  ],
};
