/** The error handler: 503 for a database fault, 500 otherwise, and a log line without the path. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { errorHandler } from '../../src/http/errors.js';
import { DatabaseUnavailableError } from '../../src/store/unavailable.js';

describe('error handler', () => {
  it('answers 503 or 500 and logs the route pattern, never the path with its thread id', async () => {
    const logged: string[] = [];
    const app = new Hono();
    app.onError(errorHandler((message, error) => logged.push(`${message} ${String(error)}`)));
    app.get('/api/threads/:threadId/comments', () => {
      throw new DatabaseUnavailableError(new Error('connection lost'));
    });
    app.get('/api/threads/:threadId/events', () => {
      throw new Error('bug');
    });
    const unavailable = await app.request('/api/threads/%2Fprivate%2Fdraft-post%2F/comments');
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers.get('retry-after'), '2');
    const internal = await app.request('/api/threads/%2Fprivate%2Fdraft-post%2F/events');
    assert.equal(internal.status, 500);
    assert.deepEqual(await internal.json(), { error: 'internal' });
    assert.match(logged[0]!, /^GET \/api\/threads\/:threadId\/comments: database unavailable connection lost$/);
    assert.match(logged[1]!, /^GET \/api\/threads\/:threadId\/events failed Error: bug$/);
    assert.ok(!logged.join('\n').includes('private'), logged.join('\n'));
  });
});
