/**
 * The element class on its own, as `import { CommentBoxElement } from 'comment-box/comment-box.js'`
 * gives it: no index.ts, no define.ts, no translation module, no built-in backends. This file runs
 * in its own page, so nothing else has registered a locale here.
 */
import { expect } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { CommentBoxElement } from '../../src/element/comment-box.js';
import type { TranslationOverrides } from '../../src/i18n/localize.js';

/** More updates than this and the element is in a loop: the guard stops it so the test can fail. */
const RUNAWAY = 200;

/** Counts its updates, and stops updating after RUNAWAY of them (a loop would freeze the tab). */
class CountingElement extends CommentBoxElement {
  updates = 0;
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return this.updates < RUNAWAY && super.shouldUpdate(changed);
  }
  protected override update(changed: PropertyValues<this>): void {
    this.updates++;
    super.update(changed);
  }
}
// `define` as a newcomer calls it; the class counts updates so that a loop ends the test, not the tab.
CountingElement.define('my-comments');

const adapter = () =>
  createMemoryAdapter({
    threads: {
      t: [
        {
          id: 'a',
          parentId: null,
          authorName: 'Ada',
          authorUrl: null,
          avatarSeed: 's',
          content: 'Hello',
          createdAt: '2026-01-01T12:00:00.000Z',
          status: 'approved',
        },
      ],
    },
  });

/** Mounts `tag` with the memory adapter and waits, by the clock (a loop of microtasks would never let it end). */
async function mount<T extends CommentBoxElement>(tag: string, setup: (el: T) => void = () => {}): Promise<T> {
  const el = document.createElement(tag) as T;
  el.threadId = 't';
  el.adapter = adapter();
  setup(el);
  document.body.append(el);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return el;
}

const text = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('<comment-box> class alone (no define.ts, no translation imported)', () => {
  afterEach(() => document.body.replaceChildren());

  it('is registered under another tag with CommentBoxElement.define and renders in English', async () => {
    const el = await mount<CountingElement>('my-comments');
    expect(customElements.get('my-comments')).to.equal(CountingElement);
    expect(customElements.get('comment-box')).to.equal(undefined);
    expect(text(el)).to.contain('Leave a Reply');
    expect(el.shadowRoot!.querySelector('[part="comment-body"]')?.textContent).to.contain('Hello');
    expect(el.updates).to.be.below(10);
  });

  it('ends a render that throws in a visible error state, not in a loop', async () => {
    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const el = await mount<CountingElement>('my-comments', (e) => {
        e.strings = {
          commentCount: () => {
            throw new Error('a broken translation');
          },
        } as TranslationOverrides;
      });
      expect(el.updates).to.be.below(10);
      const alert = el.shadowRoot!.querySelector('[part="status"][role="alert"]');
      expect(alert?.textContent).to.contain('Comments could not be loaded.');
      expect(errors.length).to.be.greaterThan(0);

      // Retry renders everything again: with the broken text gone, the comments show.
      el.strings = {};
      alert!.querySelector('button')!.click();
      await el.updateComplete;
      expect(text(el)).to.contain('Hello');
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    } finally {
      console.error = consoleError;
    }
  });

  it('ends a failure inside the list (a reply label that throws) in the error state as well', async () => {
    const consoleError = console.error;
    console.error = () => {};
    try {
      const el = await mount<CountingElement>('my-comments', (e) => {
        e.strings = {
          replyTo: () => {
            throw new Error('a broken reply label');
          },
        } as TranslationOverrides;
      });
      expect(el.updates).to.be.below(10);
      expect(el.shadowRoot!.querySelector('[part="status"][role="alert"]')?.textContent).to.contain(
        'Comments could not be loaded.',
      );
      expect(el.shadowRoot!.querySelector('[part="comment"]')).to.equal(null);
    } finally {
      console.error = consoleError;
    }
  });
});
