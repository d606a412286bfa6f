import { timestampSignatureValue } from '../pki/timestamp.js';
import type { LicenseTypeVersion } from '../catalog/types.js';
import type { Seal } from '../seals/types.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { LicensingPorts, OfdSealBox } from './ports.js';
import { faceRenderInput, type IssuingSeal } from './sign-license.js';
import type { License } from './types.js';

export interface SealedOfd {
  readonly ofd: Uint8Array;
  readonly sha256: string;
  /** SHA-256 (hex) of the SignedValue.dat the signature wrote. */
  readonly signedValueSha256: string;
}

/** OFD licences carry a GB/T 38540 signature: only an SM2 seal with an SESeal can make one. */
export function checkOfdSeal(seal: Pick<Seal, 'id' | 'algorithm' | 'sesSeal'>): void {
  if (seal.algorithm !== 'sm2' || !seal.sesSeal)
    throw new AppError(
      'LICENSE_OFD_SEAL_UNSUITABLE',
      seal.algorithm !== 'sm2'
        ? `an OFD licence needs an SM2 seal; this seal uses ${seal.algorithm}`
        : 'the seal has no SES seal structure (SESeal)',
      { sealId: seal.id, algorithm: seal.algorithm, hasSesSeal: seal.sesSeal !== null },
    );
}

/** The seal image at its own size, centred in the area (as on the PDF face). */
function centredIn(
  area: Required<OfdSealBox>,
  image: { readonly widthMm: number; readonly heightMm: number },
): OfdSealBox {
  return {
    page: area.page,
    xMm: area.xMm + (area.widthMm - image.widthMm) / 2,
    yMm: area.yMm + (area.heightMm - image.heightMm) / 2,
    widthMm: image.widthMm,
    heightMm: image.heightMm,
  };
}

/**
 * 制证 + 签发 as OFD: the same face, values, metadata and QR payload as the PDF, sealed with an SES
 * signature of the issuing seal. The signature leaves annotations uncovered and the document open
 * to later signatures, so that a 加注件 layer can be added without breaking it.
 */
export async function renderAndSealOfd(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  ports: LicensingPorts,
  type: LicenseTypeVersion,
  license: License,
  issuing: IssuingSeal,
): Promise<SealedOfd> {
  if (!type.faceTemplate)
    throw new AppError('LICENSE_TEMPLATE_INVALID', 'the licence type has no face template');
  const { seal } = issuing;
  checkOfdSeal(seal);
  const face = await ports.renderer.renderOfd(faceRenderInput(ports, type.faceTemplate, type, license));
  let sealed;
  try {
    sealed = await ports.ofd.seal({
      ofd: face,
      sesSeal: seal.sesSeal as Uint8Array,
      signerCertificate: seal.certificate,
      sign: (tbs) => issuing.signer.sign(tbs),
      placement: centredIn(ports.renderer.ofdSealArea(type.faceTemplate), seal.image),
      signingTime: license.createdAt,
      protection: 'continue',
      coverAnnotations: false,
      ...(issuing.timestamp
        ? { timestamp: (value: Uint8Array) => timestampSignatureValue(deps, value) }
        : {}),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!(error instanceof AppError) && (code?.startsWith('OFD_') || code?.startsWith('SES_')))
      throw new AppError('LICENSE_SIGNING_FAILED', (error as Error).message, { reason: code });
    throw error;
  }
  return {
    ofd: sealed.ofd,
    sha256: bytesToHex(ports.sha256(sealed.ofd)),
    signedValueSha256: bytesToHex(ports.sha256(sealed.signedValue)),
  };
}
