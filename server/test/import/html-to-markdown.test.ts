/**
 * Foreign HTML bodies become the Markdown subset: formatting kept, links only as http(s), text
 * escaped so that it reads as written, scripts and styles gone, and no HTML left in the result.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToMarkdown } from '../../src/import/html-to-markdown.js';

const wp = (html: string) => htmlToMarkdown(html, { keepNewlines: true });
const disqus = (html: string) => htmlToMarkdown(html, { keepNewlines: false });

describe('htmlToMarkdown', () => {
  it('keeps paragraphs, line breaks, emphasis, code, quotes and http(s) links', () => {
    assert.equal(
      wp('One\ntwo\n\nThree <strong>bold</strong> <em>it</em> <b>b</b> <i>i</i>'),
      'One\ntwo\n\nThree **bold** *it* **b** *i*',
    );
    assert.equal(
      disqus('<p>Para <a href="https://ex.com/a(b)?q=1">a link</a></p>\n<p>two<br>lines</p>'),
      'Para [a link](https://ex.com/a%28b%29?q=1)\n\ntwo\nlines',
    );
    assert.equal(wp('<a href="https://ex.com/">https://ex.com/</a>'), '[https://ex.com/](https://ex.com/)');
    assert.equal(wp('Use <code>a `b` c</code>'), 'Use ``a `b` c``');
    assert.equal(wp('<pre>x *y*\n  z</pre>'), '```\nx *y*\n  z\n```');
    assert.equal(
      disqus('<blockquote><p>quoted</p><p>more</p></blockquote><p>reply</p>'),
      '> quoted\n>\n> more\n\nreply',
    );
    assert.equal(disqus('<ul><li>one</li><li>two</li></ul>'), 'one\ntwo');
  });

  it('keeps only http(s) links: javascript:, data:, mailto: and relative links keep their text', () => {
    assert.equal(
      wp(
        '<a href="javascript:alert(1)">a</a> <a href=" JaVaScRiPt:x">b</a> <a href="data:text/html,x">c</a> <a href="mailto:a@b.example">d</a> <a href="/rel">e</a>',
      ),
      'a b c d e',
    );
    assert.equal(
      wp('<img src="https://ex.com/i.png" alt="a cat"> <img src="x" onerror="alert(1)" alt="">'),
      '[a cat](https://ex.com/i.png)',
    );
  });

  it('drops scripts and styles, and escapes text that would read as Markdown', () => {
    assert.equal(wp('a<script>alert(1)</script><style>*{}</style><iframe src="x">t</iframe>b'), 'ab');
    assert.equal(wp('5 * 3 = 15, [x](javascript:y) `t` \\n'), '5 \\* 3 = 15, \\[x\\](javascript:y) \\`t\\` \\\\n');
    assert.equal(wp('> not a quote\n~~~ not a fence'), '\\> not a quote\n\\~~~ not a fence');
    assert.equal(wp('&lt;script&gt;alert(1)&lt;/script&gt;'), '<script\\>alert(1)</script\\>'.replace(/\\>/g, '>'));
    assert.equal(wp('<b onclick="x()">t</b><unknown-tag x=1>u</unknown-tag>'), '**t**u');
  });

  it('is linear on deeply nested or unclosed markup', () => {
    const started = performance.now();
    assert.match(wp(`${'<b><i>'.repeat(20_000)}x`), /^\**x\**$/);
    assert.match(wp(`${'<blockquote>'.repeat(20_000)}y${'</blockquote>'.repeat(20_000)}`), /^> > .*y$/);
    assert.match(wp(`${'<p>'.repeat(20_000)}z${'</em>'.repeat(20_000)}`), /^z$/);
    assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
  });
});
