/**
 * Hostile comment bodies, as an administrator, an old plugin or a compromised database could store
 * them in WordPress. Every payload that ran would set `window.__pwned`.
 */
export const HOSTILE_HTML = [
  '<p>Hello <strong>bold</strong> and <em>soft</em>, <a href="https://example.com/ok" onclick="window.__pwned=1">a link</a>.</p>',
  '<script>window.__pwned = "script"</script>',
  '<img src="x:" onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"><circle r="5"/></svg>',
  '<iframe srcdoc="<script>parent.__pwned = \'iframe\'</script>"></iframe>',
  '<a href="javascript:window.__pwned=\'js-link\'" id="jslink">click me</a>',
  '<a href=" JaVaScRiPt:window.__pwned=1">mixed case</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<p style="position:fixed;inset:0;background:red" class="takeover" id="takeover">styled</p>',
  '<style>* { display: none !important }</style>',
  '<div onmouseover="window.__pwned=\'div\'">hover</div>',
  '<b onmouseover="window.__pwned=\'b\'" data-x="1" aria-label="x">bee</b>',
  '<form action="https://evil.example/"><input name="password"><button>Go</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'mxss\'"></style></mglyph></table></mtext></math>',
  '<object data="javascript:window.__pwned=1"></object><embed src="javascript:window.__pwned=1">',
  '<blockquote cite="javascript:alert(1)">quoted</blockquote><ul><li>item</li></ul><code>x &lt; y</code>',
].join('\n');

/** Elements that may appear in a sanitized body. */
export const ALLOWED = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BLOCKQUOTE',
  'CITE',
  'CODE',
  'DEL',
  'EM',
  'I',
  'Q',
  'S',
  'STRIKE',
  'STRONG',
  'P',
  'BR',
  'UL',
  'OL',
  'LI',
  'PRE',
]);

/** Problems found in a rendered body: disallowed elements or attributes, unsafe links. */
export function inertnessProblems(root: ParentNode): string[] {
  const problems: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (!ALLOWED.has(el.tagName)) problems.push(`element ${el.tagName}`);
    for (const attr of el.attributes) {
      const ok =
        (el.tagName === 'A' && ['href', 'rel', 'target', 'title'].includes(attr.name)) ||
        attr.name === 'title' ||
        (el.tagName === 'DEL' && attr.name === 'datetime');
      if (!ok) problems.push(`attribute ${el.tagName}[${attr.name}]`);
    }
    if (el.tagName === 'A' && el.hasAttribute('href')) {
      if (!/^https?:\/\//i.test(el.getAttribute('href')!)) problems.push(`link ${el.getAttribute('href')}`);
      if (el.getAttribute('rel') !== 'ugc nofollow noopener') problems.push(`rel ${el.getAttribute('rel')}`);
    }
  }
  return problems;
}
