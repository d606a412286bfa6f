import type { Check, PdfSignatureReport, PdfVerification } from '@zhengyin/documents';
import { verdictOf, verifyPdf } from '@zhengyin/documents';
import type { CoreDeps } from '../shared/deps.js';
import { statusAt } from '../seals/read-seals.js';
import { SEAL_STATUS_NAMES } from '../seals/types.js';
import type { SealStatus } from '../seals/types.js';

export interface SealedPdfReport extends PdfVerification {
  readonly signatures: readonly (PdfSignatureReport & { readonly registry: RegistryStatus | null })[];
}

export interface RegistryStatus {
  readonly sealCode: string;
  readonly statusAtSigning: SealStatus | null;
  readonly statusNow: SealStatus;
}

const BAD_AT_SIGNING: readonly SealStatus[] = ['suspended', 'lost', 'revoked', 'destroyed', 'expired'];

/** Registry checks for one of our seals: its status when it signed, and now. */
export function registryChecks(status: RegistryStatus, signedAt: Date | null): Check[] {
  const checks: Check[] = [];
  if (!signedAt || status.statusAtSigning === null) {
    checks.push({
      name: 'SEAL_STATUS_AT_SIGNING',
      status: 'ERROR',
      code: 'SEAL_STATUS_AT_SIGNING_UNKNOWN',
      message: '无法确定签章时印章状态 / seal status at signing time unknown',
    });
  } else if (BAD_AT_SIGNING.includes(status.statusAtSigning) || status.statusAtSigning !== 'active') {
    checks.push({
      name: 'SEAL_STATUS_AT_SIGNING',
      status: 'INVALID',
      code: 'SEAL_NOT_ACTIVE_AT_SIGNING',
      message: `签章时印章${SEAL_STATUS_NAMES[status.statusAtSigning]} / the seal was ${status.statusAtSigning} when it signed`,
      details: { status: status.statusAtSigning },
    });
  } else {
    checks.push({
      name: 'SEAL_STATUS_AT_SIGNING',
      status: 'VALID',
      code: 'SEAL_ACTIVE_AT_SIGNING',
      message: '签章时印章状态正常 / the seal was active when it signed',
    });
  }
  checks.push(
    status.statusNow === 'active'
      ? {
          name: 'SEAL_STATUS_NOW',
          status: 'VALID',
          code: 'SEAL_ACTIVE_NOW',
          message: '印章当前状态正常 / the seal is active',
        }
      : {
          // A seal revoked after signing leaves the signature valid; the change is reported, not failed.
          name: 'SEAL_STATUS_NOW',
          status: 'VALID',
          code: 'SEAL_STATUS_CHANGED_SINCE',
          message: `印章当前${SEAL_STATUS_NAMES[status.statusNow]}（签章后变更，签章仍有效） / the seal is now ${status.statusNow}; the signature made before stays valid`,
          details: { status: status.statusNow },
        },
  );
  return checks;
}

/** What the registry lookup needs of a signature report (PDF or OFD). */
interface SealedSignature {
  readonly seal: { readonly code: string } | null;
  readonly signingTime: Date | null;
  readonly timestampTime: Date | null;
  readonly checks: readonly Check[];
}

/**
 * Adds the registry status of our own seals (looked up by seal code: /ZY_SealCode, or the SES
 * esID) at signing time and now to each signature; other signatures get `registry: null`.
 */
export async function withRegistryStatus<S extends SealedSignature>(
  deps: Pick<CoreDeps, 'uow'>,
  signatures: readonly S[],
): Promise<(S & { readonly registry: RegistryStatus | null })[]> {
  return Promise.all(
    signatures.map(async (signature) => {
      if (!signature.seal) return { ...signature, registry: null };
      const code = signature.seal.code;
      const found = await deps.uow.read(async (r) => {
        const seal = await r.seals.getByCode(code);
        return seal ? { seal, history: await r.seals.statusEvents(seal.id) } : null;
      });
      if (!found) return { ...signature, registry: null };
      const signedAt = signature.timestampTime ?? signature.signingTime;
      const registry: RegistryStatus = {
        sealCode: code,
        statusAtSigning: signedAt ? statusAt(found.history, signedAt) : null,
        statusNow: found.seal.status,
      };
      const checks = [...signature.checks, ...registryChecks(registry, signedAt)];
      return { ...signature, checks, verdict: verdictOf(checks), registry };
    }),
  );
}

/**
 * Verifies every signature of a PDF against the platform's trust anchors (its CAs plus any
 * configured `extraTrustAnchors`), then adds the registry
 * status of our own seals at signing time and now. The verdict is a function of all checks.
 */
export async function verifySealedPdf(
  deps: Pick<CoreDeps, 'uow'>,
  pdf: Uint8Array,
  options: { at?: Date; maxBytes?: number; extraTrustAnchors?: readonly Uint8Array[] } = {},
): Promise<SealedPdfReport> {
  const { extraTrustAnchors = [], ...pdfOptions } = options;
  const cas = await deps.uow.read((r) => r.certificateAuthorities.list());
  const base = await verifyPdf(pdf, {
    trustAnchors: [...cas.map((ca) => ca.certificate), ...extraTrustAnchors],
    ...pdfOptions,
  });
  const signatures = await withRegistryStatus(deps, base.signatures);
  const all = [...base.checks, ...signatures.flatMap((s) => s.checks)];
  return { ...base, signatures, verdict: base.signatures.length === 0 ? base.verdict : verdictOf(all) };
}
