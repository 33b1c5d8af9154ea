/**
 * The adapter contract: one suite of tests every `CommentAdapter` must pass. Built-in adapters run
 * it, and so can an adapter for your own backend:
 *
 * ```ts
 * import { runAdapterContract } from 'comment-box/testing';
 * runAdapterContract('my backend', () => createMyAdapter({ endpoint: 'http://127.0.0.1:8080' }));
 * ```
 *
 * It uses the global `describe`/`it` of mocha (as in @web/test-runner) unless you pass your own
 * (for example `node:test`'s), and throws plain `Error`s, so it needs no assertion library.
 */
import { CommentAdapterError, type CommentAdapter, type CreateOptions } from '../adapters/types.js';
import { commentPageSchema, commentSchema, type Comment, type CommentDraft } from '../schema.js';

type Fn = () => void | Promise<void>;
export interface ContractHooks {
  describe: (name: string, fn: () => void) => unknown;
  it: (name: string, fn: Fn) => unknown;
}

export interface ContractOptions {
  /** A fresh, empty thread id for each test. Default: a random string. */
  newThread?: () => string | Promise<string>;
  /** The backend holds new comments for moderation (they come back `pending`). */
  moderated?: boolean;
  /**
   * A moderated backend: whether it takes a reply to a comment awaiting moderation. Default
   * `'refused'` (the server and the in-browser adapters refuse it with `parentId: ['invalidParent']`,
   * as WordPress's comment form does); WordPress's REST API takes it (`'allowed'`).
   */
  repliesToHeld?: 'refused' | 'allowed';
  /**
   * Whether the backend's pages say `notifications: true`: it emails commenters about replies, and
   * the element offers "Notify me of follow-up comments by email." When given, the first page must
   * say exactly this (absent counts as false); when not, only its shape is checked.
   */
  notifications?: boolean;
  /** Test framework functions; default the global mocha ones. */
  hooks?: ContractHooks;
  /** Milliseconds between posts that must get distinct timestamps. Default 15. */
  spacing?: number;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Adapter contract: ${message}`);
}

async function rejectsWith(promise: Promise<unknown>, code: string, what: string): Promise<CommentAdapterError> {
  try {
    await promise;
  } catch (error) {
    assert(error instanceof CommentAdapterError, `${what}: expected a CommentAdapterError, got ${String(error)}`);
    assert(error.code === code, `${what}: expected code "${code}", got "${error.code}" (${error.message})`);
    return error;
  }
  throw new Error(`Adapter contract: ${what}: expected a rejection with "${code}", but it resolved`);
}

let seq = 0;
const key = () => `contract-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A valid draft with unique content. */
export function sampleDraft(overrides: Partial<CommentDraft> = {}): CommentDraft {
  return {
    content: `Contract comment ${key()}`,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    url: 'https://example.com/ada',
    parentId: null,
    ...overrides,
  };
}

/** Registers the contract tests for one adapter. `make` is called once per test. */
export function runAdapterContract(
  name: string,
  make: () => CommentAdapter | Promise<CommentAdapter>,
  options: ContractOptions = {},
): void {
  const g = globalThis as unknown as Partial<ContractHooks>;
  const hooks = options.hooks ?? (g.describe && g.it ? { describe: g.describe, it: g.it } : undefined);
  if (!hooks) throw new Error('runAdapterContract needs describe/it: run it under mocha or pass options.hooks.');
  const { describe, it } = hooks;
  const newThread = options.newThread ?? (() => `contract-${key()}`);
  const spacing = options.spacing ?? 15;
  const expectedStatus = options.moderated ? 'pending' : 'approved';
  /** Whether the tests can reply to the comments they post (a moderated backend holds them all). */
  const canReply = !options.moderated || options.repliesToHeld === 'allowed';

  const create = async (
    adapter: CommentAdapter,
    thread: string,
    draft: CommentDraft,
    opts?: Partial<CreateOptions>,
  ) => {
    const comment = await adapter.create(thread, draft, { idempotencyKey: key(), ...opts });
    const parsed = commentSchema.safeParse(comment);
    assert(parsed.success, `create returned a comment that does not match the schema: ${JSON.stringify(comment)}`);
    return parsed.data;
  };
  const listAll = async (adapter: CommentAdapter, thread: string, order: 'asc' | 'desc' = 'asc', limit = 100) => {
    const all: Comment[] = [];
    let cursor: string | null = null;
    const pages: Comment[][] = [];
    for (let i = 0; i < 50; i++) {
      const page = await adapter.list(thread, { cursor, limit, order });
      const parsed = commentPageSchema.safeParse(page);
      assert(parsed.success, `list returned a page that does not match the schema: ${JSON.stringify(page)}`);
      pages.push(parsed.data.comments);
      all.push(...parsed.data.comments);
      cursor = parsed.data.nextCursor;
      if (cursor === null) return { all, pages, total: parsed.data.total };
    }
    throw new Error('Adapter contract: paging never ended');
  };

  describe(`adapter contract: ${name}`, () => {
    it('lists an empty thread as an empty last page', async () => {
      const adapter = await make();
      const page = await adapter.list(await newThread(), { limit: 10, order: 'asc' });
      const parsed = commentPageSchema.safeParse(page);
      assert(parsed.success, 'empty page does not match the schema');
      assert(parsed.data.comments.length === 0, 'a new thread has comments');
      assert(parsed.data.nextCursor === null, 'an empty thread has a next page');
    });

    it('round-trips a comment, without the email', async () => {
      const adapter = await make();
      const thread = await newThread();
      const draft = sampleDraft();
      const created = await create(adapter, thread, draft);
      assert(created.content === draft.content, 'content changed');
      assert(created.authorName === draft.name, 'name changed');
      assert(created.authorUrl === draft.url, `website changed: ${created.authorUrl}`);
      assert(created.parentId === null, 'top-level comment has a parent');
      assert(created.status === expectedStatus, `status is ${created.status}, expected ${expectedStatus}`);
      assert(!JSON.stringify(created).includes(draft.email), 'the email address was returned');
      const { all, total } = await listAll(adapter, thread);
      const listed = all.find((c) => c.id === created.id);
      assert(listed, 'the new comment is not listed (to its author)');
      assert(listed.content === draft.content, 'listed content differs');
      assert(!JSON.stringify(all).includes(draft.email), 'the email address was listed');
      if (!options.moderated) assert(total === 1, `total is ${total}, expected 1`);
    });

    it('says whether it emails replies (notifications), and takes a draft asking to be notified', async () => {
      const adapter = await make();
      const thread = await newThread();
      const page = commentPageSchema.safeParse(await adapter.list(thread, { limit: 10, order: 'asc' }));
      assert(page.success, 'the first page does not match the schema (notifications must be a boolean)');
      if (options.notifications !== undefined) {
        const says = page.data.notifications === true;
        assert(says === options.notifications, `pages say notifications: ${says}, expected ${options.notifications}`);
      }
      // Whether it notifies or not, the comment is stored and shown as any other, without the email.
      const draft = sampleDraft({ notify: true });
      const created = await create(adapter, thread, draft);
      assert(!JSON.stringify(created).includes(draft.email), 'the email address was returned');
      const { all } = await listAll(adapter, thread);
      assert(
        all.some((c) => c.id === created.id),
        'a comment asking to be notified is not listed',
      );
      // The shared rule: asking to be notified needs an email address.
      const noEmail = await rejectsWith(
        adapter.create(thread, sampleDraft({ notify: true, email: '' }), { idempotencyKey: key() }),
        'invalid',
        'notify without an email',
      );
      assert(noEmail.fields.email?.includes('required'), `notify without an email: ${JSON.stringify(noEmail.fields)}`);
    });

    it('orders top-level comments oldest or newest first', async () => {
      const adapter = await make();
      const thread = await newThread();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await create(adapter, thread, sampleDraft({ content: `Order ${i} ${key()}` }))).id);
        await sleep(spacing);
      }
      const asc = (await listAll(adapter, thread, 'asc')).all.map((c) => c.id);
      const desc = (await listAll(adapter, thread, 'desc')).all.map((c) => c.id);
      assert(JSON.stringify(asc) === JSON.stringify(ids), `asc order ${asc} != ${ids}`);
      assert(JSON.stringify(desc) === JSON.stringify([...ids].reverse()), `desc order ${desc}`);
    });

