/** The API contract of the comment list and posts: what the server accepts is what the adapter sends. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIST_LIMIT, listQueryString, MAX_LANG } from '../../../src/api/comments.js';
import { createBodySchema, listQuerySchema } from '../../../src/api/requests.js';
import { fieldErrors } from '../../../src/schema.js';

const query = (search: string) => listQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(search)));

describe('API contract: the list query', () => {
  it('defaults to 50 threads, oldest first, from the start; ignores unknown parameters', () => {
    assert.deepEqual(query('').data, { cursor: null, limit: LIST_LIMIT.default, order: 'asc' });
    assert.deepEqual(query('limit=100&order=desc&cursor=7&other=x').data, { cursor: '7', limit: 100, order: 'desc' });
  });

  it('refuses a limit outside 1..100, another order, a cursor that is not an offset: field keys', () => {
    for (const bad of [
      'limit=0',
      'limit=101',
      'limit=200',
      'limit=2.5',
      'limit=',
      'limit=ten',
      'order=new',
      'cursor=-1',
      'cursor=abc',
      'cursor=1234567890',
    ]) {
      const r = query(bad);
      assert.equal(r.success, false, bad);
      const field = bad.split('=')[0]!;
      assert.deepEqual(fieldErrors(r.error!.issues), { [field]: ['invalidType'] }, bad);
    }
  });

  it('the adapter never asks for a limit the server refuses: it clamps to the bounds', () => {
    for (const limit of [-5, 0, 1, 50, 100, 101, 200, 1e9]) {
      const sent = listQueryString({ cursor: null, limit, order: 'asc' });
      assert.equal(query(sent).success, true, `limit ${limit} → ${sent}`);
    }
    assert.equal(listQueryString({ cursor: '20', limit: 200, order: 'desc' }), 'limit=100&order=desc&cursor=20');
  });
});

describe('API contract: the body of a post', () => {
  const body = createBodySchema({ requireNameEmail: true });
  const draft = { content: 'Hello', name: 'Ada', email: 'ada@example.com', url: '' };

  it('takes the draft with the anti-spam fields beside it', () => {
    const r = body.safeParse({ ...draft, _hp: '', _t: 1234 });
    assert.equal(r.success, true);
    assert.deepEqual(r.data, { ...draft, parentId: null, _hp: '', _t: 1234 });
  });

  it('refuses a bad honeypot or time, and unknown keys, with field keys', () => {
    const r = body.safeParse({ ...draft, _hp: 'x'.repeat(1001), _t: -1, status: 'approved' });
    assert.deepEqual(fieldErrors(r.error!.issues), {
      _hp: ['invalidType'],
      _t: ['invalidType'],
      form: ['unknownField'],
    });
    assert.deepEqual(fieldErrors(body.safeParse({ ...draft, _t: '5' }).error!.issues), { _t: ['invalidType'] });
  });

  it("takes the element's language (`_lang`) as a BCP 47-like tag; drops anything else, never refusing the post", () => {
    for (const tag of ['nl', 'zh-CN', 'pt-BR', 'zh-Hans-CN', 'ast']) {
      assert.equal(body.parse({ ...draft, _lang: tag })._lang, tag);
    }
    const long = `nl-${'abcdefgh-'.repeat(4)}x`;
    assert.ok(long.length > MAX_LANG);
    for (const bad of ['en_GB', 'x', 'nl-', 'nl-abcdefghi', '', long, 5, null, ['nl']]) {
      const r = body.safeParse({ ...draft, _lang: bad });
      assert.equal(r.success, true, String(bad));
      assert.equal(r.data?._lang, undefined, String(bad));
    }
  });
});
