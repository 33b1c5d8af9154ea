import { fixture, html, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { CommentBoxElement } from '../src/element/comment-box.js';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../src/adapters/memory.js';
import type { CommentAdapter } from '../src/adapters/types.js';
import type { Comment } from '../src/schema.js';

export type { CommentBoxElement };

/** A comment as a backend would return it. */
export function comment(
  id: string,
  parentId: string | null,
  authorName: string,
  content: string,
  minute = 0,
  extra: Partial<Comment> = {},
): Comment {
  return {
    id,
    parentId,
    authorName,
    authorUrl: null,
    avatarSeed: `seed-${authorName}`,
    content,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
    status: 'approved',
    ...extra,
  };
}

/** An adapter that records every call on top of a memory adapter. */
export function spyAdapter(options: MemoryAdapterOptions = {}) {
  const inner = createMemoryAdapter(options);
  const calls = { list: 0, create: [] as Array<{ key: string; content: string }> };
  const adapter: CommentAdapter = {
    scope: 'shared',
    list: (thread, opts) => {
      calls.list += 1;
      return inner.list(thread, opts);
    },
    create: (thread, draft, opts) => {
      calls.create.push({ key: opts.idempotencyKey, content: draft.content });
      return inner.create(thread, draft, opts);
    },
  };
  return { adapter, calls, inner };
}

/** Mounts `<comment-box>` with an adapter and waits until its first load settles. */
export async function mount(adapter: CommentAdapter | undefined, attrs: Record<string, string | boolean> = {}) {
  const el = await fixture<CommentBoxElement>(html`<comment-box thread-id="t" .adapter=${adapter}></comment-box>`);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : value);
  }
  await settle(el);
  return el;
}

/** Waits until the list is no longer loading. */
export async function settle(el: CommentBoxElement) {
  await el.updateComplete;
  await waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 'the list never finished loading', {
    timeout: 4000,
  });
  await el.updateComplete;
}

export const $ = <T extends Element = HTMLElement>(el: CommentBoxElement, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: CommentBoxElement, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];

/** Types into a field as a reader would: value, input event, then blur. */
export async function type(el: CommentBoxElement, id: string, value: string, blur = true) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, `#${id}`)!;
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  if (blur) field.dispatchEvent(new FocusEvent('blur'));
  await el.updateComplete;
}

/** Fills a valid form. */
export async function fill(
  el: CommentBoxElement,
  content = 'Hello there',
  name = 'Ada',
  email = 'ada@example.com',
  url = '',
) {
  await type(el, 'comment', content);
  await type(el, 'name', name);
  await type(el, 'email', email);
  if (url) await type(el, 'url', url);
}

/** Clicks Post Comment and waits for the post to finish. */
export async function post(el: CommentBoxElement) {
  $<HTMLButtonElement>(el, '[part="submit-button"]')!.click();
  await el.updateComplete;
  await waitUntil(() => !el['posting'].posting, 'posting never ended', {
    timeout: 4000,
  });
  await el.updateComplete;
}

export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
