import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../src/i18n/translations/ar.js';
import { styles } from '../../src/element/comment-box.styles.js';
import { $, comment, mount, settle, spyAdapter, type CommentBoxElement } from '../helpers.js';

const seeded = () =>
  spyAdapter({
    threads: {
      t: [
        comment('1', null, 'Femke', 'Top **one** with `code` and https://example.com', 1),
        comment('2', '1', 'Marta', '> quoted\n\nreply', 2),
        comment('3', '2', 'Olu', 'Deeper', 3),
        comment('4', '3', 'Kim', 'Deeper still', 4),
        comment('5', '4', 'Noor', 'Deepest of all, with a long enough sentence to wrap on a phone.', 5),
      ],
    },
  }).adapter;

const colors = (el: CommentBoxElement) => {
  const base = getComputedStyle(el);
  const button = getComputedStyle($(el, '[part="submit-button"]')!);
  return { text: base.color, background: base.backgroundColor, accent: button.backgroundColor };
};

beforeEach(() => localStorage.clear());
afterEach(async () => {
  await emulateMedia({ colorScheme: 'light' });
  await setViewport({ width: 800, height: 600 });
});

describe('theme', () => {
  it('follows the system color scheme and stays accessible in light and dark', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await mount(seeded());
    const light = colors(el);
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    const dark = colors(el);
    expect(dark.text).to.not.equal(light.text);
    expect(dark.background).to.not.equal(light.background);
    expect(dark.accent).to.not.equal(light.accent);
    await expect(el).to.be.accessible();
  });

  it('lets theme="light" and theme="dark" override the system', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await mount(seeded());
    const light = colors(el);
    expect(el.getAttribute('theme')).to.equal('auto');
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    const forcedDark = colors(el);
    expect(forcedDark).to.not.deep.equal(light);
    await expect(el).to.be.accessible();

    await emulateMedia({ colorScheme: 'dark' });
    expect(colors(el)).to.deep.equal(forcedDark);
    el.setAttribute('theme', 'light');
    await el.updateComplete;
    expect(colors(el)).to.deep.equal(light);
    el.theme = 'auto';
    await el.updateComplete;
    expect(colors(el)).to.deep.equal(forcedDark);
  });

  it('takes the accent and other tokens from the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="--comment-box-accent: rgb(200, 0, 100); --comment-box-radius: 0px; font-family: Georgia, serif">
        <comment-box thread-id="t"></comment-box>
      </div>`,
    );
    const el = wrapper.querySelector('comment-box')!;
    el.adapter = seeded();
    await settle(el);
    const button = getComputedStyle($(el, '[part="submit-button"]')!);
    expect(button.backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(button.borderTopLeftRadius).to.equal('0px');
    expect(getComputedStyle($(el, '#comment-1 [part="comment-body"] a')!).color).to.equal('rgb(200, 0, 100)');
    expect(getComputedStyle($(el, '[part="form-heading"]')!).fontFamily).to.equal('Georgia, serif');
  });

  it('keeps boundaries, focus and links visible in forced-colors mode', async () => {
    await executeServerCommand('emulate-forced-colors', { active: true });
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const el = await mount(seeded());
      // What the page's own system colors are in this mode, to compare with.
      const probe = document.createElement('a');
      probe.href = '#';
      probe.style.color = 'LinkText';
      document.body.append(probe);
      const linkText = getComputedStyle(probe).color;
      probe.remove();
      const button = getComputedStyle($(el, '[part="submit-button"]')!);
      expect(button.borderTopStyle).to.equal('solid');
      expect(getComputedStyle($(el, '.avatar')!).borderTopStyle).to.equal('solid');
      expect(getComputedStyle($(el, '#comment-1 [part="comment-body"] a')!).color).to.equal(linkText);
      await expect(el).to.be.accessible();
    } finally {
      await executeServerCommand('emulate-forced-colors', { active: false });
    }
    expect(matchMedia('(forced-colors: active)').matches).to.equal(false);
  });

  it('has forced-colors rules that keep boundaries and use system colors', () => {
    const rules = [...styles.styleSheet!.cssRules].filter(
      (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText === '(forced-colors: active)',
    );
    expect(rules).to.have.length(1);
    const inner = [...rules[0]!.cssRules] as CSSStyleRule[];
    const rule = (selector: string) => inner.find((r) => r.selectorText === selector)?.style;
    expect(rule(':host')!.getPropertyValue('--_accent').trim()).to.equal('LinkText');
    expect(rule(':host')!.getPropertyValue('--_focus').trim()).to.equal('Highlight');
    expect(rule('.avatar')!.borderTopStyle).to.equal('solid');
    expect(rule('.button')!.borderTopStyle).to.equal('solid');
  });

  it('keeps deep threads readable at 320px wide', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount(seeded());
    const deepest = $(el, '#comment-5 > article')!.getBoundingClientRect();
    const width = el.getBoundingClientRect().width;
    expect(deepest.width).to.be.above(width * 0.75);
    expect(el.scrollWidth).to.be.at.most(Math.ceil(width));
  });

  it('indents replies on the right in RTL', async () => {
    const el = await mount(seeded(), { lang: 'ar' });
    const top = $(el, '#comment-1 > article')!.getBoundingClientRect();
    const reply = $(el, '#comment-2 > article')!.getBoundingClientRect();
    expect(reply.right).to.be.below(top.right);
    expect(Math.round(reply.left)).to.equal(Math.round(top.left));
    await expect(el).to.be.accessible();
  });
});
