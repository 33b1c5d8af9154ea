/**
 * The moderation API (a moderator: Bearer admin token, or a desk session, see `admin-auth.ts`):
 *   GET    /api/admin/counts                    { pending, approved, spam, trash }
 *   GET    /api/admin/comments?status=&q=&thread=&limit=&cursor=   newest first
 *   PATCH  /api/admin/comments/:id              { status } and/or { content }
 *   POST   /api/admin/comments/:id/restore      out of the trash, to the status it had
 *   POST   /api/admin/comments/:id/reply        { content }: the site owner's reply, approved
 *   DELETE /api/admin/comments/:id              for good, only from the trash
 *   POST   /api/admin/bulk                      { ids, action }
 * Every change that alters what the public sees bumps the thread's version (the page cache) in its
 * transaction, and an approved comment (new, approved or edited) is published to live readers.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { fieldErrors } from 'comment-box/schema.js';
import {
  adminBulkSchema,
  adminListQuerySchema,
  adminPatchSchema,
  adminReplySchema,
  siteSettingsSchema,
  WEBHOOK_SECRET_MASK,
  type AdminAction,
  type AdminBulkResult,
  type AdminComment,
  type AdminCommentPage,
  type ModerationReason,
  type StoredStatus,
} from 'comment-box/api';
import { isIpEntry } from '../policy/moderation.js';
import { DuplicateError, InvalidParentError, NotInTrashError } from '../store/comment-store.js';
import { newCommentId, sha256 } from '../store/ids.js';
import type { CommentsTable } from '../store/tables.js';
import type { AppDeps } from './app.js';
import { fail, invalid } from './errors.js';
import { jsonBody } from './request.js';

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));
}

/** A stored reason (`code` or `code:detail`) as the API shows it. */
export function decodeReason(stored: string | null | undefined): ModerationReason | null {
  if (!stored) return null;
  const at = stored.indexOf(':');
  return (at < 0 ? { code: stored } : { code: stored.slice(0, at), detail: stored.slice(at + 1) }) as ModerationReason;
}

/** What a moderator sees of a stored row. */
export function toAdmin(
  row: CommentsTable,
  revisions: AdminComment['revisions'] = [],
  parent: AdminComment['parent'] = null,
): AdminComment {
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
    reason: row.status === 'approved' ? null : decodeReason(row.moderation_reason),
    byOwner: row.by_owner === 1,
    trashedAt: row.trashed_at ?? null,
    parent,
  };
}

/** The status each action moves a comment to (`restore`: the one it had before the trash). */
const ACTION_STATUS: Record<Exclude<AdminAction, 'delete'>, StoredStatus | 'restore'> = {
  approve: 'approved',
  unapprove: 'pending',
  spam: 'spam',
  'not-spam': 'pending',
  trash: 'trash',
  restore: 'restore',
};

