import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LIMITS } from '../../src/schema.js';
import { CommentBoxErrorEvent, CommentBoxSubmitEvent, CommentBoxSubmittedEvent } from '../../src/element/events.js';
import { $, $$, fill, mount, post, spyAdapter, text, type } from '../helpers.js';

beforeEach(() => localStorage.clear());

describe('<comment-box> form: parity with WordPress', () => {
  it('shows WordPress’s exact strings, fields in order, required markers and limits', async () => {
    const el = await mount(spyAdapter().adapter);
    expect(text($(el, '[part="form-heading"]'))).to.equal('Leave a Reply');
    expect(text($(el, '.notes'))).to.equal('Your email address will not be published. Required fields are marked *');
    const labels = $$(el, 'form label').map((l) => text(l));
    expect(labels).to.deep.equal([
      'Comment *',
      'Name *',
      'Email *',
      'Website',
      'Save my name, email, and website in this browser for the next time I comment.',
    ]);
    expect(text($(el, '[part="submit-button"]'))).to.equal('Post Comment');
    const fields = $$<HTMLInputElement>(el, 'form textarea, form input');
    expect(fields.map((f) => f.id)).to.deep.equal(['comment', 'name', 'email', 'url', 'save-details']);
    for (const id of ['comment', 'name', 'email']) {
      const f = $(el, `#${id}`)!;
      expect(f.hasAttribute('required'), id).to.equal(true);
      expect(f.getAttribute('aria-required'), id).to.equal('true');
    }
    expect($(el, '#url')!.hasAttribute('required')).to.equal(false);
    expect($(el, '#comment')!.getAttribute('maxlength')).to.equal(String(LIMITS.content));
    expect($(el, '#name')!.getAttribute('maxlength')).to.equal(String(LIMITS.name));
    expect($(el, '#email')!.getAttribute('maxlength')).to.equal(String(LIMITS.email));
    expect($(el, '#url')!.getAttribute('maxlength')).to.equal(String(LIMITS.url));
    expect($(el, '#name')!.getAttribute('autocomplete')).to.equal('name');
    expect($(el, '#email')!.getAttribute('autocomplete')).to.equal('email');
    expect($(el, '#url')!.getAttribute('autocomplete')).to.equal('url');
    const describedBy = $(el, '#email')!.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy).to.include('email-notes');
    expect(text($(el, '#email-notes'))).to.equal('Your email address will not be published.');
    await expect(el).to.be.accessible();
  });

  it('require-name-email="false" drops the requirement and its markers, and posts without them', async () => {
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter, { 'require-name-email': 'false' });
    expect(el.requireNameEmail).to.equal(false);
    expect($(el, '#name')!.hasAttribute('required')).to.equal(false);
    expect($(el, '#email')!.hasAttribute('required')).to.equal(false);
    expect(text($(el, 'label[for="name"]'))).to.equal('Name');
    expect(text($(el, 'label[for="comment"]'))).to.equal('Comment *');
    await type(el, 'comment', 'No name needed');
    await post(el);
    expect(calls.create).to.have.length(1);
  });

  it('an empty submit shows every error, moves focus to the first invalid field and stores nothing', async () => {
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter);
    let submitEvents = 0;
    el.addEventListener('comment-box-submit', () => submitEvents++);
    await post(el);
    expect(calls.create).to.have.length(0);
    expect(submitEvents).to.equal(0);
    for (const id of ['comment', 'name', 'email']) {
      expect($(el, `#${id}`)!.getAttribute('aria-invalid'), id).to.equal('true');
      expect(text($(el, `#${id}-error`)), id).to.not.equal('');
    }
    expect($(el, '#url')!.hasAttribute('aria-invalid')).to.equal(false);
    expect(el.shadowRoot!.activeElement?.id).to.equal('comment');
    expect(text($(el, '#comment-error'))).to.equal('Please fill in Comment.');
    const described = $(el, '#comment')!.getAttribute('aria-describedby');
    expect(described).to.equal('comment-error');
    expect((await spyAdapter().inner.list('t', { limit: 10, order: 'asc' })).comments).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows a field’s error only once it was touched and changed', async () => {
    const el = await mount(spyAdapter().adapter);
    await type(el, 'email', 'not-an-email', false);
    expect($(el, '#email-error') === null).to.equal(true);
    expect($(el, '#email')!.hasAttribute('aria-invalid')).to.equal(false);
    $(el, '#email')!.dispatchEvent(new FocusEvent('blur'));
    await el.updateComplete;
    expect(text($(el, '#email-error'))).to.equal('Please enter a valid email address.');
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    // Touched but never changed: no error.
    $(el, '#name')!.focus();
    $(el, '#name')!.dispatchEvent(new FocusEvent('blur'));
    await el.updateComplete;
    expect($(el, '#name-error') === null).to.equal(true);
    // Fixing the value removes the error and aria-invalid.
    await type(el, 'email', 'ok@example.com');
    expect($(el, '#email-error') === null).to.equal(true);
    expect($(el, '#email')!.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('gives a bare domain https:// and refuses other schemes with a clear message', async () => {
    const { adapter, inner } = spyAdapter();
    const el = await mount(adapter);
    await fill(el, 'Hi', 'Ada', 'ada@example.com', 'javascript:alert(1)');
    expect(text($(el, '#url-error'))).to.equal('Only web addresses that start with http:// or https:// are allowed.');
    await post(el);
    expect((await inner.list('t', { limit: 10, order: 'asc' })).comments).to.have.length(0);
    await type(el, 'url', 'example.com/ada');
    await post(el);
    const [stored] = (await inner.list('t', { limit: 10, order: 'asc' })).comments;
    expect(stored?.authorUrl).to.equal('https://example.com/ada');
  });

  it('refuses over-long text with a message naming the limit (the maxlength is the first guard)', async () => {
    const el = await mount(spyAdapter().adapter);
    await type(el, 'name', 'x'.repeat(LIMITS.name + 1));
    expect(text($(el, '#name-error'))).to.equal(`Name is too long (${LIMITS.name} characters at most).`);
  });

  it('closed: no form, no Reply buttons, and "Comments are closed."', async () => {
    const { adapter, inner } = spyAdapter();
    await inner.create(
      't',
      { content: 'Earlier', name: 'A', email: 'a@b.co', url: '', parentId: null },
      { idempotencyKey: 'k' },
    );
    const el = await mount(adapter, { closed: true });
    expect($(el, 'form') === null).to.equal(true);
    expect($(el, '[part="reply-button"]') === null).to.equal(true);
    expect(text($(el, '[part="closed"]'))).to.equal('Comments are closed.');
    expect($$(el, '[part~="comment"]')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('fires a cancelable comment-box-submit; cancelling stops the post', async () => {
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter);
    await fill(el);
    el.addEventListener('comment-box-submit', (e) => e.preventDefault(), { once: true });
    const fired = oneEvent(el, 'comment-box-submit');
    $<HTMLButtonElement>(el, '[part="submit-button"]')!.click();
    const event = (await fired) as unknown as CommentBoxSubmitEvent;
    expect(event).to.be.instanceOf(CommentBoxSubmitEvent);
    expect(event.draft.content).to.equal('Hello there');
    await el.updateComplete;
    expect(calls.create).to.have.length(0);
  });

  it('posts, shows the comment, clears the text and fires comment-box-submitted', async () => {
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter);
    await fill(el, 'First!\n\nSecond paragraph\nwith a break', 'Ada', 'ada@example.com', 'https://ada.example');
    const submitted = oneEvent(el, 'comment-box-submitted');
    await post(el);
    const event = (await submitted) as unknown as CommentBoxSubmittedEvent;
    expect(event.comment.content).to.equal('First!\n\nSecond paragraph\nwith a break');
    expect(calls.create).to.have.length(1);
    expect(text($(el, '[part="count-heading"]'))).to.equal('1 Comment');
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('');
    const body = $(el, '[part="comment-body"]')!;
    expect(body.querySelectorAll('p')).to.have.length(2);
    expect(body.querySelectorAll('br')).to.have.length(1);
    const author = $(el, '[part="author"] a')!;
    expect(author.getAttribute('href')).to.equal('https://ada.example');
    expect(author.getAttribute('rel')).to.equal('ugc nofollow noopener');
    expect($(el, 'time')!.getAttribute('datetime')).to.equal(event.comment.createdAt);
    expect(text($(el, 'time'))).to.not.equal('');
    // The email is never shown.
    expect(el.shadowRoot!.textContent).to.not.contain('ada@example.com');
    await expect(el).to.be.accessible();
  });

  it('can be used from the keyboard alone: type, Tab through the fields, Enter posts', async () => {
    const { sendKeys } = await import('@web/test-runner-commands');
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter);
    $(el, '#comment')!.focus();
    await sendKeys({ type: 'Typed with keys' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kim' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'kim@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect($<HTMLInputElement>(el, '#save-details')!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="submit-button"]'));
    await sendKeys({ press: 'Enter' });
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(calls.create.map((c) => c.content)).to.deep.equal(['Typed with keys']);
    expect(text($(el, '[part="author"]'))).to.equal('Kim');
  });
});

describe('<comment-box> never loses what the reader typed', () => {
  it('saves the draft per thread and reply target, restores it after a reload, clears it after the post', async () => {
    const { adapter } = spyAdapter();
    const first = await mount(adapter);
    await type(first, 'comment', 'Half a thought');
    first.remove();
    const again = await mount(adapter);
    expect($<HTMLTextAreaElement>(again, '#comment')!.value).to.equal('Half a thought');
    await fill(again, 'Half a thought, finished');
    await post(again);
    again.remove();
    const third = await mount(adapter);
    expect($<HTMLTextAreaElement>(third, '#comment')!.value).to.equal('');
    // Another thread has its own draft.
    const other = await fixture(html`<comment-box thread-id="other" .adapter=${adapter}></comment-box>`);
    await (other as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect((other.shadowRoot!.querySelector('#comment') as HTMLTextAreaElement).value).to.equal('');
  });

  it('keeps the text after a failed post, and posting again reuses the idempotency key', async () => {
    const { adapter, calls } = spyAdapter();
    let failures = 1;
    const flaky = {
      ...adapter,
      create: async (...args: Parameters<typeof adapter.create>) => {
        calls.create.push({ key: args[2].idempotencyKey, content: args[1].content });
        if (failures-- > 0) throw new TypeError('Failed to fetch');
        return adapter.create(...args);
      },
    };
    const el = await mount(flaky);
    await fill(el, 'Do not lose me');
    const errorEvent = oneEvent(el, 'comment-box-error');
    await post(el);
    const err = (await errorEvent) as unknown as CommentBoxErrorEvent;
    expect(err.phase).to.equal('submit');
    expect(err.error.code).to.equal('network');
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Do not lose me');
    expect(text($(el, '[part="form-error"]'))).to.contain('Could not reach the comment server');
    await expect(el).to.be.accessible();
    // Post Comment is the one way to try again (no Retry beside it doing the same).
    expect($(el, '[part="form-error"] button') === null).to.equal(true);
    await post(el);
    const keys = calls.create.map((c) => c.key);
    // spyAdapter's own create records too: the failed call, then the retry (twice: wrapper + inner spy).
    expect(new Set(keys).size).to.equal(1);
    expect($$(el, '[part~="comment"]')).to.have.length(1);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('');
  });

  it('a changed comment after a failure is a new submission with a new key', async () => {
    const { adapter } = spyAdapter();
    const keys: string[] = [];
    const failing = {
      ...adapter,
      create: async (...args: Parameters<typeof adapter.create>) => {
        keys.push(args[2].idempotencyKey);
        throw new TypeError('offline');
      },
    };
    const el = await mount(failing);
    await fill(el, 'Version one');
    await post(el);
    await type(el, 'comment', 'Version two');
    await post(el);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.not.equal(keys[1]);
  });

  it('says how long to wait when rate-limited', async () => {
    const { CommentAdapterError } = await import('../../src/adapters/types.js');
    const { adapter } = spyAdapter();
    const limited = {
      ...adapter,
      create: async () => {
        throw new CommentAdapterError('rate-limited', 'slow down', { retryAfter: 30 });
      },
    };
    const el = await mount(limited);
    await fill(el);
    await post(el);
    expect(text($(el, '[part="form-error"]'))).to.contain('Please wait 30 seconds');
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Hello there');
  });

  it('shows field errors the backend returns on the fields', async () => {
    const { CommentAdapterError } = await import('../../src/adapters/types.js');
    const { adapter } = spyAdapter();
    const strict = {
      ...adapter,
      create: async () => {
        throw new CommentAdapterError('invalid', 'bad', { fields: { email: ['invalidEmail'] } });
      },
    };
    const el = await mount(strict);
    await fill(el);
    await post(el);
    expect(text($(el, '#email-error'))).to.equal('Please enter a valid email address.');
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('saves name, email and website only when asked, and forgets them when unchecked', async () => {
    const { adapter } = spyAdapter();
    const el = await mount(adapter);
    expect($<HTMLInputElement>(el, '#save-details')!.checked).to.equal(false);
    await fill(el, 'One', 'Ada', 'ada@example.com', 'ada.example');
    await post(el);
    expect(localStorage.getItem('comment-box:v1:author')).to.equal(null);
    const box = $<HTMLInputElement>(el, '#save-details')!;
    box.click();
    await fill(el, 'Two', 'Ada', 'ada@example.com', 'ada.example');
    await post(el);
    el.remove();
    const again = await mount(adapter);
    expect($<HTMLInputElement>(again, '#save-details')!.checked).to.equal(true);
    expect($<HTMLInputElement>(again, '#name')!.value).to.equal('Ada');
    expect($<HTMLInputElement>(again, '#email')!.value).to.equal('ada@example.com');
    $<HTMLInputElement>(again, '#save-details')!.click();
    await again.updateComplete;
    expect(localStorage.getItem('comment-box:v1:author')).to.equal(null);
  });
});
