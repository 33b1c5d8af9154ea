import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/admin/admin-page.js';
import type { CommentAdminElement } from '../../src/admin/admin-page.js';
import { DeskApi } from '../../src/admin/desk-api.js';
import type { AdminComment } from '../../src/api/admin.js';

const OVERRIDING = '\u202Enimda';

const held: AdminComment = {
  id: 'c1',
  threadId: '/post/\u202E1',
  parentId: null,
  authorName: OVERRIDING,
  authorEmail: '\u202Eada@example.com',
  authorUrl: 'https://example.com/\u202Eada',
  content: '\u202Eevil text',
  createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  status: 'pending',
  ip: '127.0.0.1',
  userAgent: 'test',
  reason: { code: 'first-time' },
};

const another = (id: string, authorName: string): AdminComment => ({
  ...held,
  id,
  authorName,
  authorEmail: `${id}@example.com`,
  content: `Text ${id}`,
});

/** A desk signed in, on `comments`, whose API answers from `answer` and records each call. */
async function deskWith(comments: AdminComment[], answer?: (method: string, path: string, body: any) => unknown) {
  const el = await fixture<CommentAdminElement>(html`<comment-admin></comment-admin>`);
  const calls: Array<{ method: string; path: string; body: any }> = [];
  el.api = new DeskApi(async (input, init) => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    const out =
      answer?.(method, path, body) ??
      (path.startsWith('/api/admin/bulk')
        ? { done: body.ids, missing: [] }
        : path.startsWith('/api/admin/counts')
          ? { pending: 3, approved: 1, spam: 0, trash: 0 }
          : {});
    return Response.json(out);
  });
  el.signedIn = true;
  el.comments = comments;
  await el.updateComplete;
  return { el, calls };
}

const $ = (el: CommentAdminElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const button = (el: CommentAdminElement, card: string, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>(`article[data-id="${card}"] button`)].find(
    (b) => b.textContent!.trim() === label,
  )!;
const settle = async (el: CommentAdminElement) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
  }
};

describe('<comment-admin> isolates what commenters wrote', () => {
  it('puts author name, email, website and thread in <bdi>s, and the content in its own direction', async () => {
    const { el } = await deskWith([held]);
    const item = el.shadowRoot!.querySelector('article')!;
    const isolated = [...item.querySelectorAll('.meta bdi')].map((b) => b.textContent);
    expect(isolated).to.include.members([held.authorName, held.authorEmail, held.authorUrl, held.threadId]);
    expect(item.querySelector('.content')!.getAttribute('dir')).to.equal('auto');
    // No direction control outside a <bdi> in the meta line.
    const meta = item.querySelector('.meta')!.cloneNode(true) as Element;
    meta.querySelectorAll('bdi').forEach((b) => b.remove());
    expect(meta.textContent).to.not.match(/[\u202A-\u202E\u2066-\u2069]/);
    expect(item.querySelector('.reason')!.textContent).to.contain('first comment from this name and email');
  });

  it('isolates the author name in the status message', async () => {
    const { el } = await deskWith([held]);
    button(el, 'c1', 'Trash').click();
    await settle(el);
    expect($(el, '[role="status"]')!.textContent).to.equal(`Comment by \u2068${OVERRIDING}\u2069 moved to the trash.`);
  });
});

