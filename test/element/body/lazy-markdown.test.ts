import { expect } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/adapters/memory.js';
import { $, $$, comment, fill, mount, settle } from '../../helpers.js';

/** Whether the page has requested the Markdown renderer's module (this file runs in its own page). */
const markdownRequested = () =>
  performance
    .getEntriesByType('resource')
    .some((entry) => new URL(entry.name).pathname.endsWith('/src/element/body/markdown.ts'));

// The order matters: the first test needs a page that has not loaded the Markdown module yet.
describe('<comment-box>: the Markdown renderer loads only when a comment needs it', () => {
  it('renders plain comments, line breaks and bare links without loading it', async () => {
    const adapter = createMemoryAdapter({
      threads: { t: [comment('a', null, 'Ada', 'First line\nsecond line, see https://a.example/x.\n\nTwo')] },
    });
    const el = await mount(adapter);
    const body = $(el, '.body')!;
    expect(body.querySelectorAll('p').length).to.equal(2);
    expect(body.querySelectorAll('br').length).to.equal(1);
    const link = body.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://a.example/x');
    expect(link.getAttribute('rel')).to.equal('ugc nofollow noopener');
    expect(markdownRequested()).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('loads it for a page with Markdown, and shows the comment formatted in its first render', async () => {
    const adapter = createMemoryAdapter({
      threads: { t: [comment('a', null, 'Ada', 'Plain'), comment('b', null, 'Bob', 'Some **bold** and `code`', 1)] },
    });
    const el = await mount(adapter);
    expect(markdownRequested()).to.equal(true);
    const bodies = $$(el, '.body');
    expect(bodies[1]!.querySelector('strong')?.textContent).to.equal('bold');
    expect(bodies[1]!.querySelector('code')?.textContent).to.equal('code');
    expect(bodies[1]!.textContent!.includes('**')).to.equal(false);
  });

  it('formats a comment the reader posts with Markdown', async () => {
    const el = await mount(createMemoryAdapter());
    await fill(el, 'I *really* agree');
    await el.submit();
    await settle(el);
    expect($(el, '.body em')?.textContent).to.equal('really');
  });
});
