import { sm3Hex } from '@zhengyin/gm';
import { canonicalJson } from './canonical.js';

export const GENESIS_HASH = '0'.repeat(64);

/** An audit event as stored: everything that is hashed plus the chain links. */
export interface AuditRecord {
  readonly seq: number;
  readonly at: Date;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly regionCode: string | null;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export type UnhashedRecord = Omit<AuditRecord, 'hash'>;

/** hash = SM3(previous hash ‖ canonical bytes of the event), lower-case hex. */
export function auditHash(record: UnhashedRecord): string {
  const canonical = canonicalJson({
    seq: record.seq,
    at: record.at.toISOString(),
    actor: { kind: record.actorKind, id: record.actorId },
    action: record.action,
    target: { type: record.targetType, id: record.targetId },
    regionCode: record.regionCode,
    details: record.details,
    requestId: record.requestId,
    clientIp: record.clientIp,
  });
  return sm3Hex(record.prevHash, canonical);
}

export type ChainProblemKind = 'HASH_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH';

export interface ChainProblem {
  readonly seq: number | null;
  readonly kind: ChainProblemKind;
  readonly message: string;
}

export interface ChainReport {
  readonly intact: boolean;
  readonly checked: number;
  readonly headSeq: number;
  readonly problems: ChainProblem[];
}

const MAX_PROBLEMS = 100;

/**
 * Walks the chain in sequence order and reports every break: an edited event (its hash no longer
 * matches), a deleted, inserted or reordered one (sequence gap or broken previous-hash link), and a
 * head pointer that disagrees with the last event (tail truncated or appended outside the API).
 */
export async function verifyChain(
  records: AsyncIterable<AuditRecord>,
  head: { seq: number; hash: string },
): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  const report = (p: ChainProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  for await (const r of records) {
    checked++;
    if (r.seq !== expectedSeq) {
      report({ seq: r.seq, kind: 'SEQUENCE_GAP', message: `expected event ${expectedSeq}, found ${r.seq}` });
    }
    if (r.prevHash !== previousHash) {
      report({
        seq: r.seq,
        kind: 'PREVIOUS_HASH_MISMATCH',
        message: `event ${r.seq} does not link to its predecessor`,
      });
    }
    if (auditHash(r) !== r.hash) {
      report({
        seq: r.seq,
        kind: 'HASH_MISMATCH',
        message: `event ${r.seq} was altered after it was written`,
      });
    }
    expectedSeq = r.seq + 1;
    previousHash = r.hash;
  }
  if (head.seq !== expectedSeq - 1 || head.hash !== previousHash) {
    report({
      seq: null,
      kind: 'HEAD_MISMATCH',
      message: `chain head says event ${head.seq}, the log ends at event ${expectedSeq - 1}`,
    });
  }
  return { intact: problems.length === 0, checked, headSeq: head.seq, problems };
}
