import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { LICENSE_STATUS_VALUES } from './licenses.js';

export const VerificationCheck = z.object({
  name: z.string(),
  status: z.enum(['VALID', 'INVALID', 'ERROR', 'SKIPPED']),
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const Verdict = z.enum(['VALID', 'INVALID', 'INDETERMINATE']);

export const PdfSignatureResult = z.object({
  format: z.literal('pdf'),
  index: z.number().int(),
  fieldName: z.string(),
  subFilter: z.string().nullable(),
  byteRange: z.array(z.number()),
  coversRevision: z.boolean(),
  modifiedAfter: z.enum(['none', 'signatures-only', 'other']),
  signingTime: z.string().nullable(),
  timestampTime: z.string().nullable(),
  signer: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      serialHex: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
      keyUsage: z.array(z.string()),
      algorithm: z.string(),
    })
    .nullable(),
  seal: z
    .object({
      code: z.string(),
      name: z.string().nullable(),
      validStart: z.string().nullable(),
      validEnd: z.string().nullable(),
    })
    .nullable(),
  registry: z
    .object({ sealCode: z.string(), statusAtSigning: z.string().nullable(), statusNow: z.string() })
    .nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  name: z.string().nullable(),
  pages: z.array(z.number().int()),
  checks: z.array(VerificationCheck),
  verdict: Verdict,
});

const SignerResult = PdfSignatureResult.shape.signer;
const SealResult = PdfSignatureResult.shape.seal;
const RegistryResult = PdfSignatureResult.shape.registry;
const Box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

/** One Signature of an OFD file (one per Signature element; a riding seal lists several stamp annotations). */
export const OfdSignatureResult = z.object({
  format: z.literal('ofd'),
  index: z.number().int(),
  /** "Signature <ID>". */
  fieldName: z.string(),
  /** Signature ID in Signatures.xml. */
  id: z.string(),
  /** Package path of Signature.xml. */
  part: z.string(),
  type: z.enum(['Seal', 'Sign']),
  /** 4: GB/T 38540; 1: GM/T 0031; null: SignedValue.dat unreadable. */
  sesVersion: z.union([z.literal(1), z.literal(4)]).nullable(),
  checkMethod: z.string().nullable(),
  /** SignatureDateTime as written (free text). */
  signatureDateTime: z.string().nullable(),
  /** TBS_Sign.timeInfo. */
  signingTime: z.string().nullable(),
  timestampTime: z.string().nullable(),
  signer: SignerResult,
  seal: SealResult,
  registry: RegistryResult,
  stampAnnots: z.array(z.object({ pageRef: z.string(), boundary: Box, clip: Box.nullable() })),
  pages: z.array(z.number().int()),
  checks: z.array(VerificationCheck),
  verdict: Verdict,
});

export const SignatureResult = z.discriminatedUnion('format', [PdfSignatureResult, OfdSignatureResult]);

export const PdfVerificationReport = z.object({
  verdict: Verdict,
  checks: z.array(VerificationCheck),
  signatures: z.array(PdfSignatureResult),
});

const LicenseStatusValue = z.enum(LICENSE_STATUS_VALUES);

