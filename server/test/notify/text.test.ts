/** What a commenter wrote, in an email's HTML part: inert, and set the way the email's language reads. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quoteHtml } from '../../src/notify/text.js';

describe('quoteHtml', () => {
  it("puts the quote's bar on the email's start side, and lets the text take its own direction", () => {
    const ltr = quoteHtml('Hello <b>there</b>');
    assert.match(ltr, /^<blockquote dir="auto" style="[^"]*border-left:3px solid #ccc/);
    assert.ok(ltr.includes('Hello &lt;b&gt;there&lt;/b&gt;'), 'escaped');
    const rtl = quoteHtml('Hello from an English reader', 2000, 'rtl');
    assert.match(rtl, /^<blockquote dir="auto" style="[^"]*border-right:3px solid #ccc/);
    assert.doesNotMatch(rtl, /border-left/);
  });
});
