/**
 * The desk's view of notifications (a moderator only): whether email is on, a test email, and the
 * outbox (what was sent, what is retrying with its last error, what failed). Recipients are only
 * ever shown masked (`j***@example.com`). See docs/server.md, "Notifications".
 */
import * as z from 'zod/mini';
import { isCleanText } from '../schema.js';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** `GET /api/admin/notifications`: how notifications are set up (no secret: never the SMTP URL). */
export const notificationStatusSchema = z.object({
  /** SMTP is configured (`--smtp-url`): readers are offered notifications, emails go out. */
  emailEnabled: z.boolean(),
  /** The From of every email (`--mail-from`), or ''. */
  mailFrom: z.string(),
  /** The site owner's address (`--notify-email`), or ''. */
  notifyEmail: z.string(),
  /** Where links in emails point (`--public-url`, else the address the server listens on). */
  baseUrl: z.string(),
  /** The site's name in subjects. */
  siteName: z.string(),
});
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;

/** `POST /api/admin/notifications/test` with `{ to? }` (default: `--notify-email`): sends one email now. */
export const notificationTestSchema = z.strictObject({
  to: z.optional(
    z.string().check(
      z.minLength(3),
      z.maxLength(200),
      z.refine((v) => /^[^\s@<>]+@[^\s@<>]+$/.test(v)),
    ),
  ),
});
export type NotificationTestInput = z.infer<typeof notificationTestSchema>;

/**
 * Its answer (200 either way, the desk shows it): `ok` and the SMTP server's reply, or the error
 * (without addresses or secrets).
 */
export const notificationTestResultSchema = z.object({
  ok: z.boolean(),
  /** The SMTP server's last answer (`250 …`) when sent. */
  response: z.optional(z.string()),
  /** Why not, when not sent. */
  error: z.optional(z.string()),
});
export type NotificationTestResult = z.infer<typeof notificationTestResultSchema>;

/** The outbox's page size: default, min, max. */
export const OUTBOX_LIMIT = { default: 50, min: 1, max: 200 } as const;

/** `GET /api/admin/outbox?status=&limit=&cursor=`: newest first; every status when `status` is absent. */
export const outboxQuerySchema = z.pipe(
  z.object({
    status: z.optional(z.custom<OutboxStatus>((v) => (OUTBOX_STATUSES as readonly unknown[]).includes(v))),
    limit: z.optional(
      z
        .string()
        .check(
          z.refine(
            (v) => Number.isInteger(Number(v)) && Number(v) >= OUTBOX_LIMIT.min && Number(v) <= OUTBOX_LIMIT.max,
          ),
        ),
    ),
    cursor: z.optional(z.string().check(z.maxLength(300), z.refine(isCleanText))),
  }),
  z.transform((q) => ({
    status: q.status ?? null,
    limit: q.limit === undefined ? OUTBOX_LIMIT.default : Number(q.limit),
    cursor: q.cursor ?? null,
  })),
);
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

export const outboxItemSchema = z.object({
  id: z.string(),
  /** `email` or `webhook`. */
  kind: z.string(),
  /** What it is: `confirm`, `replies`, `owner`, `test` for emails; the event (`comment.created`…) for webhooks. */
  type: z.string(),
  status: z.custom<OutboxStatus>((v) => (OUTBOX_STATUSES as readonly unknown[]).includes(v)),
  /** Delivery attempts made. */
  attempts: z.number(),
  /** The last delivery error (no addresses, no secrets), or null. */
  lastError: z.nullable(z.string()),
  /** When it is (or was) due: for a pending row with attempts, the next retry. */
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  sentAt: z.nullable(z.string()),
  /** Masked (`j***@example.com`), or null. */
  recipient: z.nullable(z.string()),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxPageSchema = z.object({
  items: z.array(outboxItemSchema),
  nextCursor: z.nullable(z.string()),
  /** Rows per status, all of them (`pending` with attempts > 0 are retrying: `retrying` counts them). */
  counts: z.object({
    pending: z.number(),
    sent: z.number(),
    failed: z.number(),
    cancelled: z.number(),
    retrying: z.number(),
  }),
});
export type OutboxPage = z.infer<typeof outboxPageSchema>;
