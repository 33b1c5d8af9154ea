/**
 * Renders a reader's comment text as Lit templates. Plain text (paragraphs, line breaks and bare
 * http(s) links) renders here; text with any Markdown syntax (`*`, `` ` ``, `[`, `\`, `>` quotes,
 * `~~~` fences) renders through markdown.ts, a separate module loaded the first time a comment needs
 * it, to the same markup for the same plain text. No HTML is ever parsed: every piece of text is a
 * Lit text binding, and only http(s) and mailto URLs become links.
 */
import { html, type TemplateResult } from 'lit';
import { isHttpUrl } from '../../schema.js';

/** `rel` for every link a reader wrote. */
export const UGC_REL = 'ugc nofollow noopener';

export type Part = string | TemplateResult;

/** The href for a URL a reader wrote, or null when it must not become a link. */
export function safeHref(raw: string): string | null {
  if (isHttpUrl(raw)) return new URL(raw).href;
  if (/^mailto:[^\s@/?#]+@[^\s@/?#]+$/i.test(raw)) {
    try {
      const url = new URL(raw);
      return url.protocol === 'mailto:' ? url.href : null;
    } catch {
      return null;
    }
  }
  return null;
}

export const link = (href: string, content: unknown) =>
  html`<a href=${href} rel=${UGC_REL} target="_blank">${content}</a>`;

const BARE_URL = /https?:\/\/[^\s<>"'`]+/iy;
/** Punctuation that ends a sentence rather than a URL, when it closes one. */
const TRAILING = new Set('.,;:!?)]}\'"»”’*_');
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The bare URL starting at `text[at]`, without trailing punctuation, its href (null when it is not
 * a link), and the length of the run of URL characters it was cut from. The caller checks that no
 * letter or digit comes right before it. When the URL is no link, the caller tries no other URL
 * inside that run: trying each `http` of a long run again would rescan the run (quadratic time on
 * hostile text such as `http://]` repeated ten thousand times).
 *
 * Linear in the run's length: the pattern matches once, and the trailing punctuation is counted
 * backwards by hand (a `[…]+$` pattern retries from every position of a long punctuation run).
 */
export function bareUrlAt(text: string, at: number): [url: string, href: string | null, run: number] {
  BARE_URL.lastIndex = at;
  const run = BARE_URL.exec(text)?.[0] ?? '';
  let end = run.length;
  while (end > 0 && TRAILING.has(run[end - 1]!)) end--;
  // Keep a closing parenthesis that balances one in the URL (Wikipedia links).
  if (run[end] === ')' && run.lastIndexOf('(', end) >= 0) end++;
  const url = run.slice(0, end);
  return [url, url ? safeHref(url) : null, run.length];
}

/** True when `text` has syntax only the Markdown renderer handles. False positives are harmless. */
export function needsMarkdown(text: string): boolean {
  return /[\\`*[]|^ {0,3}(?:>|~~~)/m.test(text);
}

/**
 * Line breaks and bare links of one plain paragraph; a paragraph of one piece (most are) is that
 * piece alone, not a list: Lit marks each item of a list with two comment nodes.
 */
function renderPlainInline(text: string): Part | Part[] {
  const parts: Part[] = [];
  const candidates = /\n|h(?=ttps?:\/\/)/gi;
  let from = 0;
  const pushText = (to: number) => {
    if (to > from) parts.push(text.slice(from, to));
  };
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const at = m.index;
    if (m[0] === '\n') {
      pushText(at);
      parts.push(html`<br />`);
      from = at + 1;
    } else if (!WORD_CHAR.test(text[at - 1] ?? ' ')) {
      const [url, href, run] = bareUrlAt(text, at);
      if (href) {
        pushText(at);
        parts.push(link(href, url));
        from = candidates.lastIndex = at + url.length;
      } else {
        candidates.lastIndex = at + Math.max(1, run);
      }
    }
  }
  pushText(text.length);
  return parts[1] ? parts : parts[0]!;
}

/**
 * Plain text as paragraphs (split at blank lines), line breaks and bare http(s) links: the same
 * markup the Markdown renderer makes of text without Markdown syntax.
 */
export function renderPlain(text: string): TemplateResult[] {
  const out: TemplateResult[] = [];
  let para: string[] = [];
  const endParagraph = () => {
    if (para.length > 0) out.push(html`<p dir="auto">${renderPlainInline(para.join('\n'))}</p>`);
    para = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') endParagraph();
    else para.push(line);
  }
  endParagraph();
  return out;
}
