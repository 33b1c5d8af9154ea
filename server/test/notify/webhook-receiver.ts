/**
 * A real HTTP receiver of webhooks on 127.0.0.1 for the tests: keeps every delivery (headers, raw
 * body, parsed body, whether its signature verifies), answers with the codes it is told to (then
 * 204), or hangs.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How a receiver verifies a delivery (the algorithm of docs/server.md): the signature header's `t`
 * and `v1`, `t` within 5 minutes of now, `v1` equal (in constant time) to the HMAC-SHA256 of
 * "<t>.<raw body>" with the shared secret.
 */
export function verify(secret: string, header: string | undefined, rawBody: string, nowMs = Date.now()): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return false;
  if (Math.abs(nowMs / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
  verified: boolean;
  status: number;
}

/** A real HTTP receiver: answers each POST with the next code of `answers` (then 204), keeps them all. */
export class Receiver {
  deliveries: Delivery[] = [];
  answers: number[] = [];
  /** Hang (never answer) while set. */
  hang = false;
  secret: string;

  constructor(secret: string) {
    this.secret = secret;
  }
  #server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.hang) return;
        const raw = Buffer.concat(chunks).toString('utf8');
        const status = this.answers.shift() ?? 204;
        this.deliveries.push({
          headers: req.headers,
          raw,
          body: JSON.parse(raw),
          verified: verify(this.secret, req.headers['x-comment-box-signature'] as string | undefined, raw),
          status,
        });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}/hook/T000/secret-path`;
  }

  /** The deliveries answered 2xx whose body satisfies `match`. */
  ok(match: (d: Delivery) => boolean): Delivery[] {
    return this.deliveries.filter((d) => d.status < 300 && match(d));
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((r) => this.#server?.close(r));
  }
}
