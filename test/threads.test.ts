import { expect } from '@open-wc/testing';
import type { Comment } from '../src/schema.js';
import { byDate, childrenByParent, threadOf, threadSize } from '../src/threads.js';

const at = (id: string, parentId: string | null, minute: number): Comment => ({
  id,
  parentId,
  authorName: id,
  authorUrl: null,
  avatarSeed: id,
  content: id,
  createdAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
  status: 'approved',
});

describe('threads', () => {
  it('byDate: oldest first, then by id as strings, or as the backend compares its ids', () => {
    const list = [at('10', null, 1), at('9', null, 1), at('1', null, 0)];
    expect([...list].sort(byDate).map((c) => c.id)).to.deep.equal(['1', '10', '9']);
    expect([...list].sort((a, b) => byDate(a, b, (x, y) => Number(x) - Number(y))).map((c) => c.id)).to.deep.equal([
      '1',
      '9',
      '10',
    ]);
  });

  it('threadOf finds the top of a thread, and stops on a cycle of parents', () => {
    const list = [at('a', null, 0), at('b', 'a', 1), at('c', 'b', 2)];
    expect(threadOf('c', list)?.id).to.equal('a');
    const cycle = [at('x', 'y', 0), at('y', 'x', 1)];
    expect(['x', 'y']).to.include(threadOf('x', cycle)?.id);
  });

  it('threadSize counts a comment and all its replies', () => {
    const list = [at('a', null, 0), at('b', 'a', 1), at('c', 'b', 2), at('d', 'a', 3), at('e', null, 4)];
    const children = childrenByParent(list);
    expect(threadSize(list[0]!, children)).to.equal(4);
    expect(threadSize(list[4]!, children)).to.equal(1);
  });
});
