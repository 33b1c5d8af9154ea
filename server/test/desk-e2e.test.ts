/**
 * The moderation desk end to end in headless Chromium at 360 px, keyboard only (focus and keys, no
 * clicks), against the real server on SQLite: sign in, approve, trash and undo, bulk approve, edit,
 * reply as the site owner (the "Author" badge shows on the public page), search, settings and block
 * lists (the next post follows them), sign out; axe on every screen; targets of 44 px on the phone;
 * import, export and erasing an address; paging through 1,000 held comments; the Notifications
 * screen with email off, then on (a real SMTP sink: a test email, its error when the sink is down,
 * the outbox retrying with that error) and a webhook set up in it (a secret generated, a real
 * receiver verifying the signature).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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
  type TestDatabase,
} from './helpers.js';
import { startSink, type SmtpSink } from './notify/smtp-sink.js';
import { Receiver } from './notify/webhook-receiver.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('moderation desk in Chromium (360 px, keyboard)', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ensureBuilt('dist/admin/admin-page.js');
    db = await freshDatabase('sqlite');
    server = await start(db, { demoDir: join(ROOT, 'demo'), distDir: join(ROOT, 'dist'), moderation: 'all' });
    browser = await chromium.launch({ executablePath: findChrome() as string, args: CHROME_FLAGS as string[] });
    // bypassCSP: only so that axe can be injected (the page's CSP allows no inline script).
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    page = await context.newPage();
    page.on('pageerror', (error) => console.log(`# page error: ${error.message}`));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.cleanup();
  });

  const desk = (selector: string) => page.locator(`comment-admin ${selector}`);
  const status = () => desk('[role="status"]');
  /** Focuses `target` and presses `key`: what a keyboard user does after tabbing there. */
  const press = async (target: Locator, key = 'Enter') => {
    await target.focus();
    await page.keyboard.press(key);
  };
  const card = (text: string) => desk('article').filter({ hasText: text });
  const activeCardText = () =>
    page.evaluate(() => {
      const active = document.querySelector('comment-admin')!.shadowRoot!.activeElement as HTMLElement | null;
      return active?.tagName === 'ARTICLE'
        ? (active.querySelector('.content')?.textContent ?? '')
        : `<${active?.tagName}>`;
    });
  const axe = async (screen: string) => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document);
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.length}`);
    });
    assert.deepEqual(violations, [], `axe on ${screen}`);
  };
  const post = async (content: string, name = 'Reader') => {
    const res = await call(server.url, 'POST', commentsPath('slow-bread'), draft({ content, name }));
    assert.equal(res.status, 201, res.text);
    return res.body.comment.id as string;
  };

  it('signs in, approves, trashes and undoes, spams and un-spams, bulk-approves, replies as owner, edits, searches, sets block lists, signs out', async () => {
    for (const text of ['Held one', 'Held two', 'Held three', 'Held four', 'Findable needle']) await post(text);
    await page.goto(`${server.url}/admin`);
    await desk('#secret').waitFor();
    await axe('sign-in');
    await desk('#secret').fill('wrong');
    await page.keyboard.press('Enter');
    await status().filter({ hasText: 'refused' }).waitFor();
    await desk('#secret').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await card('Findable needle').waitFor();
    assert.equal(await desk('form.signin').count(), 0, 'the sign-in form is gone');
    await desk('nav button').filter({ hasText: 'Pending (5)' }).waitFor();
    await axe('pending queue');
    // Phone targets: 44 px.
    for (const b of await desk('article button').all()) {
      const box = (await b.boundingBox())!;
      assert.ok(box.height >= 44 && box.width >= 44, `${await b.innerText()}: ${box.width}×${box.height}`);
    }

    // Approve the newest; focus lands on the next card; Enter again does nothing to it.
    await press(card('Findable needle').getByRole('button', { name: /^Approve/ }));
    await status().filter({ hasText: 'approved' }).waitFor();
    assert.equal(await activeCardText(), 'Held four');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await card('Held four').count(), 1, 'a double Enter acted on the next comment');
    await desk('nav button').filter({ hasText: 'Pending (4)' }).waitFor();

    // Trash, then Undo.
    await press(card('Held four').getByRole('button', { name: /^Trash/ }));
    await desk('.toast').waitFor();
    assert.equal(await activeCardText(), 'Held three');
    await press(desk('.toast button'));
    await card('Held four').waitFor();
    await status().filter({ hasText: 'restored' }).waitFor();

    // Spam, then Not spam from the Spam queue (back to Pending).
    await press(card('Held three').getByRole('button', { name: /^Spam/ }));
    await status().filter({ hasText: 'marked as spam' }).waitFor();
    // The counts follow the announcement: wait for them.
    await desk('nav button').filter({ hasText: 'Spam (1)' }).waitFor();
    await press(desk('nav button').filter({ hasText: 'Spam' }));
    await card('Held three').waitFor();
    await axe('spam queue');
    await press(card('Held three').getByRole('button', { name: /^Not spam/ }));
    await status().filter({ hasText: 'sent back to Pending' }).waitFor();
    await press(desk('nav button').filter({ hasText: 'Pending' }));
    await card('Held three').waitFor();

    // Bulk: select two with Space, approve them.
    await press(card('Held one').locator('input[type="checkbox"]'), 'Space');
    await press(card('Held two').locator('input[type="checkbox"]'), 'Space');
    await press(desk('.toolbar button').filter({ hasText: 'Approve selected (2)' }));
    await status().filter({ hasText: '2 comments approved' }).waitFor();
    assert.equal(await card('Held one').count(), 0);

    // Reply as the site owner to an approved comment; the badge shows on the public page.
    await press(desk('nav button').filter({ hasText: 'Approved' }));
    await card('Held one').waitFor();
    await axe('approved queue');
    await press(card('Held one').getByRole('button', { name: /^Reply/ }));
    await page.keyboard.type('Thanks for reading!');
    await press(card('Held one').getByRole('button', { name: 'Publish reply' }));
    await status().filter({ hasText: 'Reply published' }).waitFor();
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${server.url}/`);
    const reply = reader.locator('comment-box li.comment', { hasText: 'Thanks for reading!' }).last();
    await reply.waitFor();
    assert.equal((await reply.locator('[part="owner-badge"]').first().textContent())?.trim(), 'Author');
    assert.equal(await reader.locator('comment-box [part="owner-badge"]').count(), 1, 'only the owner has it');

    // Edit: the new text is public, the original kept for moderators.
    // (While edited, the text is in the field: the card is found by its id.)
    const two = desk(`article[data-id="${await card('Held two').getAttribute('data-id')}"]`);
    await press(two.getByRole('button', { name: /^Edit/ }));
    await page.keyboard.press('End');
    await page.keyboard.type(' (edited by the owner)');
    await press(two.getByRole('button', { name: 'Save' }));
    await status().filter({ hasText: 'Comment edited' }).waitFor();
    await reader.reload();
    await reader.locator('comment-box li.comment', { hasText: 'Held two (edited by the owner)' }).waitFor();

    // Search.
    await press(desk('nav button').filter({ hasText: 'Pending' }));
    await card('Held three').waitFor();
    await desk('#search').focus();
    await page.keyboard.type('needle');
    await press(desk('#search'));
    await status().filter({ hasText: 'found' }).waitFor();
    assert.equal(await desk('article').count(), 0, 'the needle was approved: not pending');
    await press(desk('nav button').filter({ hasText: 'Approved' }));
    await card('Findable needle').waitFor();
    assert.equal(await desk('article').count(), 1);

    // Settings: a block-list word and the mode, in the desk; the next post follows them.
    await press(desk('nav button').filter({ hasText: 'Settings' }));
    await desk('#words-spam').waitFor();
    await axe('settings');
    await desk('#words-spam').focus();
    await page.keyboard.type('cheap pills');
    await desk('#moderation').selectOption('none');
    await press(desk('form.settings button[type="submit"]'));
    await status().filter({ hasText: 'Settings saved' }).waitFor();
    const blocked = await call(server.url, 'POST', commentsPath('slow-bread'), draft({ content: 'Cheap Pills here' }));
    const fine = await call(server.url, 'POST', commentsPath('slow-bread'), draft({ content: 'A fine comment' }));
    assert.equal(fine.body.comment.status, 'approved', 'the mode saved in the desk');
    const spam = await call(server.url, 'GET', '/api/admin/comments?status=spam', undefined, {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    assert.deepEqual(
      spam.body.comments.map((c: any) => [c.id, c.reason]),
      [[blocked.body.comment.id, { code: 'block-word', detail: 'cheap pills' }]],
    );

    // Sign out: the session ends; a reload shows the sign-in form.
    await press(desk('header button').filter({ hasText: 'Sign out' }));
    await desk('#secret').waitFor();
    await page.reload();
    await desk('#secret').waitFor();
    assert.equal((await call(server.url, 'GET', '/api/admin/counts')).status, 401);
  });

  it('imports a Disqus file (dry run first), downloads the export, and erases an address, from the keyboard', async () => {
    await page.goto(`${server.url}/admin`);
    await desk('#secret').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await desk('#search').waitFor();
    await press(desk('nav button').filter({ hasText: 'Import and export' }));
    const data = (selector: string) => page.locator(`comment-admin comment-admin-data ${selector}`);
    await data('#import-file').waitFor();
    const focusedId = () =>
      page.evaluate(() => {
        const panel = document.querySelector('comment-admin')!.shadowRoot!.querySelector('comment-admin-data')!;
        return panel.shadowRoot!.activeElement?.id ?? null;
      });
    assert.equal(await focusedId(), 'queue-heading', 'focus on the screen’s heading');
    await axe('import and export');

    await data('#import-file').setInputFiles(join(ROOT, 'server/test/import/fixtures/disqus.xml'));
    await data('#import-from').selectOption('disqus');
    await press(data('#import-dry-run'), 'Space');
    await press(data('button[type="submit"]').filter({ hasText: 'Import' }));
    await data('#data-status').filter({ hasText: 'Would import 7 comments' }).waitFor();
    assert.equal(await focusedId(), 'data-status', 'focus on the result');
    await press(data('#import-dry-run'), 'Space');
    await press(data('button[type="submit"]').filter({ hasText: 'Import' }));
    await data('#data-status').filter({ hasText: 'Imported 7 comments' }).waitFor();
    assert.equal((await call(server.url, 'GET', `${commentsPath('/2019/sourdough/')}?limit=50`)).body.total, 4);

    // The export link downloads with the session (a GET needs no CSRF token).
    const exported = await page.evaluate(async () => (await fetch('/api/admin/export')).text());
    assert.match(exported, /"format":"comment-box"/);
    assert.match(exported, /ada@example\.com/);

    // Erase an address: asked once, focus on Cancel; Shift+Tab to Erase.
    await data('#privacy-email').focus();
    await page.keyboard.type('grace@example.com');
    await data('a[download="personal-data.json"]').waitFor();
    await press(data('#erase-button'));
    await data('#erase-question').waitFor();
    assert.equal(await focusedId(), 'erase-cancel');
    await axe('erase question');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await data('#data-status').filter({ hasText: 'Erased: 1 comment anonymized' }).waitFor();
    const list = await call(server.url, 'GET', `${commentsPath('/2019/sourdough/')}?limit=50`);
    assert.equal(JSON.stringify(list.body).includes('Grace'), false, 'the public list still names her');
    await press(desk('header button').filter({ hasText: 'Sign out' }));
    await desk('#secret').waitFor();
  });

  it('Notifications with no SMTP server: says that email is off and how to turn it on; axe', async () => {
    await page.goto(`${server.url}/admin`);
    await desk('#secret').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await desk('#search').waitFor();
    await press(desk('nav button').filter({ hasText: 'Notifications' }));
    const notify = (selector: string) => page.locator(`comment-admin comment-admin-notify ${selector}`);
    await notify('#email-off').waitFor();
    assert.match(await notify('#email-off').innerText(), /Email is off/);
    assert.match(await notify('section').first().innerText(), /COMMENT_BOX_SMTP_URL/);
    assert.equal(await notify('#test-to').count(), 0, 'no test button without SMTP');
    await axe('notifications, email off');
    await press(desk('header button').filter({ hasText: 'Sign out' }));
    await desk('#secret').waitFor();
  });

  it('pages through 1,000 held comments with "Load more", focus on the first new card each time', async () => {
    const base = Date.parse('2025-01-01T00:00:00Z');
    for (let chunk = 0; chunk < 10; chunk++) {
      await server.store.db
        .insertInto('comments')
        .values(
          Array.from({ length: 100 }, (_, i) => {
            const n = chunk * 100 + i;
            return {
              id: `bulk-${String(n).padStart(4, '0')}`,
              thread_id: 'many',
              parent_id: null,
              author_name: `Reader ${n}`,
              author_email: `r${n}@example.com`,
              author_url: '',
              avatar_seed: 'x',
              content: `Held number ${n}`,
              status: 'pending',
              created_at: new Date(base + n * 1000).toISOString(),
              dup_key: `many-${n}`,
              author_token_hash: '',
              ip: '192.0.2.1',
              user_agent: 'test',
              edited_at: null,
              deleted: 0,
              source_key: null,
              moderation_reason: 'all',
            };
          }),
        )
        .execute();
    }
    await page.goto(`${server.url}/admin`);
    await desk('#secret').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await desk('#search').waitFor();
    await desk('#search').fill('many');
    await press(desk('#search'));
    await card('Held number 999').waitFor();
    let rounds = 0;
    while ((await desk('button').filter({ hasText: 'Load more' }).count()) > 0) {
      const before = await desk('article').count();
      await press(desk('button').filter({ hasText: 'Load more' }));
      await page.waitForFunction(
        (n) => document.querySelector('comment-admin')!.shadowRoot!.querySelectorAll('article').length > n,
        before,
      );
      assert.equal(await activeCardText(), `Held number ${999 - before}`, 'focus on the first card loaded');
      rounds++;
    }
    assert.equal(await desk('article').count(), 1000);
    assert.equal(rounds, 19);
    assert.equal(await card('Held number 0').count(), 1);
  });
});

