/**
 * Foreign comment bodies (WordPress's stored HTML, Disqus's rendered HTML) as the text comments are
 * stored in: the Markdown subset the element renders (`src/element/body/markdown.ts`). Parsed with
 * htmlparser2, never with patterns over HTML, and never stored as HTML:
 *
 * - text stays text: every character the Markdown renderer would read as syntax (`\`, `` ` ``, `*`,
 *   `[`, a `>` or `~~~` opening a line) is escaped, so `5 * 3` and `<b>*</b>` read as written;
 * - `<a href>` becomes `[text](url)` only for an http(s) URL that passes the shared `isHttpUrl`;
 *   any other link (`javascript:`, `data:`, `mailto:`, relative) keeps its text only;
 * - `<strong>`/`<b>`, `<em>`/`<i>`, `<code>`, `<pre>`, `<blockquote>`, paragraphs and line breaks
 *   keep their meaning; an `<img>` with an http(s) source becomes a link to it (its `alt` as text);
 * - `<script>`, `<style>` and the like lose their content; every other element keeps its text.
 */
import { Parser } from 'htmlparser2';
import { isHttpUrl } from 'comment-box/schema.js';

export interface HtmlToMarkdownOptions {
  /**
   * Line breaks in the text are the author's (WordPress stores comments as typed and adds `<p>` and
   * `<br>` when it shows them): keep them. False for rendered HTML (Disqus), where white space
   * collapses as in a browser.
   */
  keepNewlines: boolean;
}

const DROPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'table',
  'hr',
  'address',
  'details',
  'summary',
]);
const LINES = new Set(['li', 'tr', 'dt', 'dd', 'caption']);
/** Elements nested deeper than this add no formatting (their text stays): hostile nesting stays linear. */
const MAX_DEPTH = 32;
const VOID = new Set(['br', 'img', 'hr', 'wbr', 'input', 'meta', 'link', 'area', 'base', 'col', 'source', 'track']);

/** Characters the inline Markdown renderer reads as syntax anywhere in a line. */
const INLINE_SYNTAX = /[\\`*[\]]/g;

/** Escapes text so the Markdown renderer shows it as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SYNTAX, (c) => `\\${c}`)
    .replace(/^( {0,3})(>|~~~)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`);
}

/** An http(s) URL as a link destination: no spaces or parentheses that would end it early. */
function destination(raw: string): string | null {
  const value = raw.trim();
  if (!isHttpUrl(value)) return null;
  const href = new URL(value).href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return isHttpUrl(href) ? href : null;
}

/** Backticks around `code`, more than any run inside it. */
function codeSpan(code: string): string {
  const text = code.replace(/\n/g, ' ');
  if (text.trim() === '') return escapeMarkdown(text);
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

interface Frame {
  tag: string;
  /** Text written inside this element so far. */
  out: string;
  href?: string | null;
}

/** Converts an HTML fragment to the Markdown subset (see the module's comment). Linear in its length. */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions): string {
  const stack: Frame[] = [{ tag: '#root', out: '' }];
  let dropping = 0;
  let pre = 0;
  /** Elements opened beyond `MAX_DEPTH`, not on the stack (htmlparser2 balances opens and closes). */
  let overflow = 0;
  const top = () => stack[stack.length - 1]!;
  /** Text read since the last tag: entities split it into several events, escaped as one. */
  let text = '';
  const flushText = () => {
    if (text === '') return;
    const raw = text;
    text = '';
    if (pre > 0) return void (top().out += raw);
    let t = raw.replace(/\r\n?/g, '\n');
    t = options.keepNewlines ? t.replace(/[^\S\n]+/g, ' ') : t.replace(/\s+/g, ' ');
    top().out += escapeMarkdown(t);
  };
  const write = (s: string) => {
    flushText();
    top().out += s;
  };
  const breakBlock = () => write('\n\n');

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        flushText();
        if (dropping > 0) {
          if (!VOID.has(name)) dropping++;
          return;
        }
        if (DROPPED.has(name)) {
          dropping = 1;
          return;
        }
        if (name === 'br') return write('\n');
        if (name === 'img') {
          const src = destination(attributes.src ?? '');
          const alt = (attributes.alt ?? '').replace(/\s+/g, ' ').trim();
          if (src) write(`[${escapeMarkdown(alt || src)}](${src})`);
          else if (alt) write(escapeMarkdown(alt));
          return;
        }
        if (name === 'hr') return breakBlock();
        if (VOID.has(name)) return;
        if (BLOCKS.has(name) || name === 'blockquote' || name === 'pre') breakBlock();
        if (stack.length > MAX_DEPTH) {
          overflow++;
          return;
        }
        if (name === 'pre') pre++;
        stack.push({ tag: name, out: '', href: name === 'a' ? destination(attributes.href ?? '') : undefined });
      },
      ontext(raw) {
        if (dropping === 0) text += raw;
      },
      onclosetag(name, implied) {
        flushText();
        if (dropping > 0) {
          if (!VOID.has(name)) dropping--;
          return;
        }
        if (VOID.has(name)) return;
        if (overflow > 0) {
          overflow--;
          return;
        }
        // Close up to the matching element; a stray end tag changes nothing.
        let at = stack.length - 1;
        while (at > 0 && stack[at]!.tag !== name) at--;
        if (at === 0) return;
        while (stack.length > at) closeFrame(stack.pop()!);
        void implied;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );

  function closeFrame(frame: Frame): void {
    const inner = frame.out;
    switch (frame.tag) {
      case 'pre': {
        pre--;
        const code = inner.replace(/^\n+|\n+$/g, '');
        let longest = 2;
        for (const run of code.match(/`{3,}/g) ?? []) longest = Math.max(longest, run.length);
        const fence = '`'.repeat(longest + 1);
        write(`\n\n${fence}\n${code}\n${fence}\n\n`);
        return;
      }
      case 'code':
      case 'tt':
      case 'kbd':
      case 'samp':
        // Inside <pre> the text is already literal.
        write(pre > 0 ? inner : codeSpan(unescape(inner)));
        return;
      case 'strong':
      case 'b':
        write(wrap(inner, '**'));
        return;
      case 'em':
      case 'i':
        write(wrap(inner, '*'));
        return;
      case 'a': {
        const text = inner.replace(/\s+/g, ' ').trim();
        if (!frame.href) return write(inner);
        if (text === '' || unescape(text) === frame.href)
          return write(`[${escapeMarkdown(frame.href)}](${frame.href})`);
        write(`[${text}](${frame.href})`);
        return;
      }
      case 'blockquote': {
        const body = tidy(inner);
        if (body) write(`\n\n${body.replace(/^/gm, '> ')}\n\n`);
        return;
      }
      default:
        write(inner);
        if (BLOCKS.has(frame.tag)) breakBlock();
        else if (LINES.has(frame.tag)) write('\n');
    }
  }

  parser.write(html);
  parser.end();
  flushText();
  while (stack.length > 1) closeFrame(stack.pop()!);
  return tidy(stack[0]!.out);
}

/** Undoes `escapeMarkdown` on text built here (for code spans and link comparisons). */
function unescape(text: string): string {
  return text.replace(/\\([\\`*[\]>~])/g, '$1');
}

/** Emphasis around `inner`, with its outer white space moved outside (a `** x **` never closes). */
function wrap(inner: string, mark: string): string {
  const match = /^(\s*)([^]*?)(\s*)$/.exec(inner)!;
  const body = match[2]!;
  if (body === '' || body.includes('\n\n')) return inner;
  return `${match[1]}${mark}${body}${mark}${match[3]}`;
}

/** Trims lines and collapses runs of blank lines. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}
