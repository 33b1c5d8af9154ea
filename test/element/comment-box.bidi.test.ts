import { expect } from '@open-wc/testing';
import type { Translation } from '../../src/i18n/localize.js';
import ar from '../../src/i18n/translations/ar.js';
import en from '../../src/i18n/translations/en.js';
import ja from '../../src/i18n/translations/ja.js';
import { $, comment, mount, spyAdapter } from '../helpers.js';

/** A name that, left alone, turns all text after it right to left (RIGHT-TO-LEFT OVERRIDE). */
const OVERRIDING = '\u202Enimda';
/** A name that also tries to end an isolate around it early (POP DIRECTIONAL ISOLATE first). */
const ESCAPING = '\u2069\u202Eevil';

/** Mounts a thread of one comment by `name` in `lang` and opens the reply form under it. */
async function replyingTo(name: string, lang: string) {
  const el = await mount(spyAdapter({ threads: { t: [comment('1', null, name, 'Hello')] } }).adapter, { lang });
  $(el, '[part="reply-button"]')!.click();
  await el.updateComplete;
  return el;
}

/** The heading's text outside its `<bdi>`s. */
function ownText(node: Element): string {
  let out = '';
  const walk = (n: Node) => {
    if (n instanceof HTMLElement && n.localName === 'bdi') return;
    if (n.nodeType === Node.TEXT_NODE) out += n.textContent;
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out;
}

describe('<comment-box> isolates user-supplied names', () => {
  for (const t of [ja, en, ar] as Translation[]) {
    it(`${t.$code}: the reply heading holds the name in a <bdi>, and its own text has no direction control`, async () => {
      const el = await replyingTo(OVERRIDING, t.$code);
      const heading = $(el, '[part="form-heading"]')!;
      const names = heading.querySelectorAll('bdi');
      expect(names).to.have.length(1);
      expect(names[0]!.textContent).to.equal(OVERRIDING);
      expect(ownText(heading).trim()).to.equal(t.leaveReplyTo('\u2068\u2069').replace('\u2068\u2069', '').trim());
      const button = $(el, '[part="reply-button"]')!;
      expect(button.getAttribute('aria-label')).to.equal(t.replyTo(`\u2068${OVERRIDING}\u2069`));
      await expect(el).to.be.accessible();
    });
  }

  it('ja: the text after the name is drawn after it, left to right', async () => {
    const el = await replyingTo(OVERRIDING, 'ja');
    const heading = $(el, '[part="form-heading"]')!;
    const name = heading.querySelector('bdi')!;
    const range = document.createRange();
    range.setStartAfter(name);
    range.setEnd(heading, heading.childNodes.length);
    expect(range.toString().trim()).to.equal('に返信する');
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    expect(rects.length).to.be.above(0);
    for (const rect of rects) expect(rect.left).to.be.at.least(name.getBoundingClientRect().right - 1);
  });

  it('a name cannot end the isolate early: its own isolate controls are left out of text-only labels', async () => {
    const el = await replyingTo(ESCAPING, 'en');
    expect($(el, '[part="reply-button"]')!.getAttribute('aria-label')).to.equal('Reply to \u2068\u202Eevil\u2069');
    expect($(el, '[part="form-heading"] bdi')!.textContent).to.equal(ESCAPING);
  });
});
