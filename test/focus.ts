// Where focus is, through shadow roots, and whether its ring shows whole: for the keyboard tests.
import { expect } from '@open-wc/testing';
import type { CommentBoxElement } from './helpers.js';

/** The focused element, followed through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Focus is on `expected`, and its ring shows whole: an outline is drawn, and no ancestor up to the
 * host clips it (paint containment, `content-visibility: auto`, hidden overflow).
 */
export function expectFocusOn(el: CommentBoxElement, expected: Element | null, what: string): void {
  expect(expected, `${what} exists`).to.not.equal(null);
  // Compared, not passed to chai whole: its message would describe the whole element tree.
  const active = deepActive();
  expect(active === expected, `focus is on ${what}, not on ${active?.outerHTML.slice(0, 80)}`).to.equal(true);
  const style = getComputedStyle(expected!);
  expect(style.outlineStyle, `${what}: outline style`).to.not.equal('none');
  expect(parseFloat(style.outlineWidth), `${what}: outline width`).to.be.above(0);
  for (let node = expected!.parentNode; node && node !== el;) {
    if (node instanceof ShadowRoot) {
      node = node.host;
      continue;
    }
    const s = getComputedStyle(node as Element);
    const where = `${what}: ancestor ${(node as Element).tagName.toLowerCase()}.${(node as Element).className}`;
    expect(s.contentVisibility, where).to.not.equal('auto');
    expect(s.contain, where).to.not.match(/paint|strict|content/);
    expect([s.overflowX, s.overflowY], where).to.not.include.oneOf(['hidden', 'clip']);
    node = node.parentNode;
  }
}
