/**
 * The moderation API's shapes (`/api/admin/…`): what the server accepts and answers and the
 * moderation page reads. Only a moderator (Bearer admin token) ever sees these: they carry the email
 * and address.
 */
import * as z from 'zod/mini';
import { editSchema, isCleanText } from '../schema.js';

/**
 * Every status a stored comment can have. Readers see `pending` for held and spam (only their own);
 * `trash` is seen by nobody but moderators, restorable until the retention period purges it.
 */
export const STORED_STATUSES = ['approved', 'pending', 'spam', 'trash'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

const storedStatus = () => z.custom<StoredStatus>((v) => (STORED_STATUSES as readonly unknown[]).includes(v));

/** How many comments one page of the moderation list may hold, and how many when none is asked for. */
export const ADMIN_LIST_LIMIT = { min: 1, max: 200, default: 50 } as const;

/** The longest search text (`q`) and thread filter. */
export const ADMIN_QUERY_MAX = 300;

const queryText = () => z.optional(z.string().check(z.maxLength(ADMIN_QUERY_MAX), z.refine(isCleanText)));

/**
 * `GET /api/admin/comments?status=&limit=&cursor=&q=&thread=`: the query parameters as strings,
 * parsed. `q` finds comments whose text, author name, email or thread contains it (case-insensitive
 * for ASCII letters); `thread` keeps one thread.
 */
export const adminListQuerySchema = z.pipe(
  z.object({
    status: z.optional(storedStatus()),
    q: queryText(),
    thread: queryText(),
    limit: z.optional(
      z
        .string()
        .check(
          z.refine(
            (v) =>
              Number.isInteger(Number(v)) && Number(v) >= ADMIN_LIST_LIMIT.min && Number(v) <= ADMIN_LIST_LIMIT.max,
          ),
        ),
    ),
    cursor: z.optional(z.string().check(z.maxLength(300), z.refine(isCleanText))),
  }),
  z.transform((q) => ({
    status: q.status ?? 'pending',
    limit: q.limit === undefined ? ADMIN_LIST_LIMIT.default : Number(q.limit),
    cursor: q.cursor ?? null,
    q: q.q?.trim() ?? '',
    thread: q.thread ?? '',
  })),
);
export type AdminListQuery = z.infer<typeof adminListQuerySchema>;

/**
 * Why a comment was held or sent to spam: recorded when it was posted (or edited), or `moderator`
 * when a moderator set its status. `too-fast` posts are refused (429), never stored.
 */
export const MODERATION_REASONS = [
  'all',
  'first-time',
  'links',
  'spam-word',
  'block-word',
  'block-email',
  'block-ip',
  'honeypot',
  'moderator',
] as const;
export type ModerationReasonCode = (typeof MODERATION_REASONS)[number];

export const moderationReasonSchema = z.object({
  code: z.custom<ModerationReasonCode>((v) => (MODERATION_REASONS as readonly unknown[]).includes(v)),
  /** The word, address or range that matched (`spam-word`, `block-…`). */
  detail: z.optional(z.string()),
});
export type ModerationReason = z.infer<typeof moderationReasonSchema>;

/** What the moderation API shows: the public comment plus what only the site owner may see. */
export const adminCommentSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  parentId: z.nullable(z.string()),
  authorName: z.string(),
  authorEmail: z.string(),
  authorUrl: z.nullable(z.string()),
  content: z.string(),
  createdAt: z.string(),
  status: storedStatus(),
  ip: z.string(),
  userAgent: z.string(),
  /** When its author last edited it. */
  editedAt: z.optional(z.nullable(z.string())),
  /** The texts its author's (or a moderator's) edits replaced, oldest first. */
  revisions: z.optional(z.array(z.object({ content: z.string(), replacedAt: z.string() }))),
  /** Why it was held or sent to spam; null when approved by the rules. */
  reason: z.optional(z.nullable(moderationReasonSchema)),
  /** Written by the site owner from the desk (the public comment carries `byOwner: true`). */
  byOwner: z.optional(z.boolean()),
  /** When it went to the trash (purged after the retention period). */
  trashedAt: z.optional(z.nullable(z.string())),
  /** The comment it answers, in short (its first 200 characters), or null for a top-level one. */
  parent: z.optional(z.nullable(z.object({ authorName: z.string(), excerpt: z.string() }))),
});
export type AdminComment = z.infer<typeof adminCommentSchema>;