    it('refuses a reply to a comment awaiting moderation', async () => {
      if (canReply) return;
      const adapter = await make();
      const thread = await newThread();
      const held = await create(adapter, thread, sampleDraft());
      const refused = await rejectsWith(
        adapter.create(thread, sampleDraft({ parentId: held.id, name: 'Grace' }), { idempotencyKey: key() }),
        'invalid',
        'reply to a held comment',
      );
      assert(refused.fields.parentId?.includes('invalidParent'), `reply to held: ${JSON.stringify(refused.fields)}`);
    });

    it('threads replies under their parents', async () => {
      if (!canReply) return;
      const adapter = await make();
      const thread = await newThread();
      const root = await create(adapter, thread, sampleDraft());
      await sleep(spacing);
      const reply = await create(adapter, thread, sampleDraft({ parentId: root.id, name: 'Grace' }));
      await sleep(spacing);
      const deep = await create(adapter, thread, sampleDraft({ parentId: reply.id, name: 'Linus' }));
      assert(reply.parentId === root.id, 'reply lost its parent');
      assert(deep.parentId === reply.id, 'nested reply lost its parent');
      const { all } = await listAll(adapter, thread);
      const ids = all.map((c) => c.id);
      assert(JSON.stringify(ids) === JSON.stringify([root.id, reply.id, deep.id]), `thread order ${ids}`);
      assert(all[2]?.parentId === reply.id, 'listed reply lost its parent');
    });

