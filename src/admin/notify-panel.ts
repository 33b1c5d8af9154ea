/**
 * `<comment-admin-notify>`: the desk's "Notifications" screen. Whether email is on (and, when it is
 * off, how to turn it on), a test email with the SMTP server's answer or its error, what the site
 * owner is emailed about (`notifyOwner`) and how often a reader may be (`notifyInterval`), the
 * webhook (URL, format, events, secret: generated here and shown once, else only masked; what the
 * server's environment sets is read-only), and the outbox: counts, then the latest messages with
 * their status, attempts, last error, times and masked recipient.
 *
 * Results are announced in the desk's live region (`announce`); focus goes where the result is
 * (the test's answer, the new secret, the outbox's heading, the first message loaded, the first
 * field refused). Nothing a commenter wrote is shown here; errors are text bindings.
 */
import { LitElement, css, html, nothing } from 'lit';
// Types only: the server serves the desk's own modules and Lit, not the API's (nor zod).
import type { SiteSettings, SiteSettingsInput, SiteSettingsView, WebhookEvent, WebhookFormat } from '../api/admin.js';
import type { NotificationStatus, OutboxItem, OutboxPage } from '../api/notifications.js';
import { deskStyles } from './admin-page.styles.js';
import type { DeskApi } from './desk-api.js';

/** What each email type is, in words. */
const EMAIL_TYPES: Record<string, string> = {
  confirm: 'address confirmation',
  replies: 'reply notification',
  owner: 'new comment, to you',
  test: 'test email',
};

const FORMAT_LABELS: Record<WebhookFormat, string> = {
  json: 'JSON, signed (your own receiver)',
  slack: 'Slack incoming webhook',
  discord: 'Discord webhook',
};

const EVENT_LABELS: Record<WebhookEvent, string> = {
  'comment.created': 'A comment is posted',
  'comment.approved': 'A held comment is approved',
  'comment.edited': 'A comment is edited',
  'comment.deleted': 'A comment is deleted or trashed',
};

/** Every format and event, in the API's order (the records above list each once: the compiler checks). */
const WEBHOOK_FORMATS = Object.keys(FORMAT_LABELS) as WebhookFormat[];
const WEBHOOK_EVENTS = Object.keys(EVENT_LABELS) as WebhookEvent[];

/** The environment variable of each setting it can fix. */
const ENV_NAMES: Partial<Record<keyof SiteSettings, string>> = {
  webhookUrl: 'COMMENT_BOX_WEBHOOK_URL',
  webhookFormat: 'COMMENT_BOX_WEBHOOK_FORMAT',
  webhookEvents: 'COMMENT_BOX_WEBHOOK_EVENTS',
  webhookSecret: 'COMMENT_BOX_WEBHOOK_SECRET',
};

/** Why a field was refused, in words. */
const FIELD_ERRORS: Partial<Record<keyof SiteSettings, string>> = {
  webhookUrl: 'The webhook URL must be an address starting with https:// (or http://).',
  webhookEvents: 'Choose events from the list.',
  webhookFormat: 'Choose a format from the list.',
  notifyInterval: 'Minutes between emails: a whole number from 0 to 1440.',
  webhookSecret: 'The secret was refused; generate a new one.',
};

/** One outbox row's status, in words. */
export function outboxStatusText(item: OutboxItem): string {
  if (item.status === 'pending') return item.attempts > 0 ? `Retrying (${item.attempts} attempts so far)` : 'Waiting';
  if (item.status === 'sent') return 'Sent';
  if (item.status === 'failed') return `Failed after ${item.attempts} ${item.attempts === 1 ? 'attempt' : 'attempts'}`;
  return 'Cancelled: nothing left to send';
}

/** One outbox row's title: what and to whom. */
export function outboxTitle(item: OutboxItem): string {
  if (item.kind === 'webhook') return `Webhook: ${item.type}`;
  const what = EMAIL_TYPES[item.type] ?? item.type;
  return item.kind === 'email' ? `Email (${what}) to ${item.recipient ?? 'an address'}` : `${item.kind}: ${what}`;
}

