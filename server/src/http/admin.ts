/**
 * The moderation API (Bearer admin token):
 *   GET    /api/admin/comments?status=…       newest first
 *   PATCH  /api/admin/comments/:id            { status }
 *   DELETE /api/admin/comments/:id
 */
import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { fieldErrors } from 'comment-box/schema.js';
import {
  adminListQuerySchema,
  adminPatchSchema,
  type AdminComment,
  type AdminCommentPage,
  type StoredStatus,
} from 'comment-box/api';
import { sha256 } from '../store/ids.js';
import type { CommentsTable } from '../store/tables.js';
import type { AppDeps } from './app.js';
import { fail, invalid } from './errors.js';
import { jsonBody } from './request.js';

/** Constant-time comparison of two secrets of any length. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));
}

/** What a moderator sees of a stored row. */
export function toAdmin(row: CommentsTable, revisions: AdminComment['revisions'] = []): AdminComment {
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url === '' ? null : row.author_url,
    content: row.content,
    createdAt: row.created_at,
    status: row.status as StoredStatus,
    ip: row.ip,
    userAgent: row.user_agent,
    editedAt: row.edited_at,
    revisions,
  };
}

export function adminRoutes(app: Hono, { config, store, bus, log }: Required<AppDeps>): void {
  app.use('/api/admin/*', async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!config.adminToken || !token || !sameSecret(token, config.adminToken)) {
      c.header('WWW-Authenticate', 'Bearer');
      return fail(c, 401, { error: 'unauthorized' });
    }
    await next();
  });

  app.get('/api/admin/comments', async (c) => {
    const query = adminListQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalid(c, fieldErrors(query.error.issues) as Record<string, string[]>, 400);
    const { status, limit, cursor } = query.data;
    const { rows, nextCursor } = await store.adminList(status, limit, cursor);
    const revisions = await store.revisions(rows.map((r) => r.id));
    return c.json({
      comments: rows.map((row) => toAdmin(row, revisions.get(row.id))),
      nextCursor,
    } satisfies AdminCommentPage);
  });

  app.patch('/api/admin/comments/:id', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const patch = adminPatchSchema.safeParse(body);
    if (!patch.success) return invalid(c, { status: ['invalidType'] });
    const changed = await store.setStatus(c.req.param('id'), patch.data.status);
    if (!changed) return fail(c, 404, { error: 'not-found' });
    const { before, row } = changed;
    if (row.status === 'approved' && before.status !== 'approved') {
      await bus.publish(row.thread_id, store.toPublic(row)).catch((e) => log('publish failed', e));
    }
    return c.json({ comment: toAdmin(row) });
  });

  app.delete('/api/admin/comments/:id', async (c) => {
    if (!(await store.delete(c.req.param('id')))) return fail(c, 404, { error: 'not-found' });
    return c.body(null, 204);
  });
}
