/** scripts/find-chrome.mjs: the flags every browser of the tests, the bench and the screenshots gets. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';

describe('scripts/find-chrome.mjs', () => {
  let browser: Browser;
  let cdp: CDPSession;

  before(async () => {
    browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_FLAGS, headless: true });
    cdp = await browser.newBrowserCDPSession();
  });
  after(() => browser?.close());

  it('passes one --disable-features (Chromium honours only the last)', () => {
    assert.equal(CHROME_FLAGS.filter((flag) => flag.startsWith('--disable-features=')).length, 1);
  });

  it('starts no address-bar popup page, which would burn a core beside every page measured', async () => {
    const page = await browser.newPage();
    await page.goto('data:text/html,<p>x</p>');
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ url: string }> };
    assert.ok(
      targetInfos.some((t) => t.url.startsWith('data:')),
      'the page itself is listed',
    );
    assert.deepEqual(
      targetInfos.filter((t) => t.url.startsWith('chrome://omnibox-popup')),
      [],
    );
    await page.close();
  });

  it('repeats every feature the installed Playwright turns off (its list would be dropped)', () => {
    // Playwright keeps its list in its bundle, not in its API: read from the source it runs.
    const bundle = readFileSync(createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle'), 'utf8');
    const list = /disabledFeatures = \[([^\]]*)\]/.exec(bundle);
    assert.ok(list, "Playwright's list of disabled features was not found in its bundle");
    const theirs = [...list[1]!.matchAll(/^\s*"([A-Za-z0-9]+)",?$/gm)].map((m) => m[1]!);
    assert.ok(theirs.length > 5, `${theirs.length} features read`);
    const ours = CHROME_FLAGS.find((flag) => flag.startsWith('--disable-features='))!
      .split('=')[1]!
      .split(',');
    assert.deepEqual(
      theirs.filter((feature) => !ours.includes(feature)),
      [],
    );
  });
});
