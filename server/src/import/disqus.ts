/**
 * The Disqus XML export (Moderation → Export): `<thread dsq:id>` elements (the page's `<link>`, its
 * `<id>` identifier, `<isDeleted>`), then `<post dsq:id>` elements (`<message>` HTML, `<createdAt>`,
 * `<author>` name and email, `<ipAddress>`, `<thread dsq:id>`, `<parent dsq:id>`, `<isDeleted>`,
 * `<isSpam>`, `<isApproved>`). Streamed; only the threads (a few per page of the site) are kept in
 * memory. A post whose thread is not (yet) in the file waits for the end of the file, and fails
 * with a reason if its thread never comes: no post is dropped silently.
 *
 * Statuses: spam (`isSpam`), held (`isApproved` false), approved; deleted posts and the posts of
 * deleted threads are skipped (their replies move up to the nearest kept ancestor).
 */
import type { StoredStatus } from 'comment-box/api';
import { readXml, type ForeignComment, type SourceEvent } from './source.js';
import type { SourceThread } from './thread-ids.js';

interface DisqusThread extends SourceThread {
  deleted: boolean;
}

type Fields = Record<string, string>;

const truthy = (v: string | undefined) => (v ?? '').trim().toLowerCase() === 'true';

export function readDisqus(path: string): AsyncGenerator<SourceEvent> {
  const threads = new Map<string, DisqusThread>();
  const orphans: Fields[] = [];
  let thread: { dsqId: string; fields: Fields } | undefined;
  let post: Fields | undefined;
  let author = false;

  return readXml(path, (emit) => {
    const hand = (fields: Fields, t: DisqusThread | undefined) => {
      const id = fields['dsq:id'] ?? '';
      const parent = fields.parent || null;
      let status: StoredStatus = 'approved';
      if (truthy(fields.isSpam)) status = 'spam';
      else if (fields.isApproved !== undefined && !truthy(fields.isApproved)) status = 'pending';
      const c: ForeignComment = {
        sourceKey: `disqus:${id}`,
        sourceId: id,
        parentSourceId: parent,
        parentSourceKey: parent ? `disqus:${parent}` : null,
        thread: t ?? { link: '', id: '' },
        status,
        createdAt: (fields.createdAt ?? '').trim(),
        authorName: fields['author.name'] ?? '',
        authorEmail: fields['author.email'] ?? '',
        authorUrl: '',
        ip: fields.ipAddress ?? '',
        userAgent: '',
        html: fields.message ?? '',
        keepNewlines: false,
      };
      if (!id) c.skip = 'no dsq:id';
      else if (!t) c.fail = `its thread (dsq:id ${(fields.thread ?? '').slice(0, 40)}) is not in the file`;
      else if (t.deleted) c.skip = 'its thread was deleted at Disqus';
      else if (truthy(fields.isDeleted)) c.skip = 'deleted at Disqus';
      emit({ type: 'comment', comment: c });
    };
    return {
      open(element, stack) {
        const parent = stack[stack.length - 2]?.name;
        if (parent === 'disqus' && element.name === 'thread') {
          thread = { dsqId: element.attributes['dsq:id'] ?? '', fields: {} };
        } else if (parent === 'disqus' && element.name === 'post') {
          post = { 'dsq:id': element.attributes['dsq:id'] ?? '' };
        } else if (post && parent === 'post') {
          if (element.name === 'thread') post.thread = element.attributes['dsq:id'] ?? '';
          else if (element.name === 'parent') post.parent = element.attributes['dsq:id'] ?? '';
          else if (element.name === 'author') author = true;
        }
      },
      close(element, text, stack) {
        const parent = stack[stack.length - 1]?.name;
        const name = element.name;
        if (parent === 'disqus' && name === 'thread' && thread) {
          const f = thread.fields;
          threads.set(thread.dsqId, { link: f.link ?? '', id: f.id ?? '', deleted: truthy(f.isDeleted) });
          thread = undefined;
        } else if (thread && parent === 'thread') {
          thread.fields[name] = text.trim();
        } else if (parent === 'disqus' && name === 'post' && post) {
          const t = threads.get(post.thread ?? '');
          if (t) hand(post, t);
          else orphans.push(post);
          post = undefined;
        } else if (post && parent === 'author' && author) {
          post[`author.${name}`] = text.trim();
        } else if (post && parent === 'post') {
          if (name === 'author') author = false;
          else if (name !== 'thread' && name !== 'parent') post[name] = name === 'message' ? text : text.trim();
        }
      },
      end() {
        for (const fields of orphans) hand(fields, threads.get(fields.thread ?? ''));
        orphans.length = 0;
      },
    };
  });
}
