/**
 * Who may use the moderation API:
 *   - scripts: `Authorization: Bearer <admin token>`;
 *   - the desk: a session, opened by `POST /api/admin/session` with `{ token }` or `{ password }`
 *     (set with `comment-box-server set-password`), closed by `DELETE /api/admin/session`.
 * The session cookie is `HttpOnly; SameSite=Strict; Path=/api/admin` (and `Secure` over HTTPS, or
 * behind a trusted proxy that says `X-Forwarded-Proto: https`). Every state change made with it also
 * needs the session's CSRF token in `X-CSRF-Token` (double submit: a page of another origin cannot
 * read it) and, when the browser sends one, an `Origin` of this server. Sign-in attempts are
 * rate-limited per client in the database (10 per 15 minutes).
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import { clientKey } from '../policy/client-address.js';
import { PASSWORD_KEY, verifyPassword } from '../policy/password.js';
import { RateLimitedError } from '../store/comment-store.js';
import { randomToken, sha256 } from '../store/ids.js';
import { sameSecret } from './admin.js';
import type { AppDeps } from './app.js';
import { fail } from './errors.js';
import { jsonBody, requestAddress } from './request.js';

export const SESSION_COOKIE = 'comment_box_admin';
/** A session lasts this long after signing in. */
export const SESSION_MS = 12 * 3600_000;
/** Sign-in attempts per client per window. */
export const SIGN_IN_LIMIT = { limit: 10, windowSeconds: 900 } as const;

const secret = () => z.string().check(z.minLength(1), z.maxLength(500));
/** `secret`: the desk's one field, "Password or admin token": either matches. */
const signInSchema = z.union([
  z.strictObject({ token: secret() }),
  z.strictObject({ password: secret() }),
  z.strictObject({ secret: secret() }),
]);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function adminAuth(app: Hono, { config, store }: Required<AppDeps>): void {
  const https = (c: Context) =>
    new URL(c.req.url).protocol === 'https:' ||
    (config.trustProxy && (c.req.header('X-Forwarded-Proto') ?? '').split(',')[0]?.trim() === 'https');

  /** The session of the request's cookie, if it is open. */
  const session = async (c: Context) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (!id || id.length > 200) return undefined;
    return store.reader
      .selectFrom('admin_sessions')
      .select(['csrf', 'expires_at'])
      .where('id_hash', '=', sha256(id))
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
  };

  const sameOrigin = (c: Context) => {
    const origin = c.req.header('Origin');
    if (origin === undefined) return true;
    const self = new URL(c.req.url);
    const proto = https(c) ? 'https:' : self.protocol;
    return origin === `${proto}//${self.host}` || origin === self.origin;
  };

  app.post('/api/admin/session', async (c) => {
    if (!sameOrigin(c)) return fail(c, 403, { error: 'forbidden-origin' });
    try {
      await store.hit({
        client: `sign-in:${clientKey(requestAddress(c, config))}`,
        ...SIGN_IN_LIMIT,
        nowMs: Date.now(),
      });
    } catch (error) {
      if (error instanceof RateLimitedError)
        return fail(c, 429, { error: 'rate-limited', retryAfter: error.retryAfter });
      throw error;
    }
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const parsed = signInSchema.safeParse(body);
    if (!parsed.success) return fail(c, 401, { error: 'unauthorized' });
    const data = parsed.data as { token?: string; password?: string; secret?: string };
    const token = data.token ?? data.secret;
    const password = data.password ?? data.secret;
    let ok = token !== undefined && config.adminToken !== '' && sameSecret(token, config.adminToken);
    if (!ok && password !== undefined) {
      const row = await store.reader
        .selectFrom('settings')
        .select('value')
        .where('key', '=', PASSWORD_KEY)
        .executeTakeFirst();
      ok = row !== undefined && (await verifyPassword(password, row.value));
    }
    if (!ok) return fail(c, 401, { error: 'unauthorized' });
    const id = randomToken(32);
    const csrf = randomToken(32);
    const expires = new Date(Date.now() + SESSION_MS);
    await store.db
      .insertInto('admin_sessions')
      .values({ id_hash: sha256(id), csrf, expires_at: expires.toISOString() })
      .execute();
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: https(c),
      path: '/api/admin',
      expires,
    });
    return c.json({ csrf, expiresAt: expires.toISOString() });
  });

  app.use('/api/admin/*', async (c, next) => {
    if (c.req.path === '/api/admin/session' && c.req.method === 'POST') return next();
    const header = c.req.header('Authorization');
    if (header !== undefined) {
      const token = /^Bearer (.+)$/.exec(header)?.[1];
      if (config.adminToken && token && sameSecret(token, config.adminToken)) return next();
    } else {
      const open = await session(c);
      if (open) {
        const csrf = c.req.header('X-CSRF-Token') ?? '';
        if (!SAFE_METHODS.has(c.req.method) && (!sameOrigin(c) || !csrf || !sameSecret(csrf, open.csrf))) {
          return fail(c, 403, { error: 'forbidden', messageKey: 'csrf' });
        }
        return next();
      }
    }
    c.header('WWW-Authenticate', 'Bearer');
    return fail(c, 401, { error: 'unauthorized' });
  });

  /** The open session's CSRF token (the desk, after a reload). */
  app.get('/api/admin/session', async (c) => {
    const open = await session(c);
    return open ? c.json({ csrf: open.csrf, expiresAt: open.expires_at }) : fail(c, 401, { error: 'unauthorized' });
  });

  app.delete('/api/admin/session', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await store.db.deleteFrom('admin_sessions').where('id_hash', '=', sha256(id)).execute();
    deleteCookie(c, SESSION_COOKIE, { path: '/api/admin', secure: https(c), httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });
}