/** A new webhook secret: 32 random bytes, hex, with a prefix that says what it is. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const time = (iso: string | null) =>
  iso ? html`<time datetime=${iso}>${new Date(iso).toLocaleString()}</time>` : nothing;

export class CommentAdminNotifyElement extends LitElement {
  static override properties = {
    status: { state: true },
    settings: { state: true },
    outbox: { state: true },
    items: { state: true },
    busy: { state: true },
    testResult: { state: true },
    shownSecret: { state: true },
    invalid: { state: true },
  };

  static override styles = [
    deskStyles,
    css`
      input[type='url'],
      input[type='email'] {
        width: 100%;
        max-width: 40rem;
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        padding: 0;
        list-style: none;
      }
      .error {
        overflow-wrap: anywhere;
      }
      .secret {
        display: block;
        overflow-wrap: anywhere;
        padding: 0.5rem;
        border: 1px solid var(--_border);
        border-radius: 6px;
        font-family: ui-monospace, monospace;
      }
      li[tabindex] {
        border: 1px solid var(--_border);
        border-radius: 8px;
        padding: 0.5rem 0.75rem;
        margin-block-end: 0.5rem;
      }
      .note {
        color: var(--_muted);
        font-size: 0.875rem;
      }
    `,
  ];

  api!: DeskApi;
  /** Says something in the desk's live region. */
  announce: (message: string) => void = () => undefined;
  /** The desk's check of an answer's status: false (and a message, or signed out) when it failed. */
  check: (status: number) => boolean = (status) => status > 0 && status < 400;
  status: NotificationStatus | null = null;
  settings: SiteSettingsView | null = null;
  outbox: OutboxPage | null = null;
  /** The outbox's rows loaded so far (the first page, then each "Load more"). */
  items: OutboxItem[] = [];
  busy = false;
  testResult: { ok: boolean; text: string } | null = null;
  /** A secret just generated: shown this once. */
  shownSecret: string | null = null;
  /** The fields the server refused on the last save. */
  invalid: Array<keyof SiteSettings> = [];
  #focusNext: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override updated(): void {
    const selector = this.#focusNext;
    this.#focusNext = null;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Everything the screen shows. */
  async load(): Promise<void> {
    const [status, settings, outbox] = await Promise.all([
      this.api.notifications(),
      this.api.settings(),
      this.api.outbox(),
    ]);
    for (const r of [status, settings, outbox]) if (!this.check(r.status)) return;
    this.status = status.body ?? null;
    this.settings = settings.body ?? null;
    this.outbox = outbox.body ?? null;
    this.items = outbox.body?.items ?? [];
  }

  /** Whether the server's environment sets `key` (the desk shows it, read-only). */
  #fixed(key: keyof SiteSettings): boolean {
    return this.settings?.setByEnvironment.includes(key) ?? false;
  }

  async #sendTest(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const to = (form.elements.namedItem('to') as HTMLInputElement).value.trim();
    this.busy = true;
    this.announce('Sending a test email…');
    const r = await this.api.sendTestEmail(to);
    this.busy = false;
    if (r.status === 401 || r.status === 0) {
      this.check(r.status);
      return;
    }
    this.testResult =
      r.ok && r.body?.ok
        ? { ok: true, text: `Sent. The mail server answered: ${r.body.response ?? 'OK'}` }
        : r.ok && r.body
          ? { ok: false, text: `Not sent. The mail server said: ${r.body.error ?? 'no reason given'}` }
          : r.status === 409
            ? { ok: false, text: 'Not sent: email is off on this server (no SMTP server configured).' }
            : r.status === 422
              ? { ok: false, text: 'Not sent: type an email address to send it to.' }
              : { ok: false, text: `Not sent: the server answered ${r.status}.` };
    this.announce(this.testResult.text);
    this.#focusNext = '#test-result';
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const s = this.settings;
    if (!s || this.busy) return;
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const change: SiteSettingsInput = {
      notifyOwner: (form.querySelector<HTMLInputElement>('input[name="notifyOwner"]:checked')?.value ??
        s.notifyOwner) as SiteSettings['notifyOwner'],
      notifyInterval: Math.round(Number(value('notifyInterval')) * 60),
    };
    if (!this.#fixed('webhookUrl')) change.webhookUrl = value('webhookUrl').trim();
    if (!this.#fixed('webhookFormat')) change.webhookFormat = value('webhookFormat') as WebhookFormat;
    if (!this.#fixed('webhookEvents')) {
      change.webhookEvents = WEBHOOK_EVENTS.filter(
        (e) => form.querySelector<HTMLInputElement>(`input[name="webhookEvents"][value="${e}"]`)?.checked,
      );
    }
    await this.#put(change, 'Notification settings saved. They apply to the next comment.');
  }

  /** Saves `change`; on a refusal, marks the fields and moves focus to the first. */
  async #put(change: SiteSettingsInput, done: string): Promise<boolean> {
    this.busy = true;
    const r = await this.api.saveSettings(change);
    this.busy = false;
    if (r.status === 422) {
      const fields = Object.keys(
        (r.body as unknown as { fields?: Record<string, string[]> } | undefined)?.fields ?? {},
      ) as Array<keyof SiteSettings>;
      this.invalid = fields;
      const first = fields[0];
      this.announce(
        `Not saved. ${fields.map((f) => FIELD_ERRORS[f] ?? `Check ${f}.`).join(' ') || 'Check the values.'}`,
      );
      if (first) this.#focusNext = `[name="${first}"]`;
      return false;
    }
    if (!this.check(r.status) || !r.body) return false;
    this.invalid = [];
    this.settings = r.body;
    this.announce(done);
    return true;
  }

  async #generateSecret(): Promise<void> {
    if (this.busy) return;
    const secret = newSecret();
    if (
      await this.#put({ webhookSecret: secret }, 'A new webhook secret is saved. Copy it now: it is not shown again.')
    ) {
      this.shownSecret = secret;
      this.#focusNext = '#new-secret';
    }
  }

  async #refresh(): Promise<void> {
    const r = await this.api.outbox();
    if (!this.check(r.status) || !r.body) return;
    this.outbox = r.body;
    this.items = r.body.items;
    const c = r.body.counts;
    this.announce(`Outbox: ${c.sent} sent, ${c.retrying} retrying, ${c.failed} failed.`);
    this.#focusNext = '#outbox-heading';
  }

  async #more(): Promise<void> {
    const cursor = this.outbox?.nextCursor;
    if (!cursor) return;
    const r = await this.api.outbox(cursor);
    if (!this.check(r.status) || !r.body) return;
    const first = r.body.items[0];
    this.outbox = { ...r.body, counts: r.body.counts };
    this.items = [...this.items, ...r.body.items];
    this.announce(`${r.body.items.length} more messages loaded.`);
    if (first) this.#focusNext = `li[data-id="${CSS.escape(first.id)}"]`;
  }

  override render() {
    return html`<h2 id="queue-heading" tabindex="-1">Notifications</h2>
      ${this.status && this.settings ? this.#renderLoaded(this.status, this.settings) : html`<p>Loading…</p>`}`;
  }

  #renderLoaded(status: NotificationStatus, s: SiteSettingsView) {
    return html`${this.#renderEmail(status)} ${this.#renderSettings(status, s)} ${this.#renderOutbox()}`;
  }

  #renderEmail(status: NotificationStatus) {
    if (!status.emailEnabled) {
      return html`<section aria-labelledby="email-heading">
        <h3 id="email-heading">Email</h3>
        <p id="email-off"><strong>Email is off:</strong> this server has no SMTP server to send through, so readers
          are not offered reply notifications and you get no email about new comments.</p>
        <p>To turn it on, start the server with <code>COMMENT_BOX_SMTP_URL</code> (your mail provider's SMTP
          server, such as <code>smtps://user:password@mail.example:465</code>) and <code>COMMENT_BOX_MAIL_FROM</code>
          (the sender, such as <code>Comments &lt;comments@blog.example&gt;</code>), plus
          <code>COMMENT_BOX_NOTIFY_EMAIL</code> for your own address, then restart it. The same as flags:
          <code>--smtp-url</code>, <code>--mail-from</code>, <code>--notify-email</code>. See “Notifications” in
          docs/server.md.</p>
      </section>`;
    }
    return html`<section aria-labelledby="email-heading">
      <h3 id="email-heading">Email</h3>
      <p>Email is on, sent from <bdi>${status.mailFrom}</bdi>. Links in emails point to <bdi>${status.baseUrl}</bdi>.</p>
      <form class="settings" @submit=${this.#sendTest}>
        <p>
          <label for="test-to">Send a test email to</label><br />
          <input id="test-to" name="to" type="email" required .value=${status.notifyEmail} autocomplete="email" />
        </p>
        <button class="primary" type="submit" aria-disabled=${String(this.busy)}>Send a test email</button>
      </form>
      ${
        this.testResult
          ? html`<p id="test-result" tabindex="-1" class=${this.testResult.ok ? '' : 'error'}>${this.testResult.text}</p>`
          : nothing
      }
    </section>`;
  }

  #renderSettings(status: NotificationStatus, s: SiteSettingsView) {
    const fixedNote = (key: keyof SiteSettings) =>
      this.#fixed(key)
        ? html`<span class="note" id="${key}-fixed">Set by the server's environment (${ENV_NAMES[key]}).</span>`
        : nothing;
    const bad = (key: keyof SiteSettings) => String(this.invalid.includes(key));
    const owner = [
      ['all', 'Every new comment'],
      ['held', 'Only comments held for moderation'],
      ['off', 'Nothing'],
    ] as const;
    return html`<form class="settings" @submit=${this.#save}>
      <h3>What you are told</h3>
      <fieldset>
        <legend>Email me about</legend>
        ${
          !status.notifyEmail
            ? html`<p class="note">No address of yours is set: start the server with COMMENT_BOX_NOTIFY_EMAIL
              (or --notify-email) to get these emails.</p>`
            : html`<p class="note">Emails go to <bdi>${status.notifyEmail}</bdi>, with Approve, Spam and Trash links.</p>`
        }
        ${owner.map(
          ([value, label]) =>
            html`<label class="check"
              ><input type="radio" name="notifyOwner" value=${value} .checked=${s.notifyOwner === value} />${label}</label
            ><br />`,
        )}
      </fieldset>
      <p>
        <label for="notifyInterval">Minutes between emails to a reader about one thread (replies meanwhile come
          together; 0: at once)</label><br />
        <input
          id="notifyInterval"
          name="notifyInterval"
          type="number"
          min="0"
          max="1440"
          required
          aria-invalid=${bad('notifyInterval')}
          .value=${String(Math.round(s.notifyInterval / 60))}
        />
      </p>
      <fieldset>
        <legend>Webhook</legend>
        <p class="note">A POST to your URL when something happens to a comment: signed JSON, or a message in a
          Slack or Discord channel. Spam is never sent; neither are emails or addresses.</p>
        <p>
          <label for="webhookUrl">URL (empty: no webhook)</label><br />
          <input
            id="webhookUrl"
            name="webhookUrl"
            type="url"
            placeholder="https://hooks.slack.com/services/…"
            .value=${s.webhookUrl}
            ?disabled=${this.#fixed('webhookUrl')}
            aria-invalid=${bad('webhookUrl')}
            aria-describedby=${this.#fixed('webhookUrl') ? 'webhookUrl-fixed' : nothing}
          />
          ${fixedNote('webhookUrl')}
        </p>
        <p>
          <label for="webhookFormat">Format</label><br />
          <select
            id="webhookFormat"
            name="webhookFormat"
            ?disabled=${this.#fixed('webhookFormat')}
            aria-describedby=${this.#fixed('webhookFormat') ? 'webhookFormat-fixed' : nothing}
          >
            ${WEBHOOK_FORMATS.map(
              (f) => html`<option value=${f} ?selected=${s.webhookFormat === f}>${FORMAT_LABELS[f]}</option>`,
            )}
          </select>
          ${fixedNote('webhookFormat')}
        </p>
        <fieldset>
          <legend>Send when</legend>
          ${WEBHOOK_EVENTS.map(
            (e) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  name="webhookEvents"
                  value=${e}
                  .checked=${s.webhookEvents.includes(e)}
                  ?disabled=${this.#fixed('webhookEvents')}
                />${EVENT_LABELS[e]} <code>${e}</code></label
              ><br />`,
          )}
          ${fixedNote('webhookEvents')}
        </fieldset>
        ${this.#renderSecret(s)}
      </fieldset>
      <button class="primary" type="submit" aria-disabled=${String(this.busy)}>Save notification settings</button>
    </form>`;
  }

  #renderSecret(s: SiteSettingsView) {
    const fixed = this.#fixed('webhookSecret');
    return html`<div>
      <p id="secret-state">
        Signing secret:
        ${s.webhookSecret ? html`<code>${s.webhookSecret}</code>` : 'none'}${fixed ? html` (set by the server's environment, COMMENT_BOX_WEBHOOK_SECRET)` : nothing}
      </p>
      ${
        !s.webhookSecret && s.webhookUrl && s.webhookFormat === 'json'
          ? html`<p class="note">Without a secret the JSON is sent unsigned: your receiver cannot tell it came from
            here. Generate one.</p>`
          : nothing
      }
      ${
        this.shownSecret
          ? html`<p>New secret (copy it now, into your receiver: it is not shown again):</p>
            <code id="new-secret" class="secret" tabindex="-1">${this.shownSecret}</code>`
          : nothing
      }
      ${
        fixed
          ? nothing
          : html`<p>
            <button type="button" @click=${this.#generateSecret} aria-disabled=${String(this.busy)}>
              ${s.webhookSecret ? 'Generate a new secret' : 'Generate a secret'}
            </button>
          </p>`
      }
    </div>`;
  }

  #renderOutbox() {
    const o = this.outbox;
    const waiting = o ? o.counts.pending - o.counts.retrying : 0;
    return html`<section aria-labelledby="outbox-heading">
      <h3 id="outbox-heading" tabindex="-1">Outbox</h3>
      <p class="note">Every email and webhook goes through here first; failed deliveries are retried, waiting longer
        each time. Messages are kept 30 days.</p>
      ${
        o
          ? html`<ul class="counts" aria-label="Messages per status">
            <li>Sent: <strong>${o.counts.sent}</strong></li>
            <li>Retrying: <strong>${o.counts.retrying}</strong></li>
            <li>Failed: <strong>${o.counts.failed}</strong></li>
            <li>Waiting: <strong>${waiting}</strong></li>
          </ul>`
          : nothing
      }
      <button type="button" @click=${this.#refresh}>Refresh the outbox</button>
      ${
        this.items.length === 0
          ? html`<p>No messages yet.</p>`
          : html`<ol aria-label="Latest messages">
            ${this.items.map((item) => this.#renderItem(item))}
          </ol>`
      }
      ${o?.nextCursor ? html`<button type="button" @click=${this.#more}>Load more</button>` : nothing}
    </section>`;
  }

  #renderItem(item: OutboxItem) {
    const retrying = item.status === 'pending' && item.attempts > 0;
    return html`<li tabindex="-1" data-id=${item.id}>
      <strong>${outboxTitle(item)}</strong>
      <div>${outboxStatusText(item)}</div>
      <div class="note">
        Queued ${time(item.createdAt)}${item.sentAt ? html` · sent ${time(item.sentAt)}` : nothing}${
          item.status === 'pending'
            ? html` · ${retrying ? 'next attempt' : 'due'} ${time(item.nextAttemptAt)}`
            : nothing
        }
      </div>
      ${
        item.lastError && (retrying || item.status === 'failed')
          ? html`<div class="error">Last error: ${item.lastError}</div>`
          : nothing
      }
    </li>`;
  }
}

if (!customElements.get('comment-admin-notify')) {
  customElements.define('comment-admin-notify', CommentAdminNotifyElement);
}