describe('<comment-admin> desk', () => {
  it('signs in with one field, then hides the form; axe finds nothing on either screen', async () => {
    const el = await fixture<CommentAdminElement>(html`<comment-admin></comment-admin>`);
    el.api = new DeskApi(async (input) =>
      String(input).includes('/session')
        ? Response.json({ csrf: 'x' })
        : String(input).includes('/counts')
          ? Response.json({ pending: 1, approved: 0, spam: 0, trash: 0 })
          : Response.json({ comments: [held], nextCursor: null }),
    );
    await el.updateComplete;
    expect($(el, 'main')).to.not.equal(null);
    await expect(el).to.be.accessible();
    ($(el, '#secret') as HTMLInputElement).value = 'secret';
    $(el, 'form.signin button')!.click();
    await settle(el);
    expect($(el, 'form.signin')).to.equal(null);
    expect(el.api.csrf).to.equal('x');
    expect($(el, 'nav')!.textContent!.replace(/\s+/g, ' ')).to.contain('Pending (1)');
    await expect(el).to.be.accessible();
  });

  it('after an action focuses the next card (not a button): Enter again acts on nothing', async () => {
    const { el, calls } = await deskWith([another('a', 'Ann'), another('b', 'Bob'), another('c', 'Cy')]);
    button(el, 'a', 'Approve').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    expect(focused.tagName).to.equal('ARTICLE');
    expect(focused.dataset.id).to.equal('b');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const bulk = calls.filter((c) => c.path === '/api/admin/bulk');
    expect(bulk.map((c) => c.body)).to.deep.equal([{ ids: ['a'], action: 'approve' }]);
    expect($(el, '[role="status"]')!.textContent).to.equal('Comment by \u2068Ann\u2069 approved.');
    // The last card: focus goes to the one before it.
    button(el, 'c', 'Spam').click();
    await settle(el);
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset.id).to.equal('b');
  });

  it('offers Undo after the trash, which restores', async () => {
    const { el, calls } = await deskWith([another('a', 'Ann'), another('b', 'Bob')], (method, path) =>
      path.startsWith('/api/admin/comments')
        ? { comments: [another('a', 'Ann'), another('b', 'Bob')], nextCursor: null }
        : undefined,
    );
    button(el, 'a', 'Trash').click();
    await settle(el);
    const undo = [...el.shadowRoot!.querySelectorAll('.toast button')].find(
      (b) => b.textContent!.trim() === 'Undo',
    ) as HTMLElement;
    expect(undo).to.not.equal(undefined);
    undo.click();
    await waitUntil(() => el.comments.some((c) => c.id === 'a'), 'not restored');
    expect(calls.filter((c) => c.path === '/api/admin/bulk').map((c) => c.body.action)).to.deep.equal([
      'trash',
      'restore',
    ]);
    expect($(el, '.toast')).to.equal(null);
  });

  it('acts on a selection in bulk', async () => {
    const { el, calls } = await deskWith([another('a', 'Ann'), another('b', 'Bob'), another('c', 'Cy')]);
    for (const id of ['a', 'c']) ($(el, `article[data-id="${id}"] input[type="checkbox"]`) as HTMLInputElement).click();
    await el.updateComplete;
    const approveSelected = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button')].find((b) =>
      b.textContent!.includes('Approve selected'),
    )!;
    expect(approveSelected.textContent!.trim()).to.equal('Approve selected (2)');
    approveSelected.click();
    await settle(el);
    expect(calls.find((c) => c.path === '/api/admin/bulk')!.body).to.deep.equal({ ids: ['a', 'c'], action: 'approve' });
    expect(el.comments.map((c) => c.id)).to.deep.equal(['b']);
    expect($(el, '[role="status"]')!.textContent).to.equal('2 comments approved.');
  });

  it('keeps text readable in a dark scheme on a page that sets none (the desk sets its own text and ground)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { el } = await deskWith([held]);
      // The page around it stays light (black text): the desk must not inherit that onto dark controls.
      const channels = (color: string) =>
        color
          .match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
      const luminance = (color: string) => {
        const [r, g, b] = channels(color).map((v) => {
          const c = v / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const contrast = (a: string, b: string) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi! + 0.05) / (lo! + 0.05);
      };
      const host = getComputedStyle(el);
      expect(contrast(host.color, host.backgroundColor), 'the desk').to.be.at.least(4.5);
      const plain = [...el.shadowRoot!.querySelectorAll('button')].find(
        (b) => !b.matches('.primary,[aria-pressed="true"]'),
      )!;
      const style = getComputedStyle(plain);
      expect(contrast(style.color, style.backgroundColor), plain.textContent!).to.be.at.least(4.5);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('gives every button a target of 24 px at least', async () => {
    const { el } = await deskWith([held]);
    for (const b of el.shadowRoot!.querySelectorAll('button')) {
      const r = b.getBoundingClientRect();
      expect(r.height, b.textContent!).to.be.at.least(24);
      expect(r.width, b.textContent!).to.be.at.least(24);
    }
  });
});

describe('<comment-admin> search', () => {
  it('searches within one thread when one is given, and says how many it found', async () => {
    const { el, calls } = await deskWith([held], (method, path) =>
      path.startsWith('/api/admin/comments') ? { comments: [another('c9', 'Nine')], nextCursor: null } : undefined,
    );
    ($(el, '#search') as HTMLInputElement).value = 'loaf';
    ($(el, '#thread-filter') as HTMLInputElement).value = ' /2019/sourdough/ ';
    ($(el, 'form.search button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => calls.some((c) => c.path.includes('q=loaf')), 'no search was made');
    const search = new URL(calls.find((c) => c.path.includes('q=loaf'))!.path, 'http://x').searchParams;
    expect([search.get('q'), search.get('thread'), search.get('status')]).to.deep.equal([
      'loaf',
      '/2019/sourdough/',
      'pending',
    ]);
    await waitUntil(() => $(el, '[role="status"]')!.textContent!.includes('1 comment found'), 'not announced');
    await expect(el).to.be.accessible();
  });
});
