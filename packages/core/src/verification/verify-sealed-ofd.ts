import type { OfdSignatureReport, OfdVerification } from '@zhengyin/documents';
import { DocumentError, verdictOf, verifyOfd } from '@zhengyin/documents';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { withRegistryStatus, type RegistryStatus } from './verify-sealed-pdf.js';

export interface SealedOfdReport extends OfdVerification {
  readonly signatures: readonly (OfdSignatureReport & { readonly registry: RegistryStatus | null })[];
}

/** Which verifier a file needs: OFD is a zip ("PK"), anything else is read as PDF. */
export function sniffFileFormat(bytes: Uint8Array): 'pdf' | 'ofd' {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b ? 'ofd' : 'pdf';
}

/**
 * verifyOfd with a domain error: a file that is not a readable OFD package is refused with its
 * OFD_* code (HTTP 400/413), as the other upload readers do.
 */
export async function verifyOfdFile(
  ofd: Uint8Array,
  options: Parameters<typeof verifyOfd>[1],
): Promise<OfdVerification> {
  try {
    return await verifyOfd(ofd, options);
  } catch (e) {
    if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
    throw e;
  }
}

/**
 * Verifies every signature of an OFD file against the platform's trust anchors (its CAs plus any
 * configured `extraTrustAnchors`), then adds the registry status of our own seals — found by the
 * SES seal's esID, which is our seal code — at signing time (timeInfo, or a verified time-stamp)
 * and now. The verdict is a function of all checks.
 */
export async function verifySealedOfd(
  deps: Pick<CoreDeps, 'uow'>,
  ofd: Uint8Array,
  options: { at?: Date; maxBytes?: number; extraTrustAnchors?: readonly Uint8Array[] } = {},
): Promise<SealedOfdReport> {
  const { extraTrustAnchors = [], ...ofdOptions } = options;
  const cas = await deps.uow.read((r) => r.certificateAuthorities.list());
  const base = await verifyOfdFile(ofd, {
    trustAnchors: [...cas.map((ca) => ca.certificate), ...extraTrustAnchors],
    ...ofdOptions,
  });
  const signatures = await withRegistryStatus(deps, base.signatures);
  const all = [...base.checks, ...signatures.flatMap((s) => s.checks)];
  return { ...base, signatures, verdict: base.signatures.length === 0 ? base.verdict : verdictOf(all) };
}
