/**
 * The list: its heading, the "N new comments" button, the status (loading, empty, failed) and the
 * comments, rendered in chunks of whole threads. Pure functions of the state they are given.
 *
 * The render hot path: typing in the form re-renders only the form, not a thousand comments (the
 * list is behind a `guard` of everything it depends on), and a chunk already shown is not rendered
 * again for the next one (each chunk has its own `guard`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Comment } from '../../schema.js';
import { childrenByParent, threadOf, threadSize } from '../../threads.js';
import type { ThreadController } from '../controllers/thread-controller.js';
import { renderItems, type CommentView } from './comment.js';
import { failureMessage } from '../../i18n/localize.js';

/** What the list shows and how it answers the reader. */
export interface ListView extends CommentView {
  readonly thread: Pick<
    ThreadController,
    | 'loadState'
    | 'comments'
    | 'total'
    | 'nextCursor'
    | 'loadingMore'
    | 'loadError'
    | 'incoming'
    | 'chunkEnds'
    | 'renderMoreSoon'
  >;
  /** Comments stay in this browser only: the list says so. */
  readonly browserOnly: boolean;
  /** Everything a rendered comment depends on: a chunk renders again only when one changes. */
  readonly commentInputs: readonly unknown[];
  /**
   * Clicks anywhere in the list: the Reply, Edit and Delete buttons (which name their comment in
   * `data-reply`, `data-edit`, `data-delete`) have no listener of their own.
   */
  readonly onListClick: (event: Event) => void;
  readonly onShowIncoming: () => void;
  readonly onRetry: () => void;
  readonly onLoadMore: () => void;
}

export function renderList(view: ListView): TemplateResult {
  const { t, thread } = view;
  return html`
    <h2 part="count-heading" id="comments-title" class="count" tabindex="-1">${heading(view)}</h2>
    ${view.browserOnly ? html`<p part="storage-note" class="note">${t.browserOnly}</p>` : nothing}
    ${
      thread.incoming.length > 0
        ? html`<button part="new-comments" class="button secondary" @click=${view.onShowIncoming}>
          ${t.newComments(thread.incoming.length)}
        </button>`
        : nothing
    }
    ${guard(listInputs(view), () => renderListBody(view))}
  `;
}

/**
 * The count, once known: never "0 Comments" while loading, nor above the reader's own comments held
 * for moderation ("1 awaiting moderation" when none of the listed comments is approved yet).
 */
function heading({ t, thread }: ListView): string {
  if (thread.loadState !== 'ready') return t.comments;
  const held = thread.total ? 0 : thread.comments.filter((c) => c.status === 'pending').length;
  return held ? t.heldCount(held) : t.commentCount(thread.total);
}

/**
 * Everything the list shows depends on. Typing in the form at the end re-renders only the form,
 * not a thousand comments; a form moved under a comment re-renders the list with it.
 */
function listInputs(view: ListView): unknown[] {
  const thread = view.thread;
  return [
    ...view.commentInputs,
    thread.chunkEnds,
    thread.loadState,
    thread.loadError,
    thread.nextCursor,
    thread.loadingMore,
    // A reply form lives inside the list: while one is open, the list renders with the element.
    view.replyTo === null ? null : {},
  ];
}

/**
 * A list's top-level threads in groups, one per chunk rendered so far (whole threads, until each
 * chunk's end), made as the chunks come and kept with the list: a chunk costs the comments it adds,
 * not a pass over all those shown. A changed list (a new array) is grouped again at the same ends,
 * so that each group keeps its comments' DOM.
 */
interface Grouping {
  children: Map<string | null, Comment[]>;
  top: Comment[];
  groups: Comment[][];
  shown: number;
  count: number;
}
const groupings = new WeakMap<readonly Comment[], Grouping>();

function groupsOf(comments: readonly Comment[], chunkEnds: readonly number[]): Grouping {
  let grouping = groupings.get(comments);
  if (!grouping) {
    const children = childrenByParent(comments);
    grouping = { children, top: children.get(null) ?? [], groups: [], shown: 0, count: 0 };
    groupings.set(comments, grouping);
  }
  const { children, top, groups } = grouping;
  for (const end of chunkEnds.slice(groups.length)) {
    const group: Comment[] = [];
    while (grouping.shown < top.length && grouping.count < end) {
      const first = top[grouping.shown++]!;
      group.push(first);
      grouping.count += threadSize(first, children);
    }
    groups.push(group);
  }
  return grouping;
}

function renderListBody(view: ListView): TemplateResult | typeof nothing {
  const { t, thread } = view;
  if (thread.loadState === 'loading' || thread.loadState === 'idle') {
    return html`<p part="status" class="status" aria-busy="true">${t.loading}</p>`;
  }
  // Failures are announced once, by the element's status region (not with role=alert here).
  if (thread.loadState === 'error') {
    return html`<div part="status" class="status error">
      <span>${t.loadError} ${thread.loadError ? failureMessage(t, thread.loadError) : ''}</span>
      <button class="button secondary" @click=${view.onRetry}>${t.retry}</button>
    </div>`;
  }
  if (thread.comments.length === 0) return html`<p part="status" class="status">${t.noComments}</p>`;
  // A group of whole threads per chunk rendered so far; the rest follow in the next chunks. A group
  // already shown is not rendered again for the next one.
  const { children, top, groups: chunks, shown } = groupsOf(thread.comments, thread.chunkEnds);
  const complete = shown === top.length;
  // Not every comment is rendered yet: the next chunk follows in a task of its own.
  if (!complete) thread.renderMoreSoon();
  const inputs = view.commentInputs;
  // The reply form renders inside its comment: only that comment's chunk renders with the form.
  const formThread = view.replyTo === null ? undefined : threadOf(view.replyTo, thread.comments);
  // The list's click listener only hears the clicks of its buttons and links, which the keyboard
  // activates too: the list itself is not clickable.
  /* eslint-disable lit-a11y/click-events-have-key-events */
  return html`
    <ol part="comment-list" class="comment-list" @click=${view.onListClick}>${chunks.map((chunk, i) =>
      guard([...inputs, i, formThread && chunk.includes(formThread) ? {} : null], () =>
        renderItems(view, chunk, children, 1),
      ),
    )}</ol>
    ${
      thread.loadError
        ? html`<p part="status" class="status error">${failureMessage(t, thread.loadError)}</p>`
        : nothing
    }
    ${
      thread.nextCursor !== null && complete
        ? html`<button part="load-more" class="button secondary" aria-disabled=${thread.loadingMore} @click=${view.onLoadMore}>
          ${thread.loadingMore ? t.loadingMore : thread.loadError ? t.retry : t.loadMore}
        </button>`
        : nothing
    }
  `;
  /* eslint-enable lit-a11y/click-events-have-key-events */
}
