import { expect } from '@open-wc/testing';
import { createLocalStorageAdapter } from '../../src/adapters/local.js';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { CommentAdapterError } from '../../src/adapters/types.js';
import { runAdapterContract, sampleDraft } from './contract.js';

// The in-browser adapters email no one: their pages never say `notifications`.
runAdapterContract('memory', () => createMemoryAdapter(), { notifications: false });
runAdapterContract('memory (moderated)', () => createMemoryAdapter({ moderation: 'all' }), {
  moderated: true,
  notifications: false,
});
runAdapterContract('localStorage', () => createLocalStorageAdapter({ prefix: `contract-${Math.random()}:` }), {
  notifications: false,
});

/** A Storage whose every call throws, like a sandboxed iframe's or a blocked one. */
class ThrowingStorage implements Storage {
  get length(): number {
    throw new DOMException('denied', 'SecurityError');
  }
  clear() {
    throw new DOMException('denied', 'SecurityError');
  }
  getItem(): string | null {
    throw new DOMException('denied', 'SecurityError');
  }
  key(): string | null {
    throw new DOMException('denied', 'SecurityError');
  }
  removeItem() {
    throw new DOMException('denied', 'SecurityError');
  }
  setItem() {
    throw new DOMException('denied', 'SecurityError');
  }
}

/** A Storage that reads fine but is full. */
class FullStorage implements Storage {
  #map = new Map<string, string>();
  get length() {
    return this.#map.size;
  }
  clear() {
    this.#map.clear();
  }
  getItem(k: string) {
    return this.#map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.#map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.#map.delete(k);
  }
  setItem() {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }
}

describe('memory adapter', () => {
  it('leaves out starting comments that do not fit the schema, and counts them on the first page', async () => {
    const good = {
      id: 'good1',
      parentId: null,
      authorName: 'Ok',
      authorUrl: null,
      avatarSeed: 'x',
      content: 'fine',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'approved' as const,
    };
    const adapter = createMemoryAdapter({ threads: { t: [good, { ...good, id: 'bad1', authorUrl: 'https://١٢٣' }] } });
    const page = await adapter.list('t', { limit: 10, order: 'asc' });
    expect(page.comments.map((c) => c.id)).to.deep.equal(['good1']);
    expect(page.dropped).to.equal(1);
    expect((await adapter.list('t', { cursor: '1', limit: 10, order: 'asc' })).dropped).to.equal(undefined);
  });
});

describe('localStorage adapter', () => {
  it('keeps working, for this page, when storage throws on every call', async () => {
    const adapter = createLocalStorageAdapter({ storage: new ThrowingStorage() });
    const created = await adapter.create('t', sampleDraft(), { idempotencyKey: 'k1' });
    const page = await adapter.list('t', { limit: 10, order: 'asc' });
    expect(page.comments.map((c) => c.id)).to.deep.equal([created.id]);
  });

  it('reports a full storage as an error with a key, not a crash', async () => {
    const adapter = createLocalStorageAdapter({ storage: new FullStorage() });
    let error: unknown;
    try {
      await adapter.create('t', sampleDraft(), { idempotencyKey: 'k1' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CommentAdapterError);
    expect((error as CommentAdapterError).code).to.equal('unavailable');
    expect((error as CommentAdapterError).messageKey).to.equal('storageFull');
  });

  it('drops stored entries that do not match the schema, and keeps the valid ones', async () => {
    const prefix = `corrupt-${Math.random()}:`;
    const good = {
      id: 'good1',
      parentId: null,
      authorName: 'Ok',
      authorUrl: null,
      avatarSeed: 'x',
      content: 'fine',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'approved',
    };
    const bad = { ...good, id: 'bad1', authorUrl: 'javascript:alert(1)' };
    localStorage.setItem(`${prefix}t`, JSON.stringify({ comments: [good, bad, 42], keys: {} }));
    const page = await createLocalStorageAdapter({ prefix }).list('t', { limit: 10, order: 'asc' });
    expect(page.comments.map((c) => c.id)).to.deep.equal(['good1']);
    // Counted for the element to report, with the first page only.
    expect(page.dropped).to.equal(2);
    const next = await createLocalStorageAdapter({ prefix }).list('t', { cursor: '1', limit: 10, order: 'asc' });
    expect(next.dropped).to.equal(undefined);
    localStorage.setItem(`${prefix}u`, '{not json');
    const empty = await createLocalStorageAdapter({ prefix }).list('u', { limit: 10, order: 'asc' });
    expect(empty.comments).to.deep.equal([]);
  });

  it('persists across adapter instances (a reload)', async () => {
    const prefix = `reload-${Math.random()}:`;
    const created = await createLocalStorageAdapter({ prefix }).create('t', sampleDraft(), { idempotencyKey: 'k' });
    const page = await createLocalStorageAdapter({ prefix }).list('t', { limit: 10, order: 'asc' });
    expect(page.comments[0]?.id).to.equal(created.id);
  });

  it('keeps nothing of notify (it emails no one): not in the comment, not in the idempotency record', async () => {
    const prefix = `notify-${Math.random()}:`;
    const adapter = createLocalStorageAdapter({ prefix });
    const draft = sampleDraft({ notify: true });
    await adapter.create('t', draft, { idempotencyKey: 'k' });
    const stored = localStorage.getItem(`${prefix}t`)!;
    expect(stored).to.contain(draft.content);
    expect(stored).to.not.contain('notify');
  });
});

describe('built-in backends by name', () => {
  it('local, memory and rest let readers change their comments (edit, remove); wordpress does not', async () => {
    await import('../../src/adapters/builtin.js');
    const { getAdapterFactory } = await import('../../src/adapters/registry.js');
    const element = document.createElement('comment-box');
    const can = (name: string) => {
      const adapter = getAdapterFactory(name)!({ endpoint: 'http://127.0.0.1:9', element });
      return [typeof adapter.edit, typeof adapter.remove];
    };
    for (const name of ['local', 'memory', 'rest']) expect(can(name), name).to.deep.equal(['function', 'function']);
    expect(can('wordpress')).to.deep.equal(['undefined', 'undefined']);
  });

  it('the stand-in of a lazy backend forwards an edit and a delete to the real adapter', async () => {
    await import('../../src/adapters/builtin.js');
    const { getAdapterFactory } = await import('../../src/adapters/registry.js');
    const adapter = getAdapterFactory('memory')!({
      endpoint: undefined,
      element: document.createElement('comment-box'),
    });
    const posted = await adapter.create('t', sampleDraft(), { idempotencyKey: 'lazy-1' });
    const edited = await adapter.edit!('t', posted.id, { content: 'Changed' }, {});
    expect(edited.content).to.equal('Changed');
    expect(await adapter.remove!('t', posted.id, {})).to.equal(null);
    expect((await adapter.list('t', { limit: 10, order: 'asc' })).comments).to.deep.equal([]);
  });
});
