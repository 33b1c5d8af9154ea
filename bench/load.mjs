// The load generator, run by bench/server.mjs in its own process (pinned to its own core).
// Usage: node bench/load.mjs '<json options>'; prints one JSON result line.
// Options: { url, method: 'GET' | 'POST', connections, seconds, post?: { runId } }
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2] ?? '{}');
let n = 0;
const request =
  opts.method === 'POST'
    ? {
        method: 'POST',
        setupRequest(req) {
          n += 1;
          const id = `${opts.post.runId}-${process.pid}-${n}`;
          return {
            ...req,
            headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${id}` },
            // `_t`: the form was shown 10 s before submitting, as a reader's browser reports it.
            body: JSON.stringify({
              content: `Benchmark comment ${id}: durable on disk before the 201.`,
              name: `Reader ${n % 997}`,
              email: `reader${n % 997}@example.com`,
              url: '',
              _t: 10_000,
            }),
          };
        },
      }
    : { method: 'GET' };

const result = await autocannon({
  url: opts.url,
  connections: opts.connections ?? 32,
  duration: opts.seconds ?? 5,
  requests: [request],
});
const codes = {};
for (const [k, v] of Object.entries(result.statusCodeStats ?? {})) codes[k] = v.count;
console.log(
  JSON.stringify({
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    codes,
  }),
);
