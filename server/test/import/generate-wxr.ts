/** Writes a large WXR (posts × comments per post, every fifth a reply) for the streaming test. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function writeLargeWxr(
  path: string,
  posts: number,
  perPost: number,
  wordsPerComment = 40,
): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" ' +
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n' +
      '<title>Large</title><link>https://large.example</link><wp:base_blog_url>https://large.example</wp:base_blog_url>\n',
  );
  const words =
    'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore'.split(' ');
  let id = 0;
  for (let p = 1; p <= posts; p++) {
    let item =
      `<item><title>Post ${p}</title><link>https://large.example/post-${p}/</link><wp:post_id>${p}</wp:post_id>` +
      '<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>' +
      `<content:encoded><![CDATA[<p>${words.join(' ').repeat(20)}</p>]]></content:encoded>\n`;
    const first = id + 1;
    for (let c = 0; c < perPost; c++) {
      id++;
      const parent = c % 5 === 4 ? id - 1 : 0;
      const body = Array.from({ length: wordsPerComment }, (_, i) => words[(id + i) % words.length]).join(' ');
      const minute = String(c % 60).padStart(2, '0');
      const hour = String(Math.floor(c / 60) % 24).padStart(2, '0');
      item +=
        `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 977}]]></wp:comment_author>` +
        `<wp:comment_author_email><![CDATA[reader${id % 977}@example.com]]></wp:comment_author_email>` +
        `<wp:comment_author_url>https://reader${id % 977}.example/</wp:comment_author_url>` +
        `<wp:comment_author_IP><![CDATA[192.0.2.${id % 250}]]></wp:comment_author_IP>` +
        `<wp:comment_date_gmt><![CDATA[2020-01-01 ${hour}:${minute}:00]]></wp:comment_date_gmt>` +
        `<wp:comment_content><![CDATA[<p>Comment ${id}: ${body}, <em>really</em>.</p>]]></wp:comment_content>` +
        `<wp:comment_approved><![CDATA[${id % 10 === 0 ? '0' : '1'}]]></wp:comment_approved>` +
        `<wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${parent >= first ? parent : 0}</wp:comment_parent></wp:comment>\n`;
    }
    await write(`${item}</item>\n`);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return bytes;
}
