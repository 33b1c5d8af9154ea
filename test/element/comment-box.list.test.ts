import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { registerAdapter } from '../../src/adapters/registry.js';
import { CommentAdapterError, type CommentAdapter } from '../../src/adapters/types.js';
import type { CommentBoxErrorEvent } from '../../src/element/events.js';
import type { Comment } from '../../src/schema.js';
import { RENDER_CHUNK } from '../../src/element/controllers/thread-controller.js';
import {
  $,
  $$,
  comment,
  fill,
  mount,
  post,
  settle,
  spyAdapter,
  text,
  type,
  type CommentBoxElement,
} from '../helpers.js';

beforeEach(() => localStorage.clear());

const seeded = () =>
  createMemoryAdapter({
    threads: {
      t: [
        comment('1', null, 'Femke', 'Top one', 1),
        comment('2', '1', 'Marta', 'Reply to Femke', 2, { authorUrl: 'https://marta.example/' }),
        comment('3', '2', 'Olu', 'Deeper', 3),
        comment('4', '3', 'Kim', 'Deeper still', 4),
        comment('5', null, 'Jonas', 'Top two', 5),
      ],
    },
  });

/**
 * Counts reads of a comment's text in the element's state from here on: rendering a comment reads
 * its body once, so this tells whether it was rendered again.
 */
function countReads(el: CommentBoxElement, id: string): { reads: number } {
  const state = (el as unknown as { thread: { comments: Array<{ id: string; content: string }> } }).thread.comments;
  const target = state.find((c) => c.id === id)!;
  const content = target.content;
  const counter = { reads: 0 };
  Object.defineProperty(target, 'content', { get: () => (counter.reads++, content) });
  return counter;
}

/**
 * Mounts an element whose backend answers only when released, with one page of `list`, and waits
 * for the first render of that page (its first chunk).
 */
async function mountAtFirstChunk(list: Comment[]): Promise<CommentBoxElement> {
  const inner = createMemoryAdapter({ threads: { t: list } });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const gated: CommentAdapter = { ...inner, list: async (thread, o) => (await gate, inner.list(thread, o)) };
  const el = await fixture<CommentBoxElement>(
    html`<comment-box thread-id="t" page-size="250" .adapter=${gated}></comment-box>`,
  );
  const loaded = oneEvent(el, 'comment-box-load');
  release();
  await loaded;
  await el.updateComplete;
  return el;
}

/** Depth of a comment: how many comment `li`s contain it. */
function depthOf(el: CommentBoxElement, id: string): number {
  let depth = 0;
  let node: Element | null = $(el, `#comment-${id}`);
  while (node) {
    if (node.matches('li[part~="comment"]')) depth++;
    node = node.parentElement;
  }
  return depth;
}

