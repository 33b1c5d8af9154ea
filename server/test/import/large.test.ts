/**
 * A 100,000-comment WXR (1,000 posts, replies among them) streams through `comment-box-server
 * import` in bounded memory: the process runs with a 48 MB heap, less than the file's size, and
 * prints a progress line every 10,000 comments. A dry run, so that the test measures reading,
 * converting and checking, not the disk (the writes are the same path as every other import test).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli } from './import-helpers.js';
import { writeLargeWxr } from './generate-wxr.js';

const HEAP_MB = 48;

describe('a large WXR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comment-box-large-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`imports 100,000 comments with a ${HEAP_MB} MB heap, with a progress line`, { timeout: 120_000 }, async () => {
    const file = join(dir, 'large.wxr');
    const bytes = await writeLargeWxr(file, 1000, 100, 25);
    assert.ok(bytes > HEAP_MB * 1.5 * 2 ** 20, `the file (${bytes} bytes) is larger than the heap`);
    const run = await cli(['import', file, '--from', 'wordpress', '--db', join(dir, 'large.db'), '--dry-run'], {
      nodeArgs: [`--max-old-space-size=${HEAP_MB}`],
      timeoutMs: 110_000,
    });
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    assert.match(run.stdout, /^Would import: 100,000 \(into 1,000 threads\)$/m);
    assert.match(run.stdout, /^Failed: 0$/m);
    const progress = run.stderr.split('\n').filter((l) => /^\d[\d,]* read: /.test(l));
    assert.ok(progress.length >= 10, run.stderr);
    assert.match(progress[0]!, /^10,000 read: [\d,]+ to import, 0 skipped, 0 failed$/);
  });
});