/** The licence a verified file states, with its registry status (null when not consulted). */
export const VerifiedLicense = z.object({
  identifier: z.string(),
  registered: z.boolean().nullable(),
  status: LicenseStatusValue.nullable(),
  statusName: z.string().nullable(),
  supersededBy: z.string().nullable(),
  typeName: z.string().nullable(),
  licenseNumber: z.string().nullable(),
  issuerName: z.string().nullable(),
  holderName: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

/** One 加注件 (annotated copy) layer and its checks. */
export const VerifiedAnnotation = z.object({
  signatureIndex: z.number().int(),
  fieldName: z.string(),
  creationTime: z.string(),
  creator: z.string(),
  cause: z.string(),
  expiringTime: z.string(),
  expiresAt: z.string().nullable(),
  licenseIdentifier: z.string(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  checks: z.array(VerificationCheck),
  verdict: Verdict,
});

/** File verification (POST /api/v1/verify): document, licence, signatures and 加注件 layers. */
export const LicenseFileVerificationReport = z.object({
  verdict: Verdict,
  format: z.enum(['pdf', 'ofd']),
  mode: z.enum(['online', 'offline']),
  firstFailure: z.string().nullable(),
  checks: z.array(VerificationCheck),
  signatures: z.array(SignatureResult),
  license: VerifiedLicense.nullable(),
  annotations: z.array(VerifiedAnnotation),
});

/** QR verification: what the licence QR shows plus the status checks and a verdict. */
export const LicenseQrVerificationReport = z.object({
  verdict: Verdict,
  firstFailure: z.string().nullable(),
  checks: z.array(VerificationCheck),
  underObjection: z.boolean(),
  identifier: z.string(),
  status: LicenseStatusValue,
  statusName: z.string(),
  supersededBy: z.string().nullable(),
  typeName: z.string(),
  typeCode: z.string(),
  licenseNumber: z.string(),
  issuerName: z.string(),
  issueDate: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  holderName: z.string(),
  holderCode: z.string(),
  data: z.record(z.string(), z.string()),
});

export const verifyEndpoints = {
  verifyFile: endpoint({
    id: 'verifyFile',
    method: 'POST',
    path: '/api/v1/verify',
    summary:
      'Verify a licence or sealed file (PDF or OFD): integrity, signatures, certificate chain at signing time, timestamp, seal status then and now, licence registry status, 加注件 layers. Body: the raw file (Content-Type: application/pdf, application/ofd, or application/octet-stream told apart by its first bytes) or JSON { fileBase64 }. Answers JSON, or a self-contained HTML report with Accept: text/html or ?format=html. A file that is not a readable OFD package is refused with its OFD_* code',
    tag: 'public',
    auth: 'public',
    upload: true,
    query: z.object({ format: z.enum(['json', 'html']).optional() }).strict(),
    body: z
      .object({
        fileBase64: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/)
          .min(1),
      })
      .strict(),
    response: LicenseFileVerificationReport,
  }),
  verifyLimits: endpoint({
    id: 'verifyLimits',
    method: 'GET',
    path: '/api/v1/verify/limits',
    summary:
      'What POST /api/v1/verify accepts: the largest raw upload (bytes), the largest file a JSON { fileBase64 } body carries (base64 grows it by 4/3), and the formats',
    tag: 'public',
    auth: 'public',
    response: z.object({
      maxFileBytes: z.number().int(),
      maxBase64FileBytes: z.number().int(),
      formats: z.array(z.enum(['pdf', 'ofd'])),
    }),
  }),
  verifyQr: endpoint({
    id: 'verifyQr',
    method: 'POST',
    path: '/api/v1/verify/qr',
    summary:
      'Verify a licence QR code: the QR URL (…/v/<identifier>?t=<token>) or identifier and token → status checks, verdict, type, issuer, validity and masked data',
    tag: 'public',
    auth: 'public',
    body: z.union([
      z.object({ url: z.string().min(1).max(2048) }).strict(),
      z.object({ identifier: z.string().min(20).max(128), token: z.string().min(1).max(64) }).strict(),
    ]),
    response: LicenseQrVerificationReport,
  }),
  verifyData: endpoint({
    id: 'verifyData',
    method: 'POST',
    path: '/api/v1/verify/data',
    summary:
      'Verify a signed JSON document: the SES_Signature and/or the detached CMS, the seal and its registry status',
    tag: 'public',
    auth: 'public',
    upload: true,
    body: z
      .object({
        data: z.unknown(),
        sesSignatureBase64: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/)
          .optional(),
        cmsBase64: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/)
          .optional(),
      })
      .strict(),
    response: z.object({
      verdict: Verdict,
      checks: z.array(VerificationCheck),
      sealCode: z.string().nullable(),
      signedAt: z.string().nullable(),
    }),
  }),
  verifyPdf: endpoint({
    id: 'verifyPdf',
    method: 'POST',
    path: '/api/v1/verify/pdf',
    summary:
      'Verify every signature of a PDF: byte ranges, integrity, signature, certificate chain at signing time, timestamp, modifications after signing, seal and its registry status then and now',
    tag: 'public',
    auth: 'public',
    upload: true,
    body: z
      .object({
        pdfBase64: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/)
          .min(8),
      })
      .strict(),
    response: PdfVerificationReport,
  }),
};
