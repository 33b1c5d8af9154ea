/** ETags and `If-None-Match`: one validator for the comment pages and the static files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etagOf, noneMatch } from '../../src/http/etag.js';

describe('etag', () => {
  it('is a strong, quoted content hash: the same for the same bytes, as text or buffer', () => {
    const tag = etagOf('{"comments":[]}');
    assert.match(tag, /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal(etagOf(Buffer.from('{"comments":[]}')), tag);
    assert.notEqual(etagOf('{"comments":[1]}'), tag);
  });

  it('matches If-None-Match weakly, in a list, or as *', () => {
    const tag = etagOf('x');
    assert.equal(noneMatch(undefined, tag), false);
    assert.equal(noneMatch('', tag), false);
    assert.equal(noneMatch(tag, tag), true);
    assert.equal(noneMatch(`W/${tag}`, tag), true);
    assert.equal(noneMatch(`"other", ${tag}`, tag), true);
    assert.equal(noneMatch(' * ', tag), true);
    assert.equal(noneMatch('"other"', tag), false);
  });
});
