/**
 * Which renderer a comment's body needs, and the lazy loading of the heavy ones: plain text renders
 * at once (format.ts), Markdown (markdown.ts) and sanitized HTML (html-body.ts, DOMPurify) load on
 * first need, once per page.
 */
import { nothing, type ReactiveControllerHost } from 'lit';
import type { Comment } from '../../schema.js';
import { needsMarkdown, renderPlain } from './format.js';

/**
 * A module loaded on first need, shared by every element on the page: `module` is undefined until
 * it has loaded. `load()` starts loading once (again after a failure) and never rejects.
 */
function lazyModule<T>(importer: () => Promise<T>, what: string) {
  let loading: Promise<T | undefined> | undefined;
  const lazy = {
    module: undefined as T | undefined,
    load: (): Promise<T | undefined> =>
      (loading ??= importer().then(
        (m) => (lazy.module = m),
        (error: unknown) => {
          loading = undefined;
          console.error(`comment-box: ${what} did not load`, error);
          return undefined;
        },
      )),
  };
  return lazy;
}

/** What rendering a body reads of a comment (a draft's preview has no stored id: it passes ''). */
type Body = Pick<Comment, 'id' | 'content' | 'format'>;

/** The sanitizer of `format: 'html'` bodies (DOMPurify). */
const htmlBodies = lazyModule(() => import('./html-body.js'), 'the HTML sanitizer');
/** The Markdown renderer, for bodies with Markdown syntax; plain bodies never load it. */
const markdown = lazyModule(() => import('./markdown.js'), 'the Markdown renderer');

/** The loaded renderers, as inputs of a `guard`: a comment renders again when one arrives. */
export function loadedRenderers(): unknown[] {
  return [htmlBodies.module, markdown.module];
}

/**
 * Loads what rendering `comments` needs, so they show formatted from their first frame. Waits at
 * most 2 s: a renderer that is slower still shows its comments when it arrives.
 */
export function loadRenderers(comments: readonly Body[]): Promise<unknown> {
  return Promise.race([
    Promise.all([
      comments.some((c) => c.format === 'html') && htmlBodies.load(),
      comments.some((c) => c.format !== 'html' && needsMarkdown(c.content)) && markdown.load(),
    ]),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]);
}

/**
 * A comment's body. Comments are shown once their renderer has loaded (see loadRenderers), except
 * when it took over 2 s or failed, or when a live comment is shown before it arrived: then an HTML
 * body renders empty and a Markdown body as plain text, and `host` renders again once it has.
 */
export function renderBody(host: ReactiveControllerHost & Element, comment: Body) {
  const text = comment.content;
  const renderer = comment.format === 'html' ? htmlBodies : needsMarkdown(text) ? markdown : null;
  if (htmlBodies.module && renderer === htmlBodies) return htmlBodies.module.commentBodyNodes(host, comment.id, text);
  if (markdown.module && renderer === markdown) return markdown.module.renderMarkdown(text);
  if (renderer) void renderer.load().then((loaded) => loaded && host.requestUpdate());
  return renderer === htmlBodies ? nothing : renderPlain(text);
}
