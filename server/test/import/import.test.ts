/**
 * Imports against a real database (SQLite, and PostgreSQL when reachable), checked through the
 * server's public and moderation APIs: a Disqus export with every status and nested replies; a
 * re-import adds nothing; existing comments stay; a map file moves threads; a dry run writes
 * nothing; export → import into an empty database → export is byte-identical; cached pages show an
 * import at once; privacy export and erasure.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile } from '../../src/import/run.js';
import { SourceFormatError } from '../../src/import/source.js';
import { ThreadMap } from '../../src/import/thread-ids.js';
import { PrivacyStore } from '../../src/store/privacy-store.js';
import type { RunningServer } from '../../src/server.js';
import { call, commentsPath, draft, freshDatabase, pgSkip, start, type TestDatabase } from '../helpers.js';
import { adminList, exportText, FIXTURES, publicList } from './import-helpers.js';

const DISQUS = join(FIXTURES, 'disqus.xml');
const SOURDOUGH = '/2019/sourdough/';

for (const name of ['sqlite', 'postgres'] as const) {
  describe(`import on ${name}`, { skip: name === 'postgres' ? await pgSkip() : false }, () => {
    const dbs: TestDatabase[] = [];
    const servers: RunningServer[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'comment-box-import-'));
    const fresh = async () => {
      const db = await freshDatabase(name);
      dbs.push(db);
      const server = await start(db);
      servers.push(server);
      return server;
    };
    after(async () => {
      for (const s of servers) await s.close();
      for (const d of dbs) await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    let server: RunningServer;
    before(async () => {
      server = await fresh();
    });

    it('imports a Disqus export: threads by path, nested replies, statuses, HTML as Markdown', async () => {
      // A reader's page was cached before the import: it must show the import at once.
      assert.equal((await publicList(server, SOURDOUGH)).total, 0);
      const report = await importFile(server.store, { file: DISQUS, from: 'disqus' });
      assert.equal(report.read, 10);
      assert.equal(report.imported, 7);
      assert.equal(report.skipped, 2);
      assert.deepEqual(report.skippedReasons, { 'deleted at Disqus': 1, 'its thread was deleted at Disqus': 1 });
      assert.equal(report.failed, 1);
      assert.match(report.failures[0]!.reason, /thread \(dsq:id 5999\) is not in the file/);
      assert.equal(report.failures[0]!.source, 'disqus:7010');

      const list = await publicList(server, SOURDOUGH);
      assert.equal(list.total, 4, 'approved only: no spam, no held');
      const [first, reply, replyToReply, orphan] = list.comments;
      assert.equal(first!.authorName, 'Ada');
      assert.equal(
        first!.content,
        'My first loaf was a **frisbee**.\n\nSecond try: [these tips](https://bakery.example/tips) helped.',
      );
      assert.equal(first!.createdAt, '2019-03-02T10:00:00.000Z');
      assert.equal(first!.parentId, null);
      assert.deepEqual([reply!.authorName, reply!.parentId], ['Grace', first!.id]);
      assert.deepEqual([replyToReply!.content, replyToReply!.parentId], ['Thanks, that worked!', reply!.id]);
      // Its parent was deleted at Disqus: it moves up to the top level.
      assert.deepEqual([orphan!.content, orphan!.parentId], ['A reply to a deleted comment.', null]);
      assert.equal((await publicList(server, '/2019/rye')).total, 1);

      const pending = await adminList(server, 'pending');
      assert.deepEqual(
        pending.map((c) => [c.authorName, c.threadId]),
        [['Newcomer', SOURDOUGH]],
      );
      const spam = await adminList(server, 'spam');
      assert.deepEqual(
        spam.map((c) => c.authorName),
        ['Spammer'],
      );
      const ada = (await adminList(server, 'approved')).find((c) => c.content.startsWith('My first loaf'))!;
      assert.equal(ada.authorEmail, 'ada@example.com', 'emails are kept, in lower case');
    });

    it('importing the same file again adds nothing and changes nothing', async () => {
      const before = await exportText(server.store);
      const again = await importFile(server.store, { file: DISQUS, from: 'disqus' });
      assert.equal(again.imported, 0);
      assert.equal(again.skippedReasons['already imported'], 7);
      assert.equal(again.skipped, 9);
      assert.equal(again.failed, 1);
      assert.equal(await exportText(server.store), before);
    });

    it('an import into a database with comments keeps them', async () => {
      const s = await fresh();
      const posted = await call(s.url, 'POST', commentsPath(SOURDOUGH), draft({ content: 'Posted here first.' }));
      assert.equal(posted.status, 201);
      await importFile(s.store, { file: DISQUS, from: 'disqus' });
      const list = await publicList(s, SOURDOUGH);
      assert.equal(list.total, 5);
      const mine = list.comments.find((c) => c.id === posted.body.comment.id)!;
      assert.equal(mine.content, 'Posted here first.');
      assert.equal(mine.authorName, 'Ada Lovelace');
    });

    it('--dry-run reports the same counts and writes nothing', async () => {
      const s = await fresh();
      const report = await importFile(s.store, { file: DISQUS, from: 'disqus', dryRun: true });
      assert.deepEqual([report.imported, report.skipped, report.failed, report.dryRun], [7, 2, 1, true]);
      assert.equal(await exportText(s.store), '{"format":"comment-box","version":1,"comments":[\n]}\n');
      const versions = await s.store.db.selectFrom('thread_versions').selectAll().execute();
      assert.deepEqual(versions, []);
    });

    it('a map file moves threads: thread id prefixes and URL prefixes; --thread-id id and url', async () => {
      const byPrefix = await fresh();
      const map = ThreadMap.parse('# moved in 2020\n/2019/* /archive/2019/*\n/2019/rye /bread/rye\n');
      await importFile(byPrefix.store, { file: DISQUS, from: 'disqus', map });
      assert.equal((await publicList(byPrefix, '/archive/2019/sourdough/')).total, 4);
      assert.equal((await publicList(byPrefix, '/bread/rye')).total, 1, 'an exact rule wins over a prefix');
      assert.equal((await publicList(byPrefix, SOURDOUGH)).total, 0);

      const byUrl = await fresh();
      const urlMap = ThreadMap.parse('https://bakery.example/2019/ https://new.example/posts/');
      await importFile(byUrl.store, { file: DISQUS, from: 'disqus', map: urlMap });
      assert.equal((await publicList(byUrl, '/posts/sourdough/')).total, 4);

      const byId = await fresh();
      await importFile(byId.store, { file: DISQUS, from: 'disqus', threadId: 'id' });
      assert.equal((await publicList(byId, 'post-sourdough')).total, 4);
      assert.equal(
        (await publicList(byId, '/2019/rye')).total,
        1,
        'a thread without an identifier falls back to its path',
      );

      const full = await fresh();
      await importFile(full.store, { file: DISQUS, from: 'disqus', threadId: 'url' });
      assert.equal((await publicList(full, 'https://bakery.example/2019/sourdough/?utm_source=feed')).total, 4);
    });

    it('export → import into an empty database → export is identical; importing it again adds nothing', async () => {
      // Edit history and a placeholder, as the edit and delete features write them.
      const source = await fresh();
      await importFile(source.store, { file: DISQUS, from: 'disqus' });
      const posted = await call(source.url, 'POST', commentsPath('/edited'), draft({ content: 'Edited text.' }));
      await source.store.db
        .updateTable('comments')
        .set({ edited_at: '2026-01-02T03:04:05.000Z' })
        .where('id', '=', posted.body.comment.id)
        .execute();
      await source.store.db
        .insertInto('comment_revisions')
        .values([
          { comment_id: posted.body.comment.id, content: 'First text.', replaced_at: '2026-01-02T03:00:00.000Z' },
          { comment_id: posted.body.comment.id, content: 'Second text.', replaced_at: '2026-01-02T03:04:05.000Z' },
        ])
        .execute();
      await new PrivacyStore(source.store).erase('grace@example.com', 'delete');
      const first = await exportText(source.store);
      assert.match(first, /"deleted":true/);
      assert.match(first, /"revisions":\[\{"content":"First text\."/);
      const file = join(dir, `${name}-export.json`);
      writeFileSync(file, first);

      const target = await fresh();
      const report = await importFile(target.store, { file, from: 'comment-box' });
      assert.deepEqual([report.imported, report.failed], [first.split('\n').length - 3, 0]);
      assert.equal(await exportText(target.store), first);
      // Readers see the same threads (avatar seeds come from each server's own secret).
      const seedless = async (srv: RunningServer) =>
        (await publicList(srv, SOURDOUGH)).comments.map(({ avatarSeed: _, ...c }) => c);
      assert.deepEqual(await seedless(target), await seedless(source));

      const again = await importFile(target.store, { file, from: 'comment-box' });
      assert.equal(again.imported, 0);
      assert.equal(again.skipped, report.imported);
      assert.equal(await exportText(target.store), first);

      // Pretty-printed by another tool: read whole, same result.
      const pretty = join(dir, `${name}-pretty.json`);
      writeFileSync(pretty, JSON.stringify(JSON.parse(first), null, 2));
      const third = await fresh();
      await importFile(third.store, { file: pretty, from: 'comment-box' });
      assert.equal(await exportText(third.store), first);
    });

    it('WXR: replies before their parents, a trashed parent read after its reply, posts not public, plain permalinks', async () => {
      const s = await fresh();
      const file = join(FIXTURES, 'edge.wxr');
      const report = await importFile(s.store, { file, from: 'wordpress' });
      assert.deepEqual(
        [report.read, report.imported, report.skipped, report.failed],
        [8, 3, 4, 1],
        JSON.stringify(report),
      );
      assert.deepEqual(report.skippedReasons, {
        'in the trash (import it with --include-trash)': 1,
        'a pingback': 1,
        'its post is not public (status private)': 1,
        'its post is password-protected': 1,
      });
      assert.match(report.failures[0]!.reason, /identifies the post by its query; use --thread-id url/);
      const list = await publicList(s, '/forward/');
      assert.deepEqual(
        list.comments.map((c) => [c.authorName, c.createdAt]),
        [
          ['Parent', '2024-03-01T11:00:00.000Z'],
          ['Reply first', '2024-03-01T12:00:00.000Z'],
          ['Under the trash', '2024-03-01T13:00:00.000Z'],
        ],
      );
      const [parent, reply, underTrash] = list.comments;
      assert.equal(reply!.parentId, parent!.id, 'a reply read before its parent hangs from it');
      assert.equal(underTrash!.parentId, parent!.id, "a trashed parent's reply moves up to its grandparent");

      const withTrash = await fresh();
      await importFile(withTrash.store, { file, from: 'wordpress', includeTrash: true, threadId: 'url' });
      const trashed = await withTrash.store.db
        .selectFrom('comments')
        .select(['status', 'thread_id'])
        .where('author_name', '=', 'Trashed')
        .executeTakeFirstOrThrow();
      assert.deepEqual(trashed, { status: 'pending', thread_id: 'https://edge.example/forward/' });
      assert.equal((await publicList(withTrash, 'https://edge.example/?p=13')).total, 1);

      // A file cut short: the run fails with the reason; the posts read whole before it stay
      // imported, and the run on the whole file then skips them (nothing else there is importable).
      const cut = join(dir, `${name}-cut.wxr`);
      const whole = readFileSync(file, 'utf8');
      writeFileSync(cut, whole.slice(0, whole.indexOf('<wp:comment_id>8<')));
      const broken = await fresh();
      await assert.rejects(importFile(broken.store, { file: cut, from: 'wordpress' }), SourceFormatError);
      assert.equal((await publicList(broken, '/forward/')).total, 3);
      const rest = await importFile(broken.store, { file, from: 'wordpress' });
      assert.deepEqual([rest.imported, rest.skippedReasons['already imported']], [0, 3]);
    });

    it('a comment-box file: each comment checked on its own, a map moves its threads', async () => {
      const s = await fresh();
      const good = {
        id: 'c1',
        threadId: '/old/',
        parentId: null,
        status: 'approved',
        createdAt: '2026-01-01T00:00:00.000Z',
        editedAt: null,
        deleted: false,
        authorName: 'Ada',
        authorEmail: 'ada@example.com',
        authorUrl: 'javascript:alert(1)',
        ip: '',
        userAgent: '',
        authorTokenHash: '',
        sourceKey: null,
        content: 'Kept.',
        revisions: [],
      };
      const file = join(dir, `${name}-mixed.json`);
      writeFileSync(
        file,
        [
          '{"format":"comment-box","version":1,"comments":[',
          `${JSON.stringify(good)},`,
          `${JSON.stringify({ ...good, id: 'c2', status: 'deleted' })},`,
          `${JSON.stringify({ ...good, id: 'c3', content: '   ' })},`,
          `${JSON.stringify({ ...good, id: 'c4', extra: 1 })},`,
          'not json,',
          JSON.stringify(good),
          ']}',
          '',
        ].join('\n'),
      );
      const report = await importFile(s.store, { file, from: 'comment-box', map: ThreadMap.parse('/old/ /new/') });
      assert.deepEqual([report.imported, report.skipped, report.failed], [1, 1, 4]);
      assert.deepEqual(report.skippedReasons, { 'appears twice in the file': 1 });
      assert.deepEqual(
        report.failures.map((f) => f.reason),
        ['invalid status', 'its text is empty once converted', 'invalid comment', 'not JSON'],
      );
      assert.equal(report.adjusted['author URL dropped (not a safe http(s) URL)'], 1);
      const list = await publicList(s, '/new/');
      assert.deepEqual(
        list.comments.map((c) => [c.id, c.content, c.authorUrl]),
        [['c1', 'Kept.', null]],
      );
      const stored = await s.store.db.selectFrom('comments').select('author_url').executeTakeFirstOrThrow();
      assert.equal(stored.author_url, '', 'an unsafe URL is never stored');
    });

    it('privacy: export everything about an address, then anonymize; delete keeps replies under a placeholder', async () => {
      const s = await fresh();
      await importFile(s.store, { file: DISQUS, from: 'disqus' });
      const mine = await exportText(s.store);
      assert.equal(mine.match(/"authorEmail":"ada@example\.com"/g)?.length, 3);

      const privacy = new PrivacyStore(s.store);
      assert.equal(await privacy.count('ADA@example.com '), 3);
      const before = await publicList(s, SOURDOUGH); // cached now: the erasure must show at once
      assert.ok(before.comments.some((c) => c.authorName === 'Ada'));
      const result = await privacy.erase('Ada@Example.com', 'anonymize');
      assert.equal(result.anonymized, 3);
      assert.deepEqual(result.threads, ['/2019/rye', SOURDOUGH]);
      const afterList = await publicList(s, SOURDOUGH);
      assert.ok(!afterList.comments.some((c) => c.authorName === 'Ada'));
      assert.equal(afterList.total, before.total, 'the comments stay');
      const exported = await exportText(s.store);
      assert.doesNotMatch(exported, /ada@example\.com|"Ada"|198\.51\.100\.7/);
      assert.equal(await privacy.count('ada@example.com'), 0);

      // Grace's comment has a reply: it stays as a placeholder; Lin's has none: it goes.
      const grace = await privacy.erase('grace@example.com', 'delete');
      assert.deepEqual([grace.deleted, grace.placeholders], [0, 1]);
      const lin = await privacy.erase('lin@example.com', 'delete');
      assert.deepEqual([lin.deleted, lin.placeholders], [1, 0]);
      const list = await publicList(s, SOURDOUGH);
      assert.equal(list.comments.length, 3);
      const placeholder = list.comments.find((c) => c.content === '')!;
      assert.equal(placeholder.authorName, '');
      assert.equal(list.comments.find((c) => c.content === 'Thanks, that worked!')!.parentId, placeholder.id);
      assert.doesNotMatch(await exportText(s.store), /grace@example\.com|Grace|lin@example\.com|"Lin"/);
    });
  });
}
