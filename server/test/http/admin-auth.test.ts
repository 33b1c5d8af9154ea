/**
 * Signing in to the desk: the admin token or the password (`set-password`, run as the real CLI), an
 * HttpOnly SameSite=Strict session cookie (Secure behind HTTPS), CSRF on every state change, a
 * limit on sign-in attempts, signing out; the Bearer token keeps working for scripts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../src/server.js';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  start,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

describe('desk sessions (SQLite)', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let proxied: RunningServer;
  let base: string;

  before(async () => {
    db = await freshDatabase('sqlite');
    server = await start(db, { moderation: 'all' });
    proxied = await start(db, { moderation: 'all', trustProxy: true });
    base = server.url;
  });
  after(async () => {
    await server?.close();
    await proxied?.close();
    await db?.cleanup();
  });

  const signIn = (body: unknown, headers: Record<string, string> = {}, url = base) =>
    call(url, 'POST', '/api/admin/session', body, { 'X-Forwarded-For': '198.51.100.1', ...headers });
  const cookieOf = (setCookie: string | null) => /comment_box_admin=([^;]*)/.exec(setCookie ?? '')?.[1] ?? '';

  it('signs in with the token: an HttpOnly, SameSite=Strict cookie, and a CSRF token for changes', async () => {
    assert.equal((await signIn({ token: 'wrong' })).status, 401);
    const res = await signIn({ token: ADMIN_TOKEN });
    assert.equal(res.status, 200, res.text);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\/api\/admin/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain http: no Secure');
    const cookie = { Cookie: `comment_box_admin=${cookieOf(setCookie)}` };
    const csrf = res.body.csrf as string;
    assert.equal((await call(base, 'GET', '/api/admin/counts', undefined, cookie)).status, 200);
    assert.equal((await call(base, 'GET', '/api/admin/session', undefined, cookie)).body.csrf, csrf);

    const held = (await call(base, 'POST', commentsPath(uniqueThread()), draft())).body.comment;
    const approve = (headers: Record<string, string>) =>
      call(base, 'PATCH', `/api/admin/comments/${held.id}`, { status: 'approved' }, { ...cookie, ...headers });
    assert.equal((await approve({})).status, 403, 'no CSRF token');
    assert.equal((await approve({ 'X-CSRF-Token': 'forged' })).status, 403, 'a wrong CSRF token');
    assert.equal((await approve({ 'X-CSRF-Token': csrf, Origin: 'https://evil.example' })).status, 403);
    assert.equal((await approve({ 'X-CSRF-Token': csrf, Origin: base })).status, 200);

    // Signing out ends the session on the server, not only in the browser.
    const out = await call(base, 'DELETE', '/api/admin/session', undefined, { ...cookie, 'X-CSRF-Token': csrf });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /comment_box_admin=;/);
    assert.equal((await call(base, 'GET', '/api/admin/counts', undefined, cookie)).status, 401);
    // Scripts keep the Bearer token, no CSRF needed.
    const bearer = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    assert.equal((await call(base, 'GET', '/api/admin/counts', undefined, bearer)).status, 200);
  });

  it('marks the cookie Secure over HTTPS (a trusted proxy saying so)', async () => {
    const res = await signIn(
      { token: ADMIN_TOKEN },
      { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.2' },
      proxied.url,
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get('set-cookie') ?? '', /Secure/);
    const untrusted = await signIn({ token: ADMIN_TOKEN }, { 'X-Forwarded-Proto': 'https' });
    assert.doesNotMatch(untrusted.headers.get('set-cookie') ?? '', /Secure/, 'only a trusted proxy says so');
  });

  it('signs in with the password set by `comment-box-server set-password`', async () => {
    const run = (password: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', CLI, 'set-password', '--db', db.config.dbPath!], {
        input: `${password}\n`,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const short = run('short');
    assert.notEqual(short.status, 0);
    assert.match(short.stderr, /at least 12/);
    const set = run('correct horse battery staple');
    assert.equal(set.status, 0, set.stderr);
    const wrong = await signIn({ password: 'incorrect horse battery staple' }, { 'X-Forwarded-For': '198.51.100.3' });
    assert.equal(wrong.status, 401);
    const ok = await signIn({ password: 'correct horse battery staple' }, { 'X-Forwarded-For': '198.51.100.3' });
    assert.equal(ok.status, 200, ok.text);
    assert.ok(ok.body.csrf);
    // The desk's one field: password or token, either.
    const either = { 'X-Forwarded-For': '198.51.100.4' };
    assert.equal((await signIn({ secret: 'correct horse battery staple' }, either)).status, 200);
    assert.equal((await signIn({ secret: ADMIN_TOKEN }, either)).status, 200);
    assert.equal((await signIn({ secret: 'neither' }, either)).status, 401);
  });

  it('limits sign-in attempts per client', async () => {
    const from = { 'X-Forwarded-For': '198.51.100.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn({ token: `guess-${i}` }, from, proxied.url)).status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.equal(statuses[10], 429);
    const right = await signIn({ token: ADMIN_TOKEN }, from, proxied.url);
    assert.equal(right.status, 429, 'even the right token waits');
    assert.equal(
      (await signIn({ token: ADMIN_TOKEN }, { 'X-Forwarded-For': '198.51.100.10' }, proxied.url)).status,
      200,
    );
  });
});
