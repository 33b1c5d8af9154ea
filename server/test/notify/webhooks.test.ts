/**
 * Webhooks, on SQLite and PostgreSQL, against a real HTTP receiver on 127.0.0.1 that verifies the
 * signature as docs/server.md tells a receiver to (HMAC-SHA256 of "<t>.<raw body>", `t` at most 5
 * minutes old): each event (created, approved, edited, deleted; by a reader and by a moderator), the
 * Slack and Discord shapes with hostile text kept inert, a retry after a 500, failed at once on a
 * 400, spam never sent, no email, address, user agent or token in any payload; the settings in the
 * desk's API (the secret masked, what the environment sets read-only); the flags.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/config.js';
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
import { Receiver, verify, type Delivery } from './webhook-receiver.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SECRET = 'whsec_test_0123456789abcdef';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(test: () => Promise<boolean> | boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(25);
  }
}

/** Nothing private of a commenter, anywhere in what was sent. */
function assertNothingPrivate(raw: string, email: string, token?: string) {
  assert.doesNotMatch(raw, new RegExp(email.replace(/[.@]/g, '\\$&'), 'i'));
  assert.doesNotMatch(raw, /127\.0\.0\.1(?!:)|ip"|userAgent|user_agent|authorEmail|author_email|authorToken|tokenHash/);
  assert.doesNotMatch(raw, /test-agent-marker/); // the posting client's user agent
  if (token) assert.ok(!raw.includes(token), 'the author token');
}

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;

  describe(`webhooks on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let receiver: Receiver;
    let base: string;

    before(async () => {
      db = await freshDatabase(dbName);
      receiver = new Receiver(SECRET);
      await receiver.start();
      server = await start(db, {
        moderation: 'first-time',
        webhookUrl: receiver.url,
        webhookSecret: SECRET,
        siteName: 'Test Blog',
        outboxPollMs: 50,
        outboxRetryBaseMs: 100,
        outboxMaxAttempts: 5,
        webhookTimeoutMs: 1000,
      });
      base = server.url;
    });
    after(async () => {
      await server?.close();
      await receiver?.close();
      await db?.cleanup();
    });

    const settings = (change: Record<string, unknown>) => call(base, 'PUT', '/api/admin/settings', change, admin);
    const post = (thread: string, overrides: Record<string, unknown> = {}) =>
      postComment(base, thread, overrides, { 'User-Agent': 'Mozilla/5.0 (test-agent-marker)' });
    const outboxRow = async (match: (payload: any) => boolean) => {
      const rows = await server.store.db.selectFrom('outbox').selectAll().where('kind', '=', 'webhook').execute();
      return rows.find((r) => match(JSON.parse(r.payload)));
    };

    it('posts signed JSON on created, approved, edited and deleted, with the public shape only', async () => {
      await settings({
        webhookEvents: ['comment.created', 'comment.approved', 'comment.edited', 'comment.deleted'],
      });
      const thread = uniqueThread('/posts/json');
      const email = `first-${Date.now()}@example.com`;
      // A first comment is held (moderation first-time).
      const { comment, authorToken } = await post(thread, { email, _page: `${base}/posts/json#top` });
      assert.equal(comment.status, 'pending');
      const byEvent = (event: string) => (d: Delivery) => d.body.event === event && d.body.comment.id === comment.id;
      await until(() => receiver.ok(byEvent('comment.created')).length === 1, 10_000, 'created');
      const created = receiver.ok(byEvent('comment.created'))[0]!;
      assert.ok(created.verified, 'the signature verifies with the documented algorithm');
      // And refuses a changed body, another secret, and the same delivery replayed 6 minutes later.
      const header = created.headers['x-comment-box-signature'] as string;
      assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
      assert.equal(verify(SECRET, header, created.raw.replace('"pending"', '"approved"')), false);
      assert.equal(verify('another-secret-0123456789', header, created.raw), false);
      assert.equal(verify(SECRET, header, created.raw, Date.now() + 6 * 60_000), false);
      assert.equal(created.headers['content-type'], 'application/json');
      assert.equal(created.headers['x-comment-box-event'], 'comment.created');
      assert.match(String(created.headers['x-comment-box-delivery']), /^[0-9A-Za-z_-]{12,40}$/);
      assert.equal(created.body.status, 'pending');
      assert.equal(created.body.by, 'reader');
      assert.equal(created.body.threadId, thread);
      assert.equal(created.body.pageUrl, `${base}/posts/json`); // kept without its fragment
      assert.deepEqual(Object.keys(created.body).sort(), [
        'by',
        'comment',
        'event',
        'occurredAt',
        'pageUrl',
        'status',
        'threadId',
      ]);
      assert.deepEqual(Object.keys(created.body.comment).sort(), [
        'authorName',
        'authorUrl',
        'avatarSeed',
        'content',
        'createdAt',
        'id',
        'parentId',
        'status',
      ]);
      assertNothingPrivate(created.raw, email, authorToken);

      // Approved by a moderator.
      const approve = await call(base, 'PATCH', `/api/admin/comments/${comment.id}`, { status: 'approved' }, admin);
      assert.equal(approve.status, 200);
      await until(() => receiver.ok(byEvent('comment.approved')).length === 1, 10_000, 'approved');
      const approved = receiver.ok(byEvent('comment.approved'))[0]!;
      assert.ok(approved.verified);
      assert.equal(approved.body.by, 'moderator');
      assert.equal(approved.body.status, 'approved');

      // Edited by its author, then by a moderator.
      const edit = await call(
        base,
        'PATCH',
        `${commentsPath(thread)}/${comment.id}`,
        { content: 'Edited by the author' },
        { 'X-Author-Token': authorToken },
      );
      assert.equal(edit.status, 200, edit.text);
      await call(base, 'PATCH', `/api/admin/comments/${comment.id}`, { content: 'Edited by a moderator' }, admin);
      await until(() => receiver.ok(byEvent('comment.edited')).length === 2, 10_000, 'edited twice');
      const edits = receiver.ok(byEvent('comment.edited'));
      assert.deepEqual(edits.map((d) => [d.body.by, d.body.comment.content]).sort(), [
        ['moderator', 'Edited by a moderator'],
        ['reader', 'Edited by the author'],
      ]);
      assert.ok(edits.every((d) => d.verified));

      // Deleted by its author: the placeholder, nothing of its text or name.
      const del = await call(base, 'DELETE', `${commentsPath(thread)}/${comment.id}`, undefined, {
        'X-Author-Token': authorToken,
      });
      assert.equal(del.status, 200, del.text);
      await until(() => receiver.ok(byEvent('comment.deleted')).length === 1, 10_000, 'deleted');
      const deleted = receiver.ok(byEvent('comment.deleted'))[0]!;
      assert.ok(deleted.verified);
      assert.equal(deleted.body.status, 'deleted');
      assert.equal(deleted.body.by, 'reader');
      assert.equal(deleted.body.comment.deleted, true);
      assert.equal(deleted.body.comment.content, '');
      assert.equal(deleted.body.comment.authorName, '');
      for (const d of receiver.deliveries) assertNothingPrivate(d.raw, email, authorToken);
    });

    it('is written in the change’s transaction: a change that fails queues nothing', async () => {
      const hooks = server.store.hooks;
      const original = hooks.event!;
      // The webhook's row is written, then the transaction fails (after it, as a later write would).
      hooks.event = async (trx, event) => {
        await original(trx, event);
        if (event.row.content === 'Doomed comment') throw new Error('injected fault');
      };
      try {
        const res = await call(base, 'POST', commentsPath(uniqueThread()), draft({ content: 'Doomed comment' }));
        assert.ok(res.status >= 500, res.text);
      } finally {
        hooks.event = original;
      }
      await wait(200);
      assert.equal(await outboxRow((p) => p.comment.content === 'Doomed comment'), undefined);
      const stored = await server.store.db
        .selectFrom('comments')
        .select('id')
        .where('content', '=', 'Doomed comment')
        .executeTakeFirst();
      assert.equal(stored, undefined);
      assert.equal(receiver.deliveries.filter((d) => d.body.comment?.content === 'Doomed comment').length, 0);
    });

    it('tells of a moderator trashing a comment and of the owner’s reply; never of spam', async () => {
      const thread = uniqueThread('/posts/mod');
      await settings({ moderation: 'none' });
      try {
        const { comment } = await post(thread);
        const trash = await call(base, 'PATCH', `/api/admin/comments/${comment.id}`, { status: 'trash' }, admin);
        assert.equal(trash.status, 200);
        const reply = await post(thread, { content: 'to be answered' });
        const owner = await call(
          base,
          'POST',
          `/api/admin/comments/${reply.comment.id}/reply`,
          { content: 'Thanks!' },
          admin,
        );
        assert.equal(owner.status, 201, owner.text);
        await until(
          () =>
            receiver.ok((d) => d.body.event === 'comment.deleted' && d.body.comment.id === comment.id).length === 1 &&
            receiver.ok((d) => d.body.event === 'comment.created' && d.body.comment.id === owner.body.comment.id)
              .length === 1,
          10_000,
          'trash and owner reply',
        );
        const trashed = receiver.ok((d) => d.body.comment.id === comment.id && d.body.event === 'comment.deleted')[0]!;
        assert.equal(trashed.body.by, 'moderator');
        const ownerReply = receiver.ok((d) => d.body.comment.id === owner.body.comment.id)[0]!;
        assert.equal(ownerReply.body.comment.byOwner, true);
        assert.equal(ownerReply.body.by, 'moderator');

        // Spam (a filled honeypot) is stored and never sent.
        const spam = await post(thread, { _hp: 'bot', content: 'Buy now' });
        await wait(400);
        assert.equal(await outboxRow((p) => p.comment.id === spam.comment.id), undefined);
        assert.equal(receiver.deliveries.filter((d) => d.body.comment?.id === spam.comment.id).length, 0);
      } finally {
        await settings({ moderation: 'first-time' });
      }
    });

    it('sends only the chosen events', async () => {
      await settings({ webhookEvents: ['comment.approved'] });
      try {
        const thread = uniqueThread('/posts/events');
        const { comment } = await post(thread, { email: `ev-${Date.now()}@example.com` });
        await wait(300);
        assert.equal(await outboxRow((p) => p.comment.id === comment.id), undefined);
        await call(base, 'PATCH', `/api/admin/comments/${comment.id}`, { status: 'approved' }, admin);
        await until(() => receiver.ok((d) => d.body.comment?.id === comment.id).length === 1, 10_000, 'approved');
        assert.equal(
          receiver.deliveries.filter((d) => d.body.comment?.id === comment.id)[0]!.body.event,
          'comment.approved',
        );
      } finally {
        await settings({
          webhookEvents: ['comment.created', 'comment.approved', 'comment.edited', 'comment.deleted'],
        });
      }
    });

    it('retries after a 500 (and a timeout) with the outbox’s backoff, then succeeds', async () => {
      receiver.answers.push(500);
      const thread = uniqueThread('/posts/retry');
      const { comment } = await post(thread, { email: `r-${Date.now()}@example.com` });
      const mine = (d: Delivery) => d.body.comment?.id === comment.id;
      await until(() => receiver.ok(mine).length === 1, 10_000, 'the retry');
      const tries = receiver.deliveries.filter(mine);
      assert.deepEqual(
        tries.map((d) => d.status),
        [500, 204],
      );
      // Each attempt signed anew, both valid.
      assert.ok(tries.every((d) => d.verified));
      await until(async () => (await outboxRow((p) => p.comment.id === comment.id))?.status === 'sent');
      const row = (await outboxRow((p) => p.comment.id === comment.id))!;
      assert.equal(row.attempts, 2);
      assert.equal(row.last_error, `webhook to 127.0.0.1:${new URL(receiver.url).port}: HTTP 500`);
      assert.ok(!row.last_error!.includes('secret-path'), 'the URL’s path (a token) is not in the error');

      // No answer within the timeout: retried too.
      receiver.hang = true;
      const slow = await post(thread, { email: `s-${Date.now()}@example.com` });
      await until(
        async () =>
          (await outboxRow((p) => p.comment.id === slow.comment.id))?.last_error?.includes('no answer') ?? false,
        10_000,
        'a timeout',
      );
      receiver.hang = false;
      await until(async () => (await outboxRow((p) => p.comment.id === slow.comment.id))?.status === 'sent');
    });

    it('fails at once on a 400 (the receiver refuses it), retries a 429', async () => {
      receiver.answers.push(400);
      const thread = uniqueThread('/posts/fail');
      const { comment } = await post(thread, { email: `f-${Date.now()}@example.com` });
      await until(async () => (await outboxRow((p) => p.comment.id === comment.id))?.status === 'failed');
      const row = (await outboxRow((p) => p.comment.id === comment.id))!;
      assert.equal(row.attempts, 1);
      assert.match(row.last_error!, /HTTP 400$/);
      await wait(400);
      assert.equal(receiver.deliveries.filter((d) => d.body.comment?.id === comment.id).length, 1);

      receiver.answers.push(429);
      const again = await post(thread, { email: `g-${Date.now()}@example.com` });
      await until(async () => (await outboxRow((p) => p.comment.id === again.comment.id))?.status === 'sent');
    });

    it('Slack: { text, blocks }, hostile text escaped and defanged (no link, no mention)', async () => {
      const put = await settings({ webhookFormat: 'slack' });
      assert.equal(put.status, 200, put.text);
      try {
        const thread = uniqueThread('/posts/slack');
        const hostile =
          '<!channel> <@U123> <https://evil.example|click> & https://evil.example/x *bold* user@evil.example';
        const { comment } = await post(thread, {
          name: '<!everyone> Mallory https://evil.example',
          content: hostile,
          email: `sl-${Date.now()}@example.com`,
          _page: `${base}/posts/slack`,
        });
        await until(() => receiver.ok((d) => JSON.stringify(d.body).includes('Mallory')).length === 1, 10_000, 'slack');
        const d = receiver.ok((x) => JSON.stringify(x.body).includes('Mallory'))[0]!;
        assert.deepEqual(Object.keys(d.body).sort(), ['blocks', 'text']);
        assert.ok(d.verified, 'signed too');
        const all = JSON.stringify(d.body);
        // Every < and > in a mrkdwn text is one of ours: Slack links to the comment and the desk.
        const mrkdwn = [
          d.body.text,
          ...d.body.blocks
            .flatMap((b: any) => [b.text, ...(b.elements ?? [])])
            .filter((t: any) => t?.type === 'mrkdwn')
            .map((t: any) => t.text),
        ];
        for (const text of mrkdwn) {
          // Ours too: the quote marks at the start of a line.
          const ours = text.replace(/<https?:\/\/[^|<>]+\|(View comment|Moderation desk)>/g, '').replace(/^>/gm, '');
          assert.doesNotMatch(ours, /[<>]/, text);
        }
        assert.ok(d.body.text.includes('&lt;!channel&gt; &lt;[@]U123&gt;'), d.body.text);
        assert.ok(d.body.text.includes('&amp;'));
        assert.doesNotMatch(all, /https?:\/\/evil|evil\.example|user@evil/);
        assert.match(all, /hxxps:\/\/evil\[\.\]example/);
        assert.ok(all.includes(`${base}/posts/slack#comment-${comment.id}|View comment`));
        assert.ok(all.includes(`${base}/admin|Moderation desk`));
        const plain = d.body.blocks.find((b: any) => b.text?.type === 'plain_text');
        assert.ok(plain.text.text.includes('&lt;!channel&gt;'), 'escaped in plain text too');
      } finally {
        await settings({ webhookFormat: 'json' });
      }
    });

    it('Discord: { content, allowed_mentions: { parse: [] } }, hostile text inert', async () => {
      await settings({ webhookFormat: 'discord' });
      try {
        const thread = uniqueThread('/posts/discord');
        await post(thread, {
          name: '@everyone Eve',
          content: '@everyone @here <@123> [click](https://evil.example) `code` **bold** discord.gg/x',
          email: `dc-${Date.now()}@example.com`,
        });
        await until(() => receiver.ok((d) => JSON.stringify(d.body).includes('Eve')).length === 1, 10_000, 'discord');
        const d = receiver.ok((x) => JSON.stringify(x.body).includes('Eve'))[0]!;
        assert.deepEqual(Object.keys(d.body).sort(), ['allowed_mentions', 'content']);
        assert.deepEqual(d.body.allowed_mentions, { parse: [] });
        const content: string = d.body.content;
        assert.ok(content.length <= 2000);
        assert.doesNotMatch(content, /(^|[^[])@everyone|(^|[^[])@here/);
        assert.doesNotMatch(content, /(?<!\\)<@/);
        assert.doesNotMatch(content, /https?:\/\/evil|evil\.example|discord\.gg/);
        assert.ok(content.includes('\\[click\\]\\(hxxps'), content);
        assert.ok(content.includes('\\`code\\`'));
        assert.ok(content.includes(`<${base}/admin>`), 'our own link, without a preview');
      } finally {
        await settings({ webhookFormat: 'json' });
      }
    });

    it('keeps the settings in the desk: the secret never answered in full, a bad URL refused', async () => {
      const got = await call(base, 'GET', '/api/admin/settings', undefined, admin);
      assert.equal(got.status, 200);
      assert.equal(got.body.webhookUrl, receiver.url);
      assert.equal(got.body.webhookSecret, `••••••••${SECRET.slice(-4)}`);
      assert.deepEqual(got.body.setByEnvironment, []);
      assert.ok(!got.text.includes(SECRET));
      // What GET answered, PUT back: the secret unchanged.
      const back = await settings({ ...got.body, setByEnvironment: undefined });
      assert.equal(back.status, 200, back.text);
      assert.equal(server.config.webhookSecret, SECRET);
      for (const [key, value] of [
        ['webhookUrl', 'ftp://files.example/x'],
        ['webhookUrl', 'javascript:alert(1)'],
        ['webhookUrl', 'https://exa mple.com'],
        ['webhookFormat', 'xml'],
        ['webhookEvents', ['comment.created', 'comment.spammed']],
        ['webhookSecret', 'short'],
        ['webhookSecret', 'has a space in it, twenty chars'],
        ['webhookSecret', '••••••••zzzz'],
      ] as const) {
        const res = await settings({ [key]: value });
        assert.equal(res.status, 422, `${key}=${JSON.stringify(value)}`);
        assert.ok(res.body.fields[key], res.text);
      }
      // A new secret: effective at once, answered masked.
      const next = 'another-secret-0123456789';
      const res = await settings({ webhookSecret: next });
      assert.equal(res.body.webhookSecret, '••••••••6789');
      receiver.secret = next;
      try {
        const { comment } = await post(uniqueThread('/posts/secret'), { email: `k-${Date.now()}@example.com` });
        await until(() => receiver.ok((d) => d.body.comment?.id === comment.id).length === 1, 10_000, 'new secret');
        assert.ok(receiver.ok((d) => d.body.comment?.id === comment.id)[0]!.verified);
      } finally {
        receiver.secret = SECRET;
        await settings({ webhookSecret: SECRET });
      }
    });

    it('turned off (no URL): nothing queued; a row queued before is cancelled', async () => {
      receiver.hang = true;
      const { comment } = await post(uniqueThread('/posts/off'), { email: `o-${Date.now()}@example.com` });
      await until(async () => (await outboxRow((p) => p.comment.id === comment.id))?.attempts === 1, 10_000, 'a try');
      await settings({ webhookUrl: '' });
      receiver.hang = false;
      try {
        await until(async () => (await outboxRow((p) => p.comment.id === comment.id))?.status === 'cancelled');
        const other = await post(uniqueThread('/posts/off'), { email: `p-${Date.now()}@example.com` });
        await wait(200);
        assert.equal(await outboxRow((p) => p.comment.id === other.comment.id), undefined);
      } finally {
        await settings({ webhookUrl: receiver.url });
      }
    });
  });

  describe(`webhook settings from the environment on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    before(async () => {
      db = await freshDatabase(dbName);
      server = await start(db, {
        webhookUrl: 'https://hooks.example/env',
        webhookFormat: 'slack',
        webhookFromEnvironment: ['webhookUrl', 'webhookFormat'],
      });
    });
    after(async () => {
      await server?.close();
      await db?.cleanup();
    });

    it('wins over the desk, which may not change it (422 setByEnvironment) but may change the rest', async () => {
      const base = server.url;
      const got = await call(base, 'GET', '/api/admin/settings', undefined, admin);
      assert.deepEqual(got.body.setByEnvironment, ['webhookUrl', 'webhookFormat']);
      const refused = await call(base, 'PUT', '/api/admin/settings', { webhookUrl: 'https://other.example/' }, admin);
      assert.equal(refused.status, 422);
      assert.deepEqual(refused.body.fields.webhookUrl, ['setByEnvironment']);
      // The same value passes; other keys change.
      const ok = await call(
        base,
        'PUT',
        '/api/admin/settings',
        { webhookUrl: 'https://hooks.example/env', webhookEvents: ['comment.created'] },
        admin,
      );
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.body.webhookEvents, ['comment.created']);
      // A value saved in the database for an environment key (an older desk) does not apply.
      await server.store.db
        .updateTable('settings')
        .set({ value: JSON.stringify({ webhookUrl: 'https://db.example/', webhookFormat: 'json' }) })
        .where('key', '=', 'site')
        .execute();
      const after = await call(base, 'GET', '/api/admin/settings', undefined, admin);
      assert.equal(after.body.webhookUrl, 'https://hooks.example/env');
      assert.equal(after.body.webhookFormat, 'slack');
    });
  });
}

describe('webhook flags and environment', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = parseConfig(argv, env, () => '');
    assert.ok(!r.help && !r.version);
    return r.config;
  };

  it('reads --webhook-url, --webhook-format, --webhook-secret, --webhook-events and their variables', () => {
    const c = parse(['--webhook-url', 'https://hooks.slack.com/services/T/B/X', '--webhook-format', 'slack'], {
      COMMENT_BOX_WEBHOOK_SECRET: SECRET,
      COMMENT_BOX_WEBHOOK_EVENTS: 'comment.deleted, comment.created',
    });
    assert.equal(c.webhookUrl, 'https://hooks.slack.com/services/T/B/X');
    assert.equal(c.webhookFormat, 'slack');
    assert.equal(c.webhookSecret, SECRET);
    assert.deepEqual(c.webhookEvents, ['comment.created', 'comment.deleted']);
    assert.deepEqual(c.webhookFromEnvironment.sort(), [
      'webhookEvents',
      'webhookFormat',
      'webhookSecret',
      'webhookUrl',
    ]);
    const d = parse([], { COMMENT_BOX_WEBHOOK_URL: '' });
    assert.equal(d.webhookUrl, '');
    assert.equal(d.webhookFormat, 'json');
    assert.equal(d.webhookEvents.length, 4);
    assert.deepEqual(d.webhookFromEnvironment, []);
  });

  it('refuses bad values with a readable message, never quoting a URL (it may hold a token)', () => {
    for (const [argv, env, pattern] of [
      [['--webhook-url', 'ftp://x.example/secret-token'], {}, /--webhook-url .*http\(s\)/],
      [[], { COMMENT_BOX_WEBHOOK_URL: 'not a url secret-token' }, /COMMENT_BOX_WEBHOOK_URL/],
      [['--webhook-format', 'xml'], {}, /--webhook-format .*json, slack or discord, got "xml"/],
      [['--webhook-secret', 'short'], {}, /--webhook-secret .*16 to 200/],
      [[], { COMMENT_BOX_WEBHOOK_EVENTS: 'comment.created,comment.liked' }, /comment\.liked/],
    ] as const) {
      assert.throws(
        () => parse([...argv], { ...env }),
        (e: Error) => pattern.test(e.message) && !e.message.includes('secret-token'),
        JSON.stringify(argv),
      );
    }
  });
});
