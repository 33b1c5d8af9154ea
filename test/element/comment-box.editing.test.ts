// Editing and deleting one's own comment, from the keyboard alone (issue 12): offered only where the
// backend can and while the window is open; focus on a visible, sensible control after every step.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { CommentAdapterError, type CommentAdapter } from '../../src/adapters/types.js';
import en from '../../src/i18n/translations/en.js';
import { $, $$, comment, fill, mount, post, text, type CommentBoxElement } from '../helpers.js';
import { expectFocusOn } from '../focus.js';

beforeEach(() => localStorage.clear());

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const mine = (id: string, parentId: string | null, content: string, minute: number) =>
  comment(id, parentId, 'Me', content, minute, { editableUntil: inAMinute() });
const article = (el: CommentBoxElement, id: string) => $(el, `#comment-${id} > article`);
const status = (el: CommentBoxElement) => text($(el, '[role="status"]'));

async function shiftTab(el: CommentBoxElement) {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
  await el.updateComplete;
}

/** Enter on a comment's Edit (or Delete) button; the first one loads the forms. */
async function open(el: CommentBoxElement, kind: 'edit' | 'delete', id: string) {
  $(el, `[data-${kind}="${id}"]`)!.focus();
  await press(el, 'Enter');
  const opened = kind === 'edit' ? `#comment-${id} textarea` : '[part="delete-confirm"]';
  await waitUntil(() => $(el, opened), `the ${kind} form never opened`);
  await el.updateComplete;
}

async function press(el: CommentBoxElement, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<comment-box> editing: what is offered', () => {
  it('offers Edit and Delete on the reader’s own comments only, while the window is open', async () => {
    const threads = {
      t: [
        mine('1', null, 'Mine', 1),
        comment('2', null, 'Other', 'Not mine', 2),
        comment('3', null, 'Me', 'Too late', 3, { editableUntil: new Date(Date.now() - 1000).toISOString() }),
      ],
    };
    const el = await mount(createMemoryAdapter({ threads }));
    expect($$(el, '[part="edit-button"]').map((b) => b.dataset['edit'])).to.deep.equal(['1']);
    expect($$(el, '[part="delete-button"]').map((b) => b.dataset['delete'])).to.deep.equal(['1']);
    await expect(el).to.be.accessible();
  });

  it('offers nothing when the backend cannot edit (no edit or remove)', async () => {
    const inner = createMemoryAdapter({ threads: { t: [mine('1', null, 'Mine', 1)] } });
    const adapter: CommentAdapter = { list: inner.list, create: inner.create };
    const el = await mount(adapter);
    expect($$(el, '[part="edit-button"], [part="delete-button"]')).to.have.length(0);
  });

  it('a comment posted here offers Edit and Delete at once', async () => {
    const el = await mount(createMemoryAdapter());
    await fill(el, 'Fresh words', 'Me', 'me@example.com');
    await post(el);
    const id = $$(el, 'li[part~="comment"]')[0]!.id.slice('comment-'.length);
    expect($(el, `[data-edit="${id}"]`)).to.not.equal(null);
    expect($(el, `[data-delete="${id}"]`)).to.not.equal(null);
  });
});

