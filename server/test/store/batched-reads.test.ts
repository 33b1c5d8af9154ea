/** Batched reads: one query in flight, every key asked meanwhile in the next one, each after it was asked. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchedReads } from '../../src/store/batched-reads.js';

describe('batched reads', () => {
  it('reads the keys asked while a read runs together in the next one, after they were asked', async () => {
    const reads: string[][] = [];
    let value = 1;
    const release: Array<() => void> = [];
    const batched = new BatchedReads<string, number>(async (keys) => {
      reads.push(keys);
      const at = value;
      await new Promise<void>((resolve) => release.push(resolve));
      return new Map(keys.filter((k) => k !== 'none').map((k) => [k, at]));
    });
    const first = batched.get('a');
    value = 2; // a write acknowledged after the first read began: the next asks must see it
    const later = [batched.get('a'), batched.get('b'), batched.get('b'), batched.get('none')];
    release.shift()!();
    assert.equal(await first, 1);
    await new Promise((resolve) => setImmediate(resolve));
    release.shift()!();
    assert.deepEqual(await Promise.all(later), [2, 2, 2, undefined]);
    assert.deepEqual(reads, [['a'], ['a', 'b', 'none']]);
  });

  it('rejects the waiting callers of a failed read; the next read goes on', async () => {
    let fail = true;
    const batched = new BatchedReads<string, number>(async (keys) => {
      if (fail) throw new Error('connection lost');
      return new Map(keys.map((k) => [k, 7]));
    });
    await assert.rejects(batched.get('a'), /connection lost/);
    fail = false;
    assert.equal(await batched.get('a'), 7);
  });
});
