import { expect } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/adapters/memory.js';
import { CommentAdapterError, type CommentAdapter } from '../../../src/adapters/types.js';
import { CHUNK_MS, RENDER_CHUNK, ThreadController } from '../../../src/element/controllers/thread-controller.js';
import { CommentBoxErrorEvent, CommentBoxLoadEvent } from '../../../src/element/events.js';
import { FakeHost, fakeSource, stored } from './fake-host.js';
import { prepareDateFormats } from '../../../src/relative-time.js';

const draft = { content: 'Live one', name: 'Ada', email: 'ada@example.org', url: '', parentId: null };

describe('ThreadController (without the element)', () => {
  it('loads the first page, then the next one, and tells its host', async () => {
    const host = new FakeHost();
    const adapter = createMemoryAdapter({
      threads: { t: [stored('a', null, 1), stored('b', 'a', 2), stored('c', null, 3)] },
    });
    const source = { ...fakeSource(adapter), pageSize: 1 };
    const thread = new ThreadController(host, source);
    const loads: CommentBoxLoadEvent[] = [];
    host.addEventListener(CommentBoxLoadEvent.type, (e) => loads.push(e as CommentBoxLoadEvent));
    expect(host.controllers).to.include(thread);

    const first = thread.reload();
    expect(thread.loadState).to.equal('loading');
    await first;
    expect(thread.loadState).to.equal('ready');
    // A page is one whole thread: "c" is on the next page.
    expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
    expect(thread.total).to.equal(3);
    expect(thread.nextCursor).to.not.equal(null);
    expect(thread.renderLimit).to.equal(RENDER_CHUNK);

    await thread.loadPage(thread.nextCursor);
    expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b', 'c']);
    expect(thread.nextCursor).to.equal(null);
    expect(thread.loadingMore).to.equal(false);
    expect(loads.length).to.equal(2);
    expect(host.updates).to.be.greaterThan(0);
  });

  it('turns a failed load into the error state, an announcement and a comment-box-error', async () => {
    const host = new FakeHost();
    const failing: CommentAdapter = {
      scope: 'shared',
      list: async () => {
        throw new CommentAdapterError('unavailable', 'down');
      },
      create: async () => {
        throw new Error('unused');
      },
    };
    const source = fakeSource(failing);
    const thread = new ThreadController(host, source);
    const errors: CommentBoxErrorEvent[] = [];
    host.addEventListener(CommentBoxErrorEvent.type, (e) => errors.push(e as CommentBoxErrorEvent));
    await thread.reload();
    expect(thread.loadState).to.equal('error');
    expect(thread.loadError?.code).to.equal('unavailable');
    expect(source.announced).to.deep.equal([source.translation.loadError]);
    expect(errors.map((e) => e.phase)).to.deep.equal(['load']);
  });

  it('says so when there is no adapter', async () => {
    const source = { ...fakeSource(), adapter: undefined };
    const thread = new ThreadController(new FakeHost(), source);
    await thread.reload();
    expect(thread.loadState).to.equal('error');
    expect(thread.loadError?.code).to.equal('unavailable');
  });

  it('keeps live comments apart until shown, and stops listening when the host disconnects', async () => {
    const host = new FakeHost();
    const adapter = createMemoryAdapter({ threads: { t: [stored('a')] } });
    const source = fakeSource(adapter);
    const thread = new ThreadController(host, source);
    await thread.reload();
    const live = await adapter.create('t', draft, { idempotencyKey: 'k1' });
    expect(thread.incoming.map((c) => c.id)).to.deep.equal([live.id]);
    expect(source.announced.at(-1)).to.equal(source.translation.newComments(1));
    expect(thread.comments.length).to.equal(1);

    thread.showIncoming();
    expect(thread.incoming).to.deep.equal([]);
    expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', live.id]);
    expect(thread.total).to.equal(2);

    host.disconnect();
    await adapter.create('t', { ...draft, content: 'After' }, { idempotencyKey: 'k2' });
    expect(thread.incoming).to.deep.equal([]);
  });

  it('lists a posted comment once, even when it arrived live first', async () => {
    const adapter = createMemoryAdapter();
    const thread = new ThreadController(new FakeHost(), fakeSource(adapter));
    await thread.reload();
    const mine = await adapter.create('t', draft, { idempotencyKey: 'k' });
    expect(thread.incoming.length).to.equal(1);
    thread.addPosted(mine);
    expect(thread.incoming).to.deep.equal([]);
    expect(thread.comments.map((c) => c.id)).to.deep.equal([mine.id]);
    expect(thread.total).to.equal(1);
  });

  it('sizes each chunk by the time the last one took to render', async () => {
    const host = new FakeHost();
    const thread = new ThreadController(host, fakeSource());
    // A clock that moves only while the host renders, by `took` ms per render.
    let clock = 0;
    let took = 0;
    Object.defineProperty(host, 'updateComplete', {
      get: () => ((clock += took), Promise.resolve(true)),
    });
    const realNow = performance.now;
    performance.now = () => clock;
    const nextChunk = async (ms: number) => {
      took = ms;
      const before = thread.renderLimit;
      thread.renderMoreSoon();
      await new Promise((resolve) => setTimeout(resolve, 10));
      return thread.renderLimit - before;
    };
    try {
      expect(await nextChunk(3 * CHUNK_MS)).to.equal(RENDER_CHUNK);
      // That chunk took three times too long: the next is a third of it.
      expect(await nextChunk(CHUNK_MS / 4)).to.equal(Math.ceil(RENDER_CHUNK / 3));
      // That one was fast: the next grows, at most twice as large.
      expect(await nextChunk(CHUNK_MS)).to.equal(2 * Math.ceil(RENDER_CHUNK / 3));
      expect(await nextChunk(0)).to.equal(2 * Math.ceil(RENDER_CHUNK / 3));
      expect(await nextChunk(0)).to.equal(4 * Math.ceil(RENDER_CHUNK / 3));
    } finally {
      performance.now = realNow;
    }
  });

  it('renders the next chunk in a task of its own, once however often it is asked', async () => {
    const host = new FakeHost();
    const thread = new ThreadController(host, fakeSource());
    thread.renderMoreSoon();
    thread.renderMoreSoon();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(thread.renderLimit, 'not in the task that asked').to.equal(RENDER_CHUNK);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(thread.renderLimit).to.equal(2 * RENDER_CHUNK);
  });

  it('reads an answer that came at once in a task after the one that asked', async () => {
    const host = new FakeHost();
    const thread = new ThreadController(
      host,
      fakeSource(createMemoryAdapter({ threads: { t: [stored('a', null, 1)] } })),
    );
    await prepareDateFormats('en');
    const loading = thread.reload();
    // The in-browser adapter answers in a microtask; the list is read in a later task.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(thread.loadState).to.equal('loading');
    await loading;
    expect(thread.comments.map((c) => c.id)).to.deep.equal(['a']);
  });
});
