import type { Check, PdfSignatureReport } from '@zhengyin/documents';
import { DocumentError, readLicenseMetadata } from '@zhengyin/documents';

/** Schema URI of the JSON attachment this platform writes (core/licensing/metadata.ts). */
export const OUR_ATTACHMENT_SCHEMA = 'https://zhengyin.dev/ns/ecert/1.0/license.json';

/** What a licence file states about itself, read from the revision its issuer signed. */
export interface LicenseClaim {
  /** GB/T 36904 identifier (XMP ZZBS / attachment certificateIdentifier). */
  readonly identifier: string;
  /** The JSON attachment carries this platform's schema. */
  readonly ourSchema: boolean;
  /** PDF: bytes of the issuer's revision (the file as issued); OFD: the file's length. */
  readonly revisionEnd: number;
  readonly typeName: string | null;
  readonly licenseNumber: string | null;
  readonly issuerName: string | null;
  readonly holderName: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export type ClaimResult =
  | { readonly kind: 'claim'; readonly claim: LicenseClaim }
  /** No licence metadata, or no signed revision to read it from: the file is no licence. */
  | { readonly kind: 'none'; readonly check: Check }
  | { readonly kind: 'problem'; readonly check: Check };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * Reads the licence metadata from the bytes the first (issuer) signature covers — never from
 * later revisions, which may rewrite /Metadata and still count as "signatures only" — so the
 * identifier is the one the issuer signed.
 */
export function readLicenseClaim(
  pdf: Uint8Array,
  signatures: readonly PdfSignatureReport[],
  maxBytes?: number,
): ClaimResult {
  const issuer = signatures[0];
  const br = issuer?.byteRange;
  if (!issuer || !issuer.coversRevision || !br || br.length !== 4) {
    return {
      kind: 'none',
      check: {
        name: 'LICENSE_REGISTERED',
        status: 'SKIPPED',
        code: 'LICENSE_NO_SIGNED_REVISION',
        message: '文件没有可读取证照信息的已签名版本 / no signed revision to read licence metadata from',
      },
    };
  }
  const revisionEnd = (br[2] as number) + (br[3] as number);
  let xmp: Record<string, string>;
  let attachment: unknown;
  try {
    const meta = readLicenseMetadata(pdf.subarray(0, revisionEnd), maxBytes ? { maxBytes } : {});
    xmp = meta.xmp;
    attachment = meta.attachment?.json ?? null;
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    return metadataUnreadable(e);
  }
  return claimFrom(xmp, attachment, revisionEnd);
}

/**
 * The claim a licence file's signed metadata makes: the GB/T 36903 keys (PDF XMP, OFD CustomDatas)
 * and the JSON attachment must agree on the identifier; no identifier means the file is no licence.
 */
export function claimFrom(
  xmp: Readonly<Record<string, string>>,
  attachment: unknown,
  revisionEnd: number,
): ClaimResult {
  const att = (typeof attachment === 'object' && attachment !== null ? attachment : {}) as {
    schema?: unknown;
    metadata?: Record<string, unknown>;
  };
  const meta = typeof att.metadata === 'object' && att.metadata !== null ? att.metadata : {};
  const fromXmp = str(xmp.ZZBS);
  const fromAttachment = str(meta.certificateIdentifier);
  if (fromXmp && fromAttachment && fromXmp !== fromAttachment) {
    return {
      kind: 'problem',
      check: {
        name: 'LICENSE_REGISTERED',
        status: 'INVALID',
        code: 'LICENSE_METADATA_INCONSISTENT',
        message:
          '元数据与附件中的证照标识不一致 / the metadata (XMP / CustomDatas) and the JSON attachment name different identifiers',
        details: { xmp: fromXmp, attachment: fromAttachment },
      },
    };
  }
  const identifier = fromXmp ?? fromAttachment;
  if (!identifier) {
    return {
      kind: 'none',
      check: {
        name: 'LICENSE_REGISTERED',
        status: 'SKIPPED',
        code: 'LICENSE_NOT_A_LICENSE',
        message: '文件不含证照标识，不是电子证照 / the file carries no licence identifier: not a licence',
      },
    };
  }
  return {
    kind: 'claim',
    claim: {
      identifier,
      ourSchema: att.schema === OUR_ATTACHMENT_SCHEMA,
      revisionEnd,
      typeName: str(meta.certificateTypeName) ?? str(xmp.ZZMC),
      licenseNumber: str(meta.certificateNumber) ?? str(xmp.ZZBH),
      issuerName: str(meta.certificateIssuingAuthorityName) ?? str(xmp.ZZBFJG),
      holderName: str(meta.certificateHolderName) ?? str(xmp.CZZT),
      validFrom: str(meta.certificateEffectiveDate) ?? str(xmp.ZZYXQQSRQ),
      validTo: str(meta.certificateExpiringDate) ?? str(xmp.ZZYXQJZRQ),
    },
  };
}

/** The claim cannot be read: the metadata of the signed part is damaged or over a limit. */
export function metadataUnreadable(e: DocumentError) {
  return {
    kind: 'problem' as const,
    check: {
      name: 'LICENSE_REGISTERED',
      status: 'ERROR' as const,
      code: 'LICENSE_METADATA_UNREADABLE',
      message: `证照元数据无法读取 / the licence metadata cannot be read: ${e.message}`,
      details: { reason: e.code },
    },
  };
}
