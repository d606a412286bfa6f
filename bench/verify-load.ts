/**
 * The HTTP load generator of bench/verify.ts, run in its own process so that it does not share the
 * server's event loop: `node … verify-load.ts '{"urls":[…],"seconds":10,"connections":32}'`.
 * Prints one JSON line: requests per second, latency percentiles (ms), errors and non-2xx answers.
 */
import autocannon from 'autocannon';

interface LoadSpec {
  readonly urls: readonly string[];
  readonly seconds: number;
  readonly connections: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
if (!spec.urls?.length) throw new Error('give the URLs to load as JSON');

const first = new URL(spec.urls[0]!);
let next = 0;
const result = await autocannon({
  url: first.origin,
  connections: spec.connections,
  duration: spec.seconds,
  requests: [
    {
      setupRequest: (request) => {
        const url = new URL(spec.urls[next++ % spec.urls.length]!);
        return { ...request, method: 'GET', path: url.pathname + url.search };
      },
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  })}\n`,
);
