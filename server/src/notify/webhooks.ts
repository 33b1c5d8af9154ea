/**
 * Webhooks: a POST to the site owner's URL (`webhookUrl`) on `comment.created`, `comment.approved`,
 * `comment.edited` and `comment.deleted` (those of `webhookEvents`), through the outbox: the row is
 * written in the transaction of the change (`StoreHooks.event`), then the worker sends it, with the
 * outbox's retries and backoff.
 *
 * What is sent: the event, the thread, the page's address when a post told it, and the comment's
 * PUBLIC shape (`Store.toPublic`: never its email, address, user agent or token), with its
 * moderation status. Spam is never sent. Formats (`webhookFormat`), chosen when it is sent:
 *
 * - `json`: that object as the body, signed when a secret is set: `X-Comment-Box-Signature:
 *   t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (the receiver recomputes it and refuses
 *   a `t` more than 5 minutes old: a replay). Each attempt is signed anew.
 * - `slack`: `{ text, blocks }` for a Slack incoming webhook; `discord`: `{ content, allowed_mentions:
 *   { parse: [] } }`. What commenters wrote is defanged (no live link: `hxxps://evil[.]example`, no
 *   `@` mention) and escaped (`&`, `<`, `>` for Slack; Markdown and `<…>` mentions for Discord).
 *
 * Outcome: a 2xx is sent; a 4xx other than 408 and 429 fails at once (the receiver refuses it: the
 * URL is wrong or gone); anything else (5xx, 408, 429, a redirect, a network error, no answer within
 * `webhookTimeoutMs`) is retried. Errors name the host only (a Slack URL's path is its secret).
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WebhookEvent, WebhookFormat } from 'comment-box/api';
import type { Comment } from 'comment-box/schema.js';
import type { CommentEvent } from '../store/comment-store.js';
import type { DB, OutboxTable } from '../store/tables.js';
import { enqueue, PermanentDeliveryError } from './outbox.js';
import { defang, excerpt, safeName } from './text.js';
import type { Notifications } from './index.js';

/** The outbox kind of a webhook. */
export const WEBHOOK_KIND = 'webhook';
export const SIGNATURE_HEADER = 'X-Comment-Box-Signature';
/** A receiver should refuse a signature older than this (seconds). */
export const SIGNATURE_TOLERANCE_S = 300;

/** The JSON body (`json` format), also what an outbox row keeps. */
export interface WebhookBody {
  event: WebhookEvent;
  /** When the change happened (ISO). */
  occurredAt: string;
  threadId: string;
  /** The page of the thread, when a post told it (`_page`); else null. */
  pageUrl: string | null;
  /** `approved` (public), `pending` (held for moderation) or `deleted`. */
  status: 'approved' | 'pending' | 'deleted';
  /** Who did it: a reader (a post, their own edit or delete) or a moderator. */
  by: 'reader' | 'moderator';
  /** The comment as the public API shows it (a deleted one: its placeholder, no text, no name). */
  comment: Comment;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

const EVENT_WORDS: Record<WebhookEvent, string> = {
  'comment.created': 'New comment',
  'comment.approved': 'Comment approved',
  'comment.edited': 'Comment edited',
  'comment.deleted': 'Comment deleted',
};

/** One line about the event, from the server's own words and safe names only. */
function headline(body: WebhookBody, site: string): string {
  const who = body.comment.deleted ? '' : ` by ${safeName(body.comment.authorName || 'Anonymous')}`;
  const held = body.status === 'pending' ? ' (held for moderation)' : '';
  const by = body.event === 'comment.deleted' ? (body.by === 'reader' ? ' by its author' : ' by a moderator') : '';
  return `${EVENT_WORDS[body.event]}${who}${by}${held} on ${safeName(site)}, thread ${safeName(body.threadId)}`;
}

/** User text for Slack: defanged, then `&`, `<`, `>` escaped (Slack's own escaping: no link, no mention). */
export const slackText = (text: string) =>
  defang(text).replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!);

/** User text for Discord: defanged, Markdown and `<…>` (mentions, channels, timestamps) escaped. */
export const discordText = (text: string) => defang(text).replace(/[\\*_~`|>#[\]()<:-]/g, (ch) => `\\${ch}`);

/** The links of a message (the comment on its page, the desk), from the server's configuration. */
function links(body: WebhookBody, baseUrl: string): { comment: string | null; desk: string } {
  const page = body.pageUrl && /^https?:\/\//i.test(body.pageUrl) ? body.pageUrl.replace(/#.*$/, '') : null;
  return {
    comment: page && !body.comment.deleted ? `${page}#comment-${encodeURIComponent(body.comment.id)}` : null,
    desk: `${baseUrl}/admin`,
  };
}

