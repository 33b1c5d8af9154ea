import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { needsMarkdown, renderPlain, safeHref } from '../../../src/element/body/format.js';
import { renderMarkdown } from '../../../src/element/body/markdown.js';

/** Renders templates into a fresh element. */
function into(templates: unknown): HTMLElement {
  const host = document.createElement('div');
  render(templates, host);
  return host;
}

/** Renders a body as the element does: plain text itself, anything with Markdown syntax as Markdown. */
const md = (source: string) => into(needsMarkdown(source) ? renderMarkdown(source) : renderPlain(source));
/** The markup without Lit's comment markers. */
const markup = (el: Element) => el.innerHTML.replace(/<!--[^]*?-->/g, '').replace(/ dir="(auto|ltr)"/g, '');
/** The markup `templates` render to, `dir` attributes included, without Lit's comment markers. */
const rendered = (templates: unknown) => into(templates).innerHTML.replace(/<!--[^]*?-->/g, '');

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
    const source =
      Array.from({ length: n }, (_, i) => (i % 2 ? '**a ' : '*a ')).join('') +
      Array.from({ length: n }, (_, i) => (i % 2 ? 'b**' : 'b*'))
        .reverse()
        .join(' ');
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

  it('links no URL glued to a refused one, and the next URL after a space', () => {
    for (const render of [renderPlain, renderMarkdown]) {
      const el = into(render('http://]x,http://inside.example then http://after.example'));
      expect([...el.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['http://after.example/']);
      expect(el.textContent).to.contain('http://]x,http://inside.example');
    }
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
      expect(
        tags.filter((t) => !['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote'].includes(t)),
      ).to.deep.equal([]);
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

  it('never lets a quote in a link turn into an attribute: such a URL is no link', () => {
    const el = md('[x](https://ok.example/"onmouseover="alert(1))');
    // The shared website grammar refuses quotes, so `[x](…)` stays text; only the bare URL before
    // the quote is a link.
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://ok.example/']);
    expect([...links[0]!.attributes].map((x) => x.name).sort()).to.deep.equal(['href', 'rel', 'target']);
    expect(el.textContent).to.contain('"onmouseover="alert(1))');
  });

  it('accepts only http(s) and mailto hrefs', () => {
    expect(safeHref('https://a.example')).to.equal('https://a.example/');
    expect(safeHref('mailto:a@b.example')).to.equal('mailto:a@b.example');
    expect(safeHref('javascript:alert(1)')).to.equal(null);
    expect(safeHref('mailto:a@b.example?body=x')).to.equal(null);
    expect(safeHref('ftp://a.example')).to.equal(null);
  });
});

describe('format: plain bodies without the Markdown module', () => {
  /** Seeded PRNG, so a failure reproduces. */
  function random(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const PIECES = [
    'a',
    'word',
    ' ',
    '  ',
    '\t',
    '\n',
    '\n\n',
    '\r\n',
    '\r',
    ' \n',
    '\u2028',
    'é',
    'ב',
    '1.',
    '-',
    '#',
    '_',
    '.',
    ',',
    ')',
    '(',
    ']',
    '[',
    '*',
    '**',
    '`',
    '```',
    '~',
    '~~~',
    '>',
    '> ',
    '\\',
    'h',
    'H',
    'http',
    'http://',
    'https://a.example',
    'http://b.example/x_(y)',
    'HTTPS://C.example/p?q=1.',
    'https://',
    'mailto:a@b.example',
    'javascript:alert(1)',
    'xhttps://d.example',
  ];
  const texts = (count: number, seed: number) => {
    const rnd = random(seed);
    return Array.from({ length: count }, () =>
      Array.from({ length: 1 + Math.floor(rnd() * 14) }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join(''),
    );
  };

  it('renders every text without Markdown syntax to the same markup as the Markdown renderer', () => {
    let plain = 0;
    for (const text of texts(3000, 7)) {
      if (needsMarkdown(text)) continue;
      plain++;
      const want = rendered(renderMarkdown(text));
      const got = rendered(renderPlain(text));
      if (got !== want) expect.fail(`plain and Markdown differ for ${JSON.stringify(text)}:\n${got}\n${want}`);
    }
    expect(plain).to.be.above(300);
  });

  it('sends every text the Markdown renderer would format differently to it', () => {
    let formatted = 0;
    for (const text of texts(3000, 11)) {
      const plainMarkup = rendered(renderPlain(text));
      const markdownMarkup = rendered(renderMarkdown(text));
      if (plainMarkup === markdownMarkup) continue;
      formatted++;
      if (!needsMarkdown(text))
        expect.fail(`${JSON.stringify(text)} needs the Markdown renderer but was not sent to it`);
    }
    expect(formatted).to.be.above(300);
  });

  it('recognizes each piece of Markdown syntax', () => {
    for (const text of [
      '**b**',
      '*i*',
      '`c`',
      '[t](https://a.example)',
      'a \\* b',
      '> q',
      '   > q',
      '~~~\nx\n~~~',
      'x\n```\ny',
    ]) {
      expect(needsMarkdown(text), text).to.equal(true);
    }
    for (const text of ['plain text', 'see https://a.example/x_(y).', 'a > b', '1. two - three #4', 'snake_case']) {
      expect(needsMarkdown(text), text).to.equal(false);
    }
  });
});
