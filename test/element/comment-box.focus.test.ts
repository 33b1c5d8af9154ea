// Focus and announcements, from the keyboard alone (issue 12): after every step focus is on a
// sensible control, and that control shows a complete focus ring.
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { CommentAdapterError, type CommentAdapter } from '../../src/adapters/types.js';
import en from '../../src/i18n/translations/en.js';
import { $, $$, comment, fill, mount, text, type CommentBoxElement } from '../helpers.js';
import { expectFocusOn } from '../focus.js';

beforeEach(() => localStorage.clear());

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const submit = (el: CommentBoxElement) => $(el, '[part="submit-button"]');
const article = (el: CommentBoxElement, id: string) => $(el, `#comment-${id} > article`);
const aTick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Tabs from the comment field to Post Comment (Name, Email, Website, the checkbox, the button). */
async function tabToSubmit(el: CommentBoxElement) {
  $(el, '#comment')!.focus();
  for (let i = 0; i < 5; i++) await sendKeys({ press: 'Tab' });
  expectFocusOn(el, submit(el), 'Post Comment');
}

/** One announcement per event: the status region, never a role=alert copy of it. */
function expectOneAnnouncement(el: CommentBoxElement, message: string) {
  expect(text($(el, '[role="status"]'))).to.contain(message);
  expect($$(el, '[role="alert"], [aria-live="assertive"]')).to.have.length(0);
}

describe('<comment-box> focus: keyboard-only posting', () => {
  it('focus stays on Post Comment while posting, then moves to the new comment, ring visible', async () => {
    const inner = createMemoryAdapter();
    const wait = gate();
    const adapter: CommentAdapter = { ...inner, create: async (...a) => (await wait.opened, inner.create(...a)) };
    const el = await mount(adapter);
    $(el, '#comment')!.focus();
    await sendKeys({ type: 'Posted with keys' });
    expectFocusOn(el, $(el, '#comment'), 'the comment field');
    await fill(el, 'Posted with keys', 'Kim', 'kim@example.com');
    await tabToSubmit(el);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text(submit(el))).to.equal(en.posting);
    expect(submit(el)!.getAttribute('aria-disabled')).to.equal('true');
    expectFocusOn(el, submit(el), 'Post Comment while posting');
    await expect(el).to.be.accessible();
    // Enter again while posting sends nothing more.
    await sendKeys({ press: 'Enter' });
    wait.open();
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 1, 'the comment never showed');
    await el.updateComplete;
    const id = $$(el, 'li[part~="comment"]')[0]!.id.slice('comment-'.length);
    expectFocusOn(el, article(el, id), 'the new comment');
    expect((await inner.list('t', { limit: 10, order: 'asc' })).comments).to.have.length(1);
    await expect(el).to.be.accessible();
  });
});

describe('<comment-box> focus: the ring in every color mode', () => {
  it('a comment focused on its own (after a click too) shows a whole ring in light, dark and forced colors', async () => {
    const threads = { t: [comment('1', null, 'Femke', 'Top', 1), comment('2', '1', 'Marta', 'Deep reply', 2)] };
    const modes: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['light', () => emulateMedia({ colorScheme: 'light' }), async () => {}],
      ['dark', () => emulateMedia({ colorScheme: 'dark' }), () => emulateMedia({ colorScheme: 'light' })],
      [
        'forced colors',
        () => executeServerCommand('emulate-forced-colors', { active: true }),
        () => executeServerCommand('emulate-forced-colors', { active: false }),
      ],
    ];
    for (const [mode, enter, leave] of modes) {
      await enter();
      try {
        const el = await mount(createMemoryAdapter({ threads }));
        article(el, '2')!.focus();
        expectFocusOn(el, article(el, '2'), `the reply (${mode})`);
        expect(getComputedStyle(article(el, '2')!).outlineColor, mode).to.not.equal('rgba(0, 0, 0, 0)');
        el.remove();
      } finally {
        await leave();
      }
    }
  });
});

