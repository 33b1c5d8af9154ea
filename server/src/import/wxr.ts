/**
 * WordPress eXtended RSS (the file Tools → Export writes, `export_wp()`): every post's comments with
 * their threading (`wp:comment_parent`), dates (`wp:comment_date_gmt`, UTC), statuses and author
 * fields. Streamed: a comment is handed on as soon as it is read.
 *
 * Statuses: `1` approved, `0` held (pending), `spam` spam; `trash` and `post-trashed` are skipped
 * unless `includeTrash` (then held). Pingbacks, trackbacks and other types (WooCommerce order notes,
 * reviews) are skipped, and so are the comments of posts that are not public (private, draft,
 * password-protected): their threads would be readable by anyone who knows the path.
 */
import type { StoredStatus } from 'comment-box/api';
import { readXml, utcFromSql, type ForeignComment, type SourceEvent, type XmlElement } from './source.js';

export interface WxrOptions {
  includeTrash?: boolean;
}

interface Item {
  link: string;
  postId: string;
  status: string;
  password: string;
  /** Comments read before the item's link and id (a hand-written file): handed on at its end. */
  waiting: Array<Record<string, string>>;
}

const PUBLIC_POST = new Set(['publish', 'inherit', '']);

export function readWxr(path: string, options: WxrOptions = {}): AsyncGenerator<SourceEvent> {
  let site = '';
  let channelLink = '';
  let item: Item | undefined;
  let comment: Record<string, string> | undefined;
  const parentName = (stack: readonly XmlElement[]) => stack[stack.length - 1]?.name;

  return readXml(path, (emit) => {
    const siteKey = () => (site || channelLink).replace(/\/+$/, '');
    const hand = (fields: Record<string, string>, it: Item) => {
      const id = (fields['wp:comment_id'] ?? '').trim();
      const parent = (fields['wp:comment_parent'] ?? '0').trim();
      const key = (commentId: string) => `wordpress:${siteKey()}:${commentId}`;
      const approved = (fields['wp:comment_approved'] ?? '').trim();
      const type = (fields['wp:comment_type'] ?? '').trim();
      let status: StoredStatus = 'pending';
      let skip: string | undefined;
      if (approved === '1') status = 'approved';
      else if (approved === 'spam') status = 'spam';
      else if (approved === 'trash' || approved === 'post-trashed') {
        if (!options.includeTrash) skip = 'in the trash (import it with --include-trash)';
      } else if (approved !== '0') skip = `unknown status "${approved.slice(0, 20)}"`;
      if (type !== '' && type !== 'comment') {
        skip = type === 'pingback' || type === 'trackback' ? `a ${type}` : `a comment of type "${type.slice(0, 30)}"`;
      }
      if (!PUBLIC_POST.has(it.status)) skip = `its post is not public (status ${it.status.slice(0, 20)})`;
      else if (it.password !== '') skip = 'its post is password-protected';
      if (!id) skip = 'no wp:comment_id';
      const c: ForeignComment = {
        sourceKey: key(id),
        sourceId: id,
        parentSourceId: parent === '0' || parent === '' ? null : parent,
        parentSourceKey: parent === '0' || parent === '' ? null : key(parent),
        thread: { link: it.link, id: it.postId },
        status,
        createdAt: utcFromSql(fields['wp:comment_date_gmt'] ?? '') || utcFromSql(fields['wp:comment_date'] ?? ''),
        authorName: fields['wp:comment_author'] ?? '',
        authorEmail: fields['wp:comment_author_email'] ?? '',
        authorUrl: fields['wp:comment_author_url'] ?? '',
        ip: fields['wp:comment_author_IP'] ?? '',
        userAgent: fields['wp:comment_agent'] ?? '',
        html: fields['wp:comment_content'] ?? '',
        keepNewlines: true,
      };
      if (skip) c.skip = skip;
      emit({ type: 'comment', comment: c });
    };
    return {
      open(element) {
        if (element.name === 'item') item = { link: '', postId: '', status: '', password: '', waiting: [] };
        else if (element.name === 'wp:comment' && item) comment = {};
      },
      close(element, text, stack) {
        const parent = parentName(stack);
        const name = element.name;
        if (comment && parent === 'wp:comment') {
          comment[name] = text;
        } else if (name === 'wp:comment' && item && comment) {
          if (item.link || item.postId) hand(comment, item);
          else item.waiting.push(comment);
          comment = undefined;
        } else if (item && parent === 'item') {
          if (name === 'link') item.link = text.trim();
          else if (name === 'wp:post_id') item.postId = text.trim();
          else if (name === 'wp:status') item.status = text.trim();
          else if (name === 'wp:post_password') item.password = text;
        } else if (name === 'item' && item) {
          for (const waiting of item.waiting) hand(waiting, item);
          item = undefined;
          emit({ type: 'scope-end' });
        } else if (parent === 'channel') {
          if (name === 'wp:base_blog_url') site = text.trim();
          else if (name === 'link') channelLink = text.trim();
        }
      },
    };
  });
}
