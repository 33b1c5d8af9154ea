import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderMarkdown, safeHref } from '../src/format.js';

/** Renders Markdown into a fresh element. */
function md(source: string): HTMLElement {
  const host = document.createElement('div');
  render(renderMarkdown(source), host);
  return host;
}
/** The markup without Lit's comment markers. */
const markup = (el: Element) => el.innerHTML.replace(/<!--[^]*?-->/g, '').replace(/ dir="(auto|ltr)"/g, '');

/** Every href and every attribute name under `el`. */
function audit(el: Element) {
  const all = [...el.querySelectorAll('*')];
  return {
    tags: all.map((n) => n.localName),
    hrefs: all.filter((n) => n.hasAttribute('href')).map((n) => n.getAttribute('href')!),
    handlers: all.flatMap((n) => [...n.attributes].map((a) => a.name)).filter((name) => name.startsWith('on')),
  };
}

describe('format: safe Markdown', () => {
  it('makes paragraphs from blank lines and line breaks from newlines', () => {
    const el = md('one\ntwo\r\n\r\n\nthree');
    expect(markup(el)).to.equal('<p>one<br>two</p><p>three</p>');
  });

  it('renders bold, italic and inline code', () => {
    expect(markup(md('**bold** and *italic* and `a < b`'))).to.equal(
      '<p><strong>bold</strong> and <em>italic</em> and <code>a &lt; b</code></p>',
    );
  });

  it('nests emphasis and leaves unmatched stars literal', () => {
    expect(markup(md('***both*** and **bold *inner* bold**'))).to.equal(
      '<p><em><strong>both</strong></em> and <strong>bold <em>inner</em> bold</strong></p>',
    );
    expect(markup(md('2 * 3 * 4 and **open'))).to.equal('<p>2 * 3 * 4 and **open</p>');
    expect(markup(md('***a**'))).to.equal('<p>*<strong>a</strong></p>');
  });

  it('survives deeply nested emphasis without growing without bound', () => {
    const n = 2000;
    const source = Array.from({ length: n }, (_, i) => (i % 2 ? '**a ' : '*a ')).join('') +
      Array.from({ length: n }, (_, i) => (i % 2 ? 'b**' : 'b*')).reverse().join(' ');
    const el = md(source);
    expect(el.querySelectorAll('em, strong').length).to.be.below(20);
    expect(el.textContent).to.include('a a a');
  });

  it('keeps backslash-escaped markers literal', () => {
    const el = md('\\*not italic\\* and \\[x](https://a.example)');
    expect(el.textContent).to.equal('*not italic* and [x](https://a.example)');
    expect(el.querySelector('em')).to.equal(null);
    expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://a.example/');
  });

  it('renders fenced code blocks verbatim, and an unclosed fence to the end', () => {
    const el = md('before\n```js\nconst a = **1**;\n<script>alert(1)</script>\n```\nafter');
    expect(markup(el)).to.equal(
      '<p>before</p><pre><code>const a = **1**;\n&lt;script&gt;alert(1)&lt;/script&gt;</code></pre><p>after</p>',
    );
    const open = md('~~~\n*still code*\n\nmore');
    expect(markup(open)).to.equal('<pre><code>*still code*\n\nmore</code></pre>');
    expect(markup(md('``` not `a` fence'))).to.equal('<p>``` not <code>a</code> fence</p>');
  });

  it('gives each block the direction of its own text, code left to right', () => {
    const el = md('שלום, *world*.\n\n> quoted\n\n```\ncode\n```');
    expect([...el.children].map((n) => `${n.localName}:${n.getAttribute('dir')}`)).to.deep.equal([
      'p:auto',
      'blockquote:auto',
      'pre:ltr',
    ]);
    document.body.append(el);
    expect(getComputedStyle(el.querySelector('p')!).direction).to.equal('rtl');
    el.remove();
  });

  it('renders quotes, nested quotes and quoted code', () => {
    expect(markup(md('> hello\n>> deeper\n\nafter'))).to.equal(
      '<blockquote><p>hello</p><blockquote><p>deeper</p></blockquote></blockquote><p>after</p>',
    );
    expect(markup(md('> ```\n> *x*\n> ```'))).to.equal('<blockquote><pre><code>*x*</code></pre></blockquote>');
  });

  it('renders 10,000 nested quotes, capping the nesting', () => {
    const el = md(`${'>'.repeat(10_000)} deep`);
    expect(el.querySelectorAll('blockquote').length).to.equal(6);
    expect(el.textContent).to.include('deep');
    const spaced = md(`${'> '.repeat(10_000)}deep\n${'> '.repeat(10_000)}again`);
    expect(spaced.querySelectorAll('blockquote').length).to.equal(6);
  });

  it('handles long runs of brackets and backticks', () => {
    const el = md(`${'['.repeat(20_000)}x${'`'.repeat(3)}${'[a]('.repeat(5000)}${' `` ` '.repeat(3000)}`);
    expect(el.querySelectorAll('a').length).to.equal(0);
    expect(el.textContent!.length).to.be.above(40_000);
  });

  it('links bare http(s) URLs, leaving trailing punctuation out', () => {
    const el = md('See https://example.com/a_(b), then (http://x.example/path). Also **https://bold.example**');
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a_(b)',
      'http://x.example/path',
      'https://bold.example/',
    ]);
    for (const a of links) expect(a.getAttribute('rel')).to.equal('ugc nofollow noopener');
    expect(el.querySelector('strong > a')).to.not.equal(null);
  });

  it('renders [text](url) links for http(s) and mailto, with formatted text', () => {
    const el = md('[the *docs*](https://example.com/docs?a=1&b=2) or [mail me](mailto:me@example.com)');
    const [docs, mail] = [...el.querySelectorAll('a')];
    expect(docs!.getAttribute('href')).to.equal('https://example.com/docs?a=1&b=2');
    expect(markup(docs!)).to.equal('the <em>docs</em>');
    expect(mail!.getAttribute('href')).to.equal('mailto:me@example.com');
    expect(mail!.getAttribute('rel')).to.equal('ugc nofollow noopener');
  });

  it('does not link a URL inside link text twice', () => {
    const el = md('[https://a.example](https://b.example)');
    expect(el.querySelectorAll('a').length).to.equal(1);
    expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://b.example/');
  });

  const hostile = [
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](java\nscript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](&#x6A;avascript&colon;alert(1))',
    '[x](%6Aavascript:alert(1))',
    '[x](\u0001javascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](//evil.example)',
    '[x](http:evil.example)',
    '[x](file:///etc/passwd)',
    '[x](<javascript:alert(1)>)',
    '[x]( javascript:alert(1) "t")',
    'javascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    '<a href="javascript:alert(1)">x</a>',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    '[x](mailto:javascript:alert(1))',
    '[x](https://ok.example" onmouseover="alert(1))',
  ];
  for (const source of hostile) {
    it(`renders hostile input as harmless text: ${JSON.stringify(source)}`, () => {
      const el = md(source);
      const { tags, hrefs, handlers } = audit(el);
      expect(tags.filter((t) => !['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote'].includes(t))).to.deep.equal([]);
      expect(handlers).to.deep.equal([]);
      for (const href of hrefs) expect(href).to.match(/^(https?:\/\/|mailto:[^:]+@)/);
      expect(el.querySelector('script, img, svg, iframe')).to.equal(null);
    });
  }

  it('shows a refused link as the literal text the reader typed', () => {
    const el = md('[x](javascript:alert(1)) <script>alert(1)</script>');
    expect(el.textContent).to.equal('[x](javascript:alert(1)) <script>alert(1)</script>');
    expect(el.querySelector('a')).to.equal(null);
  });

  it('keeps a quoted attribute in an http link inside the href value', () => {
    const el = md('[x](https://ok.example/"onmouseover="alert(1))');
    const a = el.querySelector('a')!;
    expect([...a.attributes].map((x) => x.name).sort()).to.deep.equal(['href', 'rel', 'target']);
    expect(a.getAttribute('href')).to.equal('https://ok.example/%22onmouseover=%22alert(1)');
  });

  it('accepts only http(s) and mailto hrefs', () => {
    expect(safeHref('https://a.example')).to.equal('https://a.example/');
    expect(safeHref('mailto:a@b.example')).to.equal('mailto:a@b.example');
    expect(safeHref('javascript:alert(1)')).to.equal(null);
    expect(safeHref('mailto:a@b.example?body=x')).to.equal(null);
    expect(safeHref('ftp://a.example')).to.equal(null);
  });
});
