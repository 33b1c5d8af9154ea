/**
 * End to end in headless Chromium: the demo page served by the real server on SQLite. Post, reload,
 * the comment is there with its Markdown rendered; a second browser context sees it; a reply nests;
 * a held comment is shown only to its author; a reader sees "new comments" arrive live; its author
 * edits and deletes it and another reader sees both live; a website
 * engines read differently is refused, and one stored earlier never hides the thread.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROME_FLAGS, findChrome } from '../../scripts/find-chrome.mjs';
import type { RunningServer } from '../src/server.js';
import {
  ADMIN_TOKEN,
  ROOT,
  call,
  commentsPath,
  draft,
  ensureBuilt,
  freshDatabase,
  start,
  uniqueThread,
  type TestDatabase,
} from './helpers.js';

describe('demo end to end in Chromium', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    ensureBuilt();
    db = await freshDatabase('sqlite');
    server = await start(db, {
      demoDir: join(ROOT, 'demo'),
      distDir: join(ROOT, 'dist'),
      minSubmitMs: 300,
      rateLimit: 50,
    });
    browser = await chromium.launch({ executablePath: findChrome() as string, args: CHROME_FLAGS as string[] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.cleanup();
  });

  const open = async (): Promise<Page> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`# page error: ${error.message}`));
    await page.goto(`${server.url}/`);
    await page.locator('comment-box form').first().waitFor();
    return page;
  };

  /** Fills the form shown in `scope` (the main form, or a reply form inside a comment) and posts. */
  const post = async (page: Page, content: string, scope = 'comment-box #respond') => {
    const form = page.locator(scope).last();
    await form.locator('#comment').fill(content);
    await form.locator('#name').fill('Marta');
    await form.locator('#email').fill('marta@example.com');
    await page.waitForTimeout(350); // the server's minimum time from form shown to submit
    await form.locator('button[type="submit"]').click();
  };

  const comment = (page: Page, text: string) => page.locator('comment-box li.comment', { hasText: text }).last();

  it('posts, survives a reload, shows in another browser, nests a reply, and holds pending for its author', async () => {
    const a = await open();
    // Markdown: its renderer is a lazy module beside the bundle, served by the same server.
    await post(a, 'First loaf was a **frisbee** too.');
    await comment(a, 'First loaf was a frisbee too.').waitFor();
    await a.reload();
    await comment(a, 'First loaf was a frisbee too.').waitFor();
    assert.equal(
      await comment(a, 'First loaf was a frisbee too.').locator('.body strong').textContent(),
      'frisbee',
      'the Markdown did not render',
    );
    assert.equal(await comment(a, 'First loaf was a frisbee too.').locator('[part="moderation-note"]').count(), 0);

    const b = await open();
    const root = comment(b, 'First loaf was a frisbee too.');
    await root.waitFor();
    const rootId = (await root.getAttribute('id'))!.replace(/^comment-/, '');

    // B replies; the reply nests under the comment, also after a reload.
    await root.locator(`[data-reply="${rootId}"]`).first().click();
    await post(b, 'Try a warmer spot for the starter.', `comment-box li#comment-${rootId} form`);
    await b.locator(`comment-box li#comment-${rootId} ol.replies li.comment`, { hasText: 'warmer spot' }).waitFor();
    await b.reload();
    await b.locator(`comment-box li#comment-${rootId} ol.replies li.comment`, { hasText: 'warmer spot' }).waitFor();

    // A comment with two links is held: its author sees it as awaiting moderation, others do not.
    await post(a, 'Recipes: https://a.example/bread and https://b.example/starter');
    const held = comment(a, 'Recipes:');
    await held.locator('[part="moderation-note"]').waitFor();
    await a.reload();
    await comment(a, 'Recipes:').locator('[part="moderation-note"]').waitFor();
    await b.reload();
    await comment(b, 'warmer spot').waitFor();
    assert.equal(await comment(b, 'Recipes:').count(), 0, 'a pending comment was shown to another reader');

    // Live: B is reading when A posts; B is offered the new comment without the list moving.
    await b.locator('comment-box [part="count-heading"]').waitFor();
    await post(a, 'Fridge overnight changed everything.');
    await comment(a, 'Fridge overnight').waitFor();
    await b.locator('comment-box [part="new-comments"]').click();
    await comment(b, 'Fridge overnight').waitFor();
    // Its author got the same live event: the comment is shown once, and not offered again as new.
    assert.equal(await comment(a, 'Fridge overnight').count(), 1);
    assert.equal(
      await a.locator('comment-box [part="new-comments"]').count(),
      0,
      'its own post was offered as a new comment',
    );
  });

  it('its author edits and deletes a comment (also after a reload); another browser sees both live', async () => {
    const a = await open();
    const b = await open();
    await post(a, 'Proofing at 28 degres.');
    const mine = comment(a, 'Proofing at 28');
    await mine.waitFor();
    const id = (await mine.getAttribute('id'))!.replace(/^comment-/, '');
    await b.locator('comment-box [part="new-comments"]').click();
    await comment(b, 'Proofing at 28').waitFor();
    assert.equal(await comment(b, 'Proofing at 28').locator('[part="edit-button"]').count(), 0, 'B may not edit');

    // After a reload the server still tells A (by its author token) that the comment is A's.
    await a.reload();
    await a.locator(`comment-box [data-edit="${id}"]`).click();
    const field = a.locator(`comment-box #comment-${id} textarea`);
    await field.fill('Proofing at 28 degrees.');
    await a.locator(`comment-box #comment-${id} [part="save-button"]`).click();
    await a.locator(`comment-box #comment-${id} [part="edited"]`).waitFor();
    await b.locator(`comment-box #comment-${id} [part="comment-body"]`, { hasText: '28 degrees' }).waitFor();
    await b.locator(`comment-box #comment-${id} [part="edited"]`).waitFor();

    await a.locator(`comment-box [data-delete="${id}"]`).click();
    await a.locator('comment-box [part="confirm-delete-button"]').click();
    await a.locator(`comment-box #comment-${id}`).waitFor({ state: 'detached' });
    await b.locator(`comment-box #comment-${id}`).waitFor({ state: 'detached' });
    await b.reload();
    await b.locator('comment-box [part="count-heading"]').waitFor();
    assert.equal(await b.locator(`comment-box #comment-${id}`).count(), 0, 'the deleted comment came back');
  });

  it("a page-size above the API's limit still shows the comments (the adapter asks for at most the limit)", async () => {
    const thread = uniqueThread('big-page');
    for (const content of ['One of many.', 'Two of many.', 'Three of many.']) {
      const posted = await call(server.url, 'POST', commentsPath(thread), draft({ content }));
      assert.equal(posted.status, 201, posted.text);
    }
    const a = await open();
    await a.evaluate((threadId) => {
      const box = document.createElement('comment-box');
      box.setAttribute('thread-id', threadId);
      box.setAttribute('backend', 'rest');
      box.setAttribute('page-size', '200');
      box.id = 'big-page';
      document.body.append(box);
    }, thread);
    const listed = a.locator('#big-page li.comment');
    await listed.filter({ hasText: 'Three of many.' }).waitFor();
    assert.equal(await listed.count(), 3);
    assert.equal(await a.locator('#big-page [role="alert"]').count(), 0, 'an error is shown');
  });

  it('a website in Arabic-Indic digits is refused by the form, and one stored earlier never hides the thread', async () => {
    const a = await open();
    const form = a.locator('comment-box #respond').last();
    await form.locator('#url').fill('١٢٣');
    await post(a, 'My site is in Arabic-Indic digits.');
    await form.locator('#url[aria-invalid="true"]').waitFor();
    assert.equal(await comment(a, 'Arabic-Indic digits').count(), 0, 'the comment was posted');

    // What an older version stored for that website, between two ordinary comments.
    const row = (id: string, minute: number, content: string, authorUrl = '') => ({
      id,
      thread_id: 'slow-bread',
      parent_id: null,
      author_name: 'Imported',
      author_email: 'imported@example.com',
      author_url: authorUrl,
      avatar_seed: 'seed',
      content,
      status: 'approved',
      created_at: new Date(Date.UTC(2030, 0, 1, 12, minute)).toISOString(),
      dup_key: `dup-${id}`,
      author_token_hash: '',
      ip: '127.0.0.1',
      user_agent: 'import',
      edited_at: null,
      deleted: 0,
      source_key: null,
    });
    await server.store.db
      .insertInto('comments')
      .values([
        row('imported-1', 1, 'Before the odd website.'),
        row('imported-2', 2, 'With the odd website.', 'https://١٢٣'),
        row('imported-3', 3, 'After the odd website.'),
      ])
      .execute();
    // As an import must: a new version of the thread, so that no cached page is served.
    await server.store.db
      .updateTable('thread_versions')
      .set({ version: 1_000_000 })
      .where('thread_id', '=', 'slow-bread')
      .execute();
    const b = await open();
    for (const text of ['Before the odd website.', 'With the odd website.', 'After the odd website.'])
      await comment(b, text).waitFor();
    assert.equal(
      await comment(b, 'With the odd website.').locator('[part="author"] a').count(),
      0,
      'the odd website became a link',
    );
  });

  it('the /admin page signs in with the token and approves a held comment', async () => {
    const a = await open();
    await post(a, 'Links: https://c.example/x and https://d.example/y');
    await comment(a, 'Links:').locator('[part="moderation-note"]').waitFor();
    const adminPage = await (await browser.newContext()).newPage();
    await adminPage.goto(`${server.url}/admin`);
    await adminPage.locator('comment-admin #secret').fill('wrong-token');
    await adminPage.locator('comment-admin button[type="submit"]').click();
    await adminPage.locator('comment-admin [role="status"]', { hasText: 'refused' }).waitFor();
    await adminPage.locator('comment-admin #secret').fill(ADMIN_TOKEN);
    await adminPage.locator('comment-admin button[type="submit"]').click();
    const item = adminPage.locator('comment-admin article', { hasText: 'Links:' });
    await item.waitFor();
    assert.match(await item.innerText(), /marta@example\.com/);
    await item.getByRole('button', { name: /^Approve/ }).click();
    await adminPage.locator('comment-admin [role="status"]', { hasText: 'approved' }).waitFor();
    const b = await open();
    await comment(b, 'Links:').waitFor();
    assert.equal(await comment(b, 'Links:').locator('[part="moderation-note"]').count(), 0);
  });
});
