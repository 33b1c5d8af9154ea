/**
 * Sanitized rendering of comment bodies that a foreign backend (WordPress) returns as HTML.
 *
 * Loaded lazily by the element, only when a comment with `format: 'html'` is shown, so DOMPurify
 * never weighs on the main bundle. The allow-list is what WordPress's kses allows in comments, plus
 * paragraphs, line breaks, lists and preformatted text. Links keep only absolute http(s) targets and
 * get `rel="ugc nofollow noopener"`; no style, class, id, event handler or other attribute survives.
 */
import DOMPurify from 'dompurify';
import { UGC_REL } from './format.js';
import { isHttpUrl } from '../../schema.js';

/** Elements a comment body may hold. */
export const ALLOWED_TAGS = [
  'a',
  'abbr',
  'acronym',
  'b',
  'blockquote',
  'cite',
  'code',
  'del',
  'em',
  'i',
  'q',
  's',
  'strike',
  'strong',
  'p',
  'br',
  'ul',
  'ol',
  'li',
  'pre',
];
/** Attributes a comment body may hold (`href` on links only). */
export const ALLOWED_ATTR = ['href', 'title', 'datetime'];

let purifier: ReturnType<typeof DOMPurify> | undefined;

function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  // An instance of our own, so that our hooks never touch a DOMPurify the page uses.
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    if (node.tagName === 'A') {
      const href = node.getAttribute('href')?.trim() ?? '';
      if (isHttpUrl(href)) {
        node.setAttribute('href', href);
        node.setAttribute('rel', UGC_REL);
        node.setAttribute('target', '_blank');
      } else {
        node.removeAttribute('href');
      }
    } else if (node.hasAttribute('href')) {
      node.removeAttribute('href');
    }
    if (node.tagName !== 'DEL') node.removeAttribute('datetime');
  });
  purifier = p;
  return p;
}

/** Sanitizes WordPress comment HTML into a fragment of inert, allow-listed nodes. */
export function sanitizeCommentHtml(html: string): DocumentFragment {
  return instance().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^https?:\/\//i,
    KEEP_CONTENT: true,
    FORBID_TAGS: ['style', 'script', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'form', 'noscript'],
    RETURN_DOM_FRAGMENT: true,
  });
}

const caches = new WeakMap<object, Map<string, Node[]>>();

/**
 * The sanitized nodes of one comment body for one owner (an element), made once and then reused,
 * so that re-renders keep the same DOM. Lit renders the returned array in a child binding.
 */
export function commentBodyNodes(owner: object, id: string, html: string): Node[] {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const key = `${id}\u0000${html}`;
  let nodes = cache.get(key);
  if (!nodes) cache.set(key, (nodes = [...sanitizeCommentHtml(html).childNodes]));
  return nodes;
}
