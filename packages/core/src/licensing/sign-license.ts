import { timestampSignatureValue } from '../pki/timestamp.js';
import type { LicenseTypeVersion } from '../catalog/types.js';
import type { KeySigner } from '../keys/ports.js';
import type { Seal } from '../seals/types.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { faceValues, licenseAttachment, licenseMetadata, xmpProperties } from './metadata.js';
import type { LicenseRenderInput, LicensingPorts } from './ports.js';
import type { License } from './types.js';

/** What signing needs besides the licence: the unlocked seal key, its certificate and the CA chain. */
export interface IssuingSeal {
  readonly seal: Seal & { readonly certificate: Uint8Array; readonly image: NonNullable<Seal['image']> };
  readonly signer: KeySigner;
  readonly chain: readonly Uint8Array[];
  readonly timestamp: boolean;
}

const LICENSE_CMS_ROOM = 8 * 1024;

export function verificationUrl(ports: LicensingPorts, identifier: string): string {
  const base = ports.verifyBaseUrl.replace(/\/+$/, '');
  return `${base}/v/${encodeURIComponent(identifier)}?t=${ports.tokens.token(identifier)}`;
}

/** What the renderer needs for a licence's face (PDF or OFD): values, QR URL and metadata. */
export function faceRenderInput(
  ports: LicensingPorts,
  template: Record<string, unknown>,
  type: LicenseTypeVersion,
  license: License,
): LicenseRenderInput {
  return {
    template,
    values: faceValues(license, type.dataItems),
    qrPayload: verificationUrl(ports, license.identifier),
    title: `${license.typeName} ${license.licenseNumber}`,
    xmp: xmpProperties(licenseMetadata(license)),
    attachment: licenseAttachment(license),
    createdAt: license.createdAt,
  };
}

/** 制证 + 签发: renders the face with metadata and QR, then signs it with the issuing seal. */
export async function renderAndSign(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  ports: LicensingPorts,
  type: LicenseTypeVersion,
  license: License,
  issuing: IssuingSeal,
): Promise<{ pdf: Uint8Array; sha256: string }> {
  if (!type.faceTemplate)
    throw new AppError('LICENSE_TEMPLATE_INVALID', 'the licence type has no face template');
  const face = await ports.renderer.render(faceRenderInput(ports, type.faceTemplate, type, license));
  const { seal } = issuing;
  let signed;
  try {
    signed = await ports.pdf.seal({
      pdf: face,
      signerCertificate: seal.certificate,
      chain: issuing.chain,
      sign: (data) => issuing.signer.sign(data),
      appearance: { png: seal.image.png, widthMm: seal.image.widthMm, heightMm: seal.image.heightMm },
      placement: ports.renderer.sealPlacement(type.faceTemplate),
      signingTime: license.createdAt,
      reason: `签发${license.typeName}`,
      name: seal.name,
      seal: { code: seal.code, ...(seal.sesSeal ? { sesSeal: seal.sesSeal } : {}) },
      // A CMS without a timestamp is about 3 KB; the default room is sized for a timestamp token.
      ...(issuing.timestamp ? {} : { placeholderBytes: LICENSE_CMS_ROOM }),
      ...(issuing.timestamp
        ? { timestamp: (value: Uint8Array) => timestampSignatureValue(deps, value) }
        : {}),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!(error instanceof AppError) && code?.startsWith('PDF_'))
      throw new AppError('LICENSE_SIGNING_FAILED', (error as Error).message, { reason: code });
    throw error;
  }
  return { pdf: signed.pdf, sha256: bytesToHex(ports.sha256(signed.pdf)) };
}