describe('<comment-box> focus: keyboard-only replying', () => {
  it('the reply field, then the posted reply, each with a whole ring', async () => {
    const el = await mount(
      createMemoryAdapter({
        threads: { t: [comment('1', null, 'Femke', 'Top one', 1), comment('2', '1', 'Marta', 'Hi', 2)] },
      }),
    );
    $(el, '#comment-2 [part="reply-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expectFocusOn(el, $(el, '#comment-2 #comment'), 'the reply field');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'A keyboard reply' });
    await fill(el, 'A keyboard reply', 'Kay', 'kay@example.com');
    await tabToSubmit(el);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '#comment-2 [part="replies"] li').length === 1, 'the reply never showed');
    await el.updateComplete;
    expectFocusOn(el, $(el, '#comment-2 [part="replies"] li > article'), 'the posted reply');
    await expect(el).to.be.accessible();
  });
});

describe('<comment-box> focus: a failed post and trying again', () => {
  it('focus moves to the one message; Tab reaches Post Comment, which posts again', async () => {
    const inner = createMemoryAdapter();
    let failures = 1;
    const adapter: CommentAdapter = {
      ...inner,
      create: async (...a) => {
        if (failures-- > 0) throw new TypeError('Failed to fetch');
        return inner.create(...a);
      },
    };
    const el = await mount(adapter);
    await fill(el, 'Try me twice');
    await tabToSubmit(el);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part="form-error"]'), 'no failure shown');
    await el.updateComplete;
    const error = $(el, '[part="form-error"]');
    expectFocusOn(el, error, 'the failure');
    expect(text(error)).to.equal(en.failures.network);
    // One way to try again: no Retry beside Post Comment.
    expect(error!.querySelector('button') === null).to.equal(true);
    expectOneAnnouncement(el, en.failures.network);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expectFocusOn(el, submit(el), 'Post Comment after the failure');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 1, 'the retry never posted');
    await el.updateComplete;
    expect($(el, '[part="form-error"]') === null).to.equal(true);
    expectFocusOn(el, $(el, 'li[part~="comment"] > article'), 'the new comment');
    await expect(el).to.be.accessible();
  });

  it('rate-limited: the wait counts down, posting waits for it, then Post Comment works again', async () => {
    const inner = createMemoryAdapter();
    let calls = 0;
    const adapter: CommentAdapter = {
      ...inner,
      create: async (...a) => {
        if (calls++ === 0) throw new CommentAdapterError('rate-limited', 'slow down', { retryAfter: 2 });
        return inner.create(...a);
      },
    };
    const el = await mount(adapter);
    await fill(el, 'Not so fast');
    await tabToSubmit(el);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part="form-error"]'), 'no failure shown');
    await el.updateComplete;
    expectFocusOn(el, $(el, '[part="form-error"]'), 'the failure');
    expect(text($(el, '[part="form-error"]'))).to.equal(en.failures['rate-limited'](2));
    expect(submit(el)!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    // Posting during the wait sends nothing.
    submit(el)!.click();
    await aTick();
    expect(calls).to.equal(1);
    await waitUntil(() => text($(el, '[part="form-error"]')) === en.failures['rate-limited'](1), 'never counted down', {
      timeout: 2000,
    });
    expect(text($(el, '[role="status"]'))).to.equal(en.failures['rate-limited'](2));
    await waitUntil(() => !$(el, '[part="form-error"]'), 'the wait never ended', { timeout: 2000 });
    await el.updateComplete;
    expect(submit(el)!.getAttribute('aria-disabled')).to.equal('false');
    expectFocusOn(el, submit(el), 'Post Comment after the wait');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 1, 'posting never worked again');
    expect(calls).to.equal(2);
  });
});

