import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/adapters/memory.js';
import { FIRST_LOOKED_AT } from '../../../src/element/controllers/thread-controller.js';
import { $$, comment, settle, type CommentBoxElement } from '../../helpers.js';

// Its own page: the Markdown renderer has not loaded when it starts.
describe('<comment-box>: Markdown far down a long page', () => {
  it('is formatted once its chunk renders (its renderer looked for after the first render)', async () => {
    const count = FIRST_LOOKED_AT + 50;
    const comments = Array.from({ length: count }, (_, i) =>
      comment(`c${i}`, null, 'Ada', i === count - 5 ? 'Far down, **bold**' : `Plain ${i}`, i),
    );
    const adapter = createMemoryAdapter({ threads: { t: comments } });
    const el = await fixture<CommentBoxElement>(
      html`<comment-box thread-id="t" page-size="200" order="asc" .adapter=${adapter}></comment-box>`,
    );
    await settle(el);
    await waitUntil(() => $$(el, 'li.comment').length === count, 'every comment renders', { timeout: 4000 });
    const late = el.shadowRoot!.getElementById(`comment-c${count - 5}`)!;
    await waitUntil(() => late.querySelector('.body strong'), 'the late comment is formatted', { timeout: 4000 });
    expect(late.querySelector('.body strong')!.textContent).to.equal('bold');
    expect(late.querySelector('.body')!.textContent!.includes('**')).to.equal(false);
    expect($$(el, '.body strong').length).to.equal(1);
  });
});