    it('pages by whole top-level threads', async () => {
      if (!canReply) return;
      const adapter = await make();
      const thread = await newThread();
      const tops: Comment[] = [];
      for (let i = 0; i < 5; i++) {
        tops.push(await create(adapter, thread, sampleDraft({ content: `Thread ${i} ${key()}` })));
        await sleep(spacing);
      }
      const replies = [
        await create(adapter, thread, sampleDraft({ parentId: tops[1]!.id, content: `Reply A ${key()}` })),
      ];
      await sleep(spacing);
      replies.push(
        await create(adapter, thread, sampleDraft({ parentId: replies[0]!.id, content: `Reply B ${key()}` })),
      );
      const { all, pages } = await listAll(adapter, thread, 'asc', 2);
      assert(pages.length === 3, `expected 3 pages of 2 threads, got ${pages.length}`);
      assert(all.length === 7, `expected 7 comments over all pages, got ${all.length}`);
      assert(new Set(all.map((c) => c.id)).size === 7, 'a comment came twice');
      const firstPage = pages[0]!.map((c) => c.id);
      assert(
        JSON.stringify(firstPage) === JSON.stringify([tops[0]!.id, tops[1]!.id, replies[0]!.id, replies[1]!.id]),
        `the first page does not hold whole threads: ${firstPage}`,
      );
      for (const page of pages) {
        const top = page.filter((c) => c.parentId === null).length;
        assert(top <= 2, `a page holds ${top} top-level threads, limit 2`);
      }
    });

    it('rejects an aborted call', async () => {
      const adapter = await make();
      const controller = new AbortController();
      controller.abort();
      await rejectsWith(
        adapter.list(await newThread(), { limit: 10, order: 'asc', signal: controller.signal }),
        'aborted',
        'list',
      );
      await rejectsWith(
        adapter.create(await newThread(), sampleDraft(), { idempotencyKey: key(), signal: controller.signal }),
        'aborted',
        'create',
      );
    });

    it('refuses invalid drafts with field keys, and stores nothing', async () => {
      const adapter = await make();
      const thread = await newThread();
      const empty = await rejectsWith(
        adapter.create(thread, sampleDraft({ content: '   ' }), { idempotencyKey: key() }),
        'invalid',
        'empty content',
      );
      assert(empty.fields.content?.includes('required'), `empty content: fields ${JSON.stringify(empty.fields)}`);
      const url = await rejectsWith(
        adapter.create(thread, sampleDraft({ url: 'javascript:alert(1)' }), { idempotencyKey: key() }),
        'invalid',
        'javascript: website',
      );
      assert(url.fields.url?.includes('unsafeUrl'), `javascript: website: fields ${JSON.stringify(url.fields)}`);
      const parent = await rejectsWith(
        adapter.create(thread, sampleDraft({ parentId: 'no-such-comment-999999' }), { idempotencyKey: key() }),
        'invalid',
        'unknown parent',
      );
      assert(parent.fields.parentId?.includes('invalidParent'), `unknown parent: ${JSON.stringify(parent.fields)}`);
      const { all } = await listAll(adapter, thread);
      assert(all.length === 0, 'an invalid draft was stored');
    });