describe('<comment-box> list', () => {
  it('shows a count heading and nests replies under their parents', async () => {
    const el = await mount(seeded());
    expect(text($(el, '[part="count-heading"]'))).to.equal('5 Comments');
    expect(['1', '2', '3', '4', '5'].map((id) => depthOf(el, id))).to.deep.equal([1, 2, 3, 4, 1]);
    const author = $(el, '#comment-2 [part="author"] a')!;
    expect(author.getAttribute('rel')).to.equal('ugc nofollow noopener');
    expect(text($(el, '#comment-1 [part="author"]'))).to.equal('Femke');
    expect($(el, '#comment-1 > article [part="author"] a') === null).to.equal(true);
    const reply = $(el, '#comment-2 [part="reply-button"]')!;
    expect(reply.getAttribute('aria-label')).to.equal('Reply to \u2068Marta\u2069');
    expect(text(reply)).to.equal('Reply');
    await expect(el).to.be.accessible();
  });

  it('attaches replies deeper than max-depth at the deepest level', async () => {
    const el = await mount(seeded(), { 'max-depth': '2' });
    await settle(el);
    expect(['1', '2', '3', '4'].map((id) => depthOf(el, id))).to.deep.equal([1, 2, 2, 2]);
    const siblings = [...$(el, '#comment-1 > [part="replies"]')!.children].map((li) => li.id);
    expect(siblings).to.deep.equal(['comment-2', 'comment-3', 'comment-4']);
  });

  it('orders top-level comments newest first with order="desc"', async () => {
    const el = await mount(seeded(), { order: 'desc' });
    await settle(el);
    const top = [...$(el, '[part="comment-list"]')!.children].map((li) => li.id);
    expect(top).to.deep.equal(['comment-5', 'comment-1']);
  });

  it('pages by whole threads with "Load more comments"', async () => {
    const list = Array.from({ length: 5 }, (_, i) => comment(`t${i}`, null, `P${i}`, `Thread ${i}`, i));
    list.push(comment('r1', 't1', 'R', 'A reply on page one', 20));
    const el = await mount(createMemoryAdapter({ threads: { t: list } }), { 'page-size': '2' });
    await settle(el);
    expect($$(el, 'li[part~="comment"]').map((li) => li.id)).to.deep.equal(['comment-t0', 'comment-t1', 'comment-r1']);
    expect(text($(el, '[part="count-heading"]'))).to.equal('6 Comments');
    const more = () => $<HTMLButtonElement>(el, '[part="load-more"]');
    expect(text(more())).to.equal('Load more comments');
    more()!.click();
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 5);
    more()!.click();
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 6);
    await el.updateComplete;
    expect(more() === null).to.equal(true);
  });

  it('renders a comment without white-space text nodes or list markers between its parts', async () => {
    const el = await mount(seeded());
    const item = $(el, '#comment-1')!;
    const blank = [...item.querySelectorAll('*')]
      .flatMap((n) => [...n.childNodes])
      .filter((n) => n.nodeType === Node.TEXT_NODE && !n.textContent!.trim());
    expect(blank, 'white-space text nodes').to.have.length(0);
    // A one-line paragraph is its text alone, not a list (Lit marks each item of a list with two comments).
    const paragraph = $(el, '#comment-1 > article [part="comment-body"] p')!;
    expect([...paragraph.childNodes].filter((n) => n.nodeType === Node.COMMENT_NODE)).to.have.length(1);
  });

  it('renders for the first time in a task of its own, not in the one that connected it', async () => {
    const el = document.createElement('comment-box') as CommentBoxElement;
    el.adapter = createMemoryAdapter();
    document.body.append(el);
    try {
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect(el.hasUpdated).to.equal(false);
      expect(el.shadowRoot!.querySelector('form')).to.equal(null);
      await el.updateComplete;
      expect(el.hasUpdated).to.equal(true);
      expect(el.shadowRoot!.querySelector('form')).to.not.equal(null);
    } finally {
      el.remove();
    }
  });

  it('renders a long page in chunks of whole threads, then offers the next page', async () => {
    const list = Array.from({ length: 250 }, (_, i) => comment(`c${i}`, null, `P${i}`, `Comment ${i}`, i));
    list.push(comment('r0', 'c0', 'R', 'Reply', 300), comment('extra', null, 'Z', 'Next page', 400));
    const el = await mountAtFirstChunk(list);
    const first = $$(el, 'li[part~="comment"]').length;
    // Whole threads of RENDER_CHUNK comments: c0's thread has two.
    expect(first).to.be.within(RENDER_CHUNK, RENDER_CHUNK + 1);
    // The reply comes with its thread in the first chunk.
    expect($$(el, '#comment-c0 [part="replies"] li')).to.have.length(1);
    expect($(el, '[part="load-more"]') === null, 'load more before the page is shown').to.equal(true);
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 251, 'never rendered the whole page', {
      timeout: 4000,
    });
    await el.updateComplete;
    expect($(el, '[part="load-more"]') !== null).to.equal(true);
  });

  it('does not render a chunk again when the next one is added', async () => {
    const list = Array.from({ length: 250 }, (_, i) => comment(`c${i}`, null, `P${i}`, `Comment ${i}`, i));
    const el = await mountAtFirstChunk(list);
    expect($$(el, 'li[part~="comment"]').length).to.be.below(250);
    const first = countReads(el, 'c0');
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 250, 'never rendered the whole page', {
      timeout: 4000,
    });
    await el.updateComplete;
    expect(first.reads).to.equal(0);
    expect($(el, '#comment-c0 [part="comment-body"]')!.textContent).to.equal('Comment 0');
  });

  it("keeps every comment's DOM when the list changes after all chunks are shown", async () => {
    const list = Array.from({ length: 250 }, (_, i) => comment(`c${i}`, null, `P${i}`, `Comment ${i}`, i));
    const el = await mountAtFirstChunk(list);
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 250, 'never rendered the whole page', {
      timeout: 4000,
    });
    await el.updateComplete;
    const late = $(el, '#comment-c240')!;
    await fill(el, 'A new comment at the end');
    await post(el);
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 251, 'the new comment never showed', {
      timeout: 4000,
    });
    // The list is grouped again at the same chunk ends: the last chunks' comments are not made anew.
    expect($(el, '#comment-c240')).to.equal(late);
  });

  it('typing in the form does not re-render the comments', async () => {
    const el = await mount(seeded());
    const first = countReads(el, '1');
    await type(el, 'comment', 'Typing…');
    await type(el, 'name', 'Someone');
    expect(first.reads).to.equal(0);
    // A reply form lives inside the list, so the list renders with it.
    $(el, '#comment-5 [part="reply-button"]')!.click();
    await el.updateComplete;
    expect(first.reads).to.be.greaterThan(0);
  });

  it('typing in a reply form renders only the chunk of comments that holds it', async () => {
    const list = Array.from({ length: 150 }, (_, i) => comment(`c${i}`, null, `P${i}`, `Comment ${i}`, i));
    list.push(comment('r1', 'c120', 'R', 'A reply', 200), comment('r2', 'r1', 'S', 'A deeper reply', 201));
    const el = await mount(createMemoryAdapter({ threads: { t: list } }), { 'page-size': '200' });
    await waitUntil(() => $$(el, 'li[part~="comment"]').length === 152, 'never rendered the whole page', {
      timeout: 4000,
    });
    const far = countReads(el, 'c0');
    const near = countReads(el, 'c120');
    $(el, '#comment-r2 [part="reply-button"]')!.click();
    await el.updateComplete;
    const opened = { far: far.reads, near: near.reads };
    await type(el, 'comment', 'Typing a reply…');
    await type(el, 'name', 'Someone');
    expect(far.reads).to.equal(opened.far);
    expect(near.reads).to.be.greaterThan(opened.near);
    expect($(el, '#comment-r2 form') !== null, 'the reply form is under its comment').to.equal(true);
    expect(($(el, '#comment-r2 form #comment') as HTMLTextAreaElement).value).to.equal('Typing a reply…');
  });

  it('shows the empty state and the browser-only note on browser storage', async () => {
    const el = await mount(createMemoryAdapter());
    expect(text($(el, '[part="status"]'))).to.equal('No comments yet. Be the first to leave a reply.');
    expect(text($(el, '[part="storage-note"]'))).to.contain('kept in this browser only');
    expect(text($(el, '[part="count-heading"]'))).to.equal('0 Comments');
    await expect(el).to.be.accessible();
    const shared = await mount(spyAdapter().adapter);
    expect($(shared, '[part="storage-note"]') === null).to.equal(true);
  });

  it('uses browser storage with no backend configured, and a registered backend by name', async () => {
    const el = await fixture<CommentBoxElement>(html`<comment-box thread-id="zero"></comment-box>`);
    await settle(el);
    expect(el.adapter?.scope).to.equal('browser');
    await fill(el, 'Stored locally');
    await post(el);
    expect(localStorage.getItem('comment-box:v1:thread:zero')).to.contain('Stored locally');

    const named = spyAdapter();
    registerAdapter('test-named', () => named.adapter);
    const byName = await fixture<CommentBoxElement>(
      html`<comment-box thread-id="n" backend="test-named"></comment-box>`,
    );
    await settle(byName);
    expect(named.calls.list).to.equal(1);
    // A JS-assigned adapter wins over the attribute.
    const assigned = spyAdapter();
    byName.adapter = assigned.adapter;
    await settle(byName);
    expect(assigned.calls.list).to.equal(1);
  });

  it('shows an error state for an unknown backend', async () => {
    const el = await fixture<CommentBoxElement>(html`<comment-box thread-id="x" backend="nope"></comment-box>`);
    await settle(el);
    expect($(el, '[part="status"].error') !== null).to.equal(true);
  });

  it('defaults thread-id to the page path', async () => {
    const { adapter } = spyAdapter();
    const threads: string[] = [];
    const recording: CommentAdapter = {
      ...adapter,
      list: (thread, o) => (threads.push(thread), adapter.list(thread, o)),
    };
    const el = await fixture<CommentBoxElement>(html`<comment-box .adapter=${recording}></comment-box>`);
    await settle(el);
    expect(threads).to.deep.equal([location.pathname]);
  });
});

