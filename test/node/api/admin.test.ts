/** The API contract of moderation and counts: the queries and the PATCH body the server accepts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_LIST_LIMIT, adminListQuerySchema, adminPatchSchema } from '../../../src/api/admin.js';
import { countsQuerySchema } from '../../../src/api/requests.js';
import { fieldErrors } from '../../../src/schema.js';

const query = (search: string) => adminListQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(search)));

describe('API contract: moderation', () => {
  it('lists held comments, 50 at a time, by default; up to 200', () => {
    assert.deepEqual(query('').data, { status: 'pending', limit: ADMIN_LIST_LIMIT.default, cursor: null });
    assert.deepEqual(query('status=spam&limit=200&cursor=2030-01-01T00:00:00.000Z|abc').data, {
      status: 'spam',
      limit: 200,
      cursor: '2030-01-01T00:00:00.000Z|abc',
    });
  });

  it('refuses another status, a limit outside 1..200, a cursor that is too long or not clean text', () => {
    for (const [search, field] of [
      ['status=deleted', 'status'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      [`cursor=${'x'.repeat(301)}`, 'cursor'],
      ['cursor=a%00b', 'cursor'],
    ]) {
      const r = query(search!);
      assert.deepEqual(fieldErrors(r.error!.issues), { [field!]: ['invalidType'] }, search);
    }
  });

  it('a PATCH sets the status and nothing else', () => {
    assert.deepEqual(adminPatchSchema.safeParse({ status: 'approved' }).data, { status: 'approved' });
    assert.equal(adminPatchSchema.safeParse({ status: 'deleted' }).success, false);
    assert.equal(adminPatchSchema.safeParse({ status: 'approved', content: 'x' }).success, false);
  });
});

describe('API contract: counts', () => {
  it('counts 1 to 100 valid thread ids', () => {
    assert.equal(countsQuerySchema.safeParse(['a', 'b']).success, true);
    assert.equal(countsQuerySchema.safeParse([]).success, false);
    assert.equal(countsQuerySchema.safeParse(Array.from({ length: 101 }, (_, i) => `t${i}`)).success, false);
    assert.equal(countsQuerySchema.safeParse(['x'.repeat(501)]).success, false);
  });
});
