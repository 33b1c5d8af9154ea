/** Thread ids of imported comments: the page path as the element's default, the URL, the id, the map. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ThreadIdError, ThreadMap, threadIdFor } from '../../src/import/thread-ids.js';

describe('threadIdFor', () => {
  it('is by default the path of the post URL, as location.pathname (query and fragment dropped)', () => {
    assert.equal(threadIdFor({ link: 'https://blog.example/2019/post/?utm=1#c', id: '12' }, 'path'), '/2019/post/');
    assert.equal(threadIdFor({ link: 'https://blog.example/2019/post', id: '' }, 'path'), '/2019/post');
    assert.equal(threadIdFor({ link: 'https://blog.example/café/', id: '' }, 'path'), '/caf%C3%A9/');
    assert.throws(() => threadIdFor({ link: 'https://blog.example/?p=12', id: '12' }, 'path'), ThreadIdError);
    assert.throws(() => threadIdFor({ link: 'javascript:alert(1)', id: '' }, 'path'), ThreadIdError);
    assert.throws(() => threadIdFor({ link: '', id: '' }, 'path'), ThreadIdError);
  });

  it('or the full URL (without fragment), or the source id (the path when it has none)', () => {
    assert.equal(threadIdFor({ link: 'https://blog.example/?p=12#c', id: '12' }, 'url'), 'https://blog.example/?p=12');
    assert.equal(threadIdFor({ link: 'https://blog.example/a/', id: '12' }, 'id'), '12');
    assert.equal(threadIdFor({ link: 'https://blog.example/a/', id: ' ' }, 'id'), '/a/');
  });

  it('then the map: URL prefixes before, exact ids and id prefixes after (exact first, longest prefix first)', () => {
    const map = ThreadMap.parse(
      [
        '# comment',
        'https://old.example/blog/ https://new.example/',
        '/a/* /b/*',
        '/a/x/* /c/*',
        '/a/exact /d',
        '',
      ].join('\n'),
    );
    assert.equal(threadIdFor({ link: 'https://old.example/blog/post/', id: '' }, 'path', map), '/post/');
    assert.equal(threadIdFor({ link: 'https://e.example/a/one', id: '' }, 'path', map), '/b/one');
    assert.equal(threadIdFor({ link: 'https://e.example/a/x/two', id: '' }, 'path', map), '/c/two');
    assert.equal(threadIdFor({ link: 'https://e.example/a/exact', id: '' }, 'path', map), '/d');
    assert.throws(() => ThreadMap.parse('only-one-column'), /expected "OLD NEW"/);
    assert.throws(() => ThreadMap.parse('/a/* /b'), /prefix/);
  });
});
