/** What the route modules read from a request: thread id, author token, JSON body, client address. */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isThreadId } from 'comment-box/api';
import type { ServerConfig } from '../config.js';
import { clientAddress } from '../policy/client-address.js';
import { fail, invalid } from './errors.js';

/** The shape of an author token (`X-Author-Token`); anything else is ignored. */
export const AUTHOR_TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** Whether a thread id is one the API takes (the contract's `isThreadId`). */
export const validThreadId = isThreadId;

export const threadParam = (c: Context) => c.req.param('threadId') ?? '';

/** The author token the request carries, when it has the right shape. */
export function authorToken(c: Context): string | undefined {
  const sent = c.req.header('X-Author-Token');
  return sent && AUTHOR_TOKEN.test(sent) ? sent : undefined;
}

/** The client's address: the socket's, or behind a trusted proxy the one it appended. */
export function requestAddress(c: Context, config: Pick<ServerConfig, 'trustProxy'>): string {
  const incoming = c.env as { incoming?: unknown } | undefined;
  const socketAddress = incoming?.incoming ? getConnInfo(c).remote.address : undefined;
  return clientAddress(socketAddress, c.req.header('X-Forwarded-For'), config.trustProxy);
}

/** Reads a JSON object body, or answers 415/400. */
export async function jsonBody(c: Context): Promise<Record<string, unknown> | Response> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) {
    return fail(c, 415, { error: 'unsupported-media-type' });
  }
  let body: unknown;
  try {
    body = JSON.parse(await bodyText(c));
  } catch {
    return invalid(c, { form: ['invalidType'] }, 400);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid(c, { form: ['invalidType'] }, 400);
  return body as Record<string, unknown>;
}

/**
 * The body as text. With a Content-Length (the body limit checked it), read from the node request
 * itself: building a fetch `Request` around it cost more than the rest of a small post. Otherwise
 * (a chunked body, which the body limit counts as it streams; a test's `app.request`), from the
 * `Request`.
 */
async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.headers['content-length'] === undefined || incoming.readableEnded) return c.req.text();
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
