/**
 * A reader's edit and delete of their own comment, against the real server on a loopback port, on
 * SQLite and on PostgreSQL: proof by author token, the edit window, moderation of the new text,
 * placeholders, revisions for moderators, live events and the page cache.
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

const TOKEN_A = 'a'.repeat(32);
const TOKEN_B = 'b'.repeat(32);
const as = (token: string) => ({ 'X-Author-Token': token });
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

for (const dbName of ['sqlite', 'postgres'] as const) {
  const skip = dbName === 'postgres' ? await pgSkip() : false;
  if (skip) console.log(`# skipped: own comments on PostgreSQL: ${skip}`);

  describe(`own comments on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let base: string;

    before(async () => {
      db = await freshDatabase(dbName);
      server = await start(db, { moderation: 'none', maxLinks: 2 });
      base = server!.url;
    });
    after(async () => {
      await server?.close();
      await db?.cleanup();
    });

    const post = async (thread: string, token: string, overrides: Record<string, unknown> = {}) => {
      const res = await call(base, 'POST', commentsPath(thread), draft(overrides), as(token));
      assert.equal(res.status, 201, res.text);
      return res.body.comment;
    };
    const path = (thread: string, id: string) => `${commentsPath(thread)}/${encodeURIComponent(id)}`;
    const list = async (thread: string, headers: Record<string, string> = {}) =>
      (await call(base, 'GET', `${commentsPath(thread)}?limit=50`, undefined, headers)).body;

    it('tells the author until when they may change their comment, and nobody else', async () => {
      const thread = uniqueThread();
      const comment = await post(thread, TOKEN_A);
      const until = Date.parse(comment.editableUntil);
      assert.ok(until > Date.now() + 14 * 60_000 && until <= Date.now() + 15 * 60_000, comment.editableUntil);
      const own = await list(thread, as(TOKEN_A));
      assert.equal(own.comments[0].editableUntil, comment.editableUntil);
      const others = [await list(thread), await list(thread, as(TOKEN_B))];
      for (const page of others) assert.equal('editableUntil' in page.comments[0], false);
    });

    it('edits with the author token: the new text, "edited", the old text kept for moderators', async () => {
      const thread = uniqueThread();
      const comment = await post(thread, TOKEN_A, { content: 'Frist!' });
      await list(thread); // the public page is cached now
      const res = await call(base, 'PATCH', path(thread, comment.id), { content: 'First!' }, as(TOKEN_A));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.comment.content, 'First!');
      assert.match(res.body.comment.editedAt, /^\d{4}-\d\d-\d\dT/);
      assert.ok(res.body.comment.editableUntil);
      const page = await list(thread);
      assert.equal(page.comments[0].content, 'First!', 'the cached page changed at once');
      assert.equal(page.comments[0].editedAt, res.body.comment.editedAt);
      const mod = await call(base, 'GET', '/api/admin/comments?status=approved&limit=200', undefined, admin);
      const seen = mod.body.comments.find((c: { id: string }) => c.id === comment.id);
      assert.deepEqual(
        seen.revisions.map((r: { content: string }) => r.content),
        ['Frist!'],
      );
      assert.equal(JSON.stringify(page).includes('Frist!'), false, 'the old text is never public');
    });

    it('refuses another token (403), no token (403), a bad text (422) and a comment of another thread (404)', async () => {
      const thread = uniqueThread();
      const comment = await post(thread, TOKEN_A);
      const other = await call(base, 'PATCH', path(thread, comment.id), { content: 'Mine now' }, as(TOKEN_B));
      assert.equal(other.status, 403);
      assert.equal(other.body.messageKey, 'notAuthor');
      const none = await call(base, 'DELETE', path(thread, comment.id));
      assert.equal(none.status, 403);
      const blank = await call(base, 'PATCH', path(thread, comment.id), { content: '   ' }, as(TOKEN_A));
      assert.equal(blank.status, 422);
      assert.deepEqual(blank.body.fields, { content: ['required'] });
      const extra = await call(
        base,
        'PATCH',
        path(thread, comment.id),
        { content: 'ok', status: 'approved' },
        as(TOKEN_A),
      );
      assert.equal(extra.status, 422);
      assert.deepEqual(extra.body.fields, { form: ['unknownField'] });
      const elsewhere = await call(base, 'PATCH', path(uniqueThread(), comment.id), { content: 'x' }, as(TOKEN_A));
      assert.equal(elsewhere.status, 404);
      const page = await list(thread);
      assert.equal(page.comments[0].content, comment.content, 'nothing changed');
    });

    it('holds an edit that adds links, as a post with them would be', async () => {
      const thread = uniqueThread();
      const comment = await post(thread, TOKEN_A);
      const res = await call(
        base,
        'PATCH',
        path(thread, comment.id),
        { content: 'See https://spam.example/a and https://spam.example/b' },
        as(TOKEN_A),
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.comment.status, 'pending');
      assert.equal((await list(thread)).comments.length, 0, 'the public no longer sees it');
      assert.equal((await list(thread, as(TOKEN_A))).comments[0].status, 'pending', 'its author does');
    });

    it('deletes a comment without replies: gone for everyone, and no longer counted', async () => {
      const thread = uniqueThread();
      const comment = await post(thread, TOKEN_A);
      await post(thread, TOKEN_B);
      assert.equal((await list(thread)).total, 2);
      const res = await call(base, 'DELETE', path(thread, comment.id), undefined, as(TOKEN_A));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.comment, null);
      const page = await list(thread);
      assert.equal(page.total, 1);
      assert.deepEqual(page.comments.map((c: { id: string }) => c.id).includes(comment.id), false);
      const again = await call(base, 'DELETE', path(thread, comment.id), undefined, as(TOKEN_A));
      assert.equal(again.status, 404);
    });

    it('leaves a placeholder for a comment with replies, erased of its author and text; 410 after', async () => {
      const thread = uniqueThread();
      const parent = await post(thread, TOKEN_A, { name: 'Marta', content: 'Parent words' });
      const reply = await post(thread, TOKEN_B, { parentId: parent.id });
      const res = await call(base, 'DELETE', path(thread, parent.id), undefined, as(TOKEN_A));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.comment.deleted, true);
      const page = await list(thread);
      assert.equal(page.total, 1, 'a placeholder is not counted');
      const placeholder = page.comments.find((c: { id: string }) => c.id === parent.id);
      assert.deepEqual(
        {
          name: placeholder.authorName,
          content: placeholder.content,
          url: placeholder.authorUrl,
          deleted: placeholder.deleted,
        },
        { name: '', content: '', url: null, deleted: true },
      );
      assert.equal(page.comments.find((c: { id: string }) => c.id === reply.id).parentId, parent.id);
      assert.equal(JSON.stringify(page).includes('Marta'), false);
      const mod = await call(base, 'GET', '/api/admin/comments?status=approved&limit=200', undefined, admin);
      assert.equal(JSON.stringify(mod.body).includes('Parent words'), false, 'erased for moderators too');
      const edit = await call(base, 'PATCH', path(thread, parent.id), { content: 'Back' }, as(TOKEN_A));
      assert.equal(edit.status, 410);
      assert.equal(edit.body.messageKey, 'gone');
      const replyToPlaceholder = await call(base, 'POST', commentsPath(thread), draft({ parentId: parent.id }));
      assert.equal(replyToPlaceholder.status, 422, 'no new replies to a deleted comment');
      // The last reply goes: the placeholder above it goes too.
      const last = await call(base, 'DELETE', path(thread, reply.id), undefined, as(TOKEN_B));
      assert.equal(last.status, 200, last.text);
      assert.deepEqual((await list(thread)).comments, []);
    });

    it('tells live readers about edits and deletes', async () => {
      const thread = uniqueThread();
      const comment = await post(thread, TOKEN_A, { content: 'Before the edit' });
      const stream = await openEventStream(base, thread);
      try {
        await stream.until(/event: ready/);
        await call(base, 'PATCH', path(thread, comment.id), { content: 'After the edit' }, as(TOKEN_A));
        await stream.until(/After the edit[^]*?\n\n/);
        await call(base, 'DELETE', path(thread, comment.id), undefined, as(TOKEN_A));
        // The whole event, not only the start of its data (chunks may end anywhere).
        await stream.until(/"deleted":true[^]*?\n\n/);
        const events = stream
          .text()
          .split('\n\n')
          .filter((b) => b.startsWith('event: comment'))
          .map((b) => JSON.parse(/^data: (.*)$/m.exec(b)![1]!))
          // The post's own event: on PostgreSQL it travels through NOTIFY, which can reach a stream
          // opened just after the 201 (a reader told of a comment it has is no harm: it is replaced).
          .filter((e) => !(e.content === 'Before the edit' && e.editedAt === undefined));
        assert.equal(events.length, 2, JSON.stringify(events));
        assert.equal(events[0].editedAt !== undefined, true);
        assert.equal('editableUntil' in events[0], false, 'live readers are not told who may edit');
        assert.deepEqual([events[1].id, events[1].content, events[1].deleted], [comment.id, '', true]);
      } finally {
        stream.close();
      }
    });
  });

  describe(`the edit window on ${dbName}`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer | undefined;

    before(async () => {
      db = await freshDatabase(dbName);
    });
    after(async () => {
      await server?.close();
      await db?.cleanup();
    });

    it('refuses with 409 editWindowClosed once the window has passed, and stops offering it', async () => {
      server = await start(db, { editWindow: 1 });
      const thread = uniqueThread();
      const posted = await call(server!.url, 'POST', commentsPath(thread), draft(), as(TOKEN_A));
      assert.equal(posted.status, 201);
      const until = Date.parse(posted.body.comment.editableUntil);
      await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now()) + 50));
      const path = `${commentsPath(thread)}/${posted.body.comment.id}`;
      const edit = await call(server!.url, 'PATCH', path, { content: 'Too late' }, as(TOKEN_A));
      assert.equal(edit.status, 409);
      assert.equal(edit.body.messageKey, 'editWindowClosed');
      const del = await call(server!.url, 'DELETE', path, undefined, as(TOKEN_A));
      assert.equal(del.status, 409);
      const own = await call(server!.url, 'GET', `${commentsPath(thread)}?limit=5`, undefined, as(TOKEN_A));
      assert.equal('editableUntil' in own.body.comments[0], false);
      assert.notEqual(own.headers.get('ETag'), null, 'a page with nothing to edit is the public one');
    });

    it('with --edit-window 0 nothing is editable', async () => {
      await server?.close();
      server = await start(db, { editWindow: 0 });
      const thread = uniqueThread();
      const posted = await call(server!.url, 'POST', commentsPath(thread), draft(), as(TOKEN_A));
      assert.equal('editableUntil' in posted.body.comment, false);
      const edit = await call(
        server!.url,
        'PATCH',
        `${commentsPath(thread)}/${posted.body.comment.id}`,
        { content: 'No' },
        as(TOKEN_A),
      );
      assert.equal(edit.status, 409);
    });
  });
}
