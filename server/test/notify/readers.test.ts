/**
 * Readers' notifications end to end, on SQLite and PostgreSQL, against a real SMTP server on
 * 127.0.0.1: one confirmation (double opt-in), nothing to an unconfirmed address, a GET of the
 * confirmation link confirms nothing, a reply notification only once the reply is approved, none
 * for one's own reply, digests, unsubscribe by the page's button and by RFC 8058's one-click POST,
 * hostile names and texts (no extra header, no live link), the page's `notifications` capability,
 * `_page` kept only for an origin the server serves, emails in the reader's language (the thread's
 * `_lang`, else `Accept-Language`; right to left for Arabic), and a post whose transaction fails
 * queues nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../src/server.js';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  pgSkip,
  postComment,
  start,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';
import { spawnServer, stopAll } from '../processes.js';
import { startSink, type Received, type SmtpSink } from './smtp-sink.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const INTERVAL_S = 2;

/** The links to this server in a message's text part. */
const links = (m: Received) =>
  [...(m.mail.text ?? '').matchAll(/https?:\/\/127\.0\.0\.1:\d+\/notify\/\S+/g)].map((x) => x[0]);

/** The URL of a message's `List-Unsubscribe` header (unfolded). */
function oneClickUrl(m: Received): string {
  const head = m.raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
  const found = /^List-Unsubscribe: <([^>]+)>/im.exec(head);
  assert.ok(found, head);
  return found[1]!.replace(/\s+/g, '');
}

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;

  describe(`reader notifications on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let sink: SmtpSink;
    let base: string;

    before(async () => {
      db = await freshDatabase(dbName);
      sink = await startSink();
      server = await start(db, {
        smtpUrl: sink.url,
        mailFrom: 'Comments <comments@blog.example>',
        siteName: 'Test Blog',
        outboxPollMs: 50,
        outboxRetryBaseMs: 100,
        notifyInterval: INTERVAL_S,
        // The hostile text has many links: published, so that its notification goes out.
        maxLinks: 100,
      });
      base = server.url;
    });
    after(async () => {
      await server?.close();
      await sink?.close();
      await db?.cleanup();
    });

    const post = async (thread: string, overrides: Record<string, unknown> = {}) =>
      (await postComment(base, thread, overrides)).comment;
    /** Confirms `address`'s first confirmation email (asserting there is exactly one). */
    const confirm = async (address: string) => {
      await sink.until((r) => r.some((m) => m.to.includes(address)), 10_000, `the confirmation to ${address}`);
      const mails = sink.to(address);
      assert.equal(mails.length, 1, 'exactly one confirmation');
      const [link] = links(mails[0]!);
      assert.ok(link?.includes('/notify/confirm?t='), mails[0]!.mail.text);
      const page = await fetch(link!);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<form method="post">/);
      assert.match(html, /<meta name="viewport"/);
      // A GET (a mail scanner) confirms nothing.
      const row = await server.store.db
        .selectFrom('mail_addresses')
        .selectAll()
        .where('address', '=', address)
        .executeTakeFirstOrThrow();
      assert.equal(row.confirmed_at, null);
      const t = new URL(link!).searchParams.get('t')!;
      const done = await fetch(`${base}/notify/confirm`, { method: 'POST', body: new URLSearchParams({ t }) });
      assert.equal(done.status, 200);
      const after = await server.store.db
        .selectFrom('mail_addresses')
        .selectAll()
        .where('address', '=', address)
        .executeTakeFirstOrThrow();
      assert.ok(after.confirmed_at);
    };
    const quiet = async (address: string, count: number, ms = 800) => {
      await wait(ms);
      assert.equal(sink.to(address).length, count, `no new email to ${address}`);
    };

    it('says notifications are on in the comment page', async () => {
      const res = await call(base, 'GET', commentsPath(uniqueThread()));
      assert.equal(res.body.notifications, true);
    });

    it("confirms once, sends nothing before confirmation, then notifies of an approved reply (not of one's own)", async () => {
      const thread = uniqueThread();
      const ada = `ada-${thread}@example.com`;
      const page = `${base}/posts/hello?x=1#top`;
      const a = await post(thread, { email: ada, notify: true, _page: page });
      await sink.until((r) => r.some((m) => m.to.includes(ada)), 10_000, 'the confirmation');
      const confirmation = sink.to(ada)[0]!;
      assert.match(confirmation.mail.subject ?? '', /Confirm your email .* Test Blog/);
      assert.doesNotMatch(confirmation.mail.text ?? '', /A comment/, 'no comment text in a confirmation');
      // A second opt-in while the first waits: no second confirmation.
      await post(thread, { email: ada, notify: true, name: 'Ada again' });
      // A reply while unconfirmed: nothing.
      await post(thread, { email: 'bob@example.com', name: 'Bob', parentId: a.id });
      await quiet(ada, 1);
      await confirm(ada);
      const reply = await post(thread, {
        email: 'bob@example.com',
        name: 'Bob',
        parentId: a.id,
        content: 'Thanks Ada!',
      });
      await sink.until((r) => r.filter((m) => m.to.includes(ada)).length >= 2, 10_000, 'the reply notification');
      const note = sink.to(ada)[1]!;
      assert.equal(note.mail.subject, 'New reply on Test Blog');
      assert.match(note.mail.text ?? '', /Thanks Ada!/);
      assert.match(note.mail.text ?? '', /Bob wrote/);
      assert.ok((note.mail.text ?? '').includes(`${base}/posts/hello?x=1#comment-${reply.id}`), 'a link to the anchor');
      assert.doesNotMatch(note.raw, /bob@example\.com/, "no other reader's address");
      assert.match(oneClickUrl(note), /\/notify\/unsubscribe\?t=/);
      assert.match(note.raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
      assert.ok(note.mail.html && /Thanks Ada!/.test(note.mail.html));
      // A confirmed address opting in again: no new confirmation.
      const before = sink.to(ada).length;
      await post(uniqueThread(), { email: ada, notify: true });
      // Her own reply in the thread notifies nobody (not her).
      await post(thread, { email: ada.toUpperCase(), name: 'Ada', parentId: a.id, content: 'my own follow-up' });
      await quiet(ada, before);
    });

    it('gathers the replies within the interval into one digest', async () => {
      const thread = uniqueThread();
      const cy = `cy-${thread}@example.com`;
      const a = await post(thread, { email: cy, notify: true });
      await confirm(cy);
      await post(thread, { email: 'd1@example.com', name: 'Dee', parentId: a.id, content: 'first reply' });
      await sink.until((r) => r.filter((m) => m.to.includes(cy)).length >= 2, 10_000, 'the first notification');
      // Two more at once: they wait for the interval, and come as one.
      await post(thread, { email: 'd2@example.com', name: 'Eve', parentId: a.id, content: 'second reply' });
      await post(thread, { email: 'd3@example.com', name: 'Fay', parentId: a.id, content: 'third reply' });
      await wait(300);
      assert.equal(sink.to(cy).length, 2, 'nothing before the interval');
      await sink.until((r) => r.filter((m) => m.to.includes(cy)).length >= 3, INTERVAL_S * 1000 + 8_000, 'the digest');
      const digest = sink.to(cy)[2]!;
      assert.equal(digest.mail.subject, '2 new replies on Test Blog');
      assert.match(digest.mail.text ?? '', /second reply[\s\S]*third reply/);
      await quiet(cy, 3, 500);
    });

    it('notifies of a held reply only once a moderator approves it', async () => {
      const thread = uniqueThread();
      const gus = `gus-${thread}@example.com`;
      const a = await post(thread, { email: gus, notify: true });
      await confirm(gus);
      const saved = await call(base, 'PUT', '/api/admin/settings', { moderation: 'all' }, admin);
      assert.equal(saved.status, 200, saved.text);
      try {
        const held = await post(thread, { email: 'h@example.com', name: 'Hal', parentId: a.id, content: 'held reply' });
        assert.equal(held.status, 'pending');
        await quiet(gus, 1);
        const approved = await call(base, 'PATCH', `/api/admin/comments/${held.id}`, { status: 'approved' }, admin);
        assert.equal(approved.status, 200, approved.text);
        await sink.until(
          (r) => r.filter((m) => m.to.includes(gus)).length >= 2,
          10_000,
          'the notification after approval',
        );
        assert.match(sink.to(gus)[1]!.mail.text ?? '', /held reply/);
        // Spam: nothing, ever.
        const spam = await post(thread, { email: 'i@example.com', name: 'Ivy', parentId: a.id, content: 'spam reply' });
        await call(base, 'PATCH', `/api/admin/comments/${spam.id}`, { status: 'spam' }, admin);
        await quiet(gus, 2);
      } finally {
        await call(base, 'PUT', '/api/admin/settings', { moderation: 'none' }, admin);
      }
    });

    it("unsubscribes with the one-click POST (RFC 8058) and with the page's button; a GET changes nothing", async () => {
      const thread = uniqueThread();
      const jo = `jo-${thread}@example.com`;
      const a = await post(thread, { email: jo, notify: true });
      await confirm(jo);
      await post(thread, { email: 'k@example.com', name: 'Kim', parentId: a.id });
      await sink.until((r) => r.filter((m) => m.to.includes(jo)).length >= 2, 10_000, 'a notification');
      const note = sink.to(jo)[1]!;
      const oneClick = oneClickUrl(note);
      // A GET: a page with a button, still subscribed.
      const shown = await fetch(oneClick);
      assert.equal(shown.status, 200);
      assert.match(await shown.text(), /<button type="submit">/);
      assert.equal(
        (await server.store.db.selectFrom('subscriptions').select('id').where('address', '=', jo).execute()).length,
        1,
      );
      // The mail client's one-click POST.
      const res = await fetch(oneClick, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      assert.equal(res.status, 200);
      assert.equal(
        (await server.store.db.selectFrom('subscriptions').select('id').where('address', '=', jo).execute()).length,
        0,
      );
      await post(thread, { email: 'k@example.com', name: 'Kim', parentId: a.id, content: 'after unsubscribe' });
      await quiet(jo, 2);

      // "Everything", by the page's button (a form POST to the page's address).
      const thread2 = uniqueThread();
      const b = await post(thread2, { email: jo, notify: true });
      await post(thread2, { email: 'l@example.com', name: 'Lu', parentId: b.id });
      await sink.until((r) => r.filter((m) => m.to.includes(jo)).length >= 3, 10_000, 'a notification');
      const all = links(sink.to(jo)[2]!).find((l) => l.includes('unsubscribe') && l !== oneClickUrl(sink.to(jo)[2]!));
      assert.ok(all, 'a visible link to stop everything');
      const form = await (await fetch(all!)).text();
      assert.match(form, /every email/);
      const t = new URL(all!).searchParams.get('t')!;
      const pressed = await fetch(all!, {
        method: 'POST',
        body: new URLSearchParams({ t, 'List-Unsubscribe': 'One-Click' }),
      });
      assert.equal(pressed.status, 200);
      const row = await server.store.db
        .selectFrom('mail_addresses')
        .selectAll()
        .where('address', '=', jo)
        .executeTakeFirstOrThrow();
      assert.ok(row.unsubscribed_all_at);
      assert.equal(row.confirmed_at, null, 'a new opt-in must confirm again');
    });

    it('follows a whole discussion only when asked: from the confirmed page, or a link in a notification', async () => {
      const thread = uniqueThread();
      const ona = `ona-${thread}@example.com`;
      const first = await post(thread, { email: ona, notify: true });
      await sink.until((r) => r.some((m) => m.to.includes(ona)), 10_000, 'the confirmation');
      const link = links(sink.to(ona)[0]!)[0]!;
      const t = new URL(link).searchParams.get('t')!;
      const confirmed = await (
        await fetch(`${base}/notify/confirm`, { method: 'POST', body: new URLSearchParams({ t }) })
      ).text();
      const action = /<form method="post" action="([^"]+)"/.exec(confirmed)?.[1];
      assert.ok(action?.startsWith('follow?t='), confirmed);
      // A top-level comment by someone else: not a reply to hers, so nothing yet.
      await post(thread, { email: 'p@example.com', name: 'Pat', content: 'top-level one' });
      await quiet(ona, 1);
      const followed = await fetch(new URL(action!.replace(/&amp;/g, '&'), `${base}/notify/confirm`), {
        method: 'POST',
      });
      assert.equal(followed.status, 200);
      await post(thread, { email: 'q@example.com', name: 'Quin', content: 'top-level two' });
      await sink.until((r) => r.filter((m) => m.to.includes(ona)).length >= 2, 10_000, 'the thread notification');
      const note = sink.to(ona)[1]!;
      assert.match(note.mail.text ?? '', /top-level two/);
      assert.doesNotMatch(
        note.mail.text ?? '',
        /every new comment in this discussion:/,
        'no follow link once following',
      );
      assert.ok(first.id);
    });

    it('a tampered link does nothing (4xx)', async () => {
      const bad = await fetch(`${base}/notify/unsubscribe`, {
        method: 'POST',
        body: new URLSearchParams({ t: 'abc.def' }),
      });
      assert.equal(bad.status, 400);
      const get = await fetch(`${base}/notify/confirm?t=nonsense`);
      assert.equal(get.status, 400);
      assert.match(await get.text(), /does not work/);
    });

    it('hostile names and texts: no extra header, no live link, no HTML of theirs', async () => {
      const thread = uniqueThread();
      const mo = `mo-${thread}@example.com`;
      const a = await post(thread, { email: mo, notify: true });
      await confirm(mo);
      await post(thread, {
        email: 'evil@example.com',
        name: 'x\r\nBcc: evil@example.com',
        parentId: a.id,
        content:
          'Visit https://evil.example/path and www.evil.example or mail me at bad@evil.example <img src="https://evil.example/p.png"> <a href="https://evil.example">x</a> <script>alert(1)</script> javascript:alert(1)',
      });
      await sink.until((r) => r.filter((m) => m.to.includes(mo)).length >= 2, 10_000, 'the notification');
      const m = sink.to(mo)[1]!;
      assert.deepEqual(m.to, [mo], 'one recipient only');
      assert.equal(m.mail.bcc, undefined);
      const headerBlock = m.raw.split(/\r\n\r\n/)[0]!;
      assert.doesNotMatch(headerBlock, /^Bcc:/im);
      assert.doesNotMatch(headerBlock, /evil/i);
      const text = m.mail.text ?? '';
      const html = m.mail.html || '';
      for (const part of [text, html]) {
        assert.doesNotMatch(part, /https?:\/\/evil/i);
        assert.doesNotMatch(part, /www\.evil/i);
        assert.doesNotMatch(part, /bad@evil/i);
        assert.doesNotMatch(part, /evil\.example/i);
      }
      assert.match(text, /hxxps:\/\/evil\[\.\]example/);
      assert.doesNotMatch(html, /<img|<script|<a href="https:\/\/evil|href="hxxp/i);
      assert.match(html, /&lt;script&gt;/);
      // The only links of the HTML are this server's.
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) assert.ok(href!.startsWith(base), href);
    });

    it('keeps _page only for an origin the server serves', async () => {
      const thread = uniqueThread();
      await post(thread, { _page: 'https://elsewhere.example/p' });
      const none = await server.store.db
        .selectFrom('thread_pages')
        .selectAll()
        .where('thread_id', '=', thread)
        .executeTakeFirst();
      assert.equal(none, undefined);
      await post(thread, { _page: `${base}/p#x` });
      const kept = await server.store.db
        .selectFrom('thread_pages')
        .selectAll()
        .where('thread_id', '=', thread)
        .executeTakeFirstOrThrow();
      assert.equal(kept.page_url, `${base}/p`);
    });

    it("writes to a Dutch reader in Dutch: the confirmation, its page, the reply's email and its date", async () => {
      const thread = uniqueThread();
      const daan = `daan-${thread}@example.com`;
      const dutch = { 'Accept-Language': 'nl-BE,nl;q=0.9,en;q=0.5' };
      const a = (await postComment(base, thread, { email: daan, notify: true, name: 'Daan' }, dutch)).comment;
      await sink.until((r) => r.some((m) => m.to.includes(daan)), 10_000, 'the Dutch confirmation');
      const confirmation = sink.to(daan)[0]!;
      assert.equal(confirmation.mail.subject, 'Bevestig je e-mailadres voor reacties op Test Blog');
      assert.match(confirmation.mail.text ?? '', /Iemand \(hopelijk jij\)/);
      assert.match(confirmation.mail.html || '', /<html lang="nl" dir="ltr">/);
      assert.match(confirmation.mail.html || '', /Mijn e-mailadres bevestigen/);
      const [link] = links(confirmation);
      const page = await (await fetch(link!)).text();
      assert.match(page, /<html lang="nl" dir="ltr">/);
      assert.match(page, /<title>Bevestig je e-mailadres<\/title>/);
      await confirm(daan);
      await post(thread, { email: 'eva@example.com', name: 'Eva', parentId: a.id, content: 'Dank je, Daan!' });
      await sink.until((r) => r.filter((m) => m.to.includes(daan)).length >= 2, 10_000, 'the Dutch reply');
      const note = sink.to(daan)[1]!;
      assert.equal(note.mail.subject, 'Nieuwe reactie op Test Blog');
      assert.match(note.mail.text ?? '', /Eva schreef \(\d{1,2} [a-z]{3}\.? \d{4},? \d{1,2}:\d{2} UTC\):/);
      assert.match(note.mail.text ?? '', /Geen e-mails meer over deze discussie: http/);
    });

    it('writes to an Arabic reader right to left, and to a Chinese one in simplified Chinese', async () => {
      const thread = uniqueThread();
      const amal = `amal-${thread}@example.com`;
      await postComment(base, thread, { email: amal, notify: true, name: 'Amal' }, { 'Accept-Language': 'ar-EG,ar' });
      await sink.until((r) => r.some((m) => m.to.includes(amal)), 10_000, 'the Arabic confirmation');
      const arabic = sink.to(amal)[0]!;
      assert.match(arabic.mail.html || '', /<html lang="ar" dir="rtl">/);
      assert.match(arabic.mail.subject ?? '', /^أكِّد بريدك الإلكتروني/);
      const page = await (await fetch(links(arabic)[0]!)).text();
      assert.match(page, /<html lang="ar" dir="rtl">/);
      const li = `li-${thread}@example.com`;
      await postComment(
        base,
        thread,
        { email: li, notify: true, name: 'Li' },
        { 'Accept-Language': 'zh-Hans,en;q=0.5' },
      );
      await sink.until((r) => r.some((m) => m.to.includes(li)), 10_000, 'the Chinese confirmation');
      const chinese = sink.to(li)[0]!;
      assert.match(chinese.mail.html || '', /<html lang="zh-CN" dir="ltr">/);
      assert.match(chinese.mail.subject ?? '', /^请确认您在 Test Blog/);
      const stored = await server.store.db
        .selectFrom('mail_addresses')
        .select('language')
        .where('address', '=', li)
        .executeTakeFirstOrThrow();
      assert.equal(stored.language, 'zh-cn');
    });

    it("prefers the thread's language (the element's `_lang`) to the browser's; a tag that is not one is ignored", async () => {
      const thread = uniqueThread();
      const languageOf = async (address: string) =>
        (
          await server.store.db
            .selectFrom('mail_addresses')
            .select('language')
            .where('address', '=', address)
            .executeTakeFirstOrThrow()
        ).language;
      const noor = `noor-${thread}@example.com`;
      const french = { 'Accept-Language': 'fr-FR,fr;q=0.9' };
      await postComment(base, thread, { email: noor, notify: true, name: 'Noor', _lang: 'nl' }, french);
      await sink.until((r) => r.some((m) => m.to.includes(noor)), 10_000, 'the confirmation in the thread language');
      assert.equal(sink.to(noor)[0]!.mail.subject, 'Bevestig je e-mailadres voor reacties op Test Blog');
      assert.equal(await languageOf(noor), 'nl');
      const cases: [string, unknown, string, string | null][] = [
        ['mei', 'zh-Hans', 'en', 'zh-cn'],
        ['odd', 'en_GB', 'de-DE', 'de'],
        ['sven', 'sv', 'es', 'es'],
        ['none', undefined, 'pt-BR', 'pt'],
        ['neither', 'sv', 'sv', null],
      ];
      for (const [name, lang, header, expected] of cases) {
        const address = `${name}-${thread}@example.com`;
        await postComment(
          base,
          thread,
          { email: address, notify: true, name, _lang: lang },
          { 'Accept-Language': header },
        );
        assert.equal(await languageOf(address), expected, `${String(lang)} with ${header}`);
      }
    });

    it('a post that fails in its transaction leaves no outbox row', async () => {
      const thread = uniqueThread();
      const nia = `nia-${thread}@example.com`;
      const first = draft({ email: nia, notify: true });
      assert.equal((await call(base, 'POST', commentsPath(thread), first)).status, 201);
      const before = await server.store.db.selectFrom('outbox').select('id').where('recipient', '=', nia).execute();
      // The same again: a duplicate, refused by the insert's unique key inside the unit.
      const other = `nia2-${thread}@example.com`;
      const dup = await call(base, 'POST', commentsPath(thread), { ...first, email: other });
      assert.equal(dup.status, 409);
      const none = await server.store.db.selectFrom('outbox').select('id').where('recipient', '=', other).execute();
      assert.equal(none.length, 0);
      assert.equal(
        (await server.store.db.selectFrom('subscriptions').select('id').where('address', '=', other).execute()).length,
        0,
      );
      assert.equal(before.length, 1);
    });
  });
}

