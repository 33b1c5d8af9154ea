import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commentPageReader,
  commentSchema,
  isHttpUrl,
  keepFitting,
  LIMITS,
  normalizeUrl,
  validateDraft,
} from '../../src/schema.js';
import { ACCEPTED_WEBSITES, MALFORMED_PUNYCODE, REFUSED_WEBSITES } from '../url-samples.js';

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
      const value =
        field === 'email'
          ? `${'a'.repeat(max - 8)}@exa.com`
          : field === 'url'
            ? `https://e.com/${'a'.repeat(max - 14)}`
            : 'a'.repeat(max);
      assert.equal(value.length, max);
      assert.equal(validateDraft({ ...ok, [field]: value }).success, true, `${field} at the limit`);
      const r = validateDraft({ ...ok, [field]: value + 'a' });
      assert.deepEqual(
        r.success ? [] : r.errors[field as keyof typeof r.errors],
        ['tooLong'],
        `${field} over the limit`,
      );
    }
  });

  it('prefixes a bare domain with https:// and refuses other schemes', () => {
    assert.equal(normalizeUrl('example.com/x'), 'https://example.com/x');
    assert.equal(normalizeUrl('localhost:8080'), 'https://localhost:8080');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'mailto:a@b.c',
    ]) {
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

  it('accepts only websites every engine parses alike (the same table passes in Chromium)', () => {
    for (const [typed, stored] of ACCEPTED_WEBSITES) {
      const r = validateDraft({ ...ok, url: typed });
      assert.equal(r.success ? r.data.url : JSON.stringify(r.errors), stored, typed);
    }
    for (const [typed, key] of REFUSED_WEBSITES) {
      const r = validateDraft({ ...ok, url: typed });
      assert.deepEqual(r.success ? 'accepted' : r.errors.url, [key], typed);
    }
    for (const url of MALFORMED_PUNYCODE) assert.equal(isHttpUrl(url), false, url);
    // What an older version stored for `١٢٣`: Node's parser reads it, the shared check does not.
    assert.doesNotThrow(() => new URL('https://١٢٣'));
    assert.equal(isHttpUrl('https://١٢٣'), false);
  });

  it('treats text of only invisible characters as empty', () => {
    const blanks = [
      '\u200B\u200B',
      '\u2060\u2060',
      '\u200B\u3000\u200B',
      '\uFEFF',
      '\u00AD',
      '\u202E\u2066\u200E',
      '\uFE0F\u{E0100}',
      '\u3164',
      '\u2800',
      '\u00A0\u2003',
    ];
    for (const blank of blanks) {
      const r = validateDraft({ ...ok, content: blank, name: blank, email: blank });
      assert.deepEqual(
        r.success ? {} : r.errors,
        { content: ['required'], name: ['required'], email: ['required'] },
        JSON.stringify(blank),
      );
      const anonymous = validateDraft({ content: `Hi${blank}`, name: blank }, { requireNameEmail: false });
      assert.equal(anonymous.success && anonymous.data.name, '', JSON.stringify(blank));
    }
    // Visible text with invisible characters in it is kept as typed.
    const joined = validateDraft({ ...ok, content: 'a\u200Bb', name: '\u200BAda' });
    assert.equal(joined.success && `${joined.data.content}|${joined.data.name}`, 'a\u200Bb|\u200BAda');
  });

  it("counts length in UTF-16 units, as a browser's maxlength does", () => {
    for (const content of ['😀'.repeat(32_762), 'é'.repeat(65_525), '中'.repeat(50_000)]) {
      assert.equal(validateDraft({ ...ok, content }).success, true, content.slice(0, 2));
    }
    const over = validateDraft({ ...ok, content: '😀'.repeat(32_763) });
    assert.deepEqual(over.success ? [] : over.errors.content, ['tooLong']);
  });
});

describe('reading a page comment by comment', () => {
  const good = (id: string, parentId: string | null = null) => ({
    id,
    parentId,
    authorName: 'Ada',
    authorUrl: null,
    avatarSeed: 's',
    content: `Comment ${id}`,
    createdAt: '2026-01-01T12:00:00Z',
    status: 'approved',
  });

  it('leaves out a comment that does not fit, keeps its neighbours and counts it', () => {
    const bad = { ...good('2'), authorUrl: 'https://١٢٣' };
    const r = commentPageReader.safeParse({ comments: [good('1'), bad, good('3', '2')], nextCursor: null, total: 3 });
    assert.equal(r.success, true);
    if (!r.success) return;
    assert.deepEqual(
      r.data.comments.map((c) => c.id),
      ['1', '3'],
    );
    assert.equal(r.data.dropped, 1);
    assert.equal(r.data.total, 3);
  });

  it('adds to what the adapter counted, says nothing when all fit, and still refuses a malformed page', () => {
    const counted = commentPageReader.safeParse({ comments: [{ id: 5 }], nextCursor: null, total: 1, dropped: 2 });
    assert.equal(counted.success && counted.data.dropped, 3);
    const clean = commentPageReader.safeParse({ comments: [good('1')], nextCursor: null, total: 1 });
    assert.equal(clean.success && 'dropped' in clean.data, false);
    for (const page of [
      { comments: 'x', nextCursor: null, total: 1 },
      { comments: [], total: 1 },
      { comments: [], nextCursor: null, total: -1 },
      null,
    ]) {
      assert.equal(commentPageReader.safeParse(page).success, false, JSON.stringify(page));
    }
  });

  it('does not parse again a comment it made with the same schema (an adapter parsed it already)', () => {
    let parses = 0;
    const counting = (schema: typeof commentSchema) =>
      ({ ...schema, safeParse: (v: unknown) => (parses++, schema.safeParse(v)) }) as typeof commentSchema;
    const schema = counting(commentSchema);
    const stored = keepFitting(schema, [good('1'), good('2', '1')]).kept;
    assert.equal(parses, 2);
    // What the memory adapter keeps, the element reads again: the same objects, not parsed again.
    const page = keepFitting(schema, [stored[0], stored[1], good('3')]);
    assert.equal(parses, 3);
    assert.deepEqual(
      page.kept.map((c) => c.id),
      ['1', '2', '3'],
    );
    assert.equal(page.kept[0], stored[0]);
    // A copy, or another schema's, is parsed.
    keepFitting(schema, [{ ...stored[0] }]);
    keepFitting(counting(commentSchema), [stored[0]]);
    assert.equal(parses, 5);
  });
});