/** `GET /api/admin/comments`: newest first; `nextCursor` is opaque. */
export const adminCommentPageSchema = z.object({
  comments: z.array(adminCommentSchema),
  nextCursor: z.nullable(z.string()),
});
export type AdminCommentPage = z.infer<typeof adminCommentPageSchema>;

/**
 * `PATCH /api/admin/comments/:id`: a new status, or a new text (the old one is kept as a revision),
 * or both. Answered `{ comment }`. Moving to `trash` remembers the status to restore.
 */
export const adminPatchSchema = z.union([
  z.strictObject({ status: storedStatus() }),
  z.strictObject({ content: editSchema.shape.content }),
  z.strictObject({ status: storedStatus(), content: editSchema.shape.content }),
]);
export type AdminPatch = z.infer<typeof adminPatchSchema>;

/** `POST /api/admin/comments/:id/reply`: the site owner's reply, stored approved. Answered 201 `{ comment }`. */
export const adminReplySchema = editSchema;
export type AdminReply = z.infer<typeof adminReplySchema>;

/** What a bulk request (and the desk's buttons) can do to a comment. */
export const ADMIN_ACTIONS = ['approve', 'unapprove', 'spam', 'not-spam', 'trash', 'restore', 'delete'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** The most ids one bulk request may carry. */
export const ADMIN_BULK_MAX = 200;

/**
 * `POST /api/admin/bulk`: one action on many comments. Answered `{ done: [id…], missing: [id…] }`
 * (`missing`: unknown ids, and for `delete` those not in the trash).
 */
export const adminBulkSchema = z.strictObject({
  ids: z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.minLength(1), z.maxLength(ADMIN_BULK_MAX)),
  action: z.custom<AdminAction>((v) => (ADMIN_ACTIONS as readonly unknown[]).includes(v)),
});
export type AdminBulk = z.infer<typeof adminBulkSchema>;
export interface AdminBulkResult {
  done: string[];
  missing: string[];
}

/** `GET /api/admin/counts`: comments per status. */
export type AdminCounts = Record<StoredStatus, number>;

