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

describe('the default look (issue 12): belongs on the page', () => {
  it("takes the page's font and text color, and a block theme's colors for links and buttons", async () => {
    await emulateMedia({ colorScheme: 'light' });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div
        style="color: rgb(51, 51, 51); font-family: Georgia, serif; --wp--preset--color--contrast: rgb(20, 30, 40); --wp--preset--color--base: rgb(250, 249, 248)"
      >
        <comment-box thread-id="t"></comment-box>
      </div>`,
    );
    const el = wrapper.querySelector('comment-box')!;
    el.adapter = seeded();
    await settle(el);
    expect(getComputedStyle(el).color).to.equal('rgb(51, 51, 51)');
    expect(getComputedStyle($(el, '#comment-1 [part="comment-body"]')!).fontFamily).to.equal('Georgia, serif');
    // Muted text and lines are the page's text color, thinned.
    expect(getComputedStyle($(el, '#comment-1 [part="date"]')!).color).to.match(
      /^(rgba\(51, 51, 51, 0\.7\)|color\(srgb 0\.2 0\.2 0\.2 \/ 0\.7\))$/,
    );
    const button = getComputedStyle($(el, '[part="submit-button"]')!);
    expect(button.backgroundColor).to.equal('rgb(20, 30, 40)');
    expect(button.color).to.equal('rgb(250, 249, 248)');
    expect(getComputedStyle($(el, '#comment-1 [part="comment-body"] a')!).color).to.equal('rgb(20, 30, 40)');
    // No card chrome around a comment.
    const article = getComputedStyle($(el, '#comment-1 > article')!);
    expect(article.borderTopStyle).to.equal('none');
    expect(article.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    await expect(el).to.be.accessible();
  });

  it('draws a rail that ends at the last reply, never clips an avatar, and keeps lines short', async () => {
    await setViewport({ width: 1200, height: 800 });
    const el = await mount(
      spyAdapter({
        threads: {
          t: [
            comment('1', null, 'Femke', 'Top', 1),
            comment('2', '1', 'Marta', 'First reply', 2),
            comment('3', '1', 'Olu', 'x '.repeat(200), 3),
          ],
        },
      }).adapter,
    );
    const [first, last] = ['2', '3'].map((id) => $(el, `#comment-${id}`)!);
    const rail = (li: Element, pseudo: string) => getComputedStyle(li, pseudo);
    // The rail runs the whole height of a reply that has another after it…
    expect(parseFloat(rail(first!, '::before').height)).to.be.closeTo(first!.getBoundingClientRect().height, 1);
    // …and stops at the last reply's avatar, curving into it.
    const avatar = $(el, '#comment-3 .avatar')!.getBoundingClientRect();
    const lastTop = last!.getBoundingClientRect().top;
    expect(parseFloat(rail(last!, '::before').height)).to.equal(0);
    expect(lastTop + parseFloat(rail(last!, '::after').height)).to.be.closeTo(avatar.top + avatar.height / 2, 2);
    expect(last!.getBoundingClientRect().height).to.be.above(parseFloat(rail(last!, '::after').height) * 2);
    // An identicon's corner cells (a twelfth of its size in from each edge) are never cut off.
    const corner = getComputedStyle($(el, '.avatar')!).borderTopLeftRadius;
    const radius = parseFloat(corner) * (corner.endsWith('%') ? avatar.width / 100 : 1);
    expect(radius * (1 - Math.SQRT1_2)).to.be.below(avatar.width / 12);
    // About 70 characters a line.
    const body = $(el, '#comment-3 [part="comment-body"]')!;
    const ch = parseFloat(getComputedStyle(body).fontSize) * 0.6;
    expect(body.getBoundingClientRect().width / ch).to.be.below(90);
  });
});
