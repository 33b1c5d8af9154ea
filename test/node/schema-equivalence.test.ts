// The size-trimmed checks in src/schema.ts accept exactly what the zod formats they replace accept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { commentPageSchema, commentSchema } from '../../src/schema.js';

const base = {
  id: 'c1',
  parentId: null,
  authorName: 'Ada',
  authorUrl: null,
  avatarSeed: 's',
  content: 'Hi',
  status: 'approved',
};

describe('schema checks trimmed for bundle size', () => {
  it('createdAt accepts exactly what z.iso.datetime({ offset: true }) accepts', () => {
    const reference = z.iso.datetime({ offset: true });
    const samples = [
      '2024-02-29T12:00:00Z',
      '2023-02-29T12:00:00Z',
      '2000-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2024-04-31T12:00:00Z',
      '2024-12-31T23:59:59.123456Z',
      '2024-12-31T23:59:59+05:30',
      '2024-12-31T23:59:59-24:00',
      '2024-12-31T23:59Z',
      '2024-12-31T24:00:00Z',
      '2024-12-31T23:59:59',
      '2024-12-31 23:59:59Z',
      '2024-1-01T00:00:00Z',
      '2024-01-01T00:00:00z',
      '',
      'yesterday',
    ];
    for (const createdAt of samples) {
      assert.equal(
        commentSchema.safeParse({ ...base, createdAt }).success,
        reference.safeParse(createdAt).success,
        createdAt,
      );
    }
    assert.equal(commentSchema.safeParse({ ...base, createdAt: 0 }).success, false);
  });

  it('total accepts exactly what z.int().check(z.nonnegative()) accepts', () => {
    const reference = z.int().check(z.nonnegative());
    const samples: unknown[] = [0, -0, 1, 1e6, 2 ** 53 - 1, 2 ** 53, -1, 1.5, NaN, Infinity, '3', null, undefined, 3n];
    for (const total of samples) {
      assert.equal(
        commentPageSchema.safeParse({ comments: [], nextCursor: null, total }).success,
        reference.safeParse(total).success,
        String(total),
      );
    }
  });
});
