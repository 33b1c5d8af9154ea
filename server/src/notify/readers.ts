/**
 * Readers' notifications: double opt-in, replies (as digests), unsubscribe.
 *
 * In the transaction of the change (called by the store's hooks, see `Store.hooks`):
 * - `onCreated`: a post that asked `notify` stores the subscription (replies to that comment) and,
 *   when its address is not confirmed and no confirmation went out in the last day, queues ONE
 *   confirmation email. Spam posts subscribe nobody (the server relays nothing for spammers).
 * - `onApproved`: a comment that becomes public (approved at post, by a moderator, by the owner's
 *   email link, or the owner's reply) queues a notification to each confirmed subscriber of its
 *   parent and of its whole thread, never to its own author. One email per address and thread per
 *   `notifyInterval`: a reply while one is already waiting joins it (a digest); after an email went
 *   out, the next waits until the interval has passed.
 *
 * When sent (the outbox worker, `renderConfirm`/`renderReplies`), a message is built from the state
 * of then: an address unsubscribed meanwhile, or comments no longer public, cancel it.
 */
import type { Kysely } from 'kysely';
import type { DB, CommentsTable, OutboxTable } from '../store/tables.js';
import { randomToken, sha256 } from '../store/ids.js';
import type { Email } from './mailer.js';
import { enqueue, outboxId } from './outbox.js';
import { emailDate, strings, type PageLanguage } from './i18n.js';
import { escapeHtml, quoteHtml, quoteText, safeName } from './text.js';
import type { EmailPayload, Notifications } from './index.js';

/** A confirmation is sent again to an address that did not confirm after this long. */
export const CONFIRM_AGAIN_MS = 24 * 3_600_000;

/** What a post tells notifications beyond its row. */
export interface PostContext {
  /** The draft asked to be notified (it has an email: the schema makes sure). */
  notify: boolean;
  /** The page address (already checked: an origin this server serves), or null. */
  pageUrl: string | null;
  /** The language of the emails (a locale they have): the thread's (`_lang`), else the poster's browser's; or null. */
  language: string | null;
}

/** Links of reader emails carry the address's random token, signed for one purpose. */
interface ReaderLink {
  /** The address's token (`mail_addresses.token`): erasing the address voids every link. */
  k: string;
  /** The thread (unsubscribe from one thread), absent for everything. */
  th?: string;
}

export const digestKey = (address: string, threadId: string) => sha256(`replies\n${address}\n${threadId}`);

export class Readers {
  readonly #n: Notifications;

  constructor(notifications: Notifications) {
    this.#n = notifications;
    notifications.renderer('confirm', (p) => this.renderConfirm(p));
    notifications.renderer('replies', (p) => this.renderReplies(p));
  }

