/**
 * The desk's notification routes (behind `admin-auth.ts`, as every /api/admin route):
 *   GET  /api/admin/notifications        whether email is on, From, the owner's address, link base
 *   POST /api/admin/notifications/test   { to? }: sends a test email now; { ok, response | error }
 *   GET  /api/admin/outbox?status=&limit=&cursor=   the outbox, newest first, recipients masked,
 *                                        with the counts per status
 * Shapes: `comment-box/api` (`src/api/notifications.ts`).
 */
import type { Hono } from 'hono';
import { fieldErrors } from 'comment-box/schema.js';
import {
  notificationTestSchema,
  outboxQuerySchema,
  type NotificationStatus,
  type NotificationTestResult,
  type OutboxPage,
  type OutboxStatus,
} from 'comment-box/api';
import { cleanError } from '../notify/outbox.js';
import { maskAddress } from '../notify/text.js';
import type { AppDeps } from './app.js';
import { fail, invalid } from './errors.js';
import { jsonBody } from './request.js';

export function adminNotifyRoutes(app: Hono, { config, store, notifications }: Required<AppDeps>): void {
  app.get('/api/admin/notifications', (c) =>
    c.json({
      emailEnabled: notifications?.emailEnabled === true,
      mailFrom: config.mailFrom,
      notifyEmail: config.notifyEmail,
      baseUrl: notifications?.baseUrl ?? config.publicUrl,
      siteName: notifications?.siteName ?? config.siteName,
    } satisfies NotificationStatus),
  );

  app.post('/api/admin/notifications/test', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const parsed = notificationTestSchema.safeParse(body ?? {});
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error.issues) as Record<string, string[]>);
    if (!notifications?.emailEnabled) {
      return fail(c, 409, { error: 'notifications-off', messageKey: 'notificationsOff' });
    }
    const to = (parsed.data.to ?? config.notifyEmail).trim();
    if (!to) return invalid(c, { to: ['required'] });
    try {
      const sent = await notifications.sendTest(to);
      return c.json({ ok: true, response: sent.response } satisfies NotificationTestResult);
    } catch (error) {
      return c.json({ ok: false, error: cleanError(error) } satisfies NotificationTestResult);
    }
  });

  app.get('/api/admin/outbox', async (c) => {
    const query = outboxQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalid(c, fieldErrors(query.error.issues) as Record<string, string[]>, 400);
    const { status, limit, cursor } = query.data;
    let q = store.reader.selectFrom('outbox').selectAll();
    if (status) q = q.where('status', '=', status);
    if (cursor) {
      const [at = '', id = ''] = cursor.split('|');
      q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const counted = await store.reader
      .selectFrom('outbox')
      .select((eb) => [
        'status',
        eb.fn.countAll().as('n'),
        eb.fn.sum<number>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('retrying'),
      ])
      .groupBy('status')
      .execute();
    const counts = { pending: 0, sent: 0, failed: 0, cancelled: 0, retrying: 0 };
    for (const r of counted) {
      if (r.status in counts) counts[r.status as OutboxStatus] = Number(r.n);
      if (r.status === 'pending') counts.retrying = Number(r.retrying ?? 0);
    }
    return c.json({
      items: page.map((r) => {
        let type = r.kind;
        try {
          // An email's type (`owner`, `replies`…), a webhook's event (`comment.created`…).
          const payload = JSON.parse(r.payload) as { type?: unknown; event?: unknown };
          type = String(payload.type ?? payload.event ?? r.kind);
        } catch {
          // A payload that is not JSON: its kind stands for its type.
        }
        return {
          id: r.id,
          kind: r.kind,
          type,
          status: r.status as OutboxStatus,
          attempts: Number(r.attempts),
          lastError: r.last_error,
          nextAttemptAt: r.next_attempt_at,
          createdAt: r.created_at,
          sentAt: r.sent_at,
          recipient: maskAddress(r.recipient),
        };
      }),
      nextCursor: rows.length > limit && last ? `${last.created_at}|${last.id}` : null,
      counts,
    } satisfies OutboxPage);
  });
}
