/**
 * The site owner's email (`--notify-email`): on every new comment, or only held ones (the desk's
 * `notifyOwner` setting, default `held`), with the comment (made safe), why it was held, and
 * one-tap Approve / Spam / Trash links.
 *
 * An action link is signed (HMAC-SHA256 with the database's link secret), single-purpose (its action
 * and comment id are in the signed payload), expiring (`ACTION_LINK_DAYS`) and single-use (its random
 * nonce is recorded in `used_links` in the same transaction as the action). Opening it (GET) only
 * shows a confirmation page: its button POSTs, so a mail scanner that follows links changes nothing.
 * The action goes through `Store.setStatus`, as the desk's: thread versions, live events and the
 * readers' notifications follow.
 */
import type { Kysely } from 'kysely';
import type { DB, CommentsTable } from '../store/tables.js';
import { randomToken } from '../store/ids.js';
import type { Email } from './mailer.js';
import { enqueue } from './outbox.js';
import { strings } from './i18n.js';
import { escapeHtml, quoteHtml, quoteText, safeName } from './text.js';
import { page } from './readers.js';
import type { EmailPayload, Notifications } from './index.js';

export const ACTION_LINK_DAYS = 7;
export const OWNER_ACTIONS = ['approve', 'spam', 'trash'] as const;
export type OwnerAction = (typeof OWNER_ACTIONS)[number];
export const OWNER_ACTION_STATUS = { approve: 'approved', spam: 'spam', trash: 'trash' } as const;

/** The signed content of an action link. */
export interface ActionLink {
  a: OwnerAction;
  /** Comment id. */
  c: string;
  /** Expires at (ms since the epoch). */
  e: number;
  /** Random: the link's single use. */
  n: string;
}

/** Why a comment was held, in words (`moderation_reason`: `code` or `code:detail`). */
export function reasonText(stored: string | null | undefined): string {
  if (!stored) return 'moderation';
  const [code = '', ...rest] = stored.split(':');
  const detail = rest.join(':');
  const words: Record<string, string> = {
    'first-time': 'first comment from this author (moderation: first-time)',
    all: 'every comment is held (moderation: all)',
    links: 'too many links',
    'spam-word': 'a spam word',
    honeypot: 'the form’s hidden field was filled (a bot)',
    'block-word': 'a word of the block list',
    'block-email': 'an email or domain of the block list',
    'block-ip': 'an address of the block list',
    moderator: 'a moderator’s decision',
  };
  const base = words[code] ?? code.replace(/[^\w -]/g, '');
  return detail && code !== 'first-time' && code !== 'block-email' ? `${base} (${detail.slice(0, 100)})` : base;
}

export class Owner {
  readonly #n: Notifications;

  constructor(notifications: Notifications) {
    this.#n = notifications;
    notifications.renderer('owner', (p) => this.render(p));
  }

  /** In the post's transaction: the owner's email, when the setting asks for one. */
  async onCreated(trx: Kysely<DB>, row: CommentsTable): Promise<void> {
    const { config } = this.#n;
    if (!this.#n.emailEnabled || !config.notifyEmail || row.status === 'spam' || row.by_owner) return;
    const wanted = config.notifyOwner === 'all' || (config.notifyOwner === 'held' && row.status === 'pending');
    if (!wanted) return;
    await enqueue(trx, {
      kind: 'email',
      recipient: config.notifyEmail,
      payload: { type: 'owner', to: config.notifyEmail, commentId: row.id },
    });
  }

  /** A signed link to the confirmation page of `action` on comment `id`. */
  actionUrl(action: OwnerAction, id: string, nowMs = Date.now()): string {
    const link: ActionLink = { a: action, c: id, e: nowMs + ACTION_LINK_DAYS * 86_400_000, n: randomToken(12) };
    return `${this.#n.baseUrl}/notify/action?t=${this.#n.signer.sign('action', link)}`;
  }

  async render(payload: EmailPayload): Promise<Email | 'cancelled'> {
    const to = String(payload.to);
    const row = await this.#n.store.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', String(payload.commentId))
      .executeTakeFirst();
    if (!row || row.deleted) return 'cancelled';
    const site = this.#n.siteName;
    const held = row.status === 'pending';
    const subject = held ? `New comment awaiting moderation on ${site}` : `New comment on ${site}`;
    const name = safeName(row.author_name || 'Anonymous');
    const status =
      row.status === 'pending'
        ? `Held for moderation: ${reasonText(row.moderation_reason)}`
        : row.status === 'approved'
          ? 'Published'
          : `Status now: ${row.status}`;
    const links = OWNER_ACTIONS.filter((a) => OWNER_ACTION_STATUS[a] !== row.status).map(
      (a) => [a, this.actionUrl(a, row.id)] as const,
    );
    const label: Record<OwnerAction, string> = { approve: 'Approve', spam: 'Spam', trash: 'Trash' };
    const desk = `${this.#n.baseUrl}/admin`;
    const thread = safeName(row.thread_id);
    const text = [
      `${name} commented on ${site} (thread ${thread}, ${row.created_at.slice(0, 16).replace('T', ' ')} UTC).`,
      status,
      '',
      quoteText(row.content, 4000),
      '',
      ...links.map(([a, url]) => `${label[a]}: ${url}`),
      '',
      `Moderation desk: ${desk}`,
      `The links work for ${ACTION_LINK_DAYS} days, once each; each opens a page that asks you to confirm.`,
      '',
    ].join('\n');
    const button = (a: OwnerAction, url: string) =>
      `<a href="${escapeHtml(url)}" style="display:inline-block;margin:0 .5em .5em 0;padding:.7em 1.4em;border-radius:6px;text-decoration:none;color:#fff;background:${a === 'approve' ? '#047857' : a === 'spam' ? '#b45309' : '#b91c1c'}">${label[a]}</a>`;
    const html = page(
      strings('en'),
      `<p><strong>${escapeHtml(name)}</strong> commented on ${escapeHtml(site)} (thread ${escapeHtml(thread)}).</p>` +
        `<p>${escapeHtml(status)}</p>${quoteHtml(row.content, 4000)}` +
        `<p>${links.map(([a, url]) => button(a, url)).join('')}</p>` +
        `<p style="color:#555;font-size:.9em"><a href="${escapeHtml(desk)}">Moderation desk</a> · The links work for ${ACTION_LINK_DAYS} days, once each; each opens a page that asks you to confirm.</p>`,
    );
    return { to, subject, text, html };
  }

  /** The content of a valid, unexpired action link, or why not. */
  check(token: string, nowMs = Date.now()): ActionLink | 'invalid' | 'expired' {
    const link = this.#n.signer.verify<ActionLink>('action', token);
    if (
      !link ||
      !(OWNER_ACTIONS as readonly string[]).includes(link.a) ||
      typeof link.c !== 'string' ||
      typeof link.e !== 'number' ||
      typeof link.n !== 'string'
    ) {
      return 'invalid';
    }
    return link.e < nowMs ? 'expired' : link;
  }

  /** Whether the link was used already. */
  async used(link: ActionLink): Promise<boolean> {
    const row = await this.#n.store.reader
      .selectFrom('used_links')
      .select('nonce')
      .where('nonce', '=', link.n)
      .executeTakeFirst();
    return row !== undefined;
  }
}
