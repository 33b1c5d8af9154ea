import { expect } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { createMemoryAdapter } from '../../../src/adapters/memory.js';
import { CommentAdapterError, type CommentAdapter } from '../../../src/adapters/types.js';
import { DraftController } from '../../../src/element/controllers/draft-controller.js';
import { PostingController } from '../../../src/element/controllers/posting-controller.js';
import { ThreadController } from '../../../src/element/controllers/thread-controller.js';
import { CommentBoxErrorEvent, CommentBoxSubmitEvent, CommentBoxSubmittedEvent } from '../../../src/element/events.js';
import { fakeSource } from './fake-host.js';

/** A tiny host: the three controllers and two fields, no list or form templates. */
class PostingHostElement extends LitElement {
  source = fakeSource();
  thread = new ThreadController(this, this.source);
  draft = new DraftController(this, {
    ...this.source,
    onEdit: () => this.posting.newSubmission(),
    onReset: () => this.posting.reset(),
  });
  posting = new PostingController(this, this.source, this.draft, this.thread);
  protected override render() {
    return html`<textarea id="comment"></textarea><input id="name" /><button part="submit-button"></button>`;
  }
}
customElements.define('posting-host', PostingHostElement);

/** A host on `adapter`, connected, with its first page loaded. */
async function hostWith(adapter: CommentAdapter): Promise<PostingHostElement> {
  const el = document.createElement('posting-host') as PostingHostElement;
  el.source.adapter = adapter;
  document.body.append(el);
  await el.thread.reload();
  await el.updateComplete;
  return el;
}

function fillIn(el: PostingHostElement, content = 'Hello'): void {
  el.draft.input('content', content);
  el.draft.input('name', 'Ada');
  el.draft.input('email', 'ada@example.org');
}

describe('PostingController (without the element)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => document.body.replaceChildren());

  it('refuses an invalid form, says how many fields to fix and focuses the first', async () => {
    const el = await hostWith(createMemoryAdapter());
    await el.posting.submit();
    expect(el.draft.submitted).to.equal(true);
    expect(el.source.announced.at(-1)).to.equal(el.source.translation.fixErrors(3));
    expect(el.shadowRoot!.activeElement?.id).to.equal('comment');
  });

  it('posts a valid form: submit and submitted events, the comment listed, the form reset', async () => {
    const el = await hostWith(createMemoryAdapter());
    const events: string[] = [];
    for (const type of [CommentBoxSubmitEvent.type, CommentBoxSubmittedEvent.type])
      el.addEventListener(type, () => events.push(type));
    fillIn(el);
    await el.posting.submit();
    expect(events).to.deep.equal(['comment-box-submit', 'comment-box-submitted']);
    expect(el.thread.comments.map((c) => c.content)).to.deep.equal(['Hello']);
    expect(el.draft.values.content).to.equal('');
    expect(el.posting.posting).to.equal(false);
    expect(el.source.announced.at(-1)).to.equal(el.source.translation.commentPosted);
  });

  it('stops when comment-box-submit is cancelled', async () => {
    const calls: string[] = [];
    const inner = createMemoryAdapter();
    const el = await hostWith({ ...inner, create: (t, d, o) => (calls.push(o.idempotencyKey), inner.create(t, d, o)) });
    el.addEventListener(CommentBoxSubmitEvent.type, (e) => e.preventDefault());
    fillIn(el);
    await el.posting.submit();
    expect(calls).to.deep.equal([]);
  });

  it('retries with the same idempotency key, and an edit makes a new one', async () => {
    const keys: string[] = [];
    let fail = true;
    const inner = createMemoryAdapter();
    const adapter: CommentAdapter = {
      ...inner,
      create: async (t, d, o) => {
        keys.push(o.idempotencyKey);
        if (fail) throw new CommentAdapterError('unavailable', 'down');
        return inner.create(t, d, o);
      },
    };
    const el = await hostWith(adapter);
    const errors: CommentBoxErrorEvent[] = [];
    el.addEventListener(CommentBoxErrorEvent.type, (e) => errors.push(e as CommentBoxErrorEvent));
    fillIn(el);
    await el.posting.submit();
    expect(el.posting.postError?.code).to.equal('unavailable');
    expect(errors.map((e) => e.phase)).to.deep.equal(['submit']);
    await el.posting.submit();
    expect(keys[1]).to.equal(keys[0]);

    el.draft.input('content', 'Hello again');
    fail = false;
    await el.posting.submit();
    expect(keys[2]).to.not.equal(keys[0]);
    expect(el.posting.postError).to.equal(null);
    expect(el.thread.comments.map((c) => c.content)).to.deep.equal(['Hello again']);
  });

  it('shows the fields the backend refused', async () => {
    const inner = createMemoryAdapter();
    const el = await hostWith({
      ...inner,
      create: async () => {
        throw new CommentAdapterError('invalid', 'no', { fields: { name: ['invalidText'] } });
      },
    });
    fillIn(el);
    await el.posting.submit();
    expect(el.draft.serverErrors).to.deep.equal({ name: ['invalidText'] });
    expect(el.draft.visibleErrors().name).to.deep.equal(['invalidText']);
  });
});
