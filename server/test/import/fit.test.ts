/** Imported comments fit the shared schemas, or fail with a reason: never stored unfit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from 'comment-box/schema.js';
import { cleanIp, fitComment, storedDate } from '../../src/import/fit.js';

const base = { content: 'Text', name: 'Ada', email: 'ada@example.com', url: 'https://ada.example', placeholder: false };

describe('fitComment', () => {
  it('drops an unsafe or invalid author URL and an invalid email; cuts a long name; lower-cases the email', () => {
    const fitted = fitComment({
      ...base,
      url: 'javascript:alert(1)',
      email: 'not an email',
      name: `${'n'.repeat(300)}😀`,
    });
    assert.ok(fitted.ok);
    assert.equal(fitted.url, '');
    assert.equal(fitted.email, '');
    assert.equal(fitted.name.length, LIMITS.name);
    assert.deepEqual(fitted.changed.sort(), [
      'author URL dropped (not a safe http(s) URL)',
      'email dropped (not an email address)',
      'name cut to its limit',
    ]);
    const https = fitComment({ ...base, url: 'https://١٢٣', email: 'ADA@Example.COM' });
    assert.ok(https.ok);
    assert.deepEqual([https.url, https.email], ['', 'ada@example.com']);
    assert.equal((fitComment({ ...base, url: 'ada.example/me' }) as { url: string }).url, 'https://ada.example/me');
  });

  it('fails an empty or over-long body, and removes NUL bytes and lone surrogates', () => {
    assert.deepEqual(fitComment({ ...base, content: ' \u200b ' }), {
      ok: false,
      reason: 'its text is empty once converted',
    });
    assert.deepEqual(fitComment({ ...base, content: 'x'.repeat(LIMITS.content + 1) }), {
      ok: false,
      reason: `its text is longer than ${LIMITS.content}`,
    });
    const cleaned = fitComment({ ...base, content: 'a\0b\uD800c' });
    assert.ok(cleaned.ok);
    assert.equal(cleaned.content, 'ab\uFFFDc');
    const placeholder = fitComment({ ...base, content: '', name: '', email: '', url: '', placeholder: true });
    assert.ok(placeholder.ok);
    assert.equal(placeholder.content, '');
  });

  it('keeps dates with a zone as UTC milliseconds, and only IP addresses', () => {
    assert.equal(storedDate('2019-03-02T10:00:00Z'), '2019-03-02T10:00:00.000Z');
    assert.equal(storedDate('2019-03-02T12:00:00+02:00'), '2019-03-02T10:00:00.000Z');
    assert.equal(storedDate('2019-02-30T10:00:00Z'), null);
    assert.equal(storedDate('yesterday'), null);
    assert.equal(cleanIp(' 2001:db8::1 '), '2001:db8::1');
    assert.equal(cleanIp('<script>'), '');
  });
});
