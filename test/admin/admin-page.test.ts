import { expect, fixture, html } from '@open-wc/testing';
import '../../src/admin/admin-page.js';
import type { CommentAdminElement } from '../../src/admin/admin-page.js';
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
};

async function deskWith(comments: AdminComment[]) {
  const el = await fixture<CommentAdminElement>(html`<comment-admin></comment-admin>`);
  el.comments = comments;
  await el.updateComplete;
  return el;
}

describe('<comment-admin> isolates what commenters wrote', () => {
  it('puts author name, email, website and thread in <bdi>s, and the content in its own direction', async () => {
    const el = await deskWith([held]);
    const item = el.shadowRoot!.querySelector('li')!;
    const isolated = [...item.querySelectorAll('.meta bdi')].map((b) => b.textContent);
    expect(isolated).to.include.members([held.authorName, held.authorEmail, held.authorUrl, held.threadId]);
    expect(item.querySelector('.content')!.getAttribute('dir')).to.equal('auto');
    // No direction control outside a <bdi> in the meta line.
    const meta = item.querySelector('.meta')!.cloneNode(true) as Element;
    meta.querySelectorAll('bdi').forEach((b) => b.remove());
    expect(meta.textContent).to.not.match(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('isolates the author name in the status message', async () => {
    const el = await deskWith([held]);
    const realFetch = window.fetch;
    window.fetch = async () => new Response(null, { status: 204 });
    try {
      const del = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Delete')!;
      del.click();
      await new Promise((r) => setTimeout(r));
      await el.updateComplete;
    } finally {
      window.fetch = realFetch;
    }
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(
      `Comment by \u2068${OVERRIDING}\u2069 deleted.`,
    );
  });
});
