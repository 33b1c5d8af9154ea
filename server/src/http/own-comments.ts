/**
 * A reader's own comment, proven by the author token the server issued with the post
 * (`X-Author-Token`), within the edit window (`--edit-window`, 15 minutes by default):
 *   PATCH  /api/threads/:threadId/comments/:id   { content }  → 200 { comment }
 *   DELETE /api/threads/:threadId/comments/:id                → 200 { comment: placeholder | null }
 * Refusals: 403 `notAuthor` (no token, or another one), 409 `editWindowClosed`, 410 `gone` (deleted
 * already), 404 (no such comment in the thread), 422 with field keys (the new text, checked as a
 * post's), 409 `duplicate`.
 */
import type { Context, Hono } from 'hono';
import { fieldErrors, isCleanText, MAX_ID_LENGTH } from 'comment-box/schema.js';
import { editBodySchema } from 'comment-box/api';
import { moderate } from '../policy/moderation.js';
import {
  CommentGoneError,
  CommentNotFoundError,
  DuplicateError,
  EditWindowClosedError,
  NotAuthorError,
} from '../store/comment-store.js';
import { sha256 } from '../store/ids.js';
import type { AppDeps } from './app.js';
import { fail, invalid } from './errors.js';
import { authorToken, jsonBody, threadParam, validThreadId } from './request.js';

export function ownCommentRoutes(app: Hono, deps: Required<AppDeps>): void {
  const { config, store, bus, log, now } = deps;
  const path = '/api/threads/:threadId/comments/:id';

  /** The comment the request names and the requester's proof, or the answer that refuses it. */
  const reference = (c: Context) => {
    const threadId = threadParam(c);
    const id = c.req.param('id') ?? '';
    if (!validThreadId(threadId)) return invalid(c, { threadId: ['invalidType'] }, 400);
    if (id === '' || id.length > MAX_ID_LENGTH || !isCleanText(id)) return fail(c, 404, { error: 'not-found' });
    const token = authorToken(c);
    if (!token) return fail(c, 403, { error: 'forbidden', messageKey: 'notAuthor' });
    if (config.editWindow <= 0) return fail(c, 409, { error: 'conflict', messageKey: 'editWindowClosed' });
    const editableSince = new Date(now() - config.editWindow * 1000).toISOString();
    return { threadId, id, tokenHash: sha256(token), editableSince };
  };

  const refusal = (c: Context, error: unknown) => {
    if (error instanceof CommentNotFoundError) return fail(c, 404, { error: 'not-found' });
    if (error instanceof CommentGoneError) return fail(c, 410, { error: 'gone', messageKey: 'gone' });
    if (error instanceof NotAuthorError) return fail(c, 403, { error: 'forbidden', messageKey: 'notAuthor' });
    if (error instanceof EditWindowClosedError)
      return fail(c, 409, { error: 'conflict', messageKey: 'editWindowClosed' });
    if (error instanceof DuplicateError) return fail(c, 409, { error: 'conflict', messageKey: 'duplicate' });
    throw error;
  };

  /** Tells live readers about the comments whose public view changed. */
  const publish = (threadId: string, rows: Parameters<typeof store.toPublic>[0][]) =>
    Promise.all(rows.map((row) => bus.publish(threadId, store.toPublic(row)))).catch((e) => log('publish failed', e));

  app.patch(path, async (c) => {
    const ref = reference(c);
    if (ref instanceof Response) return ref;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const parsed = editBodySchema.safeParse(body);
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error.issues) as Record<string, string[]>);
    const t = now();
    try {
      const { before, row } = await store.edit({
        ...ref,
        content: parsed.data.content,
        editedAt: new Date(t).toISOString(),
        // The same rules as a post, on the new text (an edit that adds links may be held).
        decide: (was) =>
          moderate(
            config,
            {
              content: parsed.data.content,
              name: was.author_name,
              email: was.author_email,
              url: was.author_url,
              ip: was.ip,
              userAgent: was.user_agent,
              honeypot: false,
            },
            was.status === 'approved',
          ),
        avatarSeed: (was) => store.avatarSeed(was.author_name, was.author_email),
      });
      // A comment the edit sent back to moderation is not announced: live readers keep what they saw
      // until they reload (see docs/server.md).
      if (row.status === 'approved') await publish(ref.threadId, [row]);
      else if (before.status === 'approved') log(`comment ${row.id}: held after an edit`);
      const until = store.editableUntil(row, config.editWindow * 1000, t);
      return c.json({ comment: store.toPublic(row, until) });
    } catch (error) {
      return refusal(c, error);
    }
  });

  app.delete(path, async (c) => {
    const ref = reference(c);
    if (ref instanceof Response) return ref;
    try {
      const { before, changed, kept } = await store.removeOwn(ref);
      if (before.status === 'approved') await publish(ref.threadId, changed);
      return c.json({ comment: kept ? store.toPublic(changed[0]!) : null });
    } catch (error) {
      return refusal(c, error);
    }
  });
}
