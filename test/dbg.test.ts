import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../src/adapters/memory.js';
import { registerAdapter } from '../src/adapters/registry.js';
import { CommentAdapterError, type CommentAdapter } from '../src/adapters/types.js';
import { $, $$, comment, fill, mount, post, settle, spyAdapter, text, type, type CommentBoxElement } from './helpers.js';

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
    expect($(el, '#comment-1 [part="author"] a')).to.equal(null);
    const reply = $(el, '#comment-2 [part="reply-button"]')!;
    expect(reply.getAttribute('aria-label')).to.equal('Reply to Marta');
    expect(text(reply)).to.equal('Reply');
    await expect(el).to.be.accessible();
  });

});
