// The server bench's ceiling: a bare Hono handler sending the same 100-comment JSON and the same
// counts JSON, each built once.
// Usage: node bench/server-reference.mjs <page.json> [counts.json]; prints "Listening on http://127.0.0.1:<port>".
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.argv[2] ?? '', 'utf8');
const counts = process.argv[3] ? readFileSync(process.argv[3], 'utf8') : '{"counts":{}}';
const app = new Hono();
app.get('/api/threads/:threadId/comments', (c) => c.body(body, 200, { 'Content-Type': 'application/json' }));
app.get('/api/counts', (c) => c.body(counts, 200, { 'Content-Type': 'application/json' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`Listening on http://127.0.0.1:${info.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
