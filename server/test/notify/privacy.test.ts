/**
 * Privacy requests cover notifications (SQLite and PostgreSQL): the export shows the address's
 * confirmation, subscriptions and emails; erasing removes them and voids the links already sent.
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
  start,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';
import { startSink, type SmtpSink } from './smtp-sink.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;

  describe(`privacy of notifications on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let sink: SmtpSink;

    before(async () => {
      db = await freshDatabase(dbName);
      sink = await startSink();
      server = await start(db, { smtpUrl: sink.url, mailFrom: 'c@blog.example', outboxPollMs: 50 });
    });
    after(async () => {
      await server?.close();
      await sink?.close();
      await db?.cleanup();
    });

    it("exports and erases an address's subscriptions and emails", async () => {
      const thread = uniqueThread();
      const pat = `pat-${thread}@example.com`;
      const posted = await call(server.url, 'POST', commentsPath(thread), draft({ email: pat, notify: true }));
      assert.equal(posted.status, 201);
      await sink.until((r) => r.some((m) => m.to.includes(pat)), 10_000, 'the confirmation');
      const link = /\S+\/notify\/confirm\?t=\S+/.exec(sink.to(pat)[0]!.mail.text ?? '')![0];

      const exported = await call(
        server.url,
        'GET',
        `/api/admin/privacy?email=${encodeURIComponent(pat.toUpperCase())}`,
        undefined,
        admin,
      );
      assert.equal(exported.status, 200);
      const data = JSON.parse(exported.text);
      assert.equal(data.notifications.address.email, pat);
      assert.equal(data.notifications.address.confirmedAt, null);
      assert.equal(data.notifications.subscriptions.length, 1);
      assert.equal(data.notifications.subscriptions[0].threadId, thread);
      assert.equal(data.notifications.emails.length, 1);
      assert.equal(data.notifications.emails[0].type, 'confirm');
      assert.doesNotMatch(exported.text, /token|notify\/confirm/);

      const erased = await call(
        server.url,
        'POST',
        '/api/admin/privacy/erase',
        { email: pat, mode: 'anonymize' },
        admin,
      );
      assert.equal(erased.status, 200, erased.text);
      assert.equal(erased.body.subscriptions, 1);
      assert.equal(erased.body.emails, 1);
      for (const table of ['subscriptions', 'mail_addresses'] as const) {
        const rows = await server.store.db.selectFrom(table).select('address').where('address', '=', pat).execute();
        assert.equal(rows.length, 0, table);
      }
      assert.equal(
        (await server.store.db.selectFrom('outbox').select('id').where('recipient', '=', pat).execute()).length,
        0,
      );
      // The link sent before no longer works.
      const t = new URL(link).searchParams.get('t')!;
      const res = await fetch(`${server.url}/notify/confirm`, { method: 'POST', body: new URLSearchParams({ t }) });
      assert.equal(res.status, 400);
    });
  });
}
