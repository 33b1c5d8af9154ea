/** The API contract of moderation and counts: the queries and the PATCH body the server accepts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ADMIN_LIST_LIMIT,
  adminBulkSchema,
  adminListQuerySchema,
  adminPatchSchema,
  siteSettingsSchema,
} from '../../../src/api/admin.js';
import { countsQuerySchema } from '../../../src/api/requests.js';
import { fieldErrors } from '../../../src/schema.js';

const query = (search: string) => adminListQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(search)));

describe('API contract: moderation', () => {
  it('lists held comments, 50 at a time, by default; up to 200', () => {
    assert.deepEqual(query('').data, {
      status: 'pending',
      limit: ADMIN_LIST_LIMIT.default,
      cursor: null,
      q: '',
      thread: '',
    });
    assert.deepEqual(query('status=trash&limit=200&cursor=2030-01-01T00:00:00.000Z|abc&q=%20ada%20&thread=/p').data, {
      status: 'trash',
      limit: 200,
      cursor: '2030-01-01T00:00:00.000Z|abc',
      q: 'ada',
      thread: '/p',
    });
  });

  it('refuses another status, a limit outside 1..200, a cursor that is too long or not clean text', () => {
    for (const [search, field] of [
      ['status=deleted', 'status'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      [`cursor=${'x'.repeat(301)}`, 'cursor'],
      ['cursor=a%00b', 'cursor'],
      [`q=${'x'.repeat(301)}`, 'q'],
      ['thread=a%00b', 'thread'],
    ]) {
      const r = query(search!);
      assert.deepEqual(fieldErrors(r.error!.issues), { [field!]: ['invalidType'] }, search);
    }
  });

  it('a PATCH sets the status, the text, or both, and nothing else', () => {
    assert.deepEqual(adminPatchSchema.safeParse({ status: 'approved' }).data, { status: 'approved' });
    assert.deepEqual(adminPatchSchema.safeParse({ status: 'trash' }).data, { status: 'trash' });
    assert.equal(adminPatchSchema.safeParse({ status: 'deleted' }).success, false);
    assert.deepEqual(adminPatchSchema.safeParse({ content: ' Fixed ' }).data, { content: 'Fixed' });
    assert.equal(adminPatchSchema.safeParse({ content: '' }).success, false);
    assert.equal(adminPatchSchema.safeParse({ status: 'approved', byOwner: true }).success, false);
    assert.equal(adminPatchSchema.safeParse({}).success, false);
  });

  it('a bulk request: 1 to 200 ids and a known action', () => {
    assert.equal(adminBulkSchema.safeParse({ ids: ['a'], action: 'approve' }).success, true);
    assert.equal(adminBulkSchema.safeParse({ ids: [], action: 'approve' }).success, false);
    assert.equal(adminBulkSchema.safeParse({ ids: Array(201).fill('a'), action: 'trash' }).success, false);
    assert.equal(adminBulkSchema.safeParse({ ids: ['a'], action: 'explode' }).success, false);
  });

  it('settings: known keys and sane values only', () => {
    assert.equal(siteSettingsSchema.safeParse({ moderation: 'all', maxLinks: 3, trashDays: 7 }).success, true);
    assert.equal(siteSettingsSchema.safeParse({ maxLinks: 1.5 }).success, false);
    assert.equal(siteSettingsSchema.safeParse({ allowedOrigins: ['javascript:alert(1)'] }).success, false);
    assert.equal(siteSettingsSchema.safeParse({ adminToken: 'x' }).success, false);
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
