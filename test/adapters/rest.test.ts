import { expect } from '@open-wc/testing';
import { createRestAdapter } from '../../src/adapters/rest.js';
import { MAX_PAGE_URL } from '../../src/api/comments.js';
import { createBodySchema } from '../../src/api/requests.js';
import type { Comment } from '../../src/schema.js';

/** The real `EventSource`, counted: every stream the page opens, and every `close()`. */
class CountedEventSource extends EventSource {
  static opened: CountedEventSource[] = [];
  closes = 0;
  constructor(url: string | URL, init?: EventSourceInit) {
    super(url, init);
    CountedEventSource.opened.push(this);
  }
  override close() {
    this.closes++;
    super.close();
  }
}

const comment = (id: string): Comment => ({
  id,
  parentId: null,
  authorName: 'Ada',
  authorUrl: null,
  avatarSeed: 'seed',
  content: 'Hello',
  createdAt: '2030-01-01T00:00:00.000Z',
  status: 'approved',
});

/** Delivers a `comment` event on `source`, as the server would. */
const deliver = (source: EventSource, id: string) =>
  source.dispatchEvent(new MessageEvent('comment', { data: JSON.stringify(comment(id)) }));

let unique = 0;
const thread = () => `rest-test-${Date.now().toString(36)}-${unique++}`;

describe('REST adapter: live updates', () => {
  const real = window.EventSource;
  beforeEach(() => {
    CountedEventSource.opened = [];
    window.EventSource = CountedEventSource;
  });
  afterEach(() => {
    window.EventSource = real;
  });

  it('shares one EventSource per thread among subscriptions, and the last to end closes it', () => {
    // Two adapters, as two <comment-box> elements of one page would have.
    const first = createRestAdapter({ endpoint: '' });
    const second = createRestAdapter({ endpoint: '' });
    const t = thread();
    const a = new AbortController();
    const b = new AbortController();
    const other = new AbortController();
    const gotA: string[] = [];
    const gotB: string[] = [];
    first.subscribe!(t, (c) => gotA.push(c.id), { signal: a.signal });
    second.subscribe!(t, (c) => gotB.push(c.id), { signal: b.signal });
    second.subscribe!(thread(), () => undefined, { signal: other.signal });
    expect(CountedEventSource.opened.length).to.equal(2, 'one stream for the shared thread, one for the other');
    const [shared] = CountedEventSource.opened;
    deliver(shared!, 'c1');
    expect([gotA, gotB]).to.deep.equal([['c1'], ['c1']]);

    a.abort();
    expect(shared!.closes).to.equal(0, 'still used by the second subscription');
    deliver(shared!, 'c2');
    expect([gotA, gotB]).to.deep.equal([['c1'], ['c1', 'c2']]);

    b.abort();
    expect(shared!.closes).to.equal(1);
    expect(shared!.readyState).to.equal(EventSource.CLOSED);
    expect(CountedEventSource.opened[1]!.closes).to.equal(0, 'the other thread keeps its stream');
    other.abort();

    // Subscribing again after the last one ended opens a new stream.
    const again = new AbortController();
    first.subscribe!(t, () => undefined, { signal: again.signal });
    expect(CountedEventSource.opened.length).to.equal(3);
    again.abort();
    expect(CountedEventSource.opened[2]!.closes).to.equal(1);
  });

  it('replaces a stream the browser gave up on, for the subscriptions that come after', async () => {
    const adapter = createRestAdapter({ endpoint: '' });
    const t = thread();
    const early = new AbortController();
    adapter.subscribe!(t, () => undefined, { signal: early.signal });
    const [failed] = CountedEventSource.opened;
    // The test server has no event stream here: it answers 404, and the browser closes the source.
    await new Promise((resolve) => failed!.addEventListener('error', resolve, { once: true }));
    expect(failed!.readyState).to.equal(EventSource.CLOSED);

    const late = new AbortController();
    adapter.subscribe!(t, () => undefined, { signal: late.signal });
    expect(CountedEventSource.opened.length).to.equal(2);
    early.abort();
    expect(CountedEventSource.opened[1]!.closes).to.equal(
      0,
      'ending the early subscription leaves the new stream open',
    );
    late.abort();
    expect(CountedEventSource.opened[1]!.closes).to.equal(1);
  });

  it('does not pass on the live event of its own post, even when it comes before the answer', async () => {
    let answer!: (res: Response) => void;
    const fetch = () => new Promise<Response>((resolve) => (answer = resolve));
    const mine = createRestAdapter({
      endpoint: '',
      fetch,
      storage: { available: true, get: () => null, set: () => true, remove: () => undefined },
    });
    const other = createRestAdapter({ endpoint: '' });
    const t = thread();
    const live = new AbortController();
    const gotMine: string[] = [];
    const gotOther: string[] = [];
    mine.subscribe!(t, (c) => gotMine.push(c.id), { signal: live.signal });
    other.subscribe!(t, (c) => gotOther.push(c.id), { signal: live.signal });
    const [source] = CountedEventSource.opened;

    const posting = mine.create(
      t,
      { content: 'Hello', name: 'Ada', email: '', url: '', parentId: null },
      { idempotencyKey: 'k1' },
    );
    // The server publishes before it answers: the stream may bring the post first.
    deliver(source!, 'own');
    deliver(source!, 'someone-else');
    expect(gotMine).to.deep.equal([], 'held while the post is in flight');
    answer(new Response(JSON.stringify({ comment: comment('own'), authorToken: 'a'.repeat(32) }), { status: 201 }));
    expect((await posting).id).to.equal('own');
    expect(gotMine).to.deep.equal(['someone-else'], 'its own post is shown once, from the answer');
    deliver(source!, 'own');
    expect(gotMine).to.deep.equal(['someone-else'], 'nor later');
    expect(gotOther).to.deep.equal(['own', 'someone-else', 'own'], 'another element of the page shows it live');
    live.abort();
  });
});

