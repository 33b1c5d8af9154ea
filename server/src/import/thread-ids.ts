/**
 * Which thread an imported comment belongs to: by default the page path of its post's URL, the
 * element's own default `thread-id` (`location.pathname`: the query and fragment dropped, the path
 * percent-encoded as a browser shows it, a trailing slash kept as the URL has it); or the full URL;
 * or the source's own id. Then the map file, for sites whose URLs or ids changed.
 */
import { isThreadId } from 'comment-box/api';

export type ThreadIdMode = 'path' | 'url' | 'id';

export const THREAD_ID_MODES: readonly ThreadIdMode[] = ['path', 'url', 'id'];

/** What a source says about the page a comment belongs to. */
export interface SourceThread {
  /** The post's URL (WordPress `<link>`, Disqus `<link>`), or ''. */
  link: string;
  /** The source's own id of the post (WordPress `wp:post_id`, Disqus `<id>` identifier), or ''. */
  id: string;
}

interface Rule {
  from: string;
  to: string;
  prefix: boolean;
}

/**
 * A map file: one rule a line, `OLD NEW` separated by white space; `#` starts a comment.
 * - `OLD` an absolute http(s) URL: a URL prefix, replaced by `NEW` in a post's URL before the
 *   thread id is taken from it (a site that moved: `https://old.example/blog/ https://new.example/`).
 * - otherwise `OLD` is a thread id, replaced by `NEW` after it was derived; ending in `*` (on both
 *   sides), a prefix (`/2019/* /archive/2019/*`).
 * Exact rules win over prefixes, longer prefixes over shorter ones.
 */
export class ThreadMap {
  readonly #urls: Rule[] = [];
  readonly #exact = new Map<string, string>();
  readonly #prefixes: Rule[] = [];

  static parse(text: string): ThreadMap {
    const map = new ThreadMap();
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!line) return;
      const parts = line.split(/\s+/);
      if (parts.length !== 2) throw new Error(`map line ${i + 1}: expected "OLD NEW", got "${raw.trim()}"`);
      const [from, to] = parts as [string, string];
      if (/^https?:\/\//i.test(from)) {
        if (!/^https?:\/\//i.test(to)) throw new Error(`map line ${i + 1}: a URL prefix maps to a URL prefix`);
        map.#urls.push({ from, to, prefix: true });
      } else if (from.endsWith('*')) {
        if (!to.endsWith('*')) throw new Error(`map line ${i + 1}: a prefix (ending in *) maps to a prefix`);
        map.#prefixes.push({ from: from.slice(0, -1), to: to.slice(0, -1), prefix: true });
      } else {
        map.#exact.set(from, to);
      }
    });
    const longestFirst = (a: Rule, b: Rule) => b.from.length - a.from.length;
    map.#urls.sort(longestFirst);
    map.#prefixes.sort(longestFirst);
    return map;
  }

  /** A post's URL after the URL prefix rules. */
  url(link: string): string {
    for (const rule of this.#urls) if (link.startsWith(rule.from)) return rule.to + link.slice(rule.from.length);
    return link;
  }

  /** A thread id after the thread id rules. */
  thread(id: string): string {
    const exact = this.#exact.get(id);
    if (exact !== undefined) return exact;
    for (const rule of this.#prefixes) if (id.startsWith(rule.from)) return rule.to + id.slice(rule.from.length);
    return id;
  }
}

export class ThreadIdError extends Error {}

/** The thread id of a source's post; throws `ThreadIdError` with a readable reason when it has none. */
export function threadIdFor(source: SourceThread, mode: ThreadIdMode, map: ThreadMap = new ThreadMap()): string {
  let id: string;
  if (mode === 'id' && source.id.trim() !== '') {
    id = source.id.trim();
  } else {
    const link = map.url(source.link.trim());
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new ThreadIdError(link ? `the post's URL "${link}" is not a URL` : 'the post has no URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ThreadIdError('the post URL is not http(s)');
    if (mode === 'url') {
      url.hash = '';
      id = url.href;
    } else {
      if (url.pathname === '/' && url.search !== '') {
        // Plain permalinks (`/?p=12`): every post's path is `/`, so threads by path would merge.
        throw new ThreadIdError(
          `the post URL "${url.href}" identifies the post by its query; use --thread-id url or --thread-id id`,
        );
      }
      id = url.pathname;
    }
  }
  id = map.thread(id);
  if (!isThreadId(id)) throw new ThreadIdError('the thread id is empty, too long (over 500) or not clean text');
  return id;
}
