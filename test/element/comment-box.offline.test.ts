import { expect, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { CommentAdapter } from '../../src/adapters/types.js';
import en from '../../src/i18n/translations/en.js';
import { $, $$, fill, mount, text, type, type CommentBoxElement } from '../helpers.js';

/** The browser's connection state as `navigator.onLine` reports it, with its window event. */
function setOnline(online: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

/**
 * A memory backend that records every create call's key. The first `failures` of them lose the
 * connection on their way: the browser goes offline and the call fails as `fetch` does (TypeError).
 */
function recordingAdapter(failures = 0) {
  const inner = createMemoryAdapter();
  const keys: string[] = [];
  const adapter: CommentAdapter = {
    scope: 'shared',
    list: (thread, options) => inner.list(thread, options),
    create: async (thread, draft, options) => {
      keys.push(options.idempotencyKey);
      if (failures-- > 0) {
        setOnline(false);
        throw new TypeError('Failed to fetch');
      }
      return inner.create(thread, draft, options);
    },
  };
  return { adapter, keys };
}

const submitButton = (el: CommentBoxElement) => $<HTMLButtonElement>(el, '[part="submit-button"]')!;

/** Presses Post Comment as a reader does (focus, then click) and lets the element render. */
async function press(el: CommentBoxElement): Promise<void> {
  submitButton(el).focus();
  submitButton(el).click();
  await el.updateComplete;
  await waitUntil(() => !el['posting'].posting, 'posting never ended');
  await el.updateComplete;
}

/** Lets pending posts (if any) start and finish. */
const aWhile = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(() => localStorage.clear());
afterEach(() => {
  // Back to the real getter on Navigator.prototype.
  delete (navigator as { onLine?: boolean }).onLine;
});

describe('<comment-box> offline', () => {
  it('keeps a post made offline, says so, and sends it exactly once when back online', async () => {
    const { adapter, keys } = recordingAdapter();
    const el = await mount(adapter);
    await fill(el, 'Written on a train');
    setOnline(false);
    await press(el);
    expect(keys).to.have.length(0);
    expect(text($(el, '[part="offline-note"]'))).to.equal(en.savedOffline);
    expect(text($(el, '[role="status"]'))).to.equal(en.savedOffline);
    expect($(el, '[part="form-error"]')).to.equal(null);
    // The draft stays in the form and in storage, and focus stays on the button.
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Written on a train');
    expect(localStorage.getItem('comment-box:v1:draft:t:top')).to.equal('Written on a train');
    expect(el.shadowRoot!.activeElement).to.equal(submitButton(el));
    await expect(el).to.be.accessible();

    setOnline(true);
    await waitUntil(() => $$(el, '[part~="comment"]').length === 1, 'the queued post was never sent');
    setOnline(false);
    setOnline(true);
    await aWhile();
    expect(keys).to.have.length(1);
    expect(text($(el, '[part="comment-body"]'))).to.equal('Written on a train');
    expect($(el, '[part="offline-note"]')).to.equal(null);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('');
    expect(localStorage.getItem('comment-box:v1:draft:t:top')).to.equal(null);
  });

  it('a post that fails for want of a connection waits, then goes once with the same key', async () => {
    const { adapter, keys } = recordingAdapter(1);
    const el = await mount(adapter);
    await fill(el, 'Sent as the tunnel began');
    await press(el);
    expect(keys).to.have.length(1);
    expect(text($(el, '[part="offline-note"]'))).to.equal(en.savedOffline);
    expect($(el, '[part="form-error"]')).to.equal(null);
    // Focus stayed on the button (aria-disabled while posting), not on <body>.
    expect(el.shadowRoot!.activeElement).to.equal(submitButton(el));
    await expect(el).to.be.accessible();

    setOnline(true);
    await waitUntil(() => $$(el, '[part~="comment"]').length === 1, 'the queued post was never sent');
    await aWhile();
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
  });

  it('editing a waiting post drops it: nothing is sent when back online', async () => {
    const { adapter, keys } = recordingAdapter();
    const el = await mount(adapter);
    await fill(el, 'First thought');
    setOnline(false);
    await press(el);
    expect($(el, '[part="offline-note"]')).to.not.equal(null);
    await type(el, 'comment', 'Second thought');
    expect($(el, '[part="offline-note"]')).to.equal(null);
    setOnline(true);
    await aWhile();
    expect(keys).to.have.length(0);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Second thought');
  });

  it('stops listening when removed from the page, and sends when connected again online', async () => {
    const { adapter, keys } = recordingAdapter();
    const el = await mount(adapter);
    await fill(el);
    setOnline(false);
    await press(el);
    const parent = el.parentElement!;
    el.remove();
    setOnline(true);
    await aWhile();
    expect(keys).to.have.length(0);
    parent.append(el);
    await waitUntil(() => keys.length === 1, 'the queued post was not sent on reconnection');
    await waitUntil(() => $$(el, '[part~="comment"]').length === 1, 'the post was not shown');
    setOnline(true);
    await aWhile();
    expect(keys).to.have.length(1);
  });
});
