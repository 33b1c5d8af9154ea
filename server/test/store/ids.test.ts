/** Ids and secrets: random values from a pool, each byte given out once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newCommentId, randomSeed, randomToken } from '../../src/store/ids.js';

describe('ids', () => {
  it('gives distinct tokens, seeds and ids of the promised size, across many refills of the pool', () => {
    const values = new Set<string>();
    // 24 + 16 + 6 bytes a round: about 45 refills of a 4 kB pool.
    for (let i = 0; i < 4000; i++) {
      const token = randomToken();
      const seed = randomSeed();
      const id = newCommentId(1_700_000_000_000);
      assert.equal(Buffer.from(token, 'base64url').length, 24);
      assert.equal(Buffer.from(seed, 'base64url').length, 16);
      assert.match(id, /^[0-9a-z]{8}[0-9a-z]{4}[A-Za-z0-9_-]{8}$/);
      values.add(token).add(seed).add(id.slice(-8));
    }
    assert.equal(values.size, 3 * 4000);
  });

  it('gives a token larger than the pool whole', () => {
    assert.equal(Buffer.from(randomToken(10_000), 'base64url').length, 10_000);
  });
});