describe('REST adapter: failures', () => {
  const answering = (status: number, body: unknown) =>
    createRestAdapter({
      endpoint: 'http://127.0.0.1:9',
      fetch: async () =>
        new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
    });
  const draft = { content: 'Hi', name: 'Ada', email: 'ada@example.com', url: '', parentId: null };
  const failureOf = async (status: number, body: unknown) => {
    try {
      await answering(status, body).create(thread(), draft, { idempotencyKey: 'k' });
    } catch (error) {
      return error as { code: string; messageKey?: string };
    }
    throw new Error('the post did not fail');
  };

  it('reads Retry-After as seconds or as an HTTP date (never below 0); neither gives no wait', async () => {
    const waitOf = async (header: string) => {
      const adapter = createRestAdapter({
        endpoint: 'http://127.0.0.1:9',
        fetch: async () =>
          new Response('{"error":"rate-limited"}', { status: 429, headers: { 'Retry-After': header } }),
      });
      try {
        await adapter.create(thread(), draft, { idempotencyKey: 'k' });
      } catch (error) {
        return (error as { code: string; retryAfter?: number }).retryAfter;
      }
      throw new Error('the post did not fail');
    };
    expect(await waitOf('7')).to.equal(7);
    expect(await waitOf('-3')).to.equal(0);
    const inAMinute = await waitOf(new Date(Date.now() + 60_000).toUTCString());
    expect(inAMinute).to.be.within(58, 61);
    expect(await waitOf(new Date(Date.now() - 60_000).toUTCString())).to.equal(0);
    expect(await waitOf('soon')).to.equal(undefined);
  });

  it('a thread the owner closed (403 closed) is the code closed; another 403 is unauthorized', async () => {
    const closed = await failureOf(403, { error: 'closed', messageKey: 'closed' });
    expect([closed.code, closed.messageKey]).to.deep.equal(['closed', 'closed']);
    expect((await failureOf(403, { error: 'forbidden', messageKey: 'notAuthor' })).code).to.equal('unauthorized');
    expect((await failureOf(410, { error: 'gone', messageKey: 'gone' })).code).to.equal('not-found');
  });
});

describe('REST adapter: what a post sends (issue 14)', () => {
  const sent: Array<Record<string, unknown>> = [];
  const adapter = () =>
    createRestAdapter({
      endpoint: 'http://127.0.0.1:9',
      storage: { available: true, get: () => null, set: () => true, remove: () => undefined },
      fetch: async (_url, init) => {
        if (init?.method === 'POST') sent.push(JSON.parse(String(init.body)) as Record<string, unknown>);
        const page = { comments: [], nextCursor: null, total: 0, notifications: true };
        const body = init?.method === 'POST' ? { comment: comment('c1'), authorToken: 'a'.repeat(32) } : page;
        return new Response(JSON.stringify(body), { status: init?.method === 'POST' ? 201 : 200 });
      },
    });
  const draft = { content: 'Hi', name: 'Ada', email: 'ada@example.com', url: '', parentId: null };
  const here = location.href;
  beforeEach(() => (sent.length = 0));
  afterEach(() => history.replaceState(null, '', here));

  it('sends notify when asked, and the page’s address without its fragment', async () => {
    history.replaceState(null, '', '?p=12#comment-3');
    await adapter().create(thread(), { ...draft, notify: true }, { idempotencyKey: 'k1' });
    await adapter().create(thread(), draft, { idempotencyKey: 'k2' });
    expect(sent[0]!['notify']).to.equal(true);
    expect(sent[0]!['_page']).to.equal(location.href.replace('#comment-3', ''));
    expect(String(sent[0]!['_page'])).to.match(/\?p=12$/);
    expect(Object.hasOwn(sent[1]!, 'notify'), 'not asked: not sent').to.equal(false);
  });

  it('cuts a long address to what the API takes', async () => {
    history.replaceState(null, '', `?q=${'x'.repeat(MAX_PAGE_URL)}`);
    await adapter().create(thread(), draft, { idempotencyKey: 'k3' });
    expect(String(sent[0]!['_page'])).to.have.length(MAX_PAGE_URL);
    const parsed = createBodySchema({ requireNameEmail: true }).safeParse(sent[0]);
    expect(parsed.success, 'the server’s schema takes it').to.equal(true);
  });

  it('sends the element’s language as _lang, which the server’s schema takes; nothing when it has none', async () => {
    await adapter().create(thread(), draft, { idempotencyKey: 'k4', lang: 'zh-CN' });
    await adapter().create(thread(), draft, { idempotencyKey: 'k5' });
    expect(sent[0]!['_lang']).to.equal('zh-CN');
    expect(createBodySchema({ requireNameEmail: true }).parse(sent[0])._lang).to.equal('zh-CN');
    expect(Object.hasOwn(sent[1]!, '_lang')).to.equal(false);
  });

  it('passes the page’s notifications on', async () => {
    const page = await adapter().list(thread(), { limit: 10, order: 'asc' });
    expect(page.notifications).to.equal(true);
  });
});