describe('<comment-box> load failures never break the page', () => {
  const failing = (list: CommentAdapter['list']): CommentAdapter => ({
    ...createMemoryAdapter(),
    scope: 'shared',
    list,
  });

  async function expectErrorState(adapter: CommentAdapter, timeout?: number) {
    const el = await fixture<CommentBoxElement>(
      html`<comment-box thread-id="t" .timeout=${timeout ?? 15000} .adapter=${adapter}></comment-box>`,
    );
    await waitUntil(() => $(el, '[part="status"].error'), 'no error state', { timeout: 4000 });
    expect(text($(el, '[part="status"]'))).to.contain('Comments could not be loaded.');
    // The form stays usable.
    expect($(el, 'form') !== null).to.equal(true);
    return el;
  }

  it('a rejecting adapter shows an error with Retry, and Retry loads', async () => {
    let fail = true;
    const inner = seeded();
    const adapter = failing((thread, o) =>
      fail ? Promise.reject(new CommentAdapterError('unavailable')) : inner.list(thread, o),
    );
    const errorEvent = new Promise<Event>((resolve) =>
      document.addEventListener('comment-box-error', resolve, { once: true }),
    );
    const el = await expectErrorState(adapter);
    expect(((await errorEvent) as unknown as { phase: string }).phase).to.equal('load');
    await expect(el).to.be.accessible();
    fail = false;
    const loaded = oneEvent(el, 'comment-box-load');
    [...$(el, '[part="status"]')!.querySelectorAll('button')].find((b) => text(b) === 'Retry')!.click();
    await loaded;
    await el.updateComplete;
    expect($$(el, 'li[part~="comment"]')).to.have.length(5);
  });

  it('an adapter that throws synchronously', async () => {
    await expectErrorState(
      failing(() => {
        throw new Error('boom');
      }),
    );
  });

  it('an adapter that returns garbage', async () => {
    const garbage = failing(async () => ({ comments: [{ id: 1, content: '<script>alert(1)</script>' }] }) as never);
    const el = await expectErrorState(garbage);
    expect(text($(el, '[part="status"]'))).to.contain('could not be read');
    expect(el.shadowRoot!.querySelector('script') === null).to.equal(true);
  });

  it('a comment that does not fit is left out: its neighbours and its reply show, and it is reported once', async () => {
    const page = {
      comments: [
        comment('1', null, 'Femke', 'Before it', 1),
        // What an older server stored for the website `١٢٣`: Chromium cannot parse it.
        comment('2', null, 'Mallory', 'The bad one', 2, { authorUrl: 'https://١٢٣' }),
        comment('3', '2', 'Olu', 'Reply to the bad one', 3),
        comment('4', null, 'Jonas', 'After it', 4),
      ],
      nextCursor: null,
      total: 4,
    };
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    const errors: Event[] = [];
    const onError = (event: Event) => errors.push(event);
    document.addEventListener('comment-box-error', onError);
    try {
      const el = await mount(failing(async () => page));
      expect($$(el, 'li[part~="comment"]').map((li) => li.id)).to.deep.equal(['comment-1', 'comment-3', 'comment-4']);
      expect(depthOf(el, '3'), 'a reply whose parent was left out shows at the top level').to.equal(1);
      expect($(el, '[part="status"].error'), 'the list is not in the error state').to.equal(null);
      expect(text($(el, '[part="count-heading"]'))).to.contain('4');
      expect(warnings.filter((w) => String(w[0]).includes('1 comment(s)'))).to.have.length(1);
      expect(errors).to.have.length(1);
      const event = errors[0] as CommentBoxErrorEvent;
      expect([event.phase, event.dropped, event.error.code]).to.deep.equal(['load', 1, 'bad-response']);
    } finally {
      console.warn = warn;
      document.removeEventListener('comment-box-error', onError);
    }
  });

  it('an adapter that never answers: loading, then an error after the timeout', async () => {
    const el = await fixture<CommentBoxElement>(
      html`<comment-box thread-id="t" .timeout=${300} .adapter=${failing(() => new Promise(() => {}))}></comment-box>`,
    );
    expect(text($(el, '[part="status"]'))).to.equal('Loading comments…');
    await expect(el).to.be.accessible();
    await waitUntil(() => $(el, '[part="status"].error'), 'never gave up', { timeout: 3000 });
    expect(text($(el, '[part="status"]'))).to.contain('took too long');
  });
});

