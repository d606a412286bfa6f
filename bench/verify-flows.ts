/**
 * The use-code flow driver of bench/verify.ts, in its own process: starts `rate` flows per second for
 * `seconds` (open loop: a slow flow does not delay the next start) and reports the latency of whole
 * flows — create a consent context (business system) → the holder approves → obtain the use-code →
 * redeem the allowed data items. Prints one JSON line.
 */
import { createClient } from '@zhengyin/sdk';
import { nodeAppSigner } from '@zhengyin/sdk/node';

interface FlowSpec {
  readonly origin: string;
  readonly appKey: string;
  readonly secret: string;
  /** The server's (test) clock: app signatures are checked against it. */
  readonly clockMs: number;
  readonly holder: { readonly cookie: string; readonly csrfToken: string };
  readonly context: Record<string, unknown>;
  readonly rate: number;
  readonly seconds: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as FlowSpec;
const system = createClient({
  baseUrl: spec.origin,
  signer: nodeAppSigner({ appKey: spec.appKey, secret: spec.secret, now: () => spec.clockMs }),
});
const holder = createClient({
  baseUrl: spec.origin,
  fetch: (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', spec.holder.cookie);
    headers.set('x-csrf-token', spec.holder.csrfToken);
    return fetch(input, { ...init, headers });
  },
});

let sequence = 0;
async function flow(): Promise<void> {
  const body = { ...spec.context, businessNumber: `BENCH-${process.pid}-${++sequence}` };
  const { context } = await system.createUsageContext({ body: body as never });
  await holder.decideConsent({ params: { id: context.id }, body: { approve: true } });
  const { code } = await system.issueUseCode({ params: { id: context.id } });
  const redeemed = await system.redeemUseCode({ body: { code, kind: 'data' } });
  if (redeemed.kind !== 'data' || redeemed.licenses.length === 0) throw new Error('nothing redeemed');
}

const latencies: number[] = [];
const failures: string[] = [];
const started = performance.now();
const total = spec.rate * spec.seconds;
const flows: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const due = started + (1000 * i) / spec.rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  flows.push(
    flow().then(
      () => void latencies.push(performance.now() - due),
      (e: unknown) => void failures.push((e as Error).message),
    ),
  );
}
await Promise.all(flows);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(1));
process.stdout.write(
  `${JSON.stringify({
    flows: latencies.length,
    perSecond: Number((latencies.length / seconds).toFixed(1)),
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    failures: failures.length,
    firstFailure: failures[0] ?? null,
  })}\n`,
);
