/** The moderation rules: links, spam words, honeypot, first-time and held posts, posts sent too fast. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../src/config.js';
import { countLinks, moderate, tooFastRetryAfter } from '../../src/policy/moderation.js';

describe('moderation', () => {
  it('counts links', () => {
    assert.equal(countLinks('no links here'), 0);
    assert.equal(countLinks('see https://a.example and www.b.example and HTTP://c.example'), 3);
  });

  it('sends honeypot and spam words to spam, holds by mode and by links, approves the rest', () => {
    const config = { ...defaultConfig({}), moderation: 'none' as const, maxLinks: 2, spamWords: ['casino'] };
    const post = {
      content: 'Hello',
      name: 'Ada',
      email: 'ada@example.com',
      url: '',
      ip: '192.0.2.1',
      userAgent: 'ua',
      honeypot: false,
    };
    assert.equal(moderate(config, post, false), 'approved');
    assert.equal(moderate(config, { ...post, honeypot: true }, true), 'spam');
    assert.equal(moderate(config, { ...post, userAgent: 'CASINO bot' }, true), 'spam');
    assert.equal(moderate(config, { ...post, content: 'https://a.example www.b.example' }, true), 'pending');
    assert.equal(moderate({ ...config, moderation: 'all' }, post, true), 'pending');
    assert.equal(moderate({ ...config, moderation: 'first-time' }, post, false), 'pending');
    assert.equal(moderate({ ...config, moderation: 'first-time' }, post, true), 'approved');
  });

  it('asks a post sent too soon after its form was shown to wait the rest, in whole seconds', () => {
    assert.equal(tooFastRetryAfter(0, undefined), null, 'no minimum');
    assert.equal(tooFastRetryAfter(3000, 3000), null);
    assert.equal(tooFastRetryAfter(3000, 2999), 1);
    assert.equal(tooFastRetryAfter(3000, undefined), 3, 'no `_t` counts as 0');
    assert.equal(tooFastRetryAfter(5000, 1000), 4);
  });
});
