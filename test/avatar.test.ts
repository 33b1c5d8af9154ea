import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { AVATAR_SIZE, identicon, renderAvatar } from '../src/avatar.js';
import { $, $$, comment, mount, spyAdapter } from './helpers.js';

beforeEach(() => localStorage.clear());

describe('avatar', () => {
  it('draws the same symmetric identicon for the same seed, a different one for another', () => {
    const a = identicon('seed-ada');
    expect(identicon('seed-ada')).to.deep.equal(a);
    const others = ['seed-bob', 'seed-cy', 'x', ''].map(identicon);
    expect(others.filter((o) => o.path === a.path && o.hue === a.hue)).to.have.length(0);
    // Mirror symmetry: every cell in column x has its twin in column 4 - x.
    const cells = [...a.path.matchAll(/M(\d) (\d)/g)].map((m) => `${m[1]},${m[2]}`);
    for (const cell of cells) {
      const [x, y] = cell.split(',').map(Number);
      expect(cells).to.include(`${4 - x!},${y}`);
    }
  });

  it('renders an identicon as inline SVG without any request', () => {
    const host = document.createElement('div');
    render(renderAvatar({ avatarSeed: 'seed-ada' }, 'Ada'), host);
    const svg = host.querySelector('svg')!;
    expect(svg.getAttribute('part')).to.equal('avatar');
    expect(svg.getAttribute('aria-hidden')).to.equal('true');
    expect(svg.querySelector('path')!.getAttribute('d')).to.equal(identicon('seed-ada').path);
    expect(host.querySelector('img, image, use')).to.equal(null);
  });

  it('uses a backend’s avatar URL as a lazy, fixed-size image with alt text', async () => {
    const el = await mount(
      spyAdapter({
        threads: {
          t: [
            comment('1', null, 'Ada', 'Hi', 1, { avatarUrl: 'https://secure.gravatar.com/avatar/abc?s=72' }),
            comment('2', null, 'Bob', 'Yo', 2),
          ],
        },
      }).adapter,
    );
    const img = $<HTMLImageElement>(el, '#comment-1 img[part="avatar"]')!;
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.getAttribute('alt')).to.equal('Ada');
    expect(img.getAttribute('width')).to.equal(String(AVATAR_SIZE));
    expect(img.getAttribute('height')).to.equal(String(AVATAR_SIZE));
    expect($(el, '#comment-2 svg[part="avatar"]')).to.not.equal(null);
    expect($$(el, '[part="avatar"]')).to.have.length(2);
    const box = img.getBoundingClientRect();
    expect(box.width).to.equal(box.height);
    expect(box.width).to.be.above(0);
  });
});