/** The routes; `adminAuth` (registered before them) lets only a moderator through. */
export function adminRoutes(app: Hono, { config, store, bus, log, now, settings }: Required<AppDeps>): void {
  /** Tells live readers about a comment that became (or stays, changed) public. */
  const publish = async (row: CommentsTable) => {
    await bus.publish(row.thread_id, store.toPublic(row)).catch((e) => log('publish failed', e));
  };

  /** One action on one comment: the row after, undefined when there is none, or the refusal. */
  const act = async (
    id: string,
    action: AdminAction,
  ): Promise<CommentsTable | 'deleted' | 'not-in-trash' | undefined> => {
    if (action === 'delete') {
      try {
        return (await store.delete(id)) ? 'deleted' : undefined;
      } catch (error) {
        if (error instanceof NotInTrashError) return 'not-in-trash';
        throw error;
      }
    }
    const changed = await store.setStatus(id, ACTION_STATUS[action], new Date(now()).toISOString());
    if (!changed) return undefined;
    if (changed.row.status === 'approved' && changed.before.status !== 'approved') await publish(changed.row);
    return changed.row;
  };

  const notInTrash = (c: Context) => fail(c, 409, { error: 'conflict', messageKey: 'notInTrash' });

  app.get('/api/admin/counts', async (c) => c.json(await store.adminCounts()));

  app.get('/api/admin/settings', async (c) => {
    await settings.refresh();
    return c.json(settings.current());
  });

  app.put('/api/admin/settings', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const parsed = siteSettingsSchema.safeParse(body);
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error.issues) as Record<string, string[]>);
    const ips = parsed.data.blocks?.ips;
    if (ips && ![...ips.hold, ...ips.spam].every((e) => e.trim() === '' || isIpEntry(e.trim()))) {
      return invalid(c, { blocks: ['invalidType'] });
    }
    // A mask that is not the stored secret's: the client sent a value it never had.
    const secret = parsed.data.webhookSecret;
    if (secret !== undefined && secret.startsWith(WEBHOOK_SECRET_MASK) && secret !== settings.current().webhookSecret) {
      return invalid(c, { webhookSecret: ['invalidType'] });
    }
    const fixed = settings.fixedChanges(parsed.data);
    if (fixed.length > 0) return invalid(c, Object.fromEntries(fixed.map((key) => [key, ['setByEnvironment']])));
    return c.json(await settings.save(parsed.data));
  });

  app.get('/api/admin/comments', async (c) => {
    const query = adminListQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalid(c, fieldErrors(query.error.issues) as Record<string, string[]>, 400);
    const { status, limit, cursor, q, thread } = query.data;
    const { rows, nextCursor } = await store.adminList(status, limit, cursor, { q, thread });
    const [revisions, parents] = await Promise.all([
      store.revisions(rows.map((r) => r.id)),
      store.excerpts(rows.flatMap((r) => (r.parent_id ? [r.parent_id] : []))),
    ]);
    return c.json({
      comments: rows.map((row) =>
        toAdmin(row, revisions.get(row.id), row.parent_id ? (parents.get(row.parent_id) ?? null) : null),
      ),
      nextCursor,
    } satisfies AdminCommentPage);
  });

  app.patch('/api/admin/comments/:id', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const patch = adminPatchSchema.safeParse(body);
    if (!patch.success) {
      const fields = fieldErrors(patch.error.issues) as Record<string, string[]>;
      return invalid(c, Object.keys(fields).length > 0 ? fields : { status: ['invalidType'] });
    }
    const id = c.req.param('id');
    let row: CommentsTable | undefined;
    if ('content' in patch.data) {
      try {
        const edited = await store.adminEdit(id, patch.data.content, new Date(now()).toISOString());
        if (!edited) return fail(c, 404, { error: 'not-found' });
        row = edited.row;
        if (row.status === 'approved' && edited.before.content !== row.content) await publish(row);
      } catch (error) {
        if (error instanceof DuplicateError) return fail(c, 409, { error: 'conflict', messageKey: 'duplicate' });
        throw error;
      }
    }
    if ('status' in patch.data) {
      const changed = await store.setStatus(id, patch.data.status, new Date(now()).toISOString());
      if (!changed) return fail(c, 404, { error: 'not-found' });
      row = changed.row;
      if (row.status === 'approved' && changed.before.status !== 'approved') await publish(row);
    }
    const revisions = await store.revisions([id]);
    return c.json({ comment: toAdmin(row!, revisions.get(id)) });
  });

  app.post('/api/admin/comments/:id/restore', async (c) => {
    const row = await act(c.req.param('id'), 'restore');
    if (!row || typeof row === 'string') return fail(c, 404, { error: 'not-found' });
    return c.json({ comment: toAdmin(row) });
  });

  app.post('/api/admin/comments/:id/reply', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const reply = adminReplySchema.safeParse(body);
    if (!reply.success) return invalid(c, fieldErrors(reply.error.issues) as Record<string, string[]>);
    const t = now();
    try {
      const { row, parent, parentApproved } = await store.ownerReply({
        id: newCommentId(t),
        parentId: c.req.param('id'),
        content: reply.data.content,
        authorName: config.ownerName,
        createdAt: new Date(t).toISOString(),
      });
      if (parentApproved) await publish(parent);
      await publish(row);
      return c.json({ comment: toAdmin(row), parent: toAdmin(parent) }, 201);
    } catch (error) {
      if (error instanceof InvalidParentError) return invalid(c, { parentId: ['invalidParent'] });
      if (error instanceof DuplicateError) return fail(c, 409, { error: 'conflict', messageKey: 'duplicate' });
      throw error;
    }
  });

  app.delete('/api/admin/comments/:id', async (c) => {
    const done = await act(c.req.param('id'), 'delete');
    if (done === 'not-in-trash') return notInTrash(c);
    if (!done) return fail(c, 404, { error: 'not-found' });
    return c.body(null, 204);
  });

  app.post('/api/admin/bulk', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const bulk = adminBulkSchema.safeParse(body);
    if (!bulk.success) return invalid(c, fieldErrors(bulk.error.issues) as Record<string, string[]>);
    const ids = [...new Set(bulk.data.ids)];
    // Each its own unit: they go into the same group commit, and one missing id fails only itself.
    const results = await Promise.all(ids.map((id) => act(id, bulk.data.action)));
    const out: AdminBulkResult = { done: [], missing: [] };
    results.forEach((r, i) => (r && r !== 'not-in-trash' ? out.done : out.missing).push(ids[i]!));
    return c.json(out);
  });
}
