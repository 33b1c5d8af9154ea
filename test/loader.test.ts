import { expect, waitUntil } from '@open-wc/testing';

/**
 * The script-tag loader (src/loader.ts), each case in a page of its own (a same-origin iframe), as
 * a site includes it: `<script type="module" src=".../comment-box.js">`. A module runs once per
 * page, so every case needs a fresh one.
 */
interface Page {
  win: Window & typeof globalThis & { loaderRan?: boolean };
  doc: Document;
}

async function page(body: string, head = ''): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 600px; height: 300px; border: 0';
  frame.srcdoc = `<!doctype html><html lang="en"><head>${head}
    <script type="module">import '/src/loader.ts'; window.loaderRan = true;</script></head>
    <body style="margin: 0">${body}</body></html>`;
  document.body.append(frame);
  await new Promise((ok) => frame.addEventListener('load', ok, { once: true }));
  const win = frame.contentWindow as Page['win'];
  await waitUntil(() => win.loaderRan, 'the loader did not run');
  return { win, doc: frame.contentDocument! };
}

/** True once the page has fetched the element's module (src/define.ts, or the comment-box class). */
function elementFetched({ win }: Page): boolean {
  return win.performance.getEntriesByType('resource').some((e) => /\/src\/(define|comment-box)\.(ts|js)/.test(e.name));
}

/** A few frames and a pause: time enough for the observers to have called back, were they to. */
async function idle(win: Window): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((ok) => win.requestAnimationFrame(ok));
  await new Promise((ok) => setTimeout(ok, 300));
}

const FAR = '<div style="height: 6000px">Article</div>';

afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

describe('loader', () => {
  it('does not load the element for a <comment-box> far below the fold until it is scrolled near, then renders the form', async () => {
    const p = await page(`${FAR}<comment-box thread-id="t" backend="memory"></comment-box>`);
    await idle(p.win);
    expect(p.win.customElements.get('comment-box')).to.equal(undefined);
    expect(elementFetched(p)).to.equal(false);

    p.win.scrollTo(0, 6000);
    await waitUntil(() => p.win.customElements.get('comment-box'), 'not defined after scrolling near', {
      timeout: 5000,
    });
    expect(elementFetched(p)).to.equal(true);
    const el = p.doc.querySelector('comment-box')!;
    await waitUntil(() => el.shadowRoot?.querySelector('form textarea'), 'the form did not render', { timeout: 5000 });
  });

  it('loads at once for loading="eager", however far down', async () => {
    const p = await page(`${FAR}<comment-box thread-id="t" backend="memory" loading="eager"></comment-box>`);
    await waitUntil(() => p.win.customElements.get('comment-box'), 'not defined', { timeout: 5000 });
    expect(p.win.scrollY).to.equal(0);
  });

  it('loads when loading="eager" is set later', async () => {
    const p = await page(`${FAR}<comment-box thread-id="t" backend="memory"></comment-box>`);
    await idle(p.win);
    expect(p.win.customElements.get('comment-box')).to.equal(undefined);
    p.doc.querySelector('comment-box')!.setAttribute('loading', 'eager');
    await waitUntil(() => p.win.customElements.get('comment-box'), 'not defined', { timeout: 5000 });
  });

  it('loads for a <comment-box> added after the loader ran, and renders it', async () => {
    const p = await page('<main></main>');
    await idle(p.win);
    expect(elementFetched(p)).to.equal(false);
    const wrapper = p.doc.createElement('section');
    wrapper.innerHTML = '<comment-box thread-id="t" backend="memory"></comment-box>';
    p.doc.querySelector('main')!.append(wrapper);
    await waitUntil(() => p.win.customElements.get('comment-box'), 'not defined', { timeout: 5000 });
    const el = p.doc.querySelector('comment-box')!;
    await waitUntil(() => el.shadowRoot?.querySelector('form textarea'), 'the form did not render', { timeout: 5000 });
  });

  it('loads nothing on a page without a <comment-box>', async () => {
    const p = await page(FAR);
    await idle(p.win);
    expect(elementFetched(p)).to.equal(false);
    expect(p.win.customElements.get('comment-box')).to.equal(undefined);
  });

  it('load() loads at once and resolves to the API', async () => {
    const p = await page(FAR);
    const loader = (await p.win.eval(`import('/src/loader.ts')`)) as typeof import('../src/loader.js');
    const api = await loader.load();
    expect(p.win.customElements.get('comment-box')).to.equal(api.CommentBoxElement);
    expect(api.createMemoryAdapter).to.be.a('function');
  });

  it('registers a locale loaded by its own script tag, without loading the element', async () => {
    const p = await page(
      `${FAR}<comment-box thread-id="t" backend="memory" lang="nl"></comment-box>`,
      '<script type="module" src="/src/i18n/translations/nl.ts"></script>',
    );
    await idle(p.win);
    expect(elementFetched(p)).to.equal(false);
    p.win.scrollTo(0, 6000);
    const el = p.doc.querySelector('comment-box')!;
    await waitUntil(() => el.shadowRoot?.querySelector('button[type="submit"]'), 'the form did not render', {
      timeout: 5000,
    });
    expect(el.shadowRoot!.querySelector('button[type="submit"]')!.textContent).to.contain('Reactie plaatsen');
  });
});