/** The events a webhook can be told about (`docs/server.md`, Webhooks). */
export const WEBHOOK_EVENTS = ['comment.created', 'comment.approved', 'comment.edited', 'comment.deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** `json`: signed JSON for your own receiver; `slack`, `discord`: their incoming webhooks' bodies. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'discord'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
/** How a stored webhook secret is shown: never in full. */
export const WEBHOOK_SECRET_MASK = '••••••••';

/** '' (no webhook) or an absolute http(s) URL without spaces. */
export function isWebhookUrl(value: string): boolean {
  if (value === '') return true;
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A webhook secret (16 to 200 visible ASCII characters), '' for none, or its mask as answered. */
export const isWebhookSecretOrMask = (value: string) =>
  value === '' || /^[\x21-\x7e]{16,200}$/.test(value) || maskOf(value) === value;

/** A secret as the API answers it: '' or the mask and its last 4 characters. */
export function maskOf(secret: string): string {
  if (secret.startsWith(WEBHOOK_SECRET_MASK)) return secret.slice(0, WEBHOOK_SECRET_MASK.length + 4);
  return secret === '' ? '' : `${WEBHOOK_SECRET_MASK}${secret.slice(-4)}`;
}

const intIn = (min: number, max: number) =>
  z.number().check(z.refine((v) => Number.isInteger(v) && v >= min && v <= max));
const entries = (max = 1000, each = 200) =>
  z.array(z.string().check(z.maxLength(each), z.refine(isCleanText))).check(z.maxLength(max));
const holdSpam = () => z.strictObject({ hold: entries(), spam: entries() });

/**
 * The settings the site owner changes in the desk, kept in the database (`GET/PUT
 * /api/admin/settings`): effective on the next request, on every instance, without a restart. The
 * command-line flags and environment are the defaults of what was never set here. `PUT` takes any
 * subset and answers the whole, effective set.
 */
export const siteSettingsSchema = z.strictObject({
  moderation: z.optional(
    z.custom<'none' | 'all' | 'first-time'>((v) => v === 'none' || v === 'all' || v === 'first-time'),
  ),
  /** Comments with this many links or more are held. */
  maxLinks: z.optional(intIn(1, 1000)),
  /** Seconds its author may edit or delete a comment; 0: never. */
  editWindow: z.optional(intIn(0, 31_536_000)),
  /** Posts per client per `rateWindow` seconds. */
  rateLimit: z.optional(intIn(1, 1_000_000)),
  rateWindow: z.optional(intIn(1, 86_400)),
  /** Origins (`https://blog.example`) whose pages may use the API. */
  allowedOrigins: z.optional(
    entries(100, 300).check(z.refine((list) => list.every((o) => /^https?:\/\/[^/?#\s]+$/i.test(o)))),
  ),
  /** A thread whose first comment is older than this many days takes no new comment; 0: never. */
  closeAfterDays: z.optional(intIn(0, 36_500)),
  /** Threads closed to new comments. */
  closedThreads: z.optional(entries(10_000, 300)),
  /** Threads open whatever their age. */
  openThreads: z.optional(entries(10_000, 300)),
  /** The name the owner's replies carry (with the "Author" badge). */
  ownerName: z.optional(z.string().check(z.minLength(1), z.maxLength(100), z.refine(isCleanText))),
  /** Days a comment stays in the trash before it is deleted for good. */
  trashDays: z.optional(intIn(1, 3650)),
  /**
   * Block lists, as WordPress's `moderation_keys` (hold) and `disallowed_keys` (spam), matched
   * literally, case-insensitively: words (in text, name, email, website, address, user agent),
   * emails or domains, addresses or CIDR ranges.
   */
  blocks: z.optional(z.strictObject({ words: holdSpam(), emails: holdSpam(), ips: holdSpam() })),
  /**
   * What the site owner (`--notify-email`) is emailed about: every new comment (`all`), only those
   * held for moderation (`held`, the default), or nothing (`off`). Spam never.
   */
  notifyOwner: z.optional(z.custom<'all' | 'held' | 'off'>((v) => v === 'all' || v === 'held' || v === 'off')),
  /** A reader gets at most one email per thread per this many seconds; replies meanwhile form a digest. */
  notifyInterval: z.optional(intIn(0, 86_400)),
  /** Where webhooks are POSTed (an http(s) URL); '' for none. */
  webhookUrl: z.optional(z.string().check(z.maxLength(2000), z.refine(isWebhookUrl))),
  /** The body's shape: signed JSON (`json`), a Slack or a Discord incoming webhook. */
  webhookFormat: z.optional(z.custom<WebhookFormat>((v) => (WEBHOOK_FORMATS as readonly unknown[]).includes(v))),
  /** Which events are sent (see `WEBHOOK_EVENTS`). */
  webhookEvents: z.optional(
    z
      .array(z.custom<WebhookEvent>((v) => (WEBHOOK_EVENTS as readonly unknown[]).includes(v)))
      .check(z.maxLength(WEBHOOK_EVENTS.length)),
  ),
  /**
   * The HMAC-SHA256 key of the signature: 16 to 200 visible ASCII characters, or '' for none.
   * Never answered in full: answers carry it masked (`••••••••` and its last 4 characters), and a
   * `PUT` of that mask leaves it unchanged.
   */
  webhookSecret: z.optional(z.string().check(z.refine(isWebhookSecretOrMask))),
});
export type SiteSettingsInput = z.infer<typeof siteSettingsSchema>;
export type SiteSettings = Required<SiteSettingsInput>;

/**
 * `GET` and `PUT /api/admin/settings` answer the effective settings, and which of them the server's
 * environment (or flags) sets: those win over the desk, which shows them read-only.
 */
export interface SiteSettingsView extends SiteSettings {
  setByEnvironment: Array<keyof SiteSettings>;
}