    it('replays an idempotent create once, and refuses the key for another body', async () => {
      const adapter = await make();
      const thread = await newThread();
      const idempotencyKey = key();
      const draft = sampleDraft();
      const first = await create(adapter, thread, draft, { idempotencyKey });
      const again = await create(adapter, thread, draft, { idempotencyKey });
      assert(again.id === first.id, 'a retry with the same key stored a second comment');
      await rejectsWith(adapter.create(thread, sampleDraft(), { idempotencyKey }), 'invalid', 'same key, other body');
      const { all } = await listAll(adapter, thread);
      assert(all.length === 1, `expected 1 comment, found ${all.length}`);
    });

    it('refuses a duplicate comment', async () => {
      const adapter = await make();
      const thread = await newThread();
      const draft = sampleDraft();
      await create(adapter, thread, draft);
      await rejectsWith(adapter.create(thread, draft, { idempotencyKey: key() }), 'conflict', 'duplicate');
    });

    // Editing and deleting one's own comment: optional (`edit`, `remove`); an adapter that declares
    // them must honour them, one that does not must never offer them (`editableUntil`).
    it('offers editing (editableUntil) only when it can edit and delete', async () => {
      const adapter = await make();
      const created = await create(adapter, await newThread(), sampleDraft());
      if (!adapter.edit || !adapter.remove) {
        assert(!adapter.edit && !adapter.remove, 'an adapter that edits must also delete, and the other way round');
        assert(created.editableUntil === undefined, 'editableUntil without edit and remove');
        return;
      }
      assert(created.editableUntil !== undefined, 'a new comment of an adapter that edits has no editableUntil');
      assert(Date.parse(created.editableUntil) > Date.now(), 'the edit window of a new comment is already over');
    });

    it('edits its own comment: new text, editedAt, listed so', async () => {
      const adapter = await make();
      if (!adapter.edit) return;
      const thread = await newThread();
      const created = await create(adapter, thread, sampleDraft());
      const text = `Edited ${key()}`;
      const edited = commentSchema.safeParse(await adapter.edit(thread, created.id, { content: text }, {}));
      assert(edited.success, 'edit returned a comment that does not match the schema');
      assert(edited.data.id === created.id && edited.data.content === text, 'edit did not change the text');
      assert(edited.data.editedAt, 'an edited comment has no editedAt');
      const listed = (await listAll(adapter, thread)).all.find((c) => c.id === created.id);
      assert(listed?.content === text && listed.editedAt, 'the list does not show the edit');
      const blank = await rejectsWith(adapter.edit(thread, created.id, { content: '  ' }, {}), 'invalid', 'empty edit');
      assert(blank.fields.content?.includes('required'), `empty edit: fields ${JSON.stringify(blank.fields)}`);
      await rejectsWith(adapter.edit(thread, 'no-such-comment-999999', { content: 'x' }, {}), 'not-found', 'unknown');
      const after = (await listAll(adapter, thread)).all.find((c) => c.id === created.id);
      assert(after?.content === text, 'a refused edit changed the text');
    });

    it('deletes its own comment: a placeholder while it has replies, then gone', async () => {
      const adapter = await make();
      if (!adapter.remove || !canReply) return;
      const thread = await newThread();
      const root = await create(adapter, thread, sampleDraft());
      await sleep(spacing);
      const reply = await create(adapter, thread, sampleDraft({ parentId: root.id }));
      const placeholder = await adapter.remove(thread, root.id, {});
      assert(placeholder?.deleted === true && placeholder.id === root.id, 'no placeholder for a comment with replies');
      assert(placeholder.content === '' && placeholder.authorName === '', 'the placeholder keeps text or author');
      let all = (await listAll(adapter, thread)).all;
      assert(all.find((c) => c.id === root.id)?.deleted === true, 'the placeholder is not listed');
      assert(all.find((c) => c.id === reply.id)?.parentId === root.id, 'the reply lost its parent');
      const gone = await adapter.remove(thread, reply.id, {});
      assert(gone === null, 'a comment without replies left a placeholder');
      all = (await listAll(adapter, thread)).all;
      assert(all.length === 0, `the thread still lists ${all.map((c) => c.id)}`);
      await rejectsWith(adapter.remove(thread, reply.id, {}), 'not-found', 'deleted twice');
    });
  });
}
