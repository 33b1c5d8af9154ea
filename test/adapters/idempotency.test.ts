import { expect } from '@open-wc/testing';
import { isReplay, requestBody } from '../../src/adapters/idempotency.js';
import { CommentAdapterError } from '../../src/adapters/types.js';

const draft = { content: 'Hi', name: 'Ada', email: 'ada@example.org', url: '', parentId: null };

describe('idempotency (shared by the in-browser adapters)', () => {
  it('a new key is no replay; the same body again is one', () => {
    const body = requestBody('t', draft);
    expect(isReplay(undefined, body)).to.equal(false);
    expect(isReplay({ body }, requestBody('t', { ...draft }))).to.equal(true);
  });

  it('refuses a key used for another body, or for another thread', () => {
    const earlier = { body: requestBody('t', draft) };
    for (const body of [requestBody('t', { ...draft, content: 'Other' }), requestBody('u', draft)]) {
      try {
        isReplay(earlier, body);
        expect.fail('no error');
      } catch (error) {
        expect(error).to.be.instanceOf(CommentAdapterError);
        expect((error as CommentAdapterError).code).to.equal('invalid');
        expect((error as CommentAdapterError).messageKey).to.equal('idempotencyMismatch');
      }
    }
  });
});
