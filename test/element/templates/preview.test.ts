import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/i18n/translations/ar.js';
import { comment, $, fill, mount, post, spyAdapter, text, type, type CommentBoxElement } from '../../helpers.js';

beforeEach(() => localStorage.clear());

/** Whether the page has requested the Markdown renderer's module (this file runs in its own page). */
const markdownRequested = () =>
  performance
    .getEntriesByType('resource')
    .some((entry) => new URL(entry.name).pathname.endsWith('/src/element/body/markdown.ts'));

/** The focused element, through every shadow root. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function shiftTab() {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

const previewButton = (el: CommentBoxElement) => $<HTMLButtonElement>(el, '[part="preview-button"]')!;
const textarea = (el: CommentBoxElement) => $<HTMLTextAreaElement>(el, '#comment')!;

/** Clicks Preview (or Write) and waits until the preview has shown (or gone). */
async function togglePreview(el: CommentBoxElement) {
  const showing = $(el, '[part="preview"]') !== null;
  previewButton(el).click();
  await waitUntil(() => ($(el, '[part="preview"]') !== null) !== showing, 'the preview never toggled');
  await el.updateComplete;
}

/** Markup without Lit's comment markers. */
const markup = (node: Element) =>
  node.innerHTML
    .replace(/<!--[^]*?-->/g, '')
    .replace(/\s+/g, ' ')
    .trim();

// The order matters: the first test needs a page that has not loaded the Markdown module yet.
describe('<comment-box> Preview: the comment as it will render, without posting', () => {
  it('loads the Markdown renderer on the first Preview only, and renders bold text and links as posted', async () => {
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter);
    await type(el, 'comment', 'Some **bold** text, [a link](https://a.example/x) and https://b.example.');
    expect(markdownRequested(), 'typing Markdown loads nothing').to.equal(false);
    expect(text(previewButton(el))).to.equal('Preview');

    await togglePreview(el);
    expect(markdownRequested()).to.equal(true);
    const preview = $(el, '[part="preview"]')!;
    expect(preview.querySelector('strong')?.textContent).to.equal('bold');
    const links = [...preview.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://a.example/x', 'https://b.example/']);
    for (const a of links) expect(a.getAttribute('rel')).to.equal('ugc nofollow noopener');
    expect(preview.textContent).to.not.contain('**');
    expect(textarea(el).closest('[hidden]'), 'the field is hidden, not removed').to.not.equal(null);
    expect(text(previewButton(el))).to.equal('Write');
    expect(calls.create, 'nothing is posted').to.have.length(0);

    // Exactly as it renders once posted: the same markup as the posted comment's body.
    const previewed = markup(preview);
    await fill(el, 'Some **bold** text, [a link](https://a.example/x) and https://b.example.');
    await post(el);
    expect(calls.create).to.have.length(1);
    expect($(el, '[part="preview"]'), 'posting leaves the preview').to.equal(null);
    expect(markup($(el, '[part="comment-body"]')!)).to.equal(previewed);
  });

  it('keeps hostile input inert', async () => {
    const el = await mount(spyAdapter().adapter);
    const hostile = [
      '<img src=x onerror="window.previewPwned = 1">',
      '<script>window.previewPwned = 2</script>',
      '[click](javascript:window.previewPwned=3) [data](data:text/html,<b>x</b>)',
      '<a href="https://evil.example">raw</a> **<iframe src="https://evil.example">**',
    ].join('\n\n');
    await type(el, 'comment', hostile);
    await togglePreview(el);
    const preview = $(el, '[part="preview"]')!;
    expect(preview.querySelector('img, script, iframe')).to.equal(null);
    // Only the bare http(s) address a reader typed becomes a link, as in any comment.
    for (const a of preview.querySelectorAll('a')) {
      expect(a.getAttribute('href')).to.equal('https://evil.example/');
      expect(a.getAttribute('rel')).to.equal('ugc nofollow noopener');
    }
    expect(preview.querySelector('a[href^="javascript"], a[href^="data"]')).to.equal(null);
    expect(preview.textContent).to.contain('<img src=x onerror=');
    expect(preview.textContent).to.contain('<script>');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as { previewPwned?: number }).previewPwned).to.equal(undefined);
  });

  it('works from the keyboard: focus moves to the preview, and back to the field with the text intact', async () => {
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter);
    textarea(el).focus();
    await sendKeys({ type: 'Typed **with** keys' });
    expect(deepActiveElement()).to.equal(textarea(el));

    // The button comes before the field (the field's Tab order to Name is unchanged).
    await shiftTab();
    expect(deepActiveElement()).to.equal(previewButton(el));
    expect(previewButton(el).localName).to.equal('button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement() === $(el, '[part="preview"]'), 'focus never reached the preview');
    const preview = $(el, '[part="preview"]')!;
    expect(preview.getAttribute('role')).to.equal('region');
    expect(preview.getAttribute('aria-label')).to.equal('Preview');
    expect(preview.querySelector('strong')?.textContent).to.equal('with');

    await shiftTab();
    expect(deepActiveElement()).to.equal(previewButton(el));
    expect(text(previewButton(el))).to.equal('Write');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => deepActiveElement() === textarea(el), 'focus never came back to the field');
    expect($(el, '[part="preview"]')).to.equal(null);
    expect(textarea(el).value).to.equal('Typed **with** keys');
    expect(textarea(el).closest('[hidden]')).to.equal(null);

    // Typing goes on where it stopped, and the field's Tab order to Name is as before.
    await sendKeys({ type: ', more' });
    expect(textarea(el).value).to.equal('Typed **with** keys, more');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '#name'));
    expect(calls.create).to.have.length(0);
  });

  it('previews an empty comment as "Nothing to preview." and is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await mount(spyAdapter().adapter, { theme });
      await type(el, 'comment', '  \n ');
      await togglePreview(el);
      expect(text($(el, '[part="preview"]')), theme).to.equal('Nothing to preview.');
      await expect(el).to.be.accessible();
      await togglePreview(el);
      expect(textarea(el).value).to.equal('  \n ');
    }
  });

  it('speaks the page’s language, right to left in Arabic, and is accessible there', async () => {
    const el = await mount(spyAdapter().adapter, { lang: 'ar' });
    await waitUntil(() => text(previewButton(el)) === 'معاينة', 'the Arabic translation never loaded');
    await togglePreview(el);
    expect(text(previewButton(el))).to.equal('كتابة');
    const preview = $(el, '[part="preview"]')!;
    expect(preview.getAttribute('aria-label')).to.equal('معاينة');
    expect(text(preview)).to.equal('لا يوجد ما يمكن معاينته.');
    expect(getComputedStyle(preview).direction).to.equal('rtl');
    await togglePreview(el);
    await type(el, 'comment', 'نص **عريض**');
    await togglePreview(el);
    expect($(el, '[part="preview"] strong')?.textContent).to.equal('عريض');
    await expect(el).to.be.accessible();
  });

  it('closes when the form moves to a reply, and previews the reply there', async () => {
    const el = await mount(spyAdapter({ threads: { t: [comment('1', null, 'Ada', 'Hello')] } }).adapter);
    await type(el, 'comment', 'Top-level draft');
    await togglePreview(el);
    $<HTMLButtonElement>(el, '[part="reply-button"]')!.click();
    await el.updateComplete;
    expect($(el, '[part="preview"]')).to.equal(null);
    expect(deepActiveElement()).to.equal(textarea(el));
    await type(el, 'comment', 'A *reply*');
    await togglePreview(el);
    expect($(el, '#comment-1 [part="preview"] em')?.textContent).to.equal('reply');
    await expect(el).to.be.accessible();
  });
});