  get #config() {
    return this.#n.config;
  }

  /** In the post's transaction: the page address, the subscription, the confirmation. */
  async onCreated(trx: Kysely<DB>, row: CommentsTable, post: PostContext): Promise<void> {
    const now = new Date().toISOString();
    if (post.pageUrl) {
      await trx
        .insertInto('thread_pages')
        .values({ thread_id: row.thread_id, page_url: post.pageUrl, updated_at: now })
        .onConflict((oc) => oc.column('thread_id').doUpdateSet({ page_url: post.pageUrl!, updated_at: now }))
        .execute();
    }
    const address = row.author_email;
    if (!post.notify || !this.#n.emailEnabled || address === '' || row.status === 'spam') return;
    await trx
      .insertInto('mail_addresses')
      .values({
        address,
        token: randomToken(24),
        language: post.language,
        confirmed_at: null,
        confirm_sent_at: null,
        unsubscribed_all_at: null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('address').doNothing())
      .execute();
    if (post.language) {
      await trx.updateTable('mail_addresses').set({ language: post.language }).where('address', '=', address).execute();
    }
    await trx
      .insertInto('subscriptions')
      .values({ id: outboxId(), address, thread_id: row.thread_id, comment_id: row.id, created_at: now })
      .execute();
    const known = await trx
      .selectFrom('mail_addresses')
      .select(['confirmed_at', 'confirm_sent_at'])
      .where('address', '=', address)
      .executeTakeFirstOrThrow();
    if (known.confirmed_at) return;
    if (known.confirm_sent_at && Date.parse(known.confirm_sent_at) > Date.now() - CONFIRM_AGAIN_MS) return;
    await trx.updateTable('mail_addresses').set({ confirm_sent_at: now }).where('address', '=', address).execute();
    await enqueue(trx, {
      kind: 'email',
      recipient: address,
      payload: { type: 'confirm', to: address, threadId: row.thread_id },
      createdAt: now,
    });
  }

  /** In the transaction that makes `row` public: the notifications of its subscribers. */
  async onApproved(trx: Kysely<DB>, row: CommentsTable): Promise<void> {
    if (!this.#n.emailEnabled || row.status !== 'approved' || row.deleted) return;
    const subscribers = await trx
      .selectFrom('subscriptions as s')
      .innerJoin('mail_addresses as m', 'm.address', 's.address')
      .select('s.address')
      .distinct()
      .where('s.thread_id', '=', row.thread_id)
      .where((eb) =>
        row.parent_id === null
          ? eb('s.comment_id', 'is', null)
          : eb.or([eb('s.comment_id', 'is', null), eb('s.comment_id', '=', row.parent_id)]),
      )
      .where('m.confirmed_at', 'is not', null)
      .where('m.unsubscribed_all_at', 'is', null)
      .where('s.address', '!=', row.author_email)
      .execute();
    const nowMs = Date.now();
    const now = new Date(nowMs).toISOString();
    const interval = this.#config.notifyInterval * 1000;
    for (const { address } of subscribers.sort((a, b) => (a.address < b.address ? -1 : 1))) {
      const key = digestKey(address, row.thread_id);
      // A notification still waiting (not yet tried): this reply joins it.
      const waiting = await trx
        .selectFrom('outbox')
        .select(['id', 'payload'])
        .where('digest_key', '=', key)
        .where('status', '=', 'pending')
        .where('attempts', '=', 0)
        .where('claim', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (waiting) {
        const payload = JSON.parse(waiting.payload) as EmailPayload & { commentIds: string[] };
        if (!payload.commentIds.includes(row.id)) payload.commentIds.push(row.id);
        const updated = await trx
          .updateTable('outbox')
          .set({ payload: JSON.stringify(payload) })
          .where('id', '=', waiting.id)
          .where('claim', 'is', null)
          .where('attempts', '=', 0)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) > 0) continue;
      }
      // Else a new one: now, or once the interval since the last one has passed.
      const last = await trx
        .selectFrom('outbox')
        .select(['sent_at', 'next_attempt_at', 'status'])
        .where('digest_key', '=', key)
        .where('status', 'in', ['sent', 'pending'])
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const lastAt = last ? Date.parse(last.sent_at ?? last.next_attempt_at) : Number.NaN;
      const due = Number.isFinite(lastAt) ? Math.max(nowMs, lastAt + interval) : nowMs;
      await enqueue(trx, {
        kind: 'email',
        recipient: address,
        digestKey: key,
        dueAt: new Date(due).toISOString(),
        createdAt: now,
        payload: { type: 'replies', to: address, threadId: row.thread_id, commentIds: [row.id] },
      });
    }
  }

  /** A reader link: `/notify/<path>?t=<signed>`. */
  link(path: 'confirm' | 'unsubscribe' | 'follow', payload: ReaderLink): string {
    return `${this.#n.baseUrl}/notify/${path}?t=${this.#n.signer.sign(path, payload)}`;
  }

  async renderConfirm(payload: EmailPayload): Promise<Email | 'cancelled'> {
    const to = String(payload.to);
    const address = await this.#n.store.db
      .selectFrom('mail_addresses')
      .selectAll()
      .where('address', '=', to)
      .executeTakeFirst();
    // Erased, or confirmed meanwhile (another confirmation was clicked): nothing to ask.
    if (!address || address.confirmed_at) return 'cancelled';
    const t = strings(address.language);
    const site = this.#n.siteName;
    const url = this.link('confirm', { k: address.token, th: String(payload.threadId ?? '') || undefined });
    const text = [t.confirmIntro(site), '', url, '', t.confirmIgnore, ''].join('\n');
    const html = page(
      t,
      `<p>${escapeHtml(t.confirmIntro(site))}</p>` +
        `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:.6em 1.2em;background:#1a56db;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t.confirmAction)}</a></p>` +
        `<p style="color:#555">${escapeHtml(t.confirmIgnore)}</p>`,
    );
    return { to, subject: t.confirmSubject(site), text, html };
  }

  async renderReplies(payload: EmailPayload): Promise<Email | 'cancelled'> {
    const to = String(payload.to);
    const threadId = String(payload.threadId);
    const ids = Array.isArray(payload.commentIds) ? payload.commentIds.map(String) : [];
    const db = this.#n.store.db;
    const address = await db.selectFrom('mail_addresses').selectAll().where('address', '=', to).executeTakeFirst();
    if (!address || !address.confirmed_at || address.unsubscribed_all_at) return 'cancelled';
    const subscribed = await db
      .selectFrom('subscriptions')
      .select('id')
      .where('address', '=', to)
      .where('thread_id', '=', threadId)
      .limit(1)
      .executeTakeFirst();
    if (!subscribed || ids.length === 0) return 'cancelled';
    const rows = (
      await db
        .selectFrom('comments')
        .selectAll()
        .where('id', 'in', ids)
        .where('status', '=', 'approved')
        .where('deleted', '=', 0)
        .execute()
    )
      .filter((r) => r.author_email !== to)
      .sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
    if (rows.length === 0) return 'cancelled';
    const pageRow = await db
      .selectFrom('thread_pages')
      .select('page_url')
      .where('thread_id', '=', threadId)
      .executeTakeFirst();
    const t = strings(address.language);
    const site = this.#n.siteName;
    const anchor = (id: string) => (pageRow ? `${pageRow.page_url}#comment-${id}` : null);
    const date = (iso: string) => emailDate(t.lang, iso);
    const unsubscribeThread = this.link('unsubscribe', { k: address.token, th: threadId });
    const unsubscribeAll = this.link('unsubscribe', { k: address.token });
    const followsAll = await db
      .selectFrom('subscriptions')
      .select('id')
      .where('address', '=', to)
      .where('thread_id', '=', threadId)
      .where('comment_id', 'is', null)
      .limit(1)
      .executeTakeFirst();
    const follow = followsAll ? null : this.link('follow', { k: address.token, th: threadId });
    const textParts = [t.repliesIntro(site, rows.length), ''];
    let htmlBody = `<p>${escapeHtml(t.repliesIntro(site, rows.length))}</p>`;
    for (const r of rows) {
      const name = safeName(r.author_name || '?');
      textParts.push(t.wrote(name, date(r.created_at)), quoteText(r.content), '');
      htmlBody += `<p style="margin:1em 0 .25em"><strong>${escapeHtml(t.wrote(name, date(r.created_at)))}</strong></p>${quoteHtml(r.content, 2000, t.dir)}`;
      const href = anchor(r.id);
      if (href) {
        textParts.push(`${t.viewComment}: ${href}`, '');
        htmlBody += `<p><a href="${escapeHtml(href)}">${escapeHtml(t.viewComment)}</a></p>`;
      }
    }
    if (follow) {
      textParts.push(`${t.followLink}: ${follow}`, '');
      htmlBody += `<p><a href="${escapeHtml(follow)}">${escapeHtml(t.followLink)}</a></p>`;
    }
    textParts.push(
      '-- ',
      t.whyYouGetThis(site),
      `${t.unsubscribeThread}: ${unsubscribeThread}`,
      `${t.unsubscribeAll(site)}: ${unsubscribeAll}`,
      '',
    );
    htmlBody +=
      `<hr style="border:0;border-top:1px solid #ddd;margin:2em 0 1em"><p style="color:#555;font-size:.9em">${escapeHtml(t.whyYouGetThis(site))}<br>` +
      `<a href="${escapeHtml(unsubscribeThread)}">${escapeHtml(t.unsubscribeThread)}</a> · ` +
      `<a href="${escapeHtml(unsubscribeAll)}">${escapeHtml(t.unsubscribeAll(site))}</a></p>`;
    return {
      to,
      subject: t.repliesSubject(site, rows.length),
      text: textParts.join('\n'),
      html: page(t, htmlBody),
      unsubscribeUrl: unsubscribeThread,
    };
  }

  /** The address of a signed reader link, or undefined (tampered, other purpose, erased address). */
  async #resolve(purpose: 'confirm' | 'unsubscribe' | 'follow', token: string) {
    const link = this.#n.signer.verify<ReaderLink>(purpose, token);
    if (!link || typeof link.k !== 'string') return undefined;
    const address = await this.#n.store.db
      .selectFrom('mail_addresses')
      .selectAll()
      .where('token', '=', link.k)
      .executeTakeFirst();
    return address ? { address, threadId: typeof link.th === 'string' ? link.th : undefined } : undefined;
  }

  /** Whether `token` is a valid confirmation link, and its address's language. */
  async checkConfirm(token: string): Promise<{ language: string | null } | undefined> {
    const found = await this.#resolve('confirm', token);
    return found ? { language: found.address.language } : undefined;
  }

  /** Whether `token` is a valid follow link (a whole thread), and its address's language. */
  async checkFollow(token: string): Promise<{ language: string | null } | undefined> {
    const found = await this.#resolve('follow', token);
    return found?.threadId ? { language: found.address.language } : undefined;
  }

  /** Follows the link's whole thread (every new comment), for a confirmed address (idempotent). */
  async follow(token: string): Promise<{ language: string | null } | undefined> {
    const found = await this.#resolve('follow', token);
    if (!found?.threadId || !found.address.confirmed_at) return undefined;
    const { address } = found.address;
    const threadId = found.threadId;
    await this.#n.store.db.transaction().execute(async (trx) => {
      const already = await trx
        .selectFrom('subscriptions')
        .select('id')
        .where('address', '=', address)
        .where('thread_id', '=', threadId)
        .where('comment_id', 'is', null)
        .executeTakeFirst();
      if (already) return;
      await trx
        .insertInto('subscriptions')
        .values({
          id: outboxId(),
          address,
          thread_id: threadId,
          comment_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    return { language: found.address.language };
  }

  /**
   * Confirms the address of a confirmation link (idempotent); undefined for an invalid link. With
   * `follow`: a link to follow the whole thread the confirmation was asked from.
   */
  async confirm(token: string): Promise<{ language: string | null; follow?: string } | undefined> {
    const found = await this.#resolve('confirm', token);
    if (!found) return undefined;
    const now = new Date().toISOString();
    await this.#n.store.db
      .updateTable('mail_addresses')
      .set({ confirmed_at: found.address.confirmed_at ?? now, unsubscribed_all_at: null })
      .where('address', '=', found.address.address)
      .execute();
    const follow = found.threadId ? this.link('follow', { k: found.address.token, th: found.threadId }) : undefined;
    return { language: found.address.language, ...(follow ? { follow } : {}) };
  }

  /** What an unsubscribe link would stop, or undefined when it is not valid. */
  async checkUnsubscribe(token: string): Promise<{ scope: 'thread' | 'all'; language: string | null } | undefined> {
    const found = await this.#resolve('unsubscribe', token);
    return found ? { scope: found.threadId ? 'thread' : 'all', language: found.address.language } : undefined;
  }

  /**
   * Unsubscribes (immediately): from the link's thread, or from everything (the address must then
   * confirm again before it gets anything). Its waiting notifications are cancelled.
   */
  async unsubscribe(token: string): Promise<{ scope: 'thread' | 'all'; language: string | null } | undefined> {
    const found = await this.#resolve('unsubscribe', token);
    if (!found) return undefined;
    const { address } = found.address;
    const now = new Date().toISOString();
    await this.#n.store.db.transaction().execute(async (trx) => {
      if (found.threadId) {
        await trx
          .deleteFrom('subscriptions')
          .where('address', '=', address)
          .where('thread_id', '=', found.threadId)
          .execute();
        await trx
          .updateTable('outbox')
          .set({ status: 'cancelled' })
          .where('digest_key', '=', digestKey(address, found.threadId))
          .where('status', '=', 'pending')
          .where('claim', 'is', null)
          .execute();
      } else {
        await trx.deleteFrom('subscriptions').where('address', '=', address).execute();
        await trx
          .updateTable('mail_addresses')
          .set({ unsubscribed_all_at: now, confirmed_at: null, confirm_sent_at: null })
          .where('address', '=', address)
          .execute();
        await trx
          .updateTable('outbox')
          .set({ status: 'cancelled' })
          .where('recipient', '=', address)
          .where('kind', '=', 'email')
          .where('status', '=', 'pending')
          .where('claim', 'is', null)
          .execute();
      }
    });
    return { scope: found.threadId ? 'thread' : 'all', language: found.address.language };
  }
}

/** A simple HTML email: one column, system fonts, no images, no remote anything. */
export function page({ lang, dir }: PageLanguage, body: string): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body style="margin:0;padding:16px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.5;color:#111;background:#fff"><div style="max-width:600px;margin:0 auto">${body}</div></body></html>`;
}

export type { OutboxTable };
