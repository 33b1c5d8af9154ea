/**
 * The desk's notification API (SQLite and PostgreSQL): the status, the test email (sent, refused,
 * SMTP down), the outbox with masked recipients, retries with their error and counts, cursor paging;
 * the `test-email` command as the real CLI; and, on PostgreSQL, two server instances on one database
 * send each message exactly once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { outboxPageSchema } from 'comment-box/api';
import type { RunningServer } from '../../src/server.js';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  pgSkip,
  start,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';
import { startSink, type SmtpSink } from './smtp-sink.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;

  describe(`desk notification API on ${dbName}`, { skip }, () => {
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
        notifyEmail: 'owner@blog.example',
        publicUrl: 'https://comments.blog.example',
        outboxPollMs: 50,
        outboxRetryBaseMs: 150,
      });
      base = server.url;
    });
    after(async () => {
      await server?.close();
      await sink?.close();
      await db?.cleanup();
    });

    it('needs the admin credential', async () => {
      for (const [method, path] of [
        ['GET', '/api/admin/notifications'],
        ['POST', '/api/admin/notifications/test'],
        ['GET', '/api/admin/outbox'],
      ] as const) {
        const res = await call(base, method, path, method === 'POST' ? {} : undefined);
        assert.equal(res.status, 401, `${method} ${path}`);
      }
    });

    it('tells how notifications are set up, never the SMTP URL', async () => {
      const res = await call(base, 'GET', '/api/admin/notifications', undefined, admin);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {
        emailEnabled: true,
        mailFrom: 'Comments <comments@blog.example>',
        notifyEmail: 'owner@blog.example',
        baseUrl: 'https://comments.blog.example',
        siteName: 'comments.blog.example',
      });
    });

    it('sends a test email now and answers with the SMTP result, or its error', async () => {
      const ok = await call(base, 'POST', '/api/admin/notifications/test', {}, admin);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.ok, true);
      assert.match(ok.body.response, /^250/);
      await sink.until((r) =>
        r.some((m) => m.to.includes('owner@blog.example') && /Test email/.test(m.mail.subject ?? '')),
      );
      const other = await call(base, 'POST', '/api/admin/notifications/test', { to: 'someone@example.com' }, admin);
      assert.equal(other.body.ok, true);
      sink.refuse = [550, 'Mailbox <someone@example.com> unavailable'];
      try {
        const refused = await call(base, 'POST', '/api/admin/notifications/test', { to: 'someone@example.com' }, admin);
        assert.equal(refused.status, 200);
        assert.equal(refused.body.ok, false);
        assert.match(refused.body.error, /550|unavailable/);
        assert.doesNotMatch(refused.body.error, /someone@/);
      } finally {
        sink.refuse = null;
      }
      const bad = await call(base, 'POST', '/api/admin/notifications/test', { to: 'not an address' }, admin);
      assert.equal(bad.status, 422);
    });

    it('lists the outbox: retrying with the last error, then sent; recipients masked; paging; counts', async () => {
      sink.refuse = [451, 'Try again later'];
      const thread = uniqueThread();
      const held = await call(base, 'POST', commentsPath(thread), draft({ content: 'held for the outbox test' }));
      assert.equal(held.status, 201);
      // Retrying, with its error, visible in the desk.
      let page: ReturnType<typeof outboxPageSchema.parse> | undefined;
      const deadline = Date.now() + 10_000;
      for (;;) {
        const res = await call(base, 'GET', '/api/admin/outbox?status=pending', undefined, admin);
        assert.equal(res.status, 200, res.text);
        page = outboxPageSchema.parse(res.body);
        if (page.items.some((i) => i.type === 'owner' && i.attempts > 0)) break;
        assert.ok(Date.now() < deadline, 'a retrying row');
        await wait(50);
      }
      const retrying = page.items.find((i) => i.type === 'owner')!;
      assert.equal(retrying.status, 'pending');
      assert.equal(retrying.kind, 'email');
      assert.equal(retrying.recipient, 'o***@blog.example');
      assert.match(retrying.lastError ?? '', /451|Try again/);
      assert.ok(page.counts.retrying >= 1);
      assert.ok(Date.parse(retrying.nextAttemptAt) > 0);
      // The SMTP server comes back: sent.
      sink.refuse = null;
      await sink.until(
        (r) => r.some((m) => (m.mail.text ?? '').includes('held for the outbox test')),
        10_000,
        'the owner email',
      );
      await wait(200);
      const all = outboxPageSchema.parse((await call(base, 'GET', '/api/admin/outbox', undefined, admin)).body);
      const sent = all.items.find((i) => i.id === retrying.id)!;
      assert.equal(sent.status, 'sent');
      assert.ok(sent.sentAt);
      assert.ok(all.counts.sent >= 1);
      assert.doesNotMatch(JSON.stringify(all), /owner@blog\.example/);
      // Paging.
      for (let i = 0; i < 3; i++) await call(base, 'POST', commentsPath(thread), draft({ content: `more ${i}` }));
      const first = outboxPageSchema.parse(
        (await call(base, 'GET', '/api/admin/outbox?limit=2', undefined, admin)).body,
      );
      assert.equal(first.items.length, 2);
      assert.ok(first.nextCursor);
      const second = outboxPageSchema.parse(
        (
          await call(
            base,
            'GET',
            `/api/admin/outbox?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
            undefined,
            admin,
          )
        ).body,
      );
      assert.ok(second.items.length >= 1);
      assert.ok(!second.items.some((i) => first.items.some((f) => f.id === i.id)));
      assert.equal((await call(base, 'GET', '/api/admin/outbox?status=nope', undefined, admin)).status, 400);
    });
  });
}

describe('test-email command', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSink();
  });
  after(async () => {
    await sink?.close();
  });

  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'test-email', ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it("sends a test email with the server's settings and prints the SMTP answer", async () => {
    const r = await run(['me@example.com', '--smtp-url', sink.url], {
      COMMENT_BOX_MAIL_FROM: 'c@blog.example',
      COMMENT_BOX_SITE_NAME: 'My Blog',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Sent\. The SMTP server answered: 250/);
    await sink.until((rs) => rs.some((m) => m.to.includes('me@example.com')));
    assert.equal(sink.to('me@example.com')[0]!.mail.subject, 'Test email from the comments of My Blog');
  });

  it('exits 1 with the SMTP error, 2 without settings or address', async () => {
    sink.refuse = [554, 'Rejected'];
    try {
      const r = await run(['me@example.com', '--smtp-url', sink.url, '--mail-from', 'c@blog.example']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /not sent: .*(554|Rejected)/);
    } finally {
      sink.refuse = null;
    }
    assert.equal((await run(['me@example.com'])).status, 2);
    assert.equal(
      (await run([], { COMMENT_BOX_SMTP_URL: sink.url, COMMENT_BOX_MAIL_FROM: 'c@blog.example' })).status,
      2,
    );
    const down = await run(['me@example.com', '--smtp-url', 'smtp://127.0.0.1:1', '--mail-from', 'c@blog.example']);
    assert.equal(down.status, 1);
    assert.match(down.stderr, /ECONNREFUSED|connect/i);
  });
});

const pgSkipped = await pgSkip();
describe('two instances on PostgreSQL', { skip: pgSkipped }, () => {
  it('send each notification exactly once', async () => {
    const db = await freshDatabase('postgres');
    const sink = await startSink();
    const settings = {
      moderation: 'all' as const,
      smtpUrl: sink.url,
      mailFrom: 'c@blog.example',
      notifyEmail: 'owner@blog.example',
      outboxPollMs: 20,
    };
    const one = await start(db, settings);
    const two = await start(db, settings);
    try {
      const thread = uniqueThread();
      const n = 40;
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          call(i % 2 ? one.url : two.url, 'POST', commentsPath(thread), draft({ content: `once ${thread} #${i}#` })),
        ),
      );
      await sink.until(
        (r) => r.filter((m) => (m.mail.text ?? '').includes(thread)).length >= n,
        20_000,
        'all owner emails',
      );
      await wait(1000);
      const texts = sink.received.map((m) => /#(\d+)#/.exec(m.mail.text ?? '')?.[1]).filter((x) => x !== undefined);
      assert.equal(texts.length, n);
      assert.equal(new Set(texts).size, n);
      assert.ok(
        one.notifications.worker.attempts > 0 && two.notifications.worker.attempts > 0,
        'both instances delivered',
      );
    } finally {
      await one.close();
      await two.close();
      await sink.close();
      await db.cleanup();
    }
  });
});
