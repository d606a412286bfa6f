import { auditEntry } from '../audit/entry.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { chinaDate, licenseTarget } from './issue-licenses.js';
import { nextLicenseStatus } from './lifecycle.js';

/**
 * The expiry job: in-force versions whose last valid day has passed become expired, in batches, each
 * in its own transaction with its events. Safe to run from several processes and to re-run after a
 * crash (it only picks what is still due, under row locks).
 */
export async function expireLicenses(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 200;
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const today = chinaDate(now);
    const done = await deps.uow.run(async (r) => {
      let n = 0;
      for (const due of await r.licenses.dueForExpiry(today, batchSize)) {
        const l = await r.licenses.getForUpdate(due.id);
        if (!l || l.validTo === null || l.validTo >= today || !['valid', 'pledged'].includes(l.status))
          continue;
        const next = {
          ...l,
          status: nextLicenseStatus(l.status, 'expire'),
          updatedAt: now,
          rowVersion: l.rowVersion + 1,
        };
        if (!(await r.licenses.update(next, l.rowVersion))) continue;
        await r.licenses.addEvent({
          id: deps.ids.uuid(),
          licenseId: l.id,
          seriesId: l.seriesId,
          action: 'expire',
          fromStatus: l.status,
          toStatus: next.status,
          reasonCode: null,
          reason: null,
          actorId: null,
          details: { validTo: l.validTo },
          at: now,
        });
        await r.audit.append(
          auditEntry(
            SYSTEM_ACTOR,
            { requestId: null, clientIp: null },
            now,
            'licenses.expired',
            licenseTarget(next),
            {
              identifier: l.identifier,
              validTo: l.validTo,
            },
          ),
        );
        n++;
      }
      return n;
    });
    total += done;
    if (done < batchSize) return total;
  }
}
