/**
 * The moderation API of the desk, against the real server on SQLite and PostgreSQL: counts, search,
 * thread filter, paging, why a comment was held, the trash (restore, delete only from it, purge),
 * editing, the site owner's reply and its badge, bulk actions, live events and cached pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../src/server.js';
import {
  ADMIN_TOKEN,
  call,
  commentsPath,
  draft,
  freshDatabase,
  openEventStream,
  pgSkip,
  start,
  uniqueThread,
  type TestDatabase,
} from '../helpers.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;
  if (skip) console.log(`# skipped: moderation API on PostgreSQL: ${skip}`);

  describe(`moderation API on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let held: RunningServer;
    let open: RunningServer;
    let base: string;

    before(async () => {
      db = await freshDatabase(dbName);
      held = await start(db, { moderation: 'all', spamWords: ['casino'] });
      open = await start(db, { moderation: 'none', ownerName: 'Marta (site owner)' });
      base = held.url;
    });
    after(async () => {
      await held?.close();
      await open?.close();
      await db?.cleanup();
    });

    const post = async (thread: string, overrides: Record<string, unknown> = {}, url = base) => {
      const res = await call(url, 'POST', commentsPath(thread), draft(overrides));
      assert.equal(res.status, 201, res.text);
      return res.body.comment;
    };
    const adminGet = async (path: string) => {
      const res = await call(base, 'GET', path, undefined, admin);
      assert.equal(res.status, 200, res.text);
      return res.body;
    };
    const patch = (id: string, body: unknown) => call(base, 'PATCH', `/api/admin/comments/${id}`, body, admin);
    const publicList = async (thread: string) => (await call(base, 'GET', `${commentsPath(thread)}?limit=100`)).body;

    it('refuses every route without the admin credential', async () => {
      const thread = uniqueThread();
      const c = await post(thread);
      for (const [method, path, body] of [
        ['GET', '/api/admin/counts'],
        ['GET', '/api/admin/comments'],
        ['PATCH', `/api/admin/comments/${c.id}`, { status: 'approved' }],
        ['POST', `/api/admin/comments/${c.id}/restore`],
        ['POST', `/api/admin/comments/${c.id}/reply`, { content: 'Hi' }],
        ['DELETE', `/api/admin/comments/${c.id}`],
        ['POST', '/api/admin/bulk', { ids: [c.id], action: 'approve' }],
      ] as Array<[string, string, unknown?]>) {
        const res = await call(base, method, path, body, { Authorization: 'Bearer wrong' });
        assert.equal(res.status, 401, `${method} ${path}`);
      }
      const still = await adminGet(`/api/admin/comments?status=pending&thread=${encodeURIComponent(thread)}`);
      assert.deepEqual(
        still.comments.map((x: any) => x.id),
        [c.id],
        'nothing changed',
      );
    });

    it('counts per status and lists newest first, saying why each was held', async () => {
      const before = await adminGet('/api/admin/counts');
      const thread = uniqueThread();
      const a = await post(thread, { content: 'First, held by the mode' });
      const b = await post(thread, { content: 'Play at the CASINO' });
      const after = await adminGet('/api/admin/counts');
      assert.deepEqual(Object.keys(after).sort(), ['approved', 'pending', 'spam', 'trash']);
      assert.equal(after.pending, before.pending + 1);
      assert.equal(after.spam, before.spam + 1);
      const pending = await adminGet(`/api/admin/comments?status=pending&thread=${encodeURIComponent(thread)}`);
      assert.deepEqual(
        pending.comments.map((c: any) => [c.id, c.reason]),
        [[a.id, { code: 'all' }]],
      );
      const spam = await adminGet(`/api/admin/comments?status=spam&thread=${encodeURIComponent(thread)}`);
      assert.deepEqual(spam.comments[0].reason, { code: 'spam-word', detail: 'casino' });
      assert.equal(spam.comments[0].id, b.id);
      assert.equal((await patch(a.id, { status: 'spam' })).body.comment.reason.code, 'moderator');
    });

    it('searches text, author, email and thread (literally, any case), and pages through every comment', async () => {
      const thread = uniqueThread('needle-thread');
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push((await post(thread, { content: `Paged ${i}` })).id);
      const byText = await post(uniqueThread(), { content: 'A HayStack with 100%_literal' });
      const byName = await post(uniqueThread(), { name: 'Zebedee Haystack' });
      const byEmail = await post(uniqueThread(), { email: 'haystack@example.net' });
      const found = await adminGet('/api/admin/comments?status=pending&q=haystack&limit=200');
      assert.deepEqual(
        found.comments.map((c: any) => c.id),
        [byEmail.id, byName.id, byText.id],
      );
      const literal = await adminGet(`/api/admin/comments?status=pending&q=${encodeURIComponent('100%_l')}`);
      assert.deepEqual(
        literal.comments.map((c: any) => c.id),
        [byText.id],
      );
      assert.equal((await adminGet(`/api/admin/comments?status=pending&q=0%25x`)).comments.length, 0, '% is literal');
      const inThread = await adminGet(`/api/admin/comments?status=pending&q=NEEDLE-thread&limit=200`);
      assert.equal(inThread.comments.length, 12);
      // Paging by cursor, 5 at a time: every comment once, newest first.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await adminGet(
          `/api/admin/comments?status=pending&thread=${encodeURIComponent(thread)}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...page.comments.map((c: any) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...ids].reverse());
    });

    it('trashes (hidden, restorable, purged after the retention), deletes for good only from the trash', async () => {
      const thread = uniqueThread();
      const c = await post(thread, {}, open.url);
      assert.equal(c.status, 'approved');
      const trashed = await patch(c.id, { status: 'trash' });
      assert.equal(trashed.body.comment.status, 'trash');
      assert.ok(trashed.body.comment.trashedAt);
      assert.equal((await publicList(thread)).comments.length, 0, 'trash is not public');
      const other = uniqueThread();
      const ownHeld = await call(base, 'POST', commentsPath(other), draft());
      await patch(ownHeld.body.comment.id, { status: 'trash' });
      const own = await call(base, 'GET', commentsPath(other), undefined, {
        'X-Author-Token': ownHeld.body.authorToken,
      });
      assert.deepEqual(own.body.comments, [], 'nor shown to its author as held');
      const restored = await call(base, 'POST', `/api/admin/comments/${c.id}/restore`, undefined, admin);
      assert.equal(restored.body.comment.status, 'approved', 'back to the status it had');
      assert.equal((await publicList(thread)).comments.length, 1);
      assert.equal((await call(base, 'DELETE', `/api/admin/comments/${c.id}`, undefined, admin)).status, 409);
      await patch(c.id, { status: 'trash' });
      // The retention: what has been in the trash longer than `trashDays` goes at the next prune.
      await held.store.prune(Date.now() + 29 * 86_400_000, 60, 30);
      assert.equal((await adminGet(`/api/admin/comments?status=trash&thread=${thread}`)).comments.length, 1);
      await held.store.prune(Date.now() + 31 * 86_400_000, 60, 30);
      assert.equal((await adminGet(`/api/admin/comments?status=trash&thread=${thread}`)).comments.length, 0);
      assert.equal((await call(base, 'DELETE', `/api/admin/comments/${c.id}`, undefined, admin)).status, 404);
    });

    it('edits the text (the original kept), seen at once on cached pages and by live readers', async () => {
      const thread = uniqueThread();
      const c = await post(thread, { content: 'Orignal typo' }, open.url);
      assert.equal((await publicList(thread)).comments[0].content, 'Orignal typo'); // cached now
      const stream = await openEventStream(base, thread);
      try {
        await stream.until(/event: ready/);
        const edited = await patch(c.id, { content: 'Original, fixed' });
        assert.equal(edited.status, 200, edited.text);
        assert.deepEqual(
          edited.body.comment.revisions.map((r: any) => r.content),
          ['Orignal typo'],
        );
        await stream.until(/Original, fixed/);
      } finally {
        stream.close();
      }
      assert.equal((await publicList(thread)).comments[0].content, 'Original, fixed');
      assert.equal((await patch(c.id, { content: '   ' })).status, 422);
      assert.equal((await patch(c.id, { status: 'approved', byOwner: true })).status, 422);
    });

    it("replies as the site owner: approved, approves its held parent, and only it carries the owner's badge", async () => {
      const thread = uniqueThread();
      const parent = await post(thread, { content: 'A question for the owner' });
      assert.equal(parent.status, 'pending');
      const stream = await openEventStream(base, thread);
      let reply: any;
      try {
        await stream.until(/event: ready/);
        const res = await call(base, 'POST', `/api/admin/comments/${parent.id}/reply`, { content: 'Thanks!' }, admin);
        assert.equal(res.status, 201, res.text);
        reply = res.body.comment;
        assert.equal(reply.byOwner, true);
        assert.equal(reply.parentId, parent.id);
        assert.equal(reply.authorName, 'Site owner');
        await stream.until(/Thanks!/);
      } finally {
        stream.close();
      }
      // A reader who calls themself the owner, in any case or spacing, gets no badge: it is not the name.
      const impostor = await post(thread, { name: 'site  OWNER', content: 'I am the owner' }, open.url);
      const same = await post(thread, { name: 'Site owner', content: 'Me too' }, open.url);
      const forged = await call(open.url, 'POST', commentsPath(thread), draft({ byOwner: true }));
      assert.equal(forged.status, 422, 'a reader cannot send byOwner');
      assert.deepEqual(forged.body.fields, { form: ['unknownField'] });
      const listed = (await publicList(thread)).comments;
      const byId = new Map<string, any>(listed.map((c: any) => [c.id, c]));
      assert.equal(byId.get(parent.id)?.status, 'approved', 'replying approved the parent');
      assert.equal(byId.get(reply.id)?.byOwner, true);
      assert.equal(byId.get(impostor.id)?.byOwner, undefined);
      assert.equal(byId.get(same.id)?.byOwner, undefined);
      assert.equal(JSON.stringify(listed).match(/byOwner/g)?.length, 1);
      // The owner's name comes from the settings of the server that stored it.
      const named = await call(open.url, 'POST', `/api/admin/comments/${parent.id}/reply`, { content: 'Again' }, admin);
      assert.equal(named.body.comment.authorName, 'Marta (site owner)');
      const spam = await post(thread, { content: 'casino' });
      const refused = await call(base, 'POST', `/api/admin/comments/${spam.id}/reply`, { content: 'No' }, admin);
      assert.equal(refused.status, 422);
    });

    it('acts on many at once: bulk approve, trash, restore, delete (only what is in the trash)', async () => {
      const thread = uniqueThread();
      const a = await post(thread);
      const b = await post(thread);
      const bulk = (ids: string[], action: string) => call(base, 'POST', '/api/admin/bulk', { ids, action }, admin);
      const approved = await bulk([a.id, b.id, 'missing'], 'approve');
      assert.equal(approved.status, 200, approved.text);
      assert.deepEqual(approved.body, { done: [a.id, b.id], missing: ['missing'] });
      assert.equal((await publicList(thread)).comments.length, 2);
      assert.deepEqual((await bulk([a.id], 'delete')).body, { done: [], missing: [a.id] }, 'not in the trash');
      assert.deepEqual((await bulk([a.id, b.id], 'trash')).body.done, [a.id, b.id]);
      assert.equal((await publicList(thread)).comments.length, 0);
      assert.deepEqual((await bulk([b.id], 'restore')).body.done, [b.id]);
      assert.deepEqual((await bulk([a.id], 'delete')).body.done, [a.id]);
      assert.deepEqual(
        (await publicList(thread)).comments.map((c: any) => c.id),
        [b.id],
      );
      assert.equal((await bulk([], 'approve')).status, 422);
      assert.equal((await bulk([a.id], 'explode')).status, 422);
    });
  });
}
