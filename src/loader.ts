/**
 * The script-tag entry, `<script type="module" src=".../comment-box.js">`: a loader of a few hundred
 * bytes. It defines nothing itself: once a `<comment-box>` on the page comes near the viewport, or
 * at once for one with `loading="eager"`, it loads the element (src/define.ts: the element, Lit, zod,
 * English, styles; a chunk of its own), which loads the adapter of each element's `backend` in turn.
 * Elements in the page when the loader runs and elements added later (in the document, not inside
 * other shadow roots) both count. Once loaded, `<comment-box>` is defined as it always has been, and
 * every element on the page upgrades.
 *
 * The element's API (`createMemoryAdapter`, `registerAdapter`, …) is reached through {@link load},
 * which loads it at once: `const { registerAdapter } = await load();`. `registerTranslation` is
 * exported as is (it is small, and locale modules share it).
 */
type ElementModule = typeof import('./index.js');

// The translation registry lives here, so a locale loaded by its own script tag registers without
// loading the element, and the element and every locale share this one copy.
export { registerTranslation } from './i18n/registry.js';

/** How far outside the viewport a `<comment-box>` starts loading (Chromium lazy-loads images at 1250px). */
const ROOT_MARGIN = '1250px 0px';

let defining: Promise<unknown> | undefined;

/** Loads the element and its API (once); `<comment-box>` is defined when the promise resolves. */
export function load(): Promise<ElementModule> {
  return Promise.all([define(), import('./index.js')]).then(([, api]) => api);
}

/** Defines `<comment-box>` (once) and stops watching the page. */
function define(): Promise<unknown> {
  if (!defining) {
    near.disconnect();
    added.disconnect();
    defining = import('./define.js').catch((error: unknown) => {
      // A failed download (offline, a deploy in between): a later load() may try again. The page
      // is not watched any more, so a page that cannot load the chunk does not ask for it in a loop.
      defining = undefined;
      console.error('comment-box: the element could not be loaded', error);
    });
  }
  return defining;
}

const near = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) if (entry.isIntersecting) void define();
  },
  { rootMargin: ROOT_MARGIN },
);
const added = new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === 'attributes') watch(record.target as Element);
    else for (const node of record.addedNodes) if (node instanceof Element) watchAll(node);
  }
});

/** Loads at once for `loading="eager"`, else when the element comes near the viewport. */
function watch(el: Element): void {
  if (el.localName !== 'comment-box' || defining) return;
  if (el.getAttribute('loading') === 'eager') void define();
  else near.observe(el);
}

function watchAll(root: Element | Document): void {
  if (root instanceof Element) watch(root);
  root.querySelectorAll('comment-box').forEach(watch);
}

// Defined already (the element was imported by other means): nothing to watch.
if (customElements.get('comment-box')) defining = Promise.resolve();
else {
  added.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['loading'] });
  watchAll(document);
}
