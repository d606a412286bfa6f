import { z } from 'zod';
import { endpoint } from '../endpoint.js';

export const VerificationCheck = z.object({
  name: z.string(),
  status: z.enum(['VALID', 'INVALID', 'ERROR', 'SKIPPED']),
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const Verdict = z.enum(['VALID', 'INVALID', 'INDETERMINATE']);

export const PdfSignatureResult = z.object({
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

export const PdfVerificationReport = z.object({
  verdict: Verdict,
  checks: z.array(VerificationCheck),
  signatures: z.array(PdfSignatureResult),
});

export const verifyEndpoints = {
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
