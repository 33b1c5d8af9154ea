/**
 * Notifications: the outbox worker (always running: emails, later webhooks), the mailer (when
 * `--smtp-url` is set), the link signer, and the email renderers by message type. Started with the
 * server, stopped in its graceful shutdown (after the HTTP server, before the database closes).
 *
 * An email row of the outbox (`kind: 'email'`) carries `{ type, … }`; the renderer of its type
 * builds the email when it is sent (so it shows the state of then: a comment trashed meanwhile is
 * left out, an address unsubscribed meanwhile gets nothing), or answers `'cancelled'`.
 */
import type { ServerConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/comment-store.js';
import type { OutboxTable } from '../store/tables.js';
import { LinkSigner, loadLinkSecret } from './links.js';
import { Mailer, type Email, type SendResult } from './mailer.js';
import { OutboxWorker } from './outbox.js';
import { Owner } from './owner.js';
import { Readers } from './readers.js';
import { Webhooks } from './webhooks.js';

export interface EmailPayload {
  type: string;
  [key: string]: unknown;
}

/** Builds the email of an outbox row when it is sent, or `'cancelled'` when nothing is left to send. */
export type EmailRenderer = (payload: EmailPayload, row: OutboxTable) => Promise<Email | 'cancelled'>;

export class Notifications {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly worker: OutboxWorker;
  readonly signer: LinkSigner;
  readonly mailer: Mailer | undefined;
  readonly readers: Readers;
  readonly owner: Owner;
  readonly webhooks: Webhooks;
  readonly #renderers = new Map<string, EmailRenderer>();
  readonly #logger: Logger;
  /** The address this server listens on (set once it does): links use it without `--public-url`. */
  listenUrl = '';

  private constructor(config: ServerConfig, store: Store, logger: Logger, signer: LinkSigner) {
    this.config = config;
    this.store = store;
    this.#logger = logger;
    this.signer = signer;
    this.worker = new OutboxWorker(store.db, store.database.dialect, {
      retryBaseMs: config.outboxRetryBaseMs,
      maxAttempts: config.outboxMaxAttempts,
      pollMs: config.outboxPollMs,
      onError: (message, fields) => logger.warn(message, fields),
    });
    if (config.smtpUrl) {
      this.mailer = new Mailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
      this.worker.register('email', (row) => this.#deliverEmail(row));
    }
    this.renderer('test', async (payload) => this.testEmail(String(payload.to)));
    this.readers = new Readers(this);
    this.owner = new Owner(this);
    this.webhooks = new Webhooks(this);
    // In the transaction of each change: the outbox rows it causes. After the commit: deliver.
    store.hooks = {
      created: async (trx, row, input) => {
        await this.readers.onCreated(trx, row, input.post ?? { notify: false, pageUrl: null, language: null });
        await this.owner.onCreated(trx, row);
      },
      approved: (trx, row) => this.readers.onApproved(trx, row),
      event: (trx, event) => this.webhooks.onEvent(trx, event),
      committed: () => this.kick(),
    };
  }

  /** Loads the link secret and makes the service (not started). */
  static async create(config: ServerConfig, store: Store, logger: Logger): Promise<Notifications> {
    const signer = new LinkSigner(await loadLinkSecret(store.db));
    return new Notifications(config, store, logger, signer);
  }

  /** Whether email notifications are on (SMTP configured). */
  get emailEnabled(): boolean {
    return this.mailer !== undefined;
  }

  /** Where links in emails point: `--public-url`, else the address the server listens on. */
  get baseUrl(): string {
    return this.config.publicUrl || this.listenUrl;
  }

  /** The site's name in subjects and texts: `--site-name`, else the host of the base URL. */
  get siteName(): string {
    if (this.config.siteName) return this.config.siteName;
    try {
      return new URL(this.baseUrl).host;
    } catch {
      return 'comment-box';
    }
  }

  /** Registers the renderer of email type `type`. */
  renderer(type: string, render: EmailRenderer): void {
    this.#renderers.set(type, render);
  }

  start(): void {
    if (!this.mailer) this.#logger.notice('Email notifications are off (no --smtp-url / COMMENT_BOX_SMTP_URL)');
    else if (!this.config.publicUrl) {
      this.#logger.warn(
        `no --public-url: links in emails point to ${this.listenUrl}, which readers may not reach; set COMMENT_BOX_PUBLIC_URL`,
      );
    }
    if (this.config.webhookUrl && this.config.webhookFormat === 'json' && !this.config.webhookSecret) {
      this.#logger.warn(
        'the webhook has no secret: its JSON is sent unsigned; set COMMENT_BOX_WEBHOOK_SECRET or one in the desk',
      );
    }
    this.worker.start();
  }

  /** Looks at the outbox now (after a write that queued a message). */
  kick(): void {
    this.worker.kick();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    this.mailer?.close();
  }

  async #deliverEmail(row: OutboxTable): Promise<void | 'cancelled'> {
    const payload = JSON.parse(row.payload) as EmailPayload;
    const render = this.#renderers.get(payload.type);
    if (!render) throw new Error(`no renderer for email type ${String(payload.type).slice(0, 40)}`);
    const email = await render(payload, row);
    if (email === 'cancelled') return 'cancelled';
    await this.mailer!.send(email);
  }

  /** The test email (`test-email`, the desk's button). */
  testEmail(to: string): Email {
    const site = this.siteName;
    const text = [
      `This is a test email from the comments of ${site}.`,
      '',
      'If you can read it, email notifications work: readers who ask will hear about replies, and',
      'the site owner about new comments.',
      '',
      `Sent by comment-box-server at ${new Date().toISOString()}.`,
    ].join('\n');
    const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5"><p>This is a test email from the comments of ${escapeHtml(site)}.</p><p>If you can read it, email notifications work.</p></body></html>`;
    return { to, subject: `Test email from the comments of ${site}`, text, html };
  }

  /** Sends the test email now (not through the outbox): the SMTP server's answer, or its error. */
  async sendTest(to: string): Promise<SendResult> {
    if (!this.mailer) throw new Error('email is off: no --smtp-url');
    return this.mailer.send(this.testEmail(to));
  }
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
