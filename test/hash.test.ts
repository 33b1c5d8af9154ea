import { expect } from '@open-wc/testing';
import { avatarSeedFor } from '../src/adapters/memory.js';
import { fnv1a } from '../src/hash.js';

describe('fnv1a (the one FNV-1a of avatars and avatar seeds)', () => {
  it('is 32-bit FNV-1a', () => {
    expect(fnv1a('')).to.equal(0x811c9dc5);
    expect(fnv1a('a')).to.equal(0xe40c292c);
    expect(fnv1a('foobar')).to.equal(0xbf9cf968);
  });

  it('hashes code points, so a seed made before it was shared stays the same', () => {
    // The adapters' former copy, verbatim.
    const former = (value: string) => {
      let h = 2166136261;
      for (const ch of value) {
        h ^= ch.codePointAt(0)!;
        h = Math.imul(h, 16777619) >>> 0;
      }
      return h.toString(36);
    };
    for (const [name, email] of [
      ['Ada', 'ADA@example.org'],
      ['Zoë 😀', ''],
      ['', 'x@y.z'],
    ] as const) {
      expect(avatarSeedFor(name, email)).to.equal(former(`${email.toLowerCase()}\u0000${name}`));
    }
  });
});
