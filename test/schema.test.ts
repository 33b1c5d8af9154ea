// The shared schema as Chromium runs it: the same verdicts as in Node (test/node/schema.test.ts).
import { expect } from '@open-wc/testing';
import { commentSchema, validateDraft } from '../src/schema.js';
import { ACCEPTED_WEBSITES, REFUSED_WEBSITES } from './url-samples.js';

const ok = { content: 'Hello', name: 'Ada', email: 'ada@example.com' };

describe('shared schema in the browser', () => {
  it('accepts the same websites as Node, each one a URL this browser parses', () => {
    for (const [typed, stored] of ACCEPTED_WEBSITES) {
      const r = validateDraft({ ...ok, url: typed });
      expect(r.success ? r.data.url : r.errors, typed).to.equal(stored);
      expect(() => new URL(stored), stored).not.to.throw();
      const listed = {
        id: 'c',
        parentId: null,
        authorName: 'A',
        authorUrl: stored,
        avatarSeed: 's',
        content: 'x',
        createdAt: '2026-01-01T00:00:00Z',
        status: 'approved',
      };
      expect(commentSchema.safeParse(listed).success, stored).to.equal(true);
    }
  });

  it('refuses the same websites as Node, with the same keys', () => {
    for (const [typed, key] of REFUSED_WEBSITES) {
      const r = validateDraft({ ...ok, url: typed });
      expect(r.success ? 'accepted' : r.errors.url, typed).to.deep.equal([key]);
    }
  });

  it('treats text of only invisible characters as empty', () => {
    for (const blank of [
      '\u200B\u200B',
      '\u2060\u2060',
      '\u200B\u3000\u200B',
      '\uFEFF',
      '\u00AD',
      '\u202E\u2066',
      '\uFE0F',
      '\u2800',
    ]) {
      const r = validateDraft({ ...ok, content: blank, name: blank });
      expect(r.success ? {} : r.errors, JSON.stringify(blank)).to.deep.equal({
        content: ['required'],
        name: ['required'],
      });
    }
  });
});
