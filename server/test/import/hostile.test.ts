/**
 * Hostile bodies and author fields from a WordPress and a Disqus export render inert: imported into
 * a real server and shown by the element in headless Chromium, on a page whose path is the threads'
 * (the element's default thread-id), no script runs, no `javascript:` link exists, and no element
 * the source wrote (script, img, svg, iframe, style, event handler attributes) reaches the page.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { importFile } from '../../src/import/run.js';
import type { RunningServer } from '../../src/server.js';
import { ensureBuilt, freshDatabase, ROOT, start, type TestDatabase } from '../helpers.js';
import { adminList, FIXTURES, publicList } from './import-helpers.js';

describe('hostile imported comments in Chromium', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  const pageDir = mkdtempSync(join(tmpdir(), 'comment-box-hostile-'));

  before(async () => {
    ensureBuilt();
    // A page with the element and no thread-id: the thread is the page's path, `/`.
    writeFileSync(
      join(pageDir, 'index.html'),
      '<!doctype html><html lang="en"><meta charset="utf-8"><title>Imported</title>' +
        '<script type="module" src="/comment-box.js"></script><comment-box backend="rest"></comment-box>',
    );
    db = await freshDatabase('sqlite');
    server = await start(db, { demoDir: pageDir, distDir: join(ROOT, 'dist') });
    browser = await chromium.launch({ executablePath: findChrome() as string, args: CHROME_FLAGS as string[] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.cleanup();
    rmSync(pageDir, { recursive: true, force: true });
  });

  it('imports them as text: no script, no javascript: link, no injected element', async () => {
    const wxr = await importFile(server.store, { file: join(FIXTURES, 'hostile.wxr'), from: 'wordpress' });
    assert.deepEqual([wxr.imported, wxr.skipped, wxr.failed], [2, 1, 0]);
    assert.deepEqual(wxr.skippedReasons, { 'a pingback': 1 });
    assert.equal(wxr.adjusted['author URL dropped (not a safe http(s) URL)'], 1);
    const disqus = await importFile(server.store, { file: join(FIXTURES, 'hostile-disqus.xml'), from: 'disqus' });
    assert.equal(disqus.imported, 1);

    const list = await publicList(server, '/');
    assert.equal(list.total, 2, 'the spam comment is not public');
    assert.deepEqual(
      (await adminList(server, 'spam')).map((c) => c.authorName),
      ['Spammer'],
      'wp:comment_approved spam is stored as spam',
    );
    const wp = list.comments.find((c) => c.content.startsWith('WXR body'))!;
    assert.equal(wp.authorName, `<img src=x onerror="window.__pwned='name'">`, 'a name is text');
    assert.equal(wp.authorUrl, null);

    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/`);
    await page.locator('comment-box li.comment', { hasText: 'Disqus body' }).waitFor();
    await page.locator('comment-box li.comment', { hasText: 'WXR body' }).waitFor();
    await page.locator('comment-box li.comment b, comment-box li.comment strong').first().hover();
    await page.waitForTimeout(300);

    const found = await page.evaluate(() => {
      const root = document.querySelector('comment-box')!.shadowRoot!;
      const all = [...root.querySelectorAll('li.comment *')];
      // The element draws its own icons and avatars (svg); the bodies hold only what the renderer makes.
      const bodies = [...root.querySelectorAll('li.comment .body *')];
      return {
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        tags: [...new Set(bodies.map((e) => e.localName))].sort(),
        scripts: root.querySelectorAll('script, iframe, img, style, object, embed').length,
        handlers: all.flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
        hrefs: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
        text: root.textContent ?? '',
      };
    });
    assert.equal(found.pwned, null, 'a script ran');
    assert.deepEqual(dialogs, []);
    for (const tag of ['script', 'img', 'svg', 'iframe', 'style', 'circle']) {
      assert.ok(!found.tags.includes(tag), `a <${tag}> reached the page: ${found.tags.join(',')}`);
    }
    assert.deepEqual(found.tags, ['a', 'br', 'p', 'strong'], 'only what the Markdown renderer makes');
    assert.equal(found.scripts, 0);
    assert.deepEqual(found.handlers, []);
    assert.ok(found.hrefs.length > 0);
    for (const href of found.hrefs) assert.match(href, /^(https?:|#|\/)/, `a link to ${href}`);
    assert.ok(found.hrefs.includes('https://safe.example/ok'), 'the safe link is kept');
    // What the sources wrote shows as text.
    assert.match(found.text, /<img src=x onerror="window.__pwned='name'">/);
    assert.match(found.text, /"><script>window.__pwned='dname'<\/script>/);
    assert.match(found.text, /<script>window.__pwned='entity'<\/script>/);
    assert.match(found.text, /\[md\]\(javascript:window.__pwned='md'\)/);
    await context.close();
  });
});
