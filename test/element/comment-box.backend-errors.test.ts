import { expect } from '@open-wc/testing';
import { createRestAdapter } from '../../src/adapters/rest.js';
import { CommentAdapterError, type AdapterErrorCode, type CommentAdapter } from '../../src/adapters/types.js';
import type { TranslationOverrides } from '../../src/i18n/localize.js';
import { safeStorage } from '../../src/storage.js';
import de from '../../src/i18n/translations/de.js';
import en from '../../src/i18n/translations/en.js';
import { $, comment, fill, mount, post, spyAdapter, text } from '../helpers.js';

/** A comment-box server (canned answers) that lists one comment and answers every post with `status` and `body`. */
function serverAnswering(status: number, body: unknown): CommentAdapter {
  const adapter = createRestAdapter({
    endpoint: '',
    storage: safeStorage(null),
    fetch: async (_input, init) =>
      init?.method === 'POST'
        ? Response.json(body, { status })
        : Response.json({ comments: [comment('1', null, 'Ada', 'First')], nextCursor: null, total: 1 }),
  });
  // No live updates: there is no server to stream from.
  return { ...adapter, subscribe: undefined };
}

/** A backend whose every post fails with `error`. */
function failingWith(error: CommentAdapterError): CommentAdapter {
  const { adapter } = spyAdapter();
  return {
    ...adapter,
    create: async () => {
      throw error;
    },
  };
}

beforeEach(() => localStorage.clear());

describe('<comment-box> treats every key a backend sends as data', () => {
  it('a 422 with unknown field error keys shows a generic message on the field, and the form recovers', async () => {
    const el = await mount(
      serverAnswering(422, {
        fields: { content: ['noSuchKey'], email: ['constructor', 'invalidEmail'], title: ['required'] },
      }),
    );
    await fill(el);
    await post(el);
    expect(text($(el, '[part="submit-button"]'))).to.equal(en.postComment);
    expect(text($(el, '#comment-error'))).to.equal(en.errors.invalidType('Comment', 0));
    expect(text($(el, '#email-error'))).to.equal(
      `${en.errors.invalidType('Email', 0)} ${en.errors.invalidEmail('Email', 0)}`,
    );
    expect(text($(el, '[part="form-error"]'))).to.equal(en.failures.invalid);
    await expect(el).to.be.accessible();
  });

  it('localizes the generic field message', async () => {
    const el = await mount(serverAnswering(422, { fields: { content: ['fromTheFuture'] } }), { lang: 'de' });
    await fill(el);
    await post(el);
    expect(text($(el, '#comment-error'))).to.equal(de.errors.invalidType('Kommentar', 0));
  });

  it('never shows a prototype’s member for a message key or a code', async () => {
    for (const [error, expected] of [
      [new CommentAdapterError('unauthorized', 'x', { messageKey: 'constructor' }), en.failures.unauthorized],
      [new CommentAdapterError('conflict', 'x', { messageKey: '__proto__' }), en.failures.conflict],
      [new CommentAdapterError('invalid', 'x', { messageKey: 'toString' }), en.failures.invalid],
      [new CommentAdapterError('hasOwnProperty' as AdapterErrorCode, 'x'), en.failures.unavailable],
    ] as const) {
      const el = await mount(failingWith(error));
      await fill(el);
      await post(el);
      expect(text($(el, '[part="form-error"]'))).to.equal(expected);
    }
  });

  it('a 422 whose messageKey is "constructor" shows the code’s message', async () => {
    const el = await mount(serverAnswering(403, { messageKey: 'constructor' }));
    await fill(el);
    await post(el);
    expect(text($(el, '[part="form-error"]'))).to.equal(en.failures.unauthorized);
    expect(text($(el, '[part="form-error"]'))).to.not.contain('native code');
  });

  it('field errors changed after the error was made still render (own keys only)', async () => {
    const error = new CommentAdapterError('invalid', 'x', { fields: { name: ['required'] } });
    Object.assign(error.fields, { content: ['toString', 'noSuchKey'] });
    const el = await mount(failingWith(error));
    await fill(el);
    await post(el);
    expect(text($(el, '#comment-error'))).to.equal(
      `${en.errors.invalidType('Comment', 0)} ${en.errors.invalidType('Comment', 0)}`,
    );
    expect(text($(el, '#name-error'))).to.equal(en.errors.required('Name', 0));
  });

  it('`strings` entries of the wrong kind are ignored instead of breaking rendering', async () => {
    const { adapter } = spyAdapter({ threads: { t: [comment('1', null, 'Ada', 'First')] } });
    const el = await mount(adapter);
    el.strings = {
      leaveReply: 'Join in',
      commentCount: 'many',
      replyTo: 42,
      errors: { required: 'Fill it in', tooLong: (field: string) => `${field}: shorter, please` },
      failures: { 'rate-limited': 'Slow down', network: () => 'no' },
      $dir: 'sideways',
      notAKey: () => 'x',
    } as unknown as TranslationOverrides;
    await el.updateComplete;
    expect(text($(el, '[part="form-heading"]'))).to.equal('Join in');
    expect(text($(el, '[part="count-heading"]'))).to.equal('1 Comment');
    expect($(el, '[part="reply-button"]')!.getAttribute('aria-label')).to.equal(en.replyTo('\u2068Ada\u2069'));
    expect($(el, '[part="base"]')!.getAttribute('dir')).to.equal('ltr');
    await el.submit();
    expect(text($(el, '#comment-error'))).to.equal(en.errors.required('Comment', 0));
    await expect(el).to.be.accessible();
    el.strings = null as unknown as TranslationOverrides;
    await el.updateComplete;
    expect(text($(el, '[part="form-heading"]'))).to.equal(en.leaveReply);
  });
});