describe('<comment-box> replying', () => {
  it('moves the form under the comment, focuses it, and Cancel reply puts it back', async () => {
    const el = await mount(seeded());
    $(el, '#comment-2 [part="reply-button"]')!.click();
    await el.updateComplete;
    const form = $(el, '#comment-2 > [part="respond"] form');
    expect(form !== null).to.equal(true);
    expect(text($(el, '[part="form-heading"]'))).to.equal('Leave a Reply to Marta');
    expect(el.shadowRoot!.activeElement?.id).to.equal('comment');
    await expect(el).to.be.accessible();
    $(el, '[part="cancel-reply"]')!.click();
    await el.updateComplete;
    expect($(el, 'li [part="respond"]') === null).to.equal(true);
    expect(text($(el, '[part="form-heading"]'))).to.equal('Leave a Reply');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#comment-2 [part="reply-button"]'));
  });

  it('Escape cancels the reply', async () => {
    const { sendKeys } = await import('@web/test-runner-commands');
    const el = await mount(seeded());
    $(el, '#comment-1 [part="reply-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#comment-1 > [part="respond"]') !== null).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, 'li [part="respond"]') === null).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#comment-1 [part="reply-button"]'));
  });

  it('a reply posts under its parent, from the keyboard', async () => {
    const { sendKeys } = await import('@web/test-runner-commands');
    const el = await mount(seeded());
    $(el, '#comment-5 [part="reply-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ type: 'A keyboard reply' });
    await fill(el, 'A keyboard reply', 'Kay', 'kay@example.com');
    $(el, '#comment')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="submit-button"]'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '#comment-5 [part="replies"] li').length === 1, 'reply not shown');
    const reply = $(el, '#comment-5 [part="replies"] li')!;
    expect(text(reply.querySelector('[part="comment-body"]'))).to.equal('A keyboard reply');
    // The form is back at the end, empty.
    expect($(el, 'li [part="respond"]') === null).to.equal(true);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('');
  });

  it('keeps a separate draft per reply target', async () => {
    const el = await mount(seeded());
    await fill(el, 'For the page');
    $(el, '#comment-1 [part="reply-button"]')!.click();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('');
    $(el, '#comment')!.focus();
    ($(el, '#comment') as HTMLTextAreaElement).value = 'For Femke';
    $(el, '#comment')!.dispatchEvent(new InputEvent('input'));
    $(el, '[part="cancel-reply"]')!.click();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('For the page');
    $(el, '#comment-1 [part="reply-button"]')!.click();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('For Femke');
  });

  it("badges the site owner's comments, marked by the backend, never by their name", async () => {
    const el = await mount(
      createMemoryAdapter({
        threads: {
          t: [
            comment('1', null, 'Site owner', 'A reader with the name', 1),
            comment('2', '1', 'Marta', 'The real owner', 2, { byOwner: true }),
          ],
        },
      }),
    );
    expect($(el, '#comment-1 > article [part="owner-badge"]')).to.equal(null);
    const badge = $(el, '#comment-2 [part="owner-badge"]')!;
    expect(text(badge)).to.equal('Author');
    expect(badge.closest('header') !== null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows a held comment to its author as awaiting moderation', async () => {
    const el = await mount(createMemoryAdapter({ moderation: 'all' }));
    await fill(el, 'Please approve me');
    await post(el);
    expect(text($(el, '[part="moderation-note"]'))).to.equal('Your comment is awaiting moderation.');
    // Explained, not "0 Comments" above it.
    expect(text($(el, '[part="count-heading"]'))).to.equal('1 awaiting moderation');
    // No replies to a comment awaiting moderation (the backends refuse them): no Reply to offer.
    expect($(el, '.comment [part="reply-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offers "N new comments" from a live adapter without moving the reader', async () => {
    const inner = createMemoryAdapter();
    const el = await mount(inner);
    await inner.create(
      't',
      { content: 'From elsewhere', name: 'Eve', email: 'e@x.co', url: '', parentId: null },
      { idempotencyKey: 'x' },
    );
    await el.updateComplete;
    expect($$(el, 'li[part~="comment"]')).to.have.length(0);
    const button = $(el, '[part="new-comments"]')!;
    expect(text(button)).to.equal('1 new comment');
    button.click();
    await el.updateComplete;
    expect($$(el, 'li[part~="comment"]')).to.have.length(1);
    expect(text($(el, '[part="count-heading"]'))).to.equal('1 Comment');
  });
});

describe('<comment-box> hostile input shows as text', () => {
  it('script, HTML and javascript: URLs typed into every field never run or link', async () => {
    const el = await mount(createMemoryAdapter());
    (window as unknown as { pwned?: boolean }).pwned = false;
    const evil =
      '<script>window.pwned=true</script><img src=x onerror="window.pwned=true"> javascript:window.pwned=true';
    await fill(
      el,
      `${evil}\nsee https://ok.example/path, and [x](javascript:alert(1))`,
      `<b onmouseover=alert(1)>Mallory</b>`,
      'm@example.com',
    );
    await type(el, 'url', 'javascript:window.pwned=true');
    await post(el);
    // The unsafe website is refused; nothing is stored until it is fixed.
    expect($$(el, 'li[part~="comment"]')).to.have.length(0);
    await type(el, 'url', '');
    await post(el);
    expect($$(el, 'li[part~="comment"]')).to.have.length(1);
    const root = el.shadowRoot!;
    expect(root.querySelector('script, img, b, iframe') === null).to.equal(true);
    expect(text($(el, '[part="author"]'))).to.equal('<b onmouseover=alert(1)>Mallory</b>');
    expect(text($(el, '[part="comment-body"]'))).to.contain('<script>window.pwned=true</script>');
    const links = [...root.querySelectorAll('[part="comment-body"] a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://ok.example/path']);
    expect(links[0]!.getAttribute('rel')).to.equal('ugc nofollow noopener');
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { pwned?: boolean }).pwned).to.equal(false);
  });

  it('an author website that is not http(s) never becomes a link', async () => {
    const adapter = createMemoryAdapter({
      threads: { t: [comment('1', null, 'A', 'x', 1, { authorUrl: 'https://fine.example/' })] },
    });
    const el = await mount(adapter);
    expect($(el, '[part="author"] a')!.getAttribute('href')).to.equal('https://fine.example/');
    // A comment with a javascript: URL fails validation: it is left out (never a link), the rest shows.
    const bad = {
      ...adapter,
      list: async () => ({
        comments: [
          comment('1', null, 'A', 'x', 1, { authorUrl: 'javascript:alert(1)' }),
          comment('2', null, 'B', 'y', 2),
        ],
        nextCursor: null,
        total: 2,
      }),
    };
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const el2 = await mount(bad);
      expect(el2.shadowRoot!.querySelector('a[href^="javascript"]') === null).to.equal(true);
      expect($$(el2, 'li[part~="comment"]').map((li) => li.id)).to.deep.equal(['comment-2']);
    } finally {
      console.warn = warn;
    }
  });
});
