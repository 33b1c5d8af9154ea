/**
 * The script bundle as the server sends it: precompressed (brotli, gzip) when the client accepts it,
 * with a validator (ETag → 304), hashed chunks `immutable`, and loadable by pages of other origins.
 * Raw HTTP, so the bytes on the wire are what is measured (fetch would decompress them).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { RunningServer } from '../../src/server.js';
import { ROOT, ensureBuilt, freshDatabase, start, type TestDatabase } from '../helpers.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static scripts: compression, validators, caching, CORS', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const entry = () => readFileSync(join(ROOT, 'dist/bundle/comment-box.js'));

  before(async () => {
    ensureBuilt();
    db = await freshDatabase('sqlite');
    server = await start(db);
  });
  after(async () => {
    await server?.close();
    await db?.cleanup();
  });

  it('sends brotli to a client that accepts it (as curl --compressed does), gzip to one that accepts only gzip', async () => {
    const source = entry();
    const br = await get(server.url, '/comment-box.js', { 'Accept-Encoding': 'deflate, gzip, br, zstd' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['vary']), /Accept-Encoding/);
    assert.ok(br.body.length < source.length / 2, `${br.body.length} bytes sent for ${source.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), source);

    const gz = await get(server.url, '/comment-box.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), source);

    const refused = await get(server.url, '/comment-box.js', { 'Accept-Encoding': 'br;q=0, gzip' });
    assert.equal(refused.headers['content-encoding'], 'gzip');
  });

  it('sends the script as it is to a client that accepts no compression', async () => {
    const plain = await get(server.url, '/comment-box.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, entry());
    assert.match(String(plain.headers['content-type']), /^text\/javascript/);
  });

  it('answers a matching If-None-Match with 304 and no body, per encoding', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const first = await get(server.url, '/comment-box.js', { 'Accept-Encoding': encoding });
      const etag = String(first.headers['etag']);
      assert.match(etag, /^"[\w-]+"$/);
      const again = await get(server.url, '/comment-box.js', { 'Accept-Encoding': encoding, 'If-None-Match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers['etag'], etag);
    }
    const br = await get(server.url, '/comment-box.js', { 'Accept-Encoding': 'br' });
    const gz = await get(server.url, '/comment-box.js', { 'Accept-Encoding': 'gzip' });
    assert.notEqual(br.headers['etag'], gz.headers['etag'], 'each encoding is its own variant');
    const stale = await get(server.url, '/comment-box.js', { 'Accept-Encoding': 'br', 'If-None-Match': '"old"' });
    assert.equal(stale.status, 200);
  });

  it('marks hashed chunks immutable and revalidates the entry', async () => {
    const chunk = readdirSync(join(ROOT, 'dist/bundle')).find((f) => /^markdown-.+\.js$/.test(f));
    assert.ok(chunk, 'the Markdown renderer is a hashed chunk');
    const lazy = await get(server.url, `/${chunk}`, { 'Accept-Encoding': 'br' });
    assert.equal(lazy.status, 200);
    assert.equal(lazy.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(lazy.headers['content-encoding'], 'br');
    const main = await get(server.url, '/comment-box.js');
    assert.equal(main.headers['cache-control'], 'no-cache');
    const locale = await get(server.url, '/translations/nl.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(locale.headers['content-encoding'], 'gzip');
    assert.equal(locale.headers['cache-control'], 'no-cache');
  });

  it('lets a page of another origin load the scripts as modules (CORS)', async () => {
    const res = await get(server.url, '/comment-box.js', { Origin: 'https://blog.example' });
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
  });

  it('never serves the precompressed files or anything outside the bundle by name', async () => {
    assert.equal((await get(server.url, '/comment-box.js.br')).status, 404);
    assert.equal((await get(server.url, '/comment-box.js.gz')).status, 404);
    assert.equal((await get(server.url, '/..%2Fpackage.json')).status, 404);
  });
});
