/**
 * A WXR written by WordPress's own exporter (`export_wp()`, Tools → Export) from the real Debian
 * WordPress the element's tests run: a post with comments, nested replies, held, spam and trashed
 * ones created through WordPress, exported, imported, and read back through the server's public
 * and moderation APIs on the post's path. Skipped with a notice without PHP, MariaDB and WordPress,
 * except under CI=true (see test/node/wordpress/wp.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile } from '../../src/import/run.js';
import type { RunningServer } from '../../src/server.js';
import { freshDatabase, ROOT, start, type TestDatabase } from '../helpers.js';
import { admin, newPost, skip, wordpress } from './wordpress-site.js';
import { adminList, exportText, publicList } from './import-helpers.js';

describe('import of a WXR exported by a real WordPress', { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  const dir = mkdtempSync(join(tmpdir(), 'comment-box-wxr-'));
  const wxr = join(dir, 'site.wxr');
  let slug = '';
  const ids: Record<string, number> = {};

  before(async () => {
    await wordpress();
    const post = await newPost();
    slug = post.slug;
    const add = async (key: string, content: string, date: string, extra: Record<string, unknown> = {}) => {
      const c = await admin<{ id: number }>('/wp/v2/comments', {
        body: {
          post: post.id,
          content,
          author_name: key,
          author_email: `${key}@example.com`,
          date_gmt: date,
          status: 'approved',
          ...extra,
        },
      });
      ids[key] = c.id;
    };
    await add('ada', 'The first comment.', '2024-01-01T10:00:00', {
      author_url: 'https://ada.example',
      author_ip: '198.51.100.1',
    });
    await add(
      'bob',
      'Second, with <strong>bold</strong> and <a href="javascript:alert(1)">a bad link</a>.',
      '2024-01-02T10:00:00',
      {
        author_url: 'javascript:alert(1)',
      },
    );
    await add('cy', 'A reply to the first.', '2024-01-03T10:00:00', { parent: ids.ada });
    await add('dee', 'A reply to the reply.', '2024-01-04T10:00:00', { parent: ids.cy });
    await add('held', 'Held for moderation.', '2024-01-05T10:00:00', { status: 'hold' });
    await add('spammer', 'Spam.', '2024-01-06T10:00:00', { status: 'spam' });
    await add('trashed', 'In the trash.', '2024-01-07T10:00:00');
    await add('late', 'A reply to a comment now in the trash.', '2024-01-08T10:00:00', { parent: ids.trashed });
    await admin(`/wp/v2/comments/${ids.trashed}`, { method: 'DELETE' }); // to the trash, not deleted
    const exported = spawnSync('php', [join(ROOT, 'scripts/wordpress/export.php'), wxr], { encoding: 'utf8' });
    assert.equal(exported.status, 0, exported.stderr);
    db = await freshDatabase('sqlite');
    server = await start(db, { moderation: 'all' });
  });
  after(async () => {
    await server?.close();
    await db?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the post's threads on its path, in order, held comments held, trash and spam left out", async () => {
    const text = readFileSync(wxr, 'utf8');
    assert.ok(/<wp:comment_approved>(?:<!\[CDATA\[)?trash\b/.test(text), 'WordPress wrote the trashed comment');
    const report = await importFile(server.store, { file: wxr, from: 'wordpress' });
    assert.ok(report.imported >= 6, JSON.stringify(report));
    assert.ok((report.skippedReasons['in the trash (import it with --include-trash)'] ?? 0) >= 1);

    const path = `/${slug}/`;
    const list = await publicList(server, path);
    assert.deepEqual(
      list.comments.map((c) => [c.authorName, c.content]),
      [
        ['ada', 'The first comment.'],
        ['cy', 'A reply to the first.'],
        ['dee', 'A reply to the reply.'],
        ['bob', 'Second, with **bold** and a bad link.'],
        ['late', 'A reply to a comment now in the trash.'],
      ],
    );
    const [ada, cy, dee, bob, late] = list.comments;
    assert.equal(cy!.parentId, ada!.id);
    assert.equal(dee!.parentId, cy!.id);
    assert.equal(late!.parentId, null, 'its parent is in the trash: it moves to the top level');
    assert.equal(ada!.createdAt, '2024-01-01T10:00:00.000Z', 'wp:comment_date_gmt is UTC');
    assert.equal(ada!.authorUrl, 'https://ada.example');
    assert.equal(bob!.authorUrl, null, 'a javascript: author URL is dropped');
    assert.equal(list.total, 5);

    // Of this post only: the shared WordPress keeps the posts of earlier runs, which export too.
    const held = await adminList(server, 'pending', path);
    assert.deepEqual(
      held.map((c) => c.authorName),
      ['held'],
    );
    assert.equal((await adminList(server, 'spam')).length, 0, "WordPress's exporter leaves spam out");
    const stored = await server.store.db
      .selectFrom('comments')
      .select(['ip', 'source_key', 'author_email'])
      .where('author_name', '=', 'ada')
      .where('thread_id', '=', path)
      .executeTakeFirstOrThrow();
    assert.equal(stored.ip, '198.51.100.1');
    assert.equal(stored.author_email, 'ada@example.com');
    assert.match(stored.source_key!, new RegExp(`^wordpress:http://127\\.0\\.0\\.1:${ids.ada}$`));
  });

  it('importing the same export again: 0 imported, every one skipped, the database unchanged', async () => {
    const before = await exportText(server.store);
    const again = await importFile(server.store, { file: wxr, from: 'wordpress' });
    assert.equal(again.imported, 0);
    assert.ok(again.skippedReasons['already imported']! >= 6);
    assert.equal(await exportText(server.store), before);
  });

  it('--include-trash imports the trashed comment as held, under the same key', async () => {
    const report = await importFile(server.store, { file: wxr, from: 'wordpress', includeTrash: true });
    assert.ok(report.imported >= 1);
    const pending = await adminList(server, 'pending', `/${slug}/`);
    assert.deepEqual(pending.map((c) => c.authorName).sort(), ['held', 'trashed']);
  });
});
