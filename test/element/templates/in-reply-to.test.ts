// "in reply to Marta" (issue 12): where the indent no longer shows whom a reply answers (a narrow
// element stops indenting after two levels of replies; replies deeper than max-depth are listed flat),
// the reply names its parent, with a link that takes focus to it.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/i18n/translations/nl.js';
import { $, $$, comment, mount, spyAdapter, text, type CommentBoxElement } from '../../helpers.js';

beforeEach(() => localStorage.clear());

/** A thread five levels deep: Femke > Marta > Olu > Kim > Noor, and a second thread. */
const deepThread = () =>
  spyAdapter({
    threads: {
      t: [
        comment('1', null, 'Femke', 'Top', 1),
        comment('2', '1', 'Marta', 'Second level', 2),
        comment('3', '2', 'Olu', 'Third level', 3),
        comment('4', '3', 'Kim', 'Fourth level', 4),
        comment('5', '4', 'Noor', 'Fifth level, with a sentence long enough to wrap on a phone.', 5),
        comment('6', null, 'Sam', 'Another thread', 6),
      ],
    },
  }).adapter;

/** The element `width` pixels wide (its styles answer to its own width, not the viewport's). */
async function sized(el: CommentBoxElement, width: number) {
  el.style.inlineSize = `${width}px`;
  await el.updateComplete;
}

const cue = (el: CommentBoxElement, id: string) =>
  $<HTMLAnchorElement>(el, `#comment-${id} > article [part="in-reply-to"]`);
const visibleCues = (el: CommentBoxElement) => $$(el, '[part="in-reply-to"]').filter((a) => a.checkVisibility());
const start = (el: CommentBoxElement, id: string) => $(el, `#comment-${id} > article`)!.getBoundingClientRect().left;

/** The focused element, followed through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<comment-box> "in reply to": whom a reply answers, where the indent cannot show it', () => {
  it('names the parent of replies deeper than a narrow element indents, and stays accessible', async () => {
    const el = await mount(deepThread());
    await sized(el, 320);
    // The fourth level is no longer indented under the third: it says whom it answers.
    expect(Math.round(start(el, '4'))).to.equal(Math.round(start(el, '3')));
    expect(visibleCues(el).map((a) => text(a))).to.deep.equal([
      'in reply to \u2068Olu\u2069',
      'in reply to \u2068Kim\u2069',
    ]);
    expect(cue(el, '4')!.getAttribute('href')).to.equal('#comment-3');
    expect(cue(el, '5')!.getAttribute('href')).to.equal('#comment-4');
    // Levels the indent still shows need no words.
    expect(cue(el, '2') === null && cue(el, '3') === null, 'no cue on the second and third levels').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows nothing extra where every level is indented', async () => {
    const el = await mount(deepThread());
    await sized(el, 800);
    expect(start(el, '4')).to.be.above(start(el, '3'));
    expect(start(el, '5')).to.be.above(start(el, '4'));
    expect(visibleCues(el)).to.have.length(0);
  });

  it('names the parent of replies listed flat beyond max-depth, at any width', async () => {
    const el = await mount(deepThread(), { 'max-depth': '2' });
    await sized(el, 800);
    // Olu, Kim and Noor are listed at Marta's level: each says whom it answers.
    expect(Math.round(start(el, '4'))).to.equal(Math.round(start(el, '2')));
    expect(visibleCues(el).map((a) => a.getAttribute('href'))).to.deep.equal([
      '#comment-2',
      '#comment-3',
      '#comment-4',
    ]);
    expect(text(cue(el, '3'))).to.equal('in reply to \u2068Marta\u2069');
    await expect(el).to.be.accessible();
  });

  it('takes focus to the parent comment, from the keyboard, with a visible ring', async () => {
    const el = await mount(deepThread());
    await sized(el, 320);
    cue(el, '5')!.focus();
    await sendKeys({ press: 'Enter' });
    const parent = $(el, '#comment-4 > article')!;
    expect(deepActive() === parent, 'focus is on the parent comment').to.equal(true);
    expect(getComputedStyle(parent).outlineStyle).to.not.equal('none');
    expect(location.hash, 'the page URL is left alone').to.equal('');
  });

  it('speaks the element’s language and keeps the name whole', async () => {
    const el = await mount(deepThread(), { lang: 'nl' });
    await sized(el, 320);
    expect(text(cue(el, '4'))).to.equal('als reactie op \u2068Olu\u2069');
  });
});
