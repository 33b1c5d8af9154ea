/**
 * The body renderers stay linear on hostile text, in Node's V8 (where a backtracking pattern took
 * seconds on one 65,525-character comment). Two measures: the characters handed to the URL parser
 * (counted, exact), and the wall time of each render against a generous bound (a quadratic
 * renderer took 1.3–8 s on these inputs here; a linear one takes milliseconds).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderPlain } from '../../../../src/element/body/format.js';
import { renderMarkdown } from '../../../../src/element/body/markdown.js';
import { LIMITS } from '../../../../src/schema.js';

const N = LIMITS.content;
/** `unit` repeated to exactly `N` characters after `head`, then `tail`. */
const fill = (head: string, unit: string, tail = '') =>
  head + unit.repeat(Math.ceil(N / unit.length)).slice(0, N - head.length - tail.length) + tail;

const HOSTILE: Record<string, string> = {
  'a URL followed by a long run of trailing punctuation, then a letter': fill('http://a', '.', 'a'),
  'a URL followed by closing parentheses, then a letter': fill('http://a', ')', 'x'),
  'a URL followed by mixed sentence punctuation': fill('http://a', '.,;:!?»”’', 'b'),
  'a URL followed by emphasis characters': fill('http://a', '*_', 'b'),
  'ten thousand broken URLs in one run': fill('', 'http://]'),
  'broken URLs with Markdown brackets': fill('', 'http://[x]('),
  'URLs separated by a non-letter': fill('', 'https://a.b/(c),'),
};

const RENDERERS = { renderPlain, renderMarkdown } as const;

describe('body renderers on hostile 65,525-character comments', () => {
  const RealURL = globalThis.URL;
  let parsedChars = 0;
  before(() => {
    globalThis.URL = class CountingURL extends RealURL {
      constructor(url: string | URL, base?: string | URL) {
        parsedChars += String(url).length;
        super(url, base);
      }
    } as typeof URL;
  });
  after(() => {
    globalThis.URL = RealURL;
  });

  for (const [what, text] of Object.entries(HOSTILE)) {
    for (const [name, render] of Object.entries(RENDERERS)) {
      it(`${name}: ${what}`, () => {
        assert.equal(text.length, N);
        parsedChars = 0;
        const started = performance.now();
        const out = render(text);
        const ms = performance.now() - started;
        assert.ok(out.length > 0);
        // Each character reaches the URL parser at most a few times (once as a bare URL, once as
        // its normalized href), never once per candidate link.
        assert.ok(parsedChars <= 3 * N, `${parsedChars} characters parsed as URLs for ${N} of text`);
        assert.ok(ms < 1000, `${Math.round(ms)} ms for ${N} characters`);
      });
    }
  }
});
