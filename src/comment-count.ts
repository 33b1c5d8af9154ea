/**
 * `<comment-count thread-id="/post/1" endpoint="https://comments.example">`: the number of approved
 * comments of a thread, from a comment-box server. Every `<comment-count>` on a page is fetched in
 * one request per endpoint. Self-contained (no imports) so it can load alone: `/comment-count.js`.
 * Until the count arrives, and if it cannot be had, the element keeps whatever text it holds.
 */
const queued = new Set<CommentCountElement>();

/**
 * `<comment-count>`: the number of approved comments of a thread (see the top of this file).
 *
 * @tagname comment-count
 * @attr {string} thread-id - The thread whose count to show (default: the page's path).
 * @attr {string} endpoint - The comment-box server's origin (default: this page's origin).
 */
export class CommentCountElement extends HTMLElement {
  connectedCallback(): void {
    if (queued.size === 0) queueMicrotask(flush);
    queued.add(this);
  }

  get threadId(): string {
    return this.getAttribute('thread-id') || location.pathname;
  }
}

async function flush(): Promise<void> {
  const byEndpoint = new Map<string, CommentCountElement[]>();
  for (const el of queued) {
    const base = (el.getAttribute('endpoint') ?? '').replace(/\/+$/, '');
    byEndpoint.set(base, [...(byEndpoint.get(base) ?? []), el]);
  }
  queued.clear();
  for (const [base, els] of byEndpoint) {
    const threads = [...new Set(els.map((el) => el.threadId))];
    for (let i = 0; i < threads.length; i += 100) {
      const q = new URLSearchParams(threads.slice(i, i + 100).map((t) => ['thread', t]));
      try {
        const res = await fetch(`${base}/api/counts?${q}`, { credentials: 'omit' });
        const counts = ((await res.json()) as { counts?: Record<string, unknown> }).counts ?? {};
        for (const el of els) {
          const n = counts[el.threadId];
          if (Number.isSafeInteger(n)) {
            el.textContent = (n as number).toLocaleString(document.documentElement.lang || undefined);
            el.dataset.count = String(n);
          }
        }
      } catch {
        /* keep the fallback text */
      }
    }
  }
}

if (!customElements.get('comment-count')) customElements.define('comment-count', CommentCountElement);
