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
import { strings } from './i18n.js';
// nodemailer is loaded only when SMTP is configured (every CLI command loads this module).
import type { Email, Mailer, SendResult } from './mailer.js';
import { OutboxWorker } from './outbox.js';
import { Owner } from './owner.js';
import { page, Readers } from './readers.js';
import { escapeHtml } from './text.js';
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
  /** The address this server listens on (set once it does): links use it without `--public-url`. */
  listenUrl = '';

  private constructor(
    config: ServerConfig,
    store: Store,
    logger: Logger,
    signer: LinkSigner,
    mailer: Mailer | undefined,
  ) {
    this.config = config;
    this.store = store;
    this.signer = signer;
    this.worker = new OutboxWorker(store.db, store.database.dialect, {
      retryBaseMs: config.outboxRetryBaseMs,
      maxAttempts: config.outboxMaxAttempts,
      pollMs: config.outboxPollMs,
      onError: (message, fields) => logger.warn(message, fields),
    });
    this.mailer = mailer;
    if (mailer) this.worker.register('email', (row) => this.#deliverEmail(row));
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
    const mailer = config.smtpUrl
      ? new (await import('./mailer.js')).Mailer({ smtpUrl: config.smtpUrl, from: config.mailFrom })
      : undefined;
    return new Notifications(config, store, logger, signer, mailer);
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

  /** Starts the outbox worker. (The CLI says whether email is on: see `startNotice`.) */
  start(): void {
    this.worker.start();
  }

  /** The line the CLI writes at start: email notifications on (from, links to where) or off. */
  startNotice(): string {
    if (!this.mailer) return 'Email notifications are off (no --smtp-url / COMMENT_BOX_SMTP_URL)';
    const owner = this.config.notifyEmail
      ? `; the owner (--notify-email) hears of ${this.config.notifyOwner === 'all' ? 'every new comment' : this.config.notifyOwner === 'held' ? 'held comments' : 'nothing'}`
      : '';
    const where = this.config.publicUrl
      ? `links in emails point to ${this.baseUrl}`
      : `links in emails point to ${this.baseUrl}, which readers may not reach: set --public-url (COMMENT_BOX_PUBLIC_URL)`;
    return `Email notifications are on, from ${this.config.mailFrom}${owner}; ${where}`;
  }

  /** The line the CLI writes at start about the webhook, when one is set (by a flag, the environment or the desk). */
  webhookNotice(): string | null {
    const { webhookUrl, webhookFormat, webhookSecret, webhookEvents } = this.config;
    if (!webhookUrl) return null;
    let host = '';
    try {
      host = new URL(webhookUrl).host;
    } catch {
      host = '?';
    }
    const unsigned =
      webhookFormat === 'json' && !webhookSecret
        ? '; it has no secret, so its JSON is sent unsigned: set --webhook-secret (COMMENT_BOX_WEBHOOK_SECRET) or one in the desk'
        : '';
    return `Webhook on: ${webhookFormat} to ${host} on ${webhookEvents.join(', ') || 'no event'}${unsigned}`;
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
    return renderTestEmail(to, this.siteName);
  }

  /** Sends the test email now (not through the outbox): the SMTP server's answer, or its error. */
  async sendTest(to: string): Promise<SendResult> {
    if (!this.mailer) throw new Error('email is off: no --smtp-url');
    return this.mailer.send(this.testEmail(to));
  }
}

/** The test email: fixed text and the site's name. */
export function renderTestEmail(to: string, site: string): Email {
  const text = [
    `This is a test email from the comments of ${site}.`,
    '',
    'If you can read it, email notifications work: readers who ask will hear about replies, and',
    'the site owner about new comments.',
    '',
    `Sent by comment-box-server at ${new Date().toISOString()}.`,
    '',
  ].join('\n');
  const html = page(
    strings('en'),
    `<p>This is a test email from the comments of ${escapeHtml(site)}.</p><p>If you can read it, email notifications work.</p>`,
  );
  return { to, subject: `Test email from the comments of ${site}`, text, html };
}