describe('Notifications screen in Chromium (360 px, keyboard), SMTP and a webhook', () => {
  const OWNER = 'owner@blog.example';
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let sink: SmtpSink;
  let receiver: Receiver;

  before(async () => {
    ensureBuilt('dist/admin/notify-panel.js');
    db = await freshDatabase('sqlite');
    sink = await startSink();
    receiver = new Receiver('');
    await receiver.start();
    server = await start(db, {
      distDir: join(ROOT, 'dist'),
      moderation: 'all',
      smtpUrl: sink.url,
      mailFrom: 'Comments <comments@blog.example>',
      notifyEmail: OWNER,
      siteName: 'Test Blog',
      outboxPollMs: 50,
      outboxRetryBaseMs: 60_000,
      // The retries are expected here: no warning lines in the test's output.
      logLevel: 'error',
    });
    browser = await chromium.launch({ executablePath: findChrome() as string, args: CHROME_FLAGS as string[] });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    page = await context.newPage();
    page.on('pageerror', (error) => console.log(`# page error: ${error.message}`));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
    await receiver?.close();
    await db?.cleanup();
  });

  const desk = (selector: string) => page.locator(`comment-admin ${selector}`);
  const notify = (selector: string) => page.locator(`comment-admin comment-admin-notify ${selector}`);
  const status = () => desk('[role="status"]');
  const press = async (target: Locator, key = 'Enter') => {
    await target.focus();
    await page.keyboard.press(key);
  };
  const focusedId = () =>
    page.evaluate(() => {
      const panel = document.querySelector('comment-admin')!.shadowRoot!.querySelector('comment-admin-notify')!;
      return panel.shadowRoot!.activeElement?.id ?? null;
    });
  const axe = async (screen: string) => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document);
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.length}`);
    });
    assert.deepEqual(violations, [], `axe on ${screen}`);
  };

  it('sends a test email, shows the SMTP error when the server is down, sets a signed webhook, shows the outbox retrying', async () => {
    await page.goto(`${server.url}/admin`);
    await desk('#secret').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await desk('#search').waitFor();
    await press(desk('nav button').filter({ hasText: 'Notifications' }));
    await notify('#test-to').waitFor();
    assert.equal(await focusedId(), 'queue-heading', 'focus on the screen’s heading');
    await axe('notifications, email on');
    for (const b of await notify('button').all()) {
      const box = (await b.boundingBox())!;
      assert.ok(box.height >= 44 && box.width >= 44, `${await b.innerText()}: ${box.width}×${box.height}`);
    }

    // A test email, to the owner's address (prefilled): the SMTP server's answer, focused and announced.
    assert.equal(await notify('#test-to').inputValue(), OWNER);
    await press(notify('button').filter({ hasText: 'Send a test email' }));
    await notify('#test-result').filter({ hasText: 'Sent. The mail server answered: 250' }).waitFor();
    assert.equal(await focusedId(), 'test-result');
    await status().filter({ hasText: 'Sent. The mail server answered' }).waitFor();
    await sink.until(
      (r) => r.some((m) => m.to.includes(OWNER) && /Test email/.test(m.mail.subject ?? '')),
      10_000,
      'the test email',
    );
    await axe('test email sent');

    // The SMTP server down: the error, in words.
    await sink.close();
    await press(notify('button').filter({ hasText: 'Send a test email' }));
    await notify('#test-result').filter({ hasText: 'Not sent. The mail server said:' }).waitFor();
    assert.match(await notify('#test-result').innerText(), /ECONNREFUSED/);
    assert.equal(await focusedId(), 'test-result');
    await axe('test email failed');

    // The webhook: URL, JSON, a secret generated (shown once), saved; a post reaches the receiver signed.
    await notify('#webhookUrl').focus();
    await page.keyboard.type(receiver.url);
    await press(notify('button').filter({ hasText: 'Save notification settings' }));
    await status().filter({ hasText: 'Notification settings saved' }).waitFor();
    await press(notify('button').filter({ hasText: 'Generate a secret' }));
    await notify('#new-secret').waitFor();
    assert.equal(await focusedId(), 'new-secret');
    const secret = await notify('#new-secret').innerText();
    assert.match(secret, /^whsec_[0-9a-f]{64}$/);
    assert.equal(server.config.webhookSecret, secret);
    assert.match(await notify('#secret-state').innerText(), new RegExp(`••••••••${secret.slice(-4)}`));
    await axe('webhook secret shown');
    receiver.secret = secret;
    const res = await call(server.url, 'POST', commentsPath('/posts/e2e'), draft({ content: 'Held for the outbox' }));
    assert.equal(res.status, 201);
    const deadline = Date.now() + 10_000;
    while (!receiver.deliveries.some((d) => d.body.comment?.content === 'Held for the outbox')) {
      assert.ok(Date.now() < deadline, 'no webhook');
      await page.waitForTimeout(50);
    }
    const delivery = receiver.deliveries.find((d) => d.body.comment?.content === 'Held for the outbox')!;
    assert.ok(delivery.verified, 'signed with the secret the desk showed');
    assert.equal(delivery.body.event, 'comment.created');

    // The owner's email about that held comment cannot go (SMTP down): retrying, with the error.
    let retrying = false;
    for (let i = 0; i < 100 && !retrying; i++) {
      await page.waitForTimeout(100);
      const outbox = await page.evaluate(async () => (await fetch('/api/admin/outbox')).json());
      retrying = outbox.counts.retrying >= 1;
    }
    assert.ok(retrying, 'the owner email retrying');
    await press(notify('button').filter({ hasText: 'Refresh the outbox' }));
    await status()
      .filter({ hasText: /Outbox: \d+ sent, 1 retrying, 0 failed\./ })
      .waitFor();
    assert.equal(await focusedId(), 'outbox-heading');
    const row = notify('li[data-id]').filter({ hasText: 'new comment, to you' });
    assert.match(await row.innerText(), /o\*\*\*@blog\.example/);
    assert.match(await row.innerText(), /Retrying \(1 attempts so far\)/);
    assert.match(await row.innerText(), /Last error: .*ECONNREFUSED/);
    assert.equal((await row.innerText()).includes(OWNER), false, 'the recipient masked');
    const hook = notify('li[data-id]').filter({ hasText: 'Webhook: comment.created' });
    assert.match(await hook.innerText(), /Sent/);
    await axe('outbox with a retrying message');
  });
});
