/** The moderation rules: links, spam words, block lists, honeypot, first-time and held posts, posts sent too fast. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../src/config.js';
import { countLinks, EMPTY_BLOCK_LISTS, isIpEntry, moderate, tooFastRetryAfter } from '../../src/policy/moderation.js';

const post = {
  content: 'Hello',
  name: 'Ada',
  email: 'ada@example.com',
  url: '',
  ip: '192.0.2.1',
  userAgent: 'ua',
  honeypot: false,
};

describe('moderation', () => {
  it('counts links', () => {
    assert.equal(countLinks('no links here'), 0);
    assert.equal(countLinks('see https://a.example and www.b.example and HTTP://c.example'), 3);
  });

  it('sends honeypot and spam words to spam, holds by mode and by links, approves the rest, and says why', () => {
    const config = { ...defaultConfig({}), moderation: 'none' as const, maxLinks: 2, spamWords: ['casino'] };
    assert.deepEqual(moderate(config, post, false), { status: 'approved', reason: null });
    assert.deepEqual(moderate(config, { ...post, honeypot: true }, true), {
      status: 'spam',
      reason: { code: 'honeypot' },
    });
    assert.deepEqual(moderate(config, { ...post, userAgent: 'CASINO bot' }, true), {
      status: 'spam',
      reason: { code: 'spam-word', detail: 'casino' },
    });
    assert.deepEqual(moderate(config, { ...post, content: 'https://a.example www.b.example' }, true), {
      status: 'pending',
      reason: { code: 'links' },
    });
    assert.deepEqual(moderate({ ...config, moderation: 'all' }, post, true), {
      status: 'pending',
      reason: { code: 'all' },
    });
    assert.deepEqual(moderate({ ...config, moderation: 'first-time' }, post, false), {
      status: 'pending',
      reason: { code: 'first-time' },
    });
    assert.equal(moderate({ ...config, moderation: 'first-time' }, post, true).status, 'approved');
  });

  it('applies the block lists literally: words, emails and domains, addresses and ranges, to hold or to spam', () => {
    const blocks = {
      words: { hold: ['Cheap Pills'], spam: ['v1agra'] },
      emails: { hold: ['watch@example.org'], spam: ['spam.example'] },
      ips: { hold: ['198.51.100.0/24'], spam: ['203.0.113.9', '2001:db8::/32'] },
    };
    const config = { ...defaultConfig({}), moderation: 'none' as const, blocks };
    const decide = (over: Partial<typeof post>) => moderate(config, { ...post, ...over }, true);
    assert.deepEqual(decide({ content: 'buy CHEAP pills now' }), {
      status: 'pending',
      reason: { code: 'block-word', detail: 'Cheap Pills' },
    });
    assert.equal(decide({ name: 'V1AGRA' }).status, 'spam');
    assert.deepEqual(decide({ email: 'x@mail.SPAM.example' }), {
      status: 'spam',
      reason: { code: 'block-email', detail: 'spam.example' },
    });
    assert.equal(decide({ email: 'x@notspam.example' }).status, 'approved', 'a domain, not a suffix');
    assert.equal(decide({ email: 'Watch@Example.org' }).status, 'pending');
    assert.equal(decide({ email: 'other@example.org' }).status, 'approved');
    assert.deepEqual(decide({ ip: '198.51.100.77' }), {
      status: 'pending',
      reason: { code: 'block-ip', detail: '198.51.100.0/24' },
    });
    assert.equal(decide({ ip: '198.51.101.1' }).status, 'approved');
    assert.equal(decide({ ip: '203.0.113.9' }).status, 'spam');
    assert.equal(decide({ ip: '2001:db8:1::5' }).status, 'spam');
    // Regular-expression syntax is plain text: nothing the owner writes is a pattern.
    const literal = { ...config, blocks: { ...EMPTY_BLOCK_LISTS, words: { hold: ['a.*b'], spam: [] } } };
    assert.equal(moderate(literal, { ...post, content: 'axxb' }, true).status, 'approved');
    assert.equal(moderate(literal, { ...post, content: 'see a.*b' }, true).status, 'pending');
    assert.equal(isIpEntry('10.0.0.0/8'), true);
    assert.equal(isIpEntry('10.0.0.0/33'), false);
    assert.equal(isIpEntry('example.com'), false);
  });

  it('asks a post sent too soon after its form was shown to wait the rest, in whole seconds', () => {
    assert.equal(tooFastRetryAfter(0, undefined), null, 'no minimum');
    assert.equal(tooFastRetryAfter(3000, 3000), null);
    assert.equal(tooFastRetryAfter(3000, 2999), 1);
    assert.equal(tooFastRetryAfter(3000, undefined), 3, 'no `_t` counts as 0');
    assert.equal(tooFastRetryAfter(5000, 1000), 4);
  });
});
