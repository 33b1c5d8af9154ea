// The WordPress adapter and notifications (issue 14): WordPress's REST API emails no commenter, so
// the adapter never offers it and never sends `notify`, even when a caller passes one.
import { expect } from '@open-wc/testing';
import { createWordPressAdapter } from '../../src/adapters/wordpress.js';

describe('WordPress adapter: no notifications', () => {
  it('sends only WordPress’s own comment fields, never notify, and its pages never say notifications', async () => {
    const posts: string[] = [];
    const adapter = createWordPressAdapter({
      endpoint: 'http://127.0.0.1:9/',
      storage: { available: true, get: () => null, set: () => true, remove: () => undefined },
      fetch: async (_url, init) => {
        if (init?.method === 'POST') {
          posts.push(String(init.body));
          const created = {
            id: 7,
            post: 12,
            parent: 0,
            author_name: 'Ada',
            author_url: '',
            date_gmt: '2026-01-01T12:00:00',
            content: { rendered: '<p>Hi</p>\n' },
            status: 'approved',
          };
          return new Response(JSON.stringify(created), { status: 201 });
        }
        return new Response('[]', { status: 200, headers: { 'X-WP-Total': '0', 'X-WP-TotalPages': '0' } });
      },
    });
    const draft = { content: 'Hi', name: 'Ada', email: 'ada@example.com', url: '', parentId: null, notify: true };
    const comment = await adapter.create('12', draft, { idempotencyKey: 'k' });
    expect(comment.id).to.equal('7');
    expect(posts).to.have.length(1);
    const fields = [...new URLSearchParams(posts[0]).keys()].sort();
    expect(fields).to.deep.equal(['author_email', 'author_name', 'author_url', 'content', 'parent', 'post']);
    const page = await adapter.list('12', { limit: 10, order: 'asc' });
    expect(page.notifications).to.equal(undefined);
  });
});
