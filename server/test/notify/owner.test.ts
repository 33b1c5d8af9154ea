/**
 * The site owner's email (`--notify-email`) and its one-tap links, on SQLite and PostgreSQL, against
 * a real SMTP server: held comments only by default (every one with `notifyOwner: 'all'`), the reason,
 * the links: a GET shows a confirmation page and changes nothing, its POST approves (and the readers'
 * notifications follow), a replay, a tampered link, an expired one, all refused with a 4xx page.
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
import { startSink, type Received, type SmtpSink } from './smtp-sink.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const OWNER = 'owner@blog.example';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const actionLinks = (m: Received) =>
  Object.fromEntries(
    [...(m.mail.text ?? '').matchAll(/^(Approve|Spam|Trash): (\S+)$/gm)].map((x) => [x[1]!.toLowerCase(), x[2]!]),
  ) as Record<'approve' | 'spam' | 'trash', string>;

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;

  describe(`owner notifications on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let sink: SmtpSink;
    let base: string;

    before(async () => {
      db = await freshDatabase(dbName);
      sink = await startSink();
      server = await start(db, {
        moderation: 'all',
        smtpUrl: sink.url,
        mailFrom: 'Comments <comments@blog.example>',
        notifyEmail: OWNER,
        siteName: 'Test Blog',
        outboxPollMs: 50,
        notifyInterval: 0,
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
    const status = async (id: string) =>
      (await server.store.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status;
    const ownerMail = async (marker: string) => {
      await sink.until(
        (r) => r.some((m) => m.to.includes(OWNER) && (m.mail.text ?? '').includes(marker)),
        10_000,
        'the owner email',
      );
      return sink.received.find((m) => m.to.includes(OWNER) && (m.mail.text ?? '').includes(marker))!;
    };

    it('emails the owner about a held comment, with its reason and one-tap links; GET asks, POST approves once', async () => {
      const thread = uniqueThread();
      // A reader who follows the thread's first comment hears of the approval.
      await call(base, 'PUT', '/api/admin/settings', { moderation: 'none' }, admin);
      const reader = `r-${thread}@example.com`;
      const first = await post(thread, { email: reader, notify: true });
      await sink.until((r) => r.some((m) => m.to.includes(reader)), 10_000, 'the confirmation');
      const confirmLink = /\S+\/notify\/confirm\?t=\S+/.exec(sink.to(reader)[0]!.mail.text ?? '')![0];
      await fetch(confirmLink, {
        method: 'POST',
        body: new URLSearchParams({ t: new URL(confirmLink).searchParams.get('t')! }),
      });
      await call(base, 'PUT', '/api/admin/settings', { moderation: 'all' }, admin);

      const marker = `held-${thread}`;
      const held = await post(thread, {
        parentId: first.id,
        name: 'x\r\nBcc: evil@example.com',
        content: `${marker} see https://evil.example`,
      });
      assert.equal(held.status, 'pending');
      const mail = await ownerMail(marker);
      assert.equal(mail.mail.subject, 'New comment awaiting moderation on Test Blog');
      assert.deepEqual(mail.to, [OWNER]);
      assert.doesNotMatch(mail.raw.split('\r\n\r\n')[0]!, /^Bcc:|evil/im);
      assert.match(mail.mail.text ?? '', /every comment is held/);
      assert.doesNotMatch(mail.mail.text ?? '', /https:\/\/evil/);
      const links = actionLinks(mail);
      assert.ok(links.approve && links.spam && links.trash, mail.mail.text);

      // A GET (a mail scanner, a preview): a page with a button; nothing done.
      const page = await fetch(links.approve);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<meta name="viewport"/);
      assert.match(html, /<button type="submit" class="approve">Approve<\/button>/);
      assert.match(html, /<html lang="en" dir="ltr">/);
      assert.equal(res(page).get('x-frame-options'), 'DENY');
      assert.equal(await status(held.id), 'pending');

      // The button's POST approves.
      const t = new URL(links.approve).searchParams.get('t')!;
      const done = await fetch(`${base}/notify/action`, { method: 'POST', body: new URLSearchParams({ t }) });
      assert.equal(done.status, 200);
      assert.equal(await status(held.id), 'approved');
      // The public page shows it (the thread's version changed), and the reader hears of it.
      const list = await call(base, 'GET', commentsPath(thread));
      assert.ok(list.body.comments.some((c: { id: string }) => c.id === held.id));
      await sink.until((r) => r.filter((m) => m.to.includes(reader)).length >= 2, 10_000, 'the reader notification');

      // Replayed: refused, nothing done.
      await call(base, 'PATCH', `/api/admin/comments/${held.id}`, { status: 'pending' }, admin);
      const again = await fetch(`${base}/notify/action`, { method: 'POST', body: new URLSearchParams({ t }) });
      assert.equal(again.status, 409);
      assert.match(await again.text(), /already used/);
      assert.equal(await status(held.id), 'pending');
      assert.equal((await fetch(links.approve)).status, 409);

      // Another link of the same email still works once (trash).
      const trash = new URL(links.trash).searchParams.get('t')!;
      assert.equal(
        (await fetch(`${base}/notify/action`, { method: 'POST', body: new URLSearchParams({ t: trash }) })).status,
        200,
      );
      assert.equal(await status(held.id), 'trash');
    });

    it('refuses a tampered link and an expired one with a 4xx page, doing nothing', async () => {
      const thread = uniqueThread();
      const marker = `tamper-${thread}`;
      const held = await post(thread, { content: marker });
      const links = actionLinks(await ownerMail(marker));
      const t = new URL(links.approve).searchParams.get('t')!;
      const [body, sig] = t.split('.') as [string, string];
      // The signed content changed: another comment, another action.
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...payload, a: 'trash' })).toString('base64url');
      for (const bad of [`${forged}.${sig}`, `${body}.${sig.slice(0, -2)}AA`, 'garbage', '']) {
        const got = await fetch(`${base}/notify/action?t=${encodeURIComponent(bad)}`);
        assert.equal(got.status, 400, bad);
        const posted = await fetch(`${base}/notify/action`, { method: 'POST', body: new URLSearchParams({ t: bad }) });
        assert.equal(posted.status, 400, bad);
      }
      // A link for the confirm purpose is worth nothing here.
      assert.equal(await status(held.id), 'pending');
      const expired = server.notifications.owner.actionUrl('approve', held.id, Date.now() - 8 * 86_400_000);
      assert.equal((await fetch(expired)).status, 410);
      const et = new URL(expired).searchParams.get('t')!;
      const late = await fetch(`${base}/notify/action`, { method: 'POST', body: new URLSearchParams({ t: et }) });
      assert.equal(late.status, 410);
      assert.equal(await status(held.id), 'pending');
    });

    it('sends nothing about published comments by default, and about every one with notifyOwner: all', async () => {
      await call(base, 'PUT', '/api/admin/settings', { moderation: 'none' }, admin);
      try {
        const thread = uniqueThread();
        const quietMarker = `quiet-${thread}`;
        await post(thread, { content: quietMarker });
        await wait(600);
        assert.ok(!sink.received.some((m) => (m.mail.text ?? '').includes(quietMarker)));
        const saved = await call(base, 'PUT', '/api/admin/settings', { notifyOwner: 'all' }, admin);
        assert.equal(saved.status, 200, saved.text);
        assert.equal(saved.body.notifyOwner, 'all');
        const loud = `loud-${thread}`;
        await post(thread, { content: loud });
        const mail = await ownerMail(loud);
        assert.equal(mail.mail.subject, 'New comment on Test Blog');
        // Approve is not offered for a published comment.
        assert.equal(actionLinks(mail).approve, undefined);
        assert.ok(actionLinks(mail).trash);
      } finally {
        await call(base, 'PUT', '/api/admin/settings', { moderation: 'all', notifyOwner: 'held' }, admin);
      }
    });
  });
}

const res = (r: Response) => r.headers;

describe('with the SMTP server stopped, across a restart', () => {
  it('answers the post at once, keeps the email pending with its error, and sends it after a restart once SMTP is back', async () => {
    const db = await freshDatabase('sqlite');
    const sink = await startSink();
    const port = sink.port;
    await sink.close();
    const settings = {
      moderation: 'all' as const,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'c@blog.example',
      notifyEmail: OWNER,
      outboxPollMs: 50,
      outboxRetryBaseMs: 100,
    };
    let server = await start(db, settings);
    try {
      const thread = uniqueThread();
      const t0 = Date.now();
      const res = await call(server.url, 'POST', commentsPath(thread), draft({ content: `restart ${thread}` }));
      assert.equal(res.status, 201);
      assert.ok(Date.now() - t0 < 2000, 'the post does not wait for SMTP');
      const row = async () =>
        server.store.db.selectFrom('outbox').selectAll().where('recipient', '=', OWNER).executeTakeFirstOrThrow();
      const deadline = Date.now() + 10_000;
      while ((await row()).attempts < 1) {
        assert.ok(Date.now() < deadline, 'an attempt');
        await wait(50);
      }
      assert.equal((await row()).status, 'pending');
      assert.match((await row()).last_error ?? '', /ECONNREFUSED|connect/i);
      await server.close();
      await sink.listen(port);
      server = await start(db, settings);
      await sink.until(
        (r) => r.some((m) => (m.mail.text ?? '').includes(`restart ${thread}`)),
        15_000,
        'the email after the restart',
      );
      await wait(200);
      assert.equal((await row()).status, 'sent');
      assert.equal(sink.received.filter((m) => (m.mail.text ?? '').includes(`restart ${thread}`)).length, 1);
    } finally {
      await server.close();
      await sink.close();
      await db.cleanup();
    }
  });
});
