import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS, normalizeUrl, validateDraft } from '../../src/schema.js';

const ok = { content: 'Hello', name: 'Ada', email: 'ada@example.com', url: '' };

describe('shared draft schema (as the server runs it)', () => {
  it('accepts a valid draft and trims it', () => {
    const r = validateDraft({ ...ok, content: '  Hello  ' });
    assert.equal(r.success, true);
    if (r.success) assert.equal(r.data.content, 'Hello');
  });

  it('requires comment, name and email by default, and not when switched off', () => {
    const r = validateDraft({ content: '', name: '', email: '' });
    assert.deepEqual(r.success ? {} : r.errors, { content: ['required'], name: ['required'], email: ['required'] });
    const relaxed = validateDraft({ content: 'x' }, { requireNameEmail: false });
    assert.equal(relaxed.success, true);
  });

  it('refuses over-long fields at exactly one past each limit, never truncating', () => {
    for (const [field, max] of Object.entries(LIMITS)) {
      const value = field === 'email' ? `${'a'.repeat(max - 8)}@exa.com` : field === 'url' ? `https://e.com/${'a'.repeat(max - 14)}` : 'a'.repeat(max);
      assert.equal(value.length, max);
      assert.equal(validateDraft({ ...ok, [field]: value }).success, true, `${field} at the limit`);
      const r = validateDraft({ ...ok, [field]: value + 'a' });
      assert.deepEqual(r.success ? [] : r.errors[field as keyof typeof r.errors], ['tooLong'], `${field} over the limit`);
    }
  });

  it('prefixes a bare domain with https:// and refuses other schemes', () => {
    assert.equal(normalizeUrl('example.com/x'), 'https://example.com/x');
    assert.equal(normalizeUrl('localhost:8080'), 'https://localhost:8080');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', 'mailto:a@b.c']) {
      const r = validateDraft({ ...ok, url: bad });
      assert.deepEqual(r.success ? [] : r.errors.url, ['unsafeUrl'], bad);
    }
  });

  it('refuses NUL bytes, lone surrogates, wrong types and unknown fields', () => {
    const r = validateDraft({ ...ok, content: 'a\0b', name: '\uD800x', email: 5, status: 'approved' });
    assert.equal(r.success, false);
    if (!r.success) {
      assert.deepEqual(r.errors.content, ['invalidText']);
      assert.deepEqual(r.errors.name, ['invalidText']);
      assert.deepEqual(r.errors.email, ['invalidType']);
      assert.deepEqual(r.errors.form, ['unknownField']);
    }
  });

  it('refuses malformed emails', () => {
    for (const bad of ['a', 'a@b', '@b.co', 'a b@c.co', 'a@b.c']) {
      const r = validateDraft({ ...ok, email: bad });
      assert.deepEqual(r.success ? [] : r.errors.email, ['invalidEmail'], bad);
    }
  });
});
