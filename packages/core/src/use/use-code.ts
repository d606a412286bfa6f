import { sm3Hex } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { UsePolicy } from './ports.js';
import type { UsageContext } from './types.js';

/** 20 random bytes: 160 bits, 27 base64url characters. */
export const USE_CODE_BYTES = 20;

/** Only the SM3 digest of a code is stored; the code itself is shown once. */
export const hashUseCode = (code: string): string => sm3Hex(code);

/** Syntactically possible codes; anything else is refused without a database lookup. */
export const USE_CODE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface IssuedUseCode {
  readonly code: string;
  readonly contextId: string;
  readonly expiresAt: Date;
}

/** Creates a code for an approved context, inside the caller's transaction, and audits it. */
export async function issueCodeIn(
  r: Repositories,
  deps: Pick<CoreDeps, 'clock' | 'ids'>,
  policy: Pick<UsePolicy, 'codeTtlMinutes'>,
  actor: Actor,
  meta: RequestMeta,
  context: UsageContext,
): Promise<IssuedUseCode> {
  const now = deps.clock.now();
  const code = deps.ids.token(USE_CODE_BYTES);
  const ttlEnd = now.getTime() + policy.codeTtlMinutes * 60_000;
  const expiresAt = new Date(Math.min(ttlEnd, context.expiresAt.getTime()));
  await r.useCodes.insert({
    codeHash: hashUseCode(code),
    contextId: context.id,
    departmentId: context.departmentId,
    createdAt: now,
    expiresAt,
    usedAt: null,
    usedBy: null,
  });
  await r.audit.append(
    auditEntry(
      actor,
      meta,
      now,
      'use.code.issued',
      { type: 'usage_context', id: context.id, regionCode: context.regionCode },
      {
        departmentId: context.departmentId,
        expiresAt: expiresAt.toISOString(),
      },
    ),
  );
  return { code, contextId: context.id, expiresAt };
}
