/**
 * Websites as readers type them, with the verdict of the shared schema. Checked in Node
 * (test/node/schema.test.ts) and in Chromium (test/schema.test.ts): the same table must hold in
 * both, which is what keeps one engine from storing a link the other cannot read.
 */

/** Typed as a website: accepted as this normalized URL. */
export const ACCEPTED_WEBSITES: ReadonlyArray<[typed: string, stored: string]> = [
  ['example.com', 'https://example.com'],
  ['  example.com/about  ', 'https://example.com/about'],
  ['localhost:8080', 'https://localhost:8080'],
  ['http://example.com', 'http://example.com'],
  ['HTTPS://Example.COM/Path?q=1#top', 'HTTPS://Example.COM/Path?q=1#top'],
  ['https://example.com.', 'https://example.com.'],
  ['https://sub-domain.example.co.uk:65535/a/b', 'https://sub-domain.example.co.uk:65535/a/b'],
  ['https://xn--mnchen-3ya.de/', 'https://xn--mnchen-3ya.de/'],
  ['https://xn--p1ai', 'https://xn--p1ai'],
  ['https://127.0.0.1:8080/x', 'https://127.0.0.1:8080/x'],
  ['https://[::1]/', 'https://[::1]/'],
  ['https://[2001:db8::1]:443/x', 'https://[2001:db8::1]:443/x'],
  ['https://example.com/?a=1&b=2', 'https://example.com/?a=1&b=2'],
  ['https://fr.wikipedia.org/wiki/Café', 'https://fr.wikipedia.org/wiki/Café'],
  ['https://example.com/100%25', 'https://example.com/100%25'],
];

/**
 * Punycode that does not decode. Node's URL parser refuses it (so the server answers 422
 * `invalidUrl`); Chromium's takes any ASCII label as it is (so the form lets it through). The
 * harmful way round, a host the server stores that a browser cannot parse, does not occur.
 */
export const MALFORMED_PUNYCODE: readonly string[] = [
  'https://xn--a.example',
  'https://xn--.example',
  'https://xn--zz',
  'https://xn--a-ecp.ru',
];

/** Typed as a website: refused, with this error key. */
export const REFUSED_WEBSITES: ReadonlyArray<[typed: string, key: 'invalidUrl' | 'unsafeUrl']> = [
  // Non-ASCII hosts: some engines read them, some do not (Chromium refuses `https://١٢٣`).
  ['١٢٣', 'invalidUrl'],
  ['٠١٢٣٤٥٦٧٨٩', 'invalidUrl'],
  ['https://١٢٣', 'invalidUrl'],
  ['münchen.de', 'invalidUrl'],
  ['https://пример.рф', 'invalidUrl'],
  ['https://example.com\u3002evil', 'invalidUrl'],
  ['https://\u212Aelvin.example', 'invalidUrl'],
  ['https://ſtrasse.example', 'invalidUrl'],
  ['https://ＥＸＡＭＰＬＥ.com', 'invalidUrl'],
  // Hosts that end in a number are read as IPv4 addresses, differently by different parsers.
  ['https://example.123', 'invalidUrl'],
  ['https://0x7f.1', 'invalidUrl'],
  ['https://1.2.3', 'invalidUrl'],
  ['https://010.0.0.1', 'invalidUrl'],
  ['https://256.0.0.1', 'invalidUrl'],
  ['https://-a.example', 'invalidUrl'],
  ['https://a..example', 'invalidUrl'],
  ['https://[::g]/', 'invalidUrl'],
  ['https://[1::2::3]/', 'invalidUrl'],
  ['https://example.com:65536', 'invalidUrl'],
  ['https://example.com:80:80', 'invalidUrl'],
  ['https://user:pass@example.com', 'invalidUrl'],
  ['https://example.com@evil.example', 'invalidUrl'],
  ['https://exa mple.com', 'invalidUrl'],
  ['https://example.com/a b', 'invalidUrl'],
  ['https://example.com/\u200Bx', 'invalidUrl'],
  ['https://example.com/\u202Ex', 'invalidUrl'],
  ['https:\\\\example.com', 'invalidUrl'],
  ['https://example.com\\@evil.example', 'invalidUrl'],
  ['\\\\evil.example', 'invalidUrl'],
  ['https://example.com/"onmouseover="x', 'invalidUrl'],
  ['https://example.com/<script>', 'invalidUrl'],
  ['https:example.com', 'invalidUrl'],
  ['//example.com', 'invalidUrl'],
  ['https://', 'invalidUrl'],
  // Schemes, also hidden behind character references, spaces or case: never prefixed into a link.
  ['javascript:alert(1)', 'unsafeUrl'],
  ['JaVaScRiPt:alert(1)', 'unsafeUrl'],
  ['jav&#x09;ascript:alert(1)', 'unsafeUrl'],
  ['jAvAsCrIpT&colon;alert(1)', 'unsafeUrl'],
  ['javascript&#58alert(1)', 'unsafeUrl'],
  ['java\tscript:alert(1)', 'unsafeUrl'],
  ['java script:alert(1)', 'unsafeUrl'],
  ['data:text/html,x', 'unsafeUrl'],
  ['vbscript:x', 'unsafeUrl'],
  ['mailto:a@b.example', 'unsafeUrl'],
  ['ftp://example.com', 'unsafeUrl'],
  ['https://example.com/&amp;x', 'unsafeUrl'],
];
