/**
 * What the foreign importers (WordPress WXR, Disqus) hand to the import run: comments as the source
 * describes them, one at a time, read from a stream in bounded memory.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import type { StoredStatus } from 'comment-box/api';
import type { SourceThread } from './thread-ids.js';

export interface ForeignComment {
  /** Unique across sources: `wordpress:<site url>:<comment id>`, `disqus:<post dsq:id>`. */
  sourceKey: string;
  /** The id the source's replies name as their parent. */
  sourceId: string;
  parentSourceId: string | null;
  /** The source key of the parent (to find one imported by an earlier run). */
  parentSourceKey: string | null;
  thread: SourceThread;
  status: StoredStatus;
  /** Set when the comment is not imported, with the reason reported (trash, deleted, a pingback…). */
  skip?: string;
  /** Set when the comment cannot be imported, with the reason reported (counted as failed). */
  fail?: string;
  /** ISO 8601 with a zone, or anything else the source had (then the comment fails). */
  createdAt: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  ip: string;
  userAgent: string;
  /** The body as HTML. */
  html: string;
  /** The source keeps the author's line breaks in its HTML (WordPress) rather than rendered markup. */
  keepNewlines: boolean;
}

/**
 * Something a reader found: a comment, or the end of a scope (a WordPress post: replies never point
 * outside it, so what the run remembers about its comments can be let go).
 */
export type SourceEvent = { type: 'comment'; comment: ForeignComment } | { type: 'scope-end' };

/** An XML element being read: its name and attributes, and the text read since it opened. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
}

export interface XmlHandlers {
  open(element: XmlElement, stack: readonly XmlElement[]): void;
  /** `text` is the element's text content when it has no child elements (a field). */
  close(element: XmlElement, text: string, stack: readonly XmlElement[]): void;
  /** After the last element. */
  end?(): void;
}

/** The file is not XML the importer can read. */
export class SourceFormatError extends Error {}

/**
 * Reads an XML file with saxes, chunk by chunk, and yields what `handlers` emit after each chunk:
 * memory holds one chunk and the current element's text, never the document.
 */
export async function* readXml(
  path: string,
  makeHandlers: (emit: (event: SourceEvent) => void) => XmlHandlers,
): AsyncGenerator<SourceEvent> {
  const queue: SourceEvent[] = [];
  const handlers = makeHandlers((event) => queue.push(event));
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let text = '';
  let textOpen = false;
  let error: Error | undefined;
  parser.on('error', (e) => {
    // A character XML forbids (a control character in an old comment) is read as it is; anything
    // else that is not well-formed stops the import.
    if (/disallowed character/i.test(e.message)) return;
    error ??= new SourceFormatError(`not well-formed XML: ${e.message}`);
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string> };
    stack.push(element);
    text = '';
    textOpen = true;
    handlers.open(element, stack);
  });
  const append = (t: string) => {
    if (textOpen) text += t;
  };
  parser.on('text', append);
  parser.on('cdata', append);
  parser.on('closetag', () => {
    const element = stack.pop()!;
    handlers.close(element, textOpen ? text : '', stack);
    text = '';
    textOpen = false;
  });
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (error) throw error;
      while (queue.length > 0) yield queue.shift()!;
    }
    parser.close();
    if (error) throw error;
    handlers.end?.();
    while (queue.length > 0) yield queue.shift()!;
  } finally {
    stream.destroy();
  }
}

/** `2024-01-02 03:04:05` (no zone, as WordPress writes its GMT dates) as UTC ISO 8601, or ''. */
export function utcFromSql(value: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)$/.exec(value.trim());
  if (!m || m[1] === '0000') return '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}