describe('<comment-box> editing: keyboard only', () => {
  it('Edit, change the text, Save: the comment says "edited", focus on it, announced once', async () => {
    const el = await mount(createMemoryAdapter({ threads: { t: [mine('1', null, 'Frist!', 1)] } }));
    await open(el, 'edit', '1');
    const field = $<HTMLTextAreaElement>(el, '#comment-1 textarea')!;
    expectFocusOn(el, field, 'the edit field');
    expect(field.value).to.equal('Frist!');
    expect(text($(el, '#comment-1 label'))).to.equal(en.editLabel);
    await expect(el).to.be.accessible();
    field.select();
    await sendKeys({ type: 'First!' });
    await press(el, 'Tab');
    expectFocusOn(el, $(el, '[part="save-button"]'), 'Save');
    await press(el, 'Enter');
    await waitUntil(() => !$(el, '#comment-1 textarea'), 'the edit never closed');
    await el.updateComplete;
    expect(text($(el, '#comment-1 [part="comment-body"]'))).to.equal('First!');
    expect(text($(el, '#comment-1 [part="edited"]'))).to.equal(en.edited);
    expect($(el, '#comment-1 [part="edited"]')!.title).to.not.equal('');
    expectFocusOn(el, article(el, '1'), 'the edited comment');
    expect(status(el)).to.equal(en.commentUpdated);
    await expect(el).to.be.accessible();
  });

  it('Escape leaves the edit unchanged and returns to Edit', async () => {
    const el = await mount(createMemoryAdapter({ threads: { t: [mine('1', null, 'Keep me', 1)] } }));
    await open(el, 'edit', '1');
    await sendKeys({ type: ' and more' });
    await press(el, 'Escape');
    expect($(el, '#comment-1 textarea')).to.equal(null);
    expect(text($(el, '#comment-1 [part="comment-body"]'))).to.equal('Keep me');
    expectFocusOn(el, $(el, '[data-edit="1"]'), 'Edit');
  });

  it('a refused edit keeps the typed text and moves focus to one clear failure', async () => {
    const inner = createMemoryAdapter({ threads: { t: [mine('1', null, 'Old', 1)] } });
    const adapter: CommentAdapter = {
      ...inner,
      edit: async () => {
        throw new CommentAdapterError('conflict', 'too late', { messageKey: 'editWindowClosed' });
      },
    };
    const el = await mount(adapter);
    await open(el, 'edit', '1');
    $<HTMLTextAreaElement>(el, '#comment-1 textarea')!.select();
    await sendKeys({ type: 'Words I typed' });
    await press(el, 'Tab');
    await press(el, 'Enter');
    await waitUntil(() => $(el, '[part="edit-error"]'), 'no failure shown');
    await el.updateComplete;
    expectFocusOn(el, $(el, '[part="edit-error"]'), 'the failure');
    expect(text($(el, '[part="edit-error"]'))).to.equal(en.failures.editWindowClosed);
    expect(status(el)).to.equal(en.failures.editWindowClosed);
    expect($$(el, '[role="alert"]')).to.have.length(0);
    expect($<HTMLTextAreaElement>(el, '#comment-1 textarea')!.value).to.equal('Words I typed');
    await expect(el).to.be.accessible();
  });

  it('an empty edit is refused before the backend hears of it', async () => {
    let calls = 0;
    const inner = createMemoryAdapter({ threads: { t: [mine('1', null, 'Old', 1)] } });
    const adapter: CommentAdapter = { ...inner, edit: (...a) => (calls++, inner.edit!(...a)) };
    const el = await mount(adapter);
    await open(el, 'edit', '1');
    $<HTMLTextAreaElement>(el, '#comment-1 textarea')!.select();
    await press(el, 'Backspace');
    await press(el, 'Tab');
    await press(el, 'Enter');
    await el.updateComplete;
    expect(calls).to.equal(0);
    expect(text($(el, '[part="edit-error"]'))).to.contain(en.editLabel);
    expect($(el, '#comment-1 textarea')!.getAttribute('aria-invalid')).to.equal('true');
    expectFocusOn(el, $(el, '[part="edit-error"]'), 'the failure');
  });

  it('Delete asks first, focus on Cancel: Enter twice deletes nothing', async () => {
    const el = await mount(createMemoryAdapter({ threads: { t: [mine('1', null, 'Still here', 1)] } }));
    await open(el, 'delete', '1');
    expect(text($(el, '[part="delete-confirm"]'))).to.contain(en.confirmDelete);
    expectFocusOn(el, $(el, '[part="cancel-delete-button"]'), 'Cancel');
    await expect(el).to.be.accessible();
    await press(el, 'Enter');
    expect($(el, '[part="delete-confirm"]')).to.equal(null);
    expect(text($(el, '#comment-1 [part="comment-body"]'))).to.equal('Still here');
    expectFocusOn(el, $(el, '[data-delete="1"]'), 'Delete');
  });

  it('deleting a comment without replies removes it; focus to the heading, count updated', async () => {
    const threads = { t: [mine('1', null, 'Going', 1), comment('2', null, 'Other', 'Staying', 2)] };
    const el = await mount(createMemoryAdapter({ threads }));
    expect(text($(el, '[part="count-heading"]'))).to.equal(en.commentCount(2));
    await open(el, 'delete', '1');
    await shiftTab(el);
    expectFocusOn(el, $(el, '[part="confirm-delete-button"]'), 'the confirming Delete');
    await press(el, 'Enter');
    await waitUntil(() => !$(el, '#comment-1'), 'the comment is still listed');
    await el.updateComplete;
    expect(text($(el, '[part="count-heading"]'))).to.equal(en.commentCount(1));
    expectFocusOn(el, $(el, '[part="count-heading"]'), 'the heading');
    expect(status(el)).to.equal(en.commentDeleted);
    await expect(el).to.be.accessible();
  });

  it('deleting a comment with replies leaves "This comment was deleted." and focuses it', async () => {
    const threads = { t: [mine('1', null, 'Parent', 1), comment('2', '1', 'Other', 'A reply', 2)] };
    const el = await mount(createMemoryAdapter({ threads }));
    await open(el, 'delete', '1');
    await shiftTab(el);
    await press(el, 'Enter');
    await waitUntil(() => $(el, '[part="deleted-note"]'), 'no placeholder');
    await el.updateComplete;
    expect(text($(el, '#comment-1 [part="deleted-note"]'))).to.equal(en.deleted);
    expect(text($(el, '#comment-1'))).to.not.contain('Parent');
    expect(text($(el, '#comment-1 #comment-2 [part="comment-body"]'))).to.equal('A reply');
    expect(text($(el, '[part="count-heading"]'))).to.equal(en.commentCount(1));
    expectFocusOn(el, article(el, '1'), 'the placeholder');
    await expect(el).to.be.accessible();
  });
});

describe('<comment-box> editing: other readers', () => {
  it('sees an edit and a delete live', async () => {
    const adapter = createMemoryAdapter({
      threads: { t: [mine('1', null, 'Before', 1), comment('2', null, 'Other', 'Other words', 2)] },
    });
    const el = await mount({ ...adapter, edit: undefined, remove: undefined });
    expect($$(el, '[part="edit-button"]')).to.have.length(0, 'this reader is not the author');
    await adapter.edit!('t', '1', { content: 'After' }, {});
    await waitUntil(() => text($(el, '#comment-1 [part="comment-body"]')) === 'After', 'the edit never showed');
    await el.updateComplete;
    expect($(el, '#comment-1 [part="edited"]')).to.not.equal(null);
    await adapter.remove!('t', '1', {});
    await waitUntil(() => !$(el, '#comment-1'), 'the delete never showed');
    expect(text($(el, '[part="count-heading"]'))).to.equal(en.commentCount(1));
  });
});