describe('<comment-box> focus: Load more and New comments', () => {
  it('Load more keeps focus while it remains, then focus goes to the first comment it showed', async () => {
    const list = Array.from({ length: 5 }, (_, i) => comment(`t${i}`, null, `P${i}`, `Thread ${i}`, i));
    const inner = createMemoryAdapter({ threads: { t: list } });
    let wait = gate();
    const adapter: CommentAdapter = {
      ...inner,
      list: async (thread, o) => {
        if (o.cursor) await wait.opened;
        return inner.list(thread, o);
      },
    };
    const el = await mount(adapter, { 'page-size': '2' });
    const more = () => $(el, '[part="load-more"]');
    more()!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text(more())).to.equal(en.loadingMore);
    expect(more()!.getAttribute('aria-disabled')).to.equal('true');
    expectFocusOn(el, more(), 'Load more while loading');
    await expect(el).to.be.accessible();
    wait.open();
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 4, 'page two never showed');
    await el.updateComplete;
    expectFocusOn(el, more(), 'Load more, still there');
    wait = gate();
    wait.open();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 5, 'page three never showed');
    await el.updateComplete;
    expect(more() === null).to.equal(true);
    expectFocusOn(el, article(el, 't4'), 'the first comment Load more showed');
    await expect(el).to.be.accessible();
  });

  it('"N new comments" goes, and focus goes to the first comment it showed', async () => {
    const inner = createMemoryAdapter({ threads: { t: [comment('1', null, 'Femke', 'Top one', 1)] } });
    const el = await mount(inner);
    const draft = { name: 'Eve', email: 'e@x.co', url: '', parentId: null };
    const first = await inner.create('t', { ...draft, content: 'Live one' }, { idempotencyKey: 'a' });
    await inner.create('t', { ...draft, content: 'Live two' }, { idempotencyKey: 'b' });
    await waitUntil(() => $(el, '[part="new-comments"]'), 'no new comments offered');
    const button = $(el, '[part="new-comments"]')!;
    button.focus();
    expectFocusOn(el, button, 'New comments');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '[part="new-comments"]') === null).to.equal(true);
    expectFocusOn(el, article(el, first.id), 'the first new comment');
    await expect(el).to.be.accessible();
  });
});

describe('<comment-box> errors and counts a reader understands', () => {
  it('the Website field holding a bare domain is not invalid, natively or otherwise', async () => {
    const el = await mount(createMemoryAdapter());
    const url = $<HTMLInputElement>(el, '#url')!;
    expect(url.type).to.equal('text');
    expect(url.getAttribute('inputmode')).to.equal('url');
    expect(url.getAttribute('autocomplete')).to.equal('url');
    await fill(el, 'Hi', 'Ada', 'ada@example.com', 'example.com');
    expect(url.matches(':invalid')).to.equal(false);
    expect(url.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('inputs with errors look as invalid as the textarea', async () => {
    const el = await mount(createMemoryAdapter());
    submit(el)!.click();
    await el.updateComplete;
    const border = (id: string) => getComputedStyle($(el, `#${id}`)!).borderTopColor;
    expect($(el, '#name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(border('name')).to.equal(border('comment'));
    expect(border('email')).to.equal(border('comment'));
    expect(border('name')).to.equal(getComputedStyle($(el, '#name-error')!).color);
    expect(border('url')).to.not.equal(border('comment'));
  });

  it('the heading never says "0 Comments" while loading, nor when loading failed', async () => {
    const inner = createMemoryAdapter({ threads: { t: [comment('1', null, 'Femke', 'Top one', 1)] } });
    const wait = gate();
    let fail = true;
    const adapter: CommentAdapter = {
      ...inner,
      list: async (thread, o) => {
        await wait.opened;
        if (fail) throw new CommentAdapterError('unavailable', 'down');
        return inner.list(thread, o);
      },
    };
    const el = document.createElement('comment-box');
    el.threadId = 't';
    el.adapter = adapter;
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(text($(el, '[part="count-heading"]'))).to.equal(en.comments);
      wait.open();
      await waitUntil(() => $(el, '[part="status"].error'), 'never failed');
      expect(text($(el, '[part="count-heading"]'))).to.equal(en.comments);
      expectOneAnnouncement(el, en.loadError);
      await expect(el).to.be.accessible();
      fail = false;
      $<HTMLButtonElement>(el, '[part="status"] button')!.click();
      await waitUntil(() => text($(el, '[part="count-heading"]')) === '1 Comment', 'never counted');
    } finally {
      el.remove();
    }
  });
});
