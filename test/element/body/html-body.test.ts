import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/adapters/memory.js';
import '../../../src/define.js';
import type { CommentBoxElement } from '../../../src/element/comment-box.js';
import { commentBodyNodes, sanitizeCommentHtml } from '../../../src/element/body/html-body.js';
import type { Comment } from '../../../src/schema.js';
import { HOSTILE_HTML, inertnessProblems } from '../../wordpress/hostile-html.js';

const w = window as unknown as { __pwned?: unknown };
const tick = () => new Promise((r) => setTimeout(r, 50));

function holder(fragment: DocumentFragment): HTMLElement {
  const div = document.createElement('div');
  div.append(fragment);
  document.body.append(div);
  return div;
}

describe('sanitizeCommentHtml', () => {
  beforeEach(() => delete w.__pwned);

  it('keeps the formatting WordPress allows in comments', () => {
    const div = holder(
      sanitizeCommentHtml(
        '<p>A <strong>b</strong> <em>c</em> <code>d</code> <del datetime="2024-01-01">e</del> <abbr title="f">F</abbr></p><blockquote><p>q</p></blockquote><ol><li>1</li></ol><pre>x</pre>',
      ),
    );
    expect([...div.querySelectorAll('*')].map((e) => e.tagName)).to.deep.equal([
      'P',
      'STRONG',
      'EM',
      'CODE',
      'DEL',
      'ABBR',
      'BLOCKQUOTE',
      'P',
      'OL',
      'LI',
      'PRE',
    ]);
    expect(div.querySelector('abbr')!.title).to.equal('f');
    div.remove();
  });

  it('forces links to http(s) with rel="ugc nofollow noopener"', () => {
    const div = holder(
      sanitizeCommentHtml(
        '<a href="https://example.com/x" rel="me" target="_self" class="c">ok</a><a href="javascript:alert(1)">bad</a><a href="/relative">rel</a><a href="mailto:a@b.c">mail</a>',
      ),
    );
    const links = [...div.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/x', null, null, null]);
    expect(links[0]!.getAttribute('rel')).to.equal('ugc nofollow noopener');
    expect(links[0]!.getAttribute('target')).to.equal('_blank');
    expect(links[0]!.hasAttribute('class')).to.equal(false);
    expect(links.map((a) => a.textContent)).to.deep.equal(['ok', 'bad', 'rel', 'mail']);
    div.remove();
  });

  it('renders hostile markup inert', async () => {
    const div = holder(sanitizeCommentHtml(HOSTILE_HTML));
    expect(inertnessProblems(div)).to.deep.equal([]);
    for (const el of div.querySelectorAll('*')) el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    // The click runs whatever handlers the element has; its navigation (an http(s) link in a new tab,
    // as inertnessProblems checked) is stopped, since a new tab would hide the next test files' pages
    // and pause their animation frames.
    div.addEventListener('click', (event) => event.preventDefault());
    div.querySelector('a')?.click();
    await tick();
    expect(w.__pwned).to.equal(undefined);
    expect(div.textContent).to.contain('bold').and.contain('click me').and.contain('x < y');
    expect(div.querySelector('#takeover, .takeover, [style]')).to.equal(null);
    div.remove();
  });

  it('makes the nodes of a body once per owner, so re-renders keep the same DOM', () => {
    const owner = {};
    const a = commentBodyNodes(owner, '1', '<p>x</p>');
    expect(commentBodyNodes(owner, '1', '<p>x</p>')).to.equal(a);
    expect(commentBodyNodes(owner, '2', '<p>x</p>')).not.to.equal(a);
    expect(commentBodyNodes({}, '1', '<p>x</p>')).not.to.equal(a);
  });
});

describe('<comment-box> with html bodies', () => {
  beforeEach(() => {
    delete w.__pwned;
    localStorage.clear();
  });

  const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 10, minute)).toISOString();
  const item = (id: string, content: string, format: 'html' | 'text', parentId: string | null = null): Comment => ({
    id,
    parentId,
    authorName: `Author ${id}`,
    authorUrl: null,
    avatarSeed: id,
    content,
    format,
    createdAt: at(Number(id)),
    status: 'approved',
  });

  it('renders html bodies sanitized, and text bodies as text', async () => {
    const adapter = createMemoryAdapter({
      threads: {
        t: [
          item('1', HOSTILE_HTML, 'html'),
          item('2', '<p>I typed <b>tags</b> as text</p>', 'text'),
          item('3', '<p>A <em>reply</em></p>', 'html', '1'),
        ],
      },
    });
    const el = await fixture<CommentBoxElement>(html`<comment-box thread-id="t" .adapter=${adapter}></comment-box>`);
    const body = (id: string) => el.shadowRoot!.querySelector(`#comment-${id} > article [part="comment-body"]`)!;
    await waitUntil(
      () => body('1')?.querySelector('strong') && body('3')?.querySelector('em'),
      'html bodies never rendered',
      { timeout: 4000 },
    );
    expect(inertnessProblems(body('1'))).to.deep.equal([]);
    expect(body('1').textContent).to.contain('bold');
    expect(body('2').querySelector('b')).to.equal(null);
    expect(body('2').textContent).to.contain('<b>tags</b>');
    for (const node of body('1').querySelectorAll('*'))
      node.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await tick();
    expect(w.__pwned).to.equal(undefined);
    // A re-render (typing in the form) keeps the very same body nodes.
    const strong = body('1').querySelector('strong');
    el.requestUpdate();
    await el.updateComplete;
    expect(body('1').querySelector('strong')).to.equal(strong);
  });
});