/** The Slack incoming webhook's body. */
export function slackMessage(body: WebhookBody, site: string, baseUrl: string): { text: string; blocks: unknown[] } {
  const line = slackText(headline(body, site));
  const { comment, desk } = links(body, baseUrl);
  const quote = body.comment.deleted ? '' : excerpt(body.comment.content, 2500);
  // Our own links are Slack links (<url|label>): `|` and `>` never occur in an escaped URL.
  const link = (url: string, label: string) => `<${url.replace(/[|<>]/g, encodeURIComponent)}|${label}>`;
  const context = [comment ? link(comment, 'View comment') : '', link(desk, 'Moderation desk')].filter(Boolean);
  // `verbatim`: Slack links or mentions nothing by itself in our text.
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: line, verbatim: true } }];
  // Plain text: Slack formats nothing in it (no Markdown, no link), on top of the defanging and escaping.
  if (quote) blocks.push({ type: 'section', text: { type: 'plain_text', text: slackText(quote), emoji: false } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · '), verbatim: true }] });
  return { text: quote ? `${line}\n>${slackText(quote).replace(/\n/g, '\n>')}` : line, blocks };
}

/** The Discord incoming webhook's body: no mention of anyone, whatever the text says. */
export function discordMessage(
  body: WebhookBody,
  site: string,
  baseUrl: string,
): { content: string; allowed_mentions: { parse: [] } } {
  const { comment, desk } = links(body, baseUrl);
  const quote = body.comment.deleted
    ? ''
    : discordText(excerpt(body.comment.content, 1500))
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
  const footer = [comment ? `View comment: <${comment}>` : '', `Moderation desk: <${desk}>`].filter(Boolean);
  const content = [`**${discordText(headline(body, site))}**`, quote, footer.join(' · ')].filter(Boolean).join('\n');
  return { content: content.slice(0, 2000), allowed_mentions: { parse: [] } };
}

/** The host of a URL, for an error that must not show its path (a token) or credentials. */
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'the webhook URL';
  }
};

export class Webhooks {
  readonly #n: Notifications;

  constructor(notifications: Notifications) {
    this.#n = notifications;
    notifications.worker.register(WEBHOOK_KIND, (row) => this.deliver(row));
  }

  /** In the change's transaction: the webhook's outbox row, when one is configured for this event. */
  async onEvent(trx: Kysely<DB>, event: CommentEvent): Promise<void> {
    const { config, store } = this.#n;
    const name = `comment.${event.type}` as WebhookEvent;
    if (!config.webhookUrl || !config.webhookEvents.includes(name)) return;
    // Spam is nobody's business, and never leaves the server.
    if (event.row.status === 'spam') return;
    const page = await trx
      .selectFrom('thread_pages')
      .select('page_url')
      .where('thread_id', '=', event.row.thread_id)
      .executeTakeFirst();
    const deleted = event.type === 'deleted';
    const body: WebhookBody = {
      event: name,
      occurredAt: new Date().toISOString(),
      threadId: event.row.thread_id,
      pageUrl: page?.page_url ?? null,
      status: deleted ? 'deleted' : event.row.status === 'approved' ? 'approved' : 'pending',
      by: event.by,
      comment: store.toPublic(deleted ? { ...event.row, deleted: 1 } : event.row),
    };
    await enqueue(trx, { kind: WEBHOOK_KIND, payload: body });
  }

  /** The request of a row, as it would be sent now (URL, headers, body). */
  request(row: Pick<OutboxTable, 'id' | 'payload'>, nowMs = Date.now()): { url: string; init: RequestInit } | null {
    const { config } = this.#n;
    if (!config.webhookUrl) return null;
    const body = JSON.parse(row.payload) as WebhookBody;
    const format: WebhookFormat = config.webhookFormat;
    const raw = JSON.stringify(
      format === 'slack'
        ? slackMessage(body, this.#n.siteName, this.#n.baseUrl)
        : format === 'discord'
          ? discordMessage(body, this.#n.siteName, this.#n.baseUrl)
          : body,
    );
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'comment-box-server (webhook)',
      'X-Comment-Box-Event': body.event,
      'X-Comment-Box-Delivery': row.id,
    };
    if (config.webhookSecret) {
      headers[SIGNATURE_HEADER] = signature(config.webhookSecret, raw, Math.floor(nowMs / 1000));
    }
    return { url: config.webhookUrl, init: { method: 'POST', headers, body: raw, redirect: 'manual' } };
  }

  /** Sends one row: 2xx sent; 4xx but 408 and 429 failed at once; anything else retried. */
  async deliver(row: OutboxTable): Promise<void | 'cancelled'> {
    const request = this.request(row);
    // The webhook was turned off meanwhile: nothing to send.
    if (!request) return 'cancelled';
    const host = hostOf(request.url);
    let res: Response;
    try {
      res = await fetch(request.url, {
        ...request.init,
        signal: AbortSignal.timeout(this.#n.config.webhookTimeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
      const why =
        (error as Error | null)?.name === 'TimeoutError'
          ? `no answer within ${this.#n.config.webhookTimeoutMs / 1000} s`
          : typeof cause === 'string'
            ? cause
            : 'network error';
      throw new Error(`webhook to ${host}: ${why}`);
    }
    // The body is not needed: read it (a connection is freed), at most what arrives.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return;
    const message = `webhook to ${host}: HTTP ${res.status}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new PermanentDeliveryError(message);
    }
    throw new Error(message);
  }
}
