import { adminRegionScopes, authorize } from '../accounts/policy.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { AuditRecord, ChainReport } from './chain.js';
import { verifyChain } from './chain.js';
import type { ApiCallRecord, AuditQuery } from './ports.js';

function requireAuditor(actor: Actor): string | undefined {
  const prefixes = adminRegionScopes(actor, 'audit.read');
  if (prefixes === null) return undefined;
  if (prefixes.length === 0) authorize(actor, 'audit.read', { regionCode: null });
  // A region auditor sees the events of the first region it audits (one region per auditor account).
  return prefixes[0];
}

/** Auditors only. Region auditors see the events of their region and below. */
export async function queryAuditEvents(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: Omit<AuditQuery, 'regionPrefix'>,
): Promise<{ items: AuditRecord[]; nextBeforeSeq: number | null }> {
  const regionPrefix = requireAuditor(actor);
  const items = await deps.uow.run((r) =>
    r.auditReader.query({ ...query, ...(regionPrefix ? { regionPrefix } : {}) }),
  );
  const last = items.at(-1);
  return { items, nextBeforeSeq: items.length === query.limit && last ? last.seq : null };
}

/** Verifies the whole chain; platform-wide auditors only (the chain is one for the platform). */
export async function verifyAuditChain(deps: Pick<CoreDeps, 'uow'>, actor: Actor): Promise<ChainReport> {
  if (requireAuditor(actor) !== undefined) authorize(actor, 'audit.read', { regionCode: null });
  return verifyAuditChainUnchecked(deps);
}

/** For the CLI run by an operator on the database host: no actor. */
export async function verifyAuditChainUnchecked(deps: Pick<CoreDeps, 'uow'>): Promise<ChainReport> {
  return deps.uow.run(async (r) => verifyChain(r.auditReader.scan(), await r.auditReader.head()));
}

export async function listApiCalls(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { actorId?: string; beforeId?: number; limit: number },
): Promise<{ items: ApiCallRecord[]; nextBeforeId: number | null }> {
  if (requireAuditor(actor) !== undefined) authorize(actor, 'audit.read', { regionCode: null });
  const items = await deps.uow.run((r) => r.apiCalls.list(query));
  const last = items.at(-1);
  return { items, nextBeforeId: items.length === query.limit && last ? last.id : null };
}
