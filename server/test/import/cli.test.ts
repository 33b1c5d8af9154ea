/**
 * The subcommands as a site owner runs them (`comment-box-server import|export|backup|privacy`), in
 * their own processes, on the SQLite file of a server that is running meanwhile: its cached pages
 * show an import and an erasure at once, a backup is consistent, usage errors exit 2.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { RunningServer } from '../../src/server.js';
import { freshDatabase, PG_URL, pgSkip, start, type TestDatabase } from '../helpers.js';
import { cli, exportText, FIXTURES, publicList } from './import-helpers.js';

describe('comment-box-server import, export, backup and privacy', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let dbPath: string;
  const dir = mkdtempSync(join(tmpdir(), 'comment-box-cli-'));

  before(async () => {
    db = await freshDatabase('sqlite');
    dbPath = db.config.dbPath!;
    server = await start(db);
  });
  after(async () => {
    await server?.close();
    await db?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports into the database of a running server, whose cached page shows it at once', async () => {
    assert.equal((await publicList(server, '/2019/sourdough/')).total, 0); // cached
    const run = await cli(['import', join(FIXTURES, 'disqus.xml'), '--from', 'disqus', '--db', dbPath]);
    assert.equal(run.code, 1, 'one comment failed: exit code 1');
    assert.match(run.stdout, /^Imported: 7 \(into 2 threads\)$/m);
    assert.match(run.stdout, /^Skipped: 2$/m);
    assert.match(run.stdout, /^ {2}1 deleted at Disqus$/m);
    assert.match(run.stdout, /^Failed: 1$/m);
    assert.match(run.stdout, /disqus:7010: its thread \(dsq:id 5999\) is not in the file/);
    assert.doesNotMatch(run.stdout + run.stderr, /@/, 'no email in the output');
    assert.match(run.stderr, /10 read: 7 imported, 2 skipped, 1 failed/);
    assert.equal((await publicList(server, '/2019/sourdough/')).total, 4);

    const again = await cli(['import', join(FIXTURES, 'disqus.xml'), '--from', 'disqus', '--db', dbPath]);
    assert.match(again.stdout, /^Imported: 0 /m);
    assert.match(again.stdout, /^ {2}7 already imported$/m);
  });

  it('--dry-run --json reports without writing', async () => {
    const empty = join(dir, 'dry.db');
    const run = await cli([
      'import',
      join(FIXTURES, 'disqus.xml'),
      '--from',
      'disqus',
      '--db',
      empty,
      '--dry-run',
      '--json',
    ]);
    const report = JSON.parse(run.stdout);
    assert.deepEqual([report.imported, report.skipped, report.failed, report.dryRun], [7, 2, 1, true]);
    const check = new Database(empty, { readonly: true });
    assert.equal(check.prepare('SELECT count(*) FROM comments').pluck().get(), 0);
    check.close();
  });

  it('export writes the comment-box JSON of the database; --thread narrows it', async () => {
    const run = await cli(['export', '--db', dbPath]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, await exportText(server.store));
    assert.match(run.stderr, /Exported 7 comments/);
    const one = await cli(['export', '--db', dbPath, '--thread', '/2019/rye']);
    assert.equal(JSON.parse(one.stdout).comments.length, 1);
  });

  it('backup copies the SQLite database consistently while the server runs; on PostgreSQL it points to pg_dump', async () => {
    const target = join(dir, 'backup.db');
    const run = await cli(['backup', target, '--db', dbPath]);
    assert.equal(run.code, 0, run.stderr);
    const copy = new Database(target, { readonly: true });
    assert.equal(copy.prepare('SELECT count(*) FROM comments').pluck().get(), 7);
    copy.close();
    assert.equal((await cli(['backup', target, '--db', dbPath])).code, 2, 'an existing file is kept');
    const pg = await cli(['backup', join(dir, 'x.db'), '--database-url', PG_URL]);
    assert.equal(pg.code, 2);
    assert.match(pg.stderr, /pg_dump --schema=public/);
  });

  it('privacy export and erase by email; the public list changes at once', async () => {
    const exported = await cli(['privacy', 'export', 'Ada@Example.com', '--db', dbPath]);
    assert.equal(exported.code, 0, exported.stderr);
    const data = JSON.parse(exported.stdout);
    assert.deepEqual(data.subject, { email: 'ada@example.com' });
    assert.equal(data.comments.length, 3);
    assert.equal(data.comments[0].ip, '198.51.100.7');

    assert.ok((await publicList(server, '/2019/sourdough/')).comments.some((c) => c.authorName === 'Ada'));
    const erased = await cli(['privacy', 'erase', 'ada@example.com', '--mode', 'anonymize', '--db', dbPath]);
    assert.equal(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /Anonymized 3 comments in 2 threads/);
    assert.ok(!(await publicList(server, '/2019/sourdough/')).comments.some((c) => c.authorName === 'Ada'));
    const after = JSON.parse((await cli(['privacy', 'export', 'ada@example.com', '--db', dbPath])).stdout);
    assert.equal(after.comments.length, 0);
  });

  it('takes the PostgreSQL settings as the server does (--database-url, --pg-schema)', async (t) => {
    const skipped = await pgSkip();
    if (skipped) return t.skip(skipped);
    const pgDb = await freshDatabase('postgres');
    try {
      const flags = ['--database-url', PG_URL, '--pg-schema', pgDb.config.pgSchema!];
      const run = await cli(['import', join(FIXTURES, 'disqus.xml'), '--from', 'disqus', ...flags]);
      assert.match(run.stdout, /^Imported: 7 /m);
      assert.match(run.stderr, new RegExp(`into PostgreSQL \\S+ \\(schema ${pgDb.config.pgSchema}\\)`));
      assert.ok(!run.stderr.includes(PG_URL), 'the URL (which may hold a password) is not printed');
      const exported = await cli(['export', ...flags]);
      assert.equal(JSON.parse(exported.stdout).comments.length, 7);
    } finally {
      await pgDb.cleanup();
    }
  });

  it('usage errors exit 2 with a hint', async () => {
    const noFrom = await cli(['import', join(FIXTURES, 'disqus.xml'), '--db', dbPath]);
    assert.equal(noFrom.code, 2);
    assert.match(noFrom.stderr, /--from must be wordpress, disqus or comment-box/);
    const noMode = await cli(['privacy', 'erase', 'a@example.com', '--db', dbPath]);
    assert.equal(noMode.code, 2);
    const help = await cli(['import', '--help']);
    assert.match(help.stdout, /--thread-id <how>/);
  });
});
