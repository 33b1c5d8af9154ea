/**
 * The outbox and its worker, on SQLite and PostgreSQL, against a real SMTP server on 127.0.0.1:
 * a message written in a transaction that fails leaves no row; delivery; retries with backoff when
 * the SMTP server refuses (451) or is down, `last_error` without addresses; `failed` after the last
 * attempt or at once on a 5xx; a crashed claim expires; exactly once with two workers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../../src/config.js';
import { closeDatabase, openDatabase, type Database_ } from '../../src/store/database.js';
import { Store } from '../../src/store/comment-store.js';
import { Mailer } from '../../src/notify/mailer.js';
import { cleanError, enqueue, outboxCounts, OutboxWorker, backoffMs } from '../../src/notify/outbox.js';
import type { OutboxTable } from '../../src/store/tables.js';
import { freshDatabase, pgSkip, uniqueThread, type TestDatabase } from '../helpers.js';
import { startSink, type SmtpSink } from './smtp-sink.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(test: () => Promise<boolean> | boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(25);
  }
}

function outboxSuite(dbName: 'sqlite' | 'postgres', skip: string | false) {
  describe(`outbox on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let database: Database_;
    let store: Store;
    let sink: SmtpSink;
    const workers: OutboxWorker[] = [];
    before(async () => {
      db = await freshDatabase(dbName);
      database = await openDatabase(defaultConfig(db.config));
      store = new Store(database);
      await store.init('');
      sink = await startSink();
    });
    after(async () => {
      for (const w of workers) await w.stop();
      await sink?.close();
      if (database) await closeDatabase(database);
      await db?.cleanup();
    });

    const emailWorker = (options: { retryBaseMs?: number; maxAttempts?: number; url?: string } = {}) => {
      const mailer = new Mailer({ smtpUrl: options.url ?? sink.url, from: 'Comments <comments@blog.example>' });
      const worker = new OutboxWorker(store.db, database.dialect, {
        retryBaseMs: options.retryBaseMs ?? 50,
        maxAttempts: options.maxAttempts ?? 5,
        pollMs: 30,
      });
      worker.register('email', async (row: OutboxTable) => {
        const p = JSON.parse(row.payload) as { to: string; n: string };
        await mailer.send({ to: p.to, subject: `Test ${p.n}`, text: `message ${p.n}`, html: `<p>${p.n}</p>` });
      });
      workers.push(worker);
      return worker;
    };
    const row = (id: string) =>
      store.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('a message whose transaction fails leaves no row; one that commits does', async () => {
      const n = uniqueThread('tx');
      await assert.rejects(
        store.db.transaction().execute(async (trx) => {
          await enqueue(trx, { kind: 'email', recipient: 'a@example.com', payload: { to: 'a@example.com', n } });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      const none = await store.db.selectFrom('outbox').select('id').where('payload', 'like', `%${n}%`).execute();
      assert.equal(none.length, 0);
      const id = await store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { kind: 'email', recipient: 'a@example.com', payload: { to: 'a@example.com', n } }),
        );
      assert.equal((await row(id)).status, 'pending');
      await store.db.deleteFrom('outbox').where('id', '=', id).execute();
    });

    it('delivers a due message and marks it sent', async () => {
      const worker = emailWorker();
      const n = uniqueThread('send');
      const id = await store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { kind: 'email', recipient: 'b@example.com', payload: { to: 'b@example.com', n } }),
        );
      worker.start();
      await sink.until((r) => r.some((m) => m.mail.text?.includes(n)), 10_000, 'the email');
      await until(async () => (await row(id)).status === 'sent', 5_000, 'sent');
      const sent = await row(id);
      assert.equal(sent.attempts, 1);
      assert.ok(sent.sent_at);
      assert.equal(sent.claim, null);
      await worker.stop();
    });

    it('retries when the SMTP server refuses (451), records the error without the address, then delivers', async () => {
      const worker = emailWorker({ retryBaseMs: 200 });
      const n = uniqueThread('refused');
      sink.refuse = [451, 'Greylisted, try again later <secret-person@example.com>'];
      const id = await store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { kind: 'email', recipient: 'c@example.com', payload: { to: 'c@example.com', n } }),
        );
      worker.start();
      await until(async () => (await row(id)).attempts >= 1, 10_000, 'a failed attempt');
      const failing = await row(id);
      assert.equal(failing.status, 'pending');
      assert.match(failing.last_error ?? '', /451|Greylisted/);
      assert.doesNotMatch(failing.last_error ?? '', /secret-person/);
      assert.ok(Date.parse(failing.next_attempt_at) > Date.now() - 50, 'the retry waits');
      sink.refuse = null;
      await sink.until((r) => r.some((m) => m.mail.text?.includes(n)), 10_000, 'the email after the refusal');
      await until(async () => (await row(id)).status === 'sent', 5_000, 'sent');
      await worker.stop();
    });

    it('retries while the SMTP server is down, delivers once it is back', async () => {
      const port = sink.port;
      await sink.close();
      const worker = emailWorker({ retryBaseMs: 200, maxAttempts: 20 });
      const n = uniqueThread('down');
      const id = await store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { kind: 'email', recipient: 'd@example.com', payload: { to: 'd@example.com', n } }),
        );
      worker.start();
      await until(async () => (await row(id)).attempts >= 2, 15_000, 'two failed attempts');
      assert.match((await row(id)).last_error ?? '', /ECONNREFUSED|connect/i);
      await sink.listen(port);
      await sink.until((r) => r.some((m) => m.mail.text?.includes(n)), 15_000, 'the email once the server is back');
      await until(async () => (await row(id)).status === 'sent', 5_000, 'sent');
      await worker.stop();
    });

    it('fails after the last attempt, and at once on a permanent (5xx) refusal', async () => {
      const worker = emailWorker({ retryBaseMs: 20, maxAttempts: 2 });
      sink.refuse = [451, 'try later'];
      const a = await store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { kind: 'email', recipient: 'e@example.com', payload: { to: 'e@example.com', n: 'x' } }),
        );
      worker.start();
      await until(async () => (await row(a)).status === 'failed', 10_000, 'failed after 2 attempts');
      assert.equal((await row(a)).attempts, 2);
      sink.refuse = [550, 'No such user'];
      const b = await store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { kind: 'email', recipient: 'f@example.com', payload: { to: 'f@example.com', n: 'y' } }),
        );
      worker.kick();
      await until(async () => (await row(b)).status === 'failed', 10_000, 'failed at once');
      assert.equal((await row(b)).attempts, 1);
      sink.refuse = null;
      await worker.stop();
    });

    it('a claim whose worker died expires; the row is delivered then', async () => {
      const n = uniqueThread('crash');
      const id = await store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { kind: 'email', recipient: 'g@example.com', payload: { to: 'g@example.com', n } }),
        );
      // A worker claims it, then "crashes" (never delivers).
      const dead = new OutboxWorker(store.db, database.dialect, { retryBaseMs: 50, maxAttempts: 3, pollMs: 10_000 });
      const claimed = await dead.claim(['email']);
      assert.ok(claimed.some((r) => r.id === id));
      const worker = emailWorker();
      worker.start();
      await wait(300);
      assert.equal((await row(id)).status, 'pending', 'not taken while the claim holds');
      assert.ok(!sink.received.some((m) => m.mail.text?.includes(n)));
      // The lease runs out.
      await store.db
        .updateTable('outbox')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', id)
        .execute();
      worker.kick();
      await sink.until((r) => r.some((m) => m.mail.text?.includes(n)), 10_000, 'the email after the lease');
      await worker.stop();
    });

    it('two workers deliver each message exactly once', async () => {
      const count = 30;
      const tag = uniqueThread('once');
      await store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < count; i++) {
          await enqueue(trx, {
            kind: 'email',
            recipient: 'h@example.com',
            payload: { to: 'h@example.com', n: `${tag}-${i}` },
          });
        }
      });
      const one = emailWorker();
      const two = emailWorker();
      one.start();
      two.start();
      await sink.until((r) => r.filter((m) => m.mail.text?.includes(tag)).length >= count, 20_000, 'all messages');
      await wait(500);
      const texts = sink.received.map((m) => m.mail.text ?? '').filter((t) => t.includes(tag));
      assert.equal(texts.length, count);
      assert.equal(new Set(texts).size, count);
      await one.stop();
      await two.stop();
      const counts = await outboxCounts(store.db);
      assert.equal(counts.pending, 0);
    });
  });
}

describe('outbox helpers', () => {
  it('backoff doubles from the base, at most an hour', () => {
    assert.equal(backoffMs(1000, 1), 1000);
    assert.equal(backoffMs(1000, 2), 2000);
    assert.equal(backoffMs(1000, 4), 8000);
    assert.equal(backoffMs(1000, 40), 3_600_000);
  });
  it('errors are stored without addresses, credentials or line breaks', () => {
    const e = cleanError(new Error('550 <bob.smith@mail.example>: no\r\nsuch user at smtp://user:pa55@host'));
    assert.doesNotMatch(e, /bob\.smith|pa55|\r|\n/);
    assert.match(e, /\*\*\*@mail\.example/);
  });
});

const pgSkipped = await pgSkip();
outboxSuite('sqlite', false);
outboxSuite('postgres', pgSkipped);
