import type { CoreDeps } from '../shared/deps.js';
import type { VerificationOutcome } from './ports.js';

/**
 * Adds verifications to the daily tallies behind "verification counts" and "failure reasons". Public
 * verifications are not audited (anyone could flood the trail); the tally keeps day, kind, verdict,
 * reason and the licence's region only. Callers batch outcomes (see the server's tally writer).
 */
export async function recordVerifications(
  deps: Pick<CoreDeps, 'uow'>,
  outcomes: readonly VerificationOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  await deps.uow.run((r) => r.metrics.tallyVerifications(outcomes));
}