describe('without SMTP', () => {
  after(stopAll);

  it('starts, says once that notifications are off, and pages do not offer them', async () => {
    const db = await freshDatabase('sqlite');
    const server = await spawnServer(['--db', db.config.dbPath!, '--demo', '', '--min-submit-ms', '0'], {
      COMMENT_BOX_SMTP_URL: '',
    });
    try {
      const res = await call(server.url, 'GET', commentsPath(uniqueThread()));
      assert.equal(res.body.notifications, undefined);
      const posted = await call(server.url, 'POST', commentsPath(uniqueThread()), draft({ notify: true }));
      assert.equal(posted.status, 201);
      assert.equal(server.output().match(/Email notifications are off/g)?.length, 1, server.output());
    } finally {
      await server.stop();
      await db.cleanup();
    }
  });

  it('says at start where links point when it is on', async () => {
    const db = await freshDatabase('sqlite');
    const server = await spawnServer(['--db', db.config.dbPath!, '--demo', ''], {
      COMMENT_BOX_SMTP_URL: 'smtp://127.0.0.1:1',
      COMMENT_BOX_MAIL_FROM: 'c@blog.example',
      COMMENT_BOX_PUBLIC_URL: 'https://comments.blog.example',
    });
    try {
      assert.match(
        server.output(),
        /Email notifications are on, from c@blog\.example; links in emails point to https:\/\/comments\.blog\.example/,
      );
    } finally {
      await server.stop();
      await db.cleanup();
    }
  });
});
