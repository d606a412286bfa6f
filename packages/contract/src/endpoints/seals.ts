import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { AreaCode, IdParams, PageQuery, Uuid, pageOf } from '../common.js';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const Reason = z.string().trim().min(1).max(500);
const Pin = z.string().min(6).max(64);

export const SealType = z.enum(['official', 'internal', 'branch', 'business', 'position', 'personal']);
export const BusinessPurpose = z.enum(['contract', 'finance', 'invoice', 'inspection', 'customs', 'other']);
export const SealStatus = z.enum([
  'applied',
  'rejected',
  'withdrawn',
  'approved',
  'made',
  'active',
  'suspended',
  'lost',
  'expired',
  'revoked',
  'destroyed',
]);
const ApprovalStep = z.union([
  z.object({ scope: z.literal('department') }).strict(),
  z.object({ scope: z.literal('region'), regionCode: AreaCode }).strict(),
]);

export const Seal = z.object({
  id: z.string(),
  code: z.string(),
  type: SealType,
  purpose: BusinessPurpose.nullable(),
  name: z.string(),
  owner: z.object({
    kind: z.enum(['department', 'enterprise', 'person']),
    name: z.string(),
    code: z.string(),
  }),
  departmentId: z.string(),
  regionCode: z.string(),
  status: SealStatus,
  algorithm: z.enum(['sm2', 'ecdsa-p256', 'rsa2048']),
  keeperId: z.string(),
  applicantId: z.string(),
  reason: z.string(),
  approvalSteps: z.array(ApprovalStep),
  approvalsDone: z.number().int(),
  image: z
    .object({
      shape: z.string(),
      pngBase64: z.string(),
      svg: z.string().nullable(),
      widthMm: z.number(),
      heightMm: z.number(),
    })
    .nullable(),
  certificatePem: z.string().nullable(),
  sesSealBase64: z.string().nullable(),
  sealVersion: z.number().int(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  replacesSealId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export const SealDetail = z.object({
  seal: Seal,
  filing: z
    .object({
      madeAt: z.string(),
      filedAt: z.string().nullable(),
      filingNumber: z.string().nullable(),
      authority: z.string().nullable(),
      overdue: z.boolean(),
    })
    .nullable(),
  reviews: z.array(
    z.object({
      step: z.number().int(),
      reviewerId: z.string(),
      decision: z.string(),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
  history: z.array(
    z.object({
      status: SealStatus,
      action: z.string(),
      reason: z.string().nullable(),
      actorId: z.string().nullable(),
      at: z.string(),
    }),
  ),
  versions: z.array(
    z.object({
      version: z.number().int(),
      validFrom: z.string(),
      validTo: z.string(),
      createdAt: z.string(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      contentType: z.string(),
      sha256: z.string(),
      size: z.number(),
    }),
  ),
});

export const SealUseRequest = z.object({
  id: z.string(),
  sealId: z.string(),
  requesterId: z.string(),
  reason: z.string(),
  documentName: z.string(),
  documentSha256: z.string().nullable(),
  usesAllowed: z.number().int(),
  usesDone: z.number().int(),
  status: z.enum(['pending', 'approved', 'rejected', 'exhausted', 'cancelled']),
  approverId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const SealUsage = z.object({
  id: z.string(),
  useRequestId: z.string(),
  signerId: z.string(),
  approverId: z.string().nullable(),
  reason: z.string(),
  documentSha256: z.string(),
  sealedSha256: z.string(),
  at: z.string(),
});

export const SealPlacement = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('coordinates'), page: z.number().int().min(1), x: z.number(), y: z.number() })
    .strict(),
  z
    .object({
      kind: z.literal('keyword'),
      keyword: z.string().min(1).max(100),
      occurrence: z.number().int().min(1).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('last-page') }).strict(),
  z.object({ kind: z.literal('riding'), y: z.number().optional() }).strict(),
]);

export const PublicSealStatus = z.object({
  code: z.string(),
  name: z.string(),
  type: SealType,
  purpose: BusinessPurpose.nullable(),
  ownerName: z.string(),
  status: SealStatus,
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  filed: z.boolean(),
  sealVersion: z.number().int(),
});

const SealIdParams = IdParams;

export const sealEndpoints = {
  applySeal: endpoint({
    id: 'applySeal',
    method: 'POST',
    path: '/api/v1/seals',
    summary:
      'Apply for a seal (申请): type, owner, keeper, reason, generated or uploaded image, supporting files',
    tag: 'seals',
    auth: 'user',
    status: 201,
    upload: true,
    body: z
      .object({
        departmentId: Uuid,
        type: SealType,
        purpose: BusinessPurpose.nullable().optional(),
        name: z.string().trim().min(1).max(64),
        owner: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('department') }).strict(),
          z
            .object({
              kind: z.literal('enterprise'),
              name: z.string().trim().min(1).max(128),
              code: z.string().trim().toUpperCase(),
            })
            .strict(),
          z
            .object({
              kind: z.literal('person'),
              name: z.string().trim().min(1).max(32),
              code: z.string().trim().toUpperCase(),
            })
            .strict(),
        ]),
        keeperId: Uuid,
        reason: Reason,
        algorithm: z.enum(['sm2', 'ecdsa-p256', 'rsa2048']).optional(),
        image: z.discriminatedUnion('kind', [
          z
            .object({
              kind: z.literal('generate'),
              shape: z.enum(['round', 'oval', 'square']).optional(),
              bottomText: z.string().max(16).optional(),
            })
            .strict(),
          z
            .object({
              kind: z.literal('upload'),
              base64: Base64.max(3_000_000),
              widthMm: z.number().min(10).max(80),
              heightMm: z.number().min(10).max(80),
            })
            .strict(),
        ]),
        attachments: z
          .array(
            z
              .object({
                name: z.string().min(1).max(128),
                contentType: z.string().max(100),
                base64: Base64.max(3_000_000),
              })
              .strict(),
          )
          .max(5)
          .optional(),
      })
      .strict(),
    response: Seal,
  }),
  listSeals: endpoint({
    id: 'listSeals',
    method: 'GET',
    path: '/api/v1/seals',
    summary: 'Seal registry within the caller’s scope',
    tag: 'seals',
    auth: 'user',
    query: PageQuery.extend({
      q: z.string().max(64).optional(),
      status: SealStatus.optional(),
      type: SealType.optional(),
      departmentId: Uuid.optional(),
    }).strict(),
    response: pageOf(Seal),
  }),
  listSealKeepers: endpoint({
    id: 'listSealKeepers',
    method: 'GET',
    path: '/api/v1/seal-keepers',
    summary: 'Seal keepers of a department, for the seal application form',
    tag: 'seals',
    auth: 'user',
    query: z.object({ departmentId: Uuid }).strict(),
    response: z.object({
      items: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
    }),
  }),
  previewSealDocumentPage: endpoint({
    id: 'previewSealDocumentPage',
    method: 'POST',
    path: '/api/v1/seal-documents/preview',
    summary:
      'One page of a PDF about to be sealed, as PNG with its displayed size in points (to place the seal by clicking)',
    tag: 'seals',
    auth: 'user',
    upload: true,
    body: z.object({ pdfBase64: Base64.min(8), page: z.number().int().min(1).default(1) }).strict(),
    response: z.object({
      pngBase64: z.string(),
      page: z.number().int(),
      pageCount: z.number().int(),
      widthPt: z.number(),
      heightPt: z.number(),
    }),
  }),
  getSeal: endpoint({
    id: 'getSeal',
    method: 'GET',
    path: '/api/v1/seals/:id',
    summary: 'A seal with its filing, reviews, status history and versions',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    response: SealDetail,
  }),
  reviewSeal: endpoint({
    id: 'reviewSeal',
    method: 'POST',
    path: '/api/v1/seals/:id/review',
    summary: 'Approve or reject the current step of the application (审核)',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z
      .object({ decision: z.enum(['approve', 'reject']), comment: z.string().max(500).optional() })
      .strict(),
    response: Seal,
  }),
  makeSeal: endpoint({
    id: 'makeSeal',
    method: 'POST',
    path: '/api/v1/seals/:id/make',
    summary:
      'Keeper makes the seal (制作): key under the keeper’s PIN, certificate from the platform CA, SESeal',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z.object({ pin: Pin, validityDays: z.number().int().min(30).max(3650).optional() }).strict(),
    response: Seal,
  }),
  requestSealCsr: endpoint({
    id: 'requestSealCsr',
    method: 'POST',
    path: '/api/v1/seals/:id/csr',
    summary: 'For a real CA: generate the seal key under a PIN and export a CSR (PKCS#10 PEM)',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z.object({ pin: Pin }).strict(),
    response: z.object({ csrPem: z.string() }),
  }),
  importSealCertificate: endpoint({
    id: 'importSealCertificate',
    method: 'POST',
    path: '/api/v1/seals/:id/certificate',
    summary: 'Import the certificate a real CA issued for the seal key; completes making',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z.object({ certificatePem: z.string().min(100).max(20000) }).strict(),
    response: Seal,
  }),
  fileSeal: endpoint({
    id: 'fileSeal',
    method: 'POST',
    path: '/api/v1/seals/:id/file',
    summary: 'Record the public-security filing (备案); the seal becomes active',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z
      .object({
        filingNumber: z.string().trim().min(1).max(64),
        authority: z.string().trim().min(1).max(128),
      })
      .strict(),
    response: Seal,
  }),
  sealFilingPackage: endpoint({
    id: 'sealFilingPackage',
    method: 'GET',
    path: '/api/v1/seals/:id/filing-package',
    summary: 'Export package for the public-security filing: seal data, images, certificate, SESeal',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    response: z.object({
      seal: z.record(z.string(), z.unknown()),
      imagePngBase64: z.string(),
      imageSvg: z.string().nullable(),
      certificatePem: z.string(),
      sesSealBase64: z.string(),
      madeAt: z.string(),
      overdue: z.boolean(),
    }),
  }),
  changeSealStatus: endpoint({
    id: 'changeSealStatus',
    method: 'POST',
    path: '/api/v1/seals/:id/status',
    summary: 'Suspend (停用), resume (恢复), report lost (挂失) or revoke (注销) a seal, with a reason',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z
      .object({ action: z.enum(['suspend', 'resume', 'report_lost', 'revoke']), reason: Reason })
      .strict(),
    response: Seal,
  }),
  changeSeal: endpoint({
    id: 'changeSeal',
    method: 'POST',
    path: '/api/v1/seals/:id/change',
    summary:
      'Change (变更, e.g. unit renamed): apply for a new seal; the old one is revoked when the new one is filed',
    tag: 'seals',
    auth: 'user',
    status: 201,
    params: SealIdParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(64),
        ownerName: z.string().trim().min(1).max(128).optional(),
        reason: Reason,
      })
      .strict(),
    response: Seal,
  }),
  sealRevocationCertificate: endpoint({
    id: 'sealRevocationCertificate',
    method: 'GET',
    path: '/api/v1/seals/:id/revocation-certificate',
    summary: 'The signed revocation certificate (电子印章注销证书) of a revoked seal, as PDF',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    response: z.object({ pdfBase64: z.string() }),
  }),
  renewSeal: endpoint({
    id: 'renewSeal',
    method: 'POST',
    path: '/api/v1/seals/:id/renew',
    summary: 'Renew (续期): new certificate and SESeal version, same seal code; from 30 days before expiry',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z.object({ validityDays: z.number().int().min(30).max(3650).optional() }).strict(),
    response: Seal,
  }),
  destroySealKey: endpoint({
    id: 'destroySealKey',
    method: 'POST',
    path: '/api/v1/seals/:id/destroy-key',
    summary: 'Destroy the key of a revoked seal (销毁, irreversible)',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    body: z.object({ reason: Reason }).strict(),
    response: Seal,
  }),
  setSealApprovalChain: endpoint({
    id: 'setSealApprovalChain',
    method: 'PUT',
    path: '/api/v1/seal-approval-chains/:regionCode',
    summary: 'Configure the approval chain of seal applications in a region',
    tag: 'seals',
    auth: 'user',
    params: z.object({ regionCode: AreaCode }).strict(),
    body: z.object({ steps: z.array(ApprovalStep).min(1).max(5) }).strict(),
    response: z.object({ ok: z.literal(true) }),
  }),
  requestSealUse: endpoint({
    id: 'requestSealUse',
    method: 'POST',
    path: '/api/v1/seals/:id/use-requests',
    summary: 'Ask to use a seal (用印申请): reason, document, number of uses',
    tag: 'seals',
    auth: 'user',
    status: 201,
    params: SealIdParams,
    body: z
      .object({
        reason: Reason,
        documentName: z.string().trim().min(1).max(200),
        documentSha256: z
          .string()
          .regex(/^[0-9a-fA-F]{64}$/)
          .optional(),
        uses: z.number().int().min(1).max(1000).default(1),
      })
      .strict(),
    response: SealUseRequest,
  }),
  reviewSealUse: endpoint({
    id: 'reviewSealUse',
    method: 'POST',
    path: '/api/v1/seal-use-requests/:id/review',
    summary: 'Approve or reject a seal use request',
    tag: 'seals',
    auth: 'user',
    params: IdParams,
    body: z
      .object({ decision: z.enum(['approve', 'reject']), comment: z.string().max(500).optional() })
      .strict(),
    response: SealUseRequest,
  }),
  sealPdf: endpoint({
    id: 'sealPdf',
    method: 'POST',
    path: '/api/v1/seal-use-requests/:id/seal-pdf',
    summary: 'Keeper seals a PDF under an approved use request with the PIN (PAdES, incremental update)',
    tag: 'seals',
    auth: 'user',
    upload: true,
    params: IdParams,
    body: z
      .object({
        pin: Pin,
        pdfBase64: Base64.min(8),
        placement: SealPlacement,
        timestamp: z.boolean().default(false),
        location: z.string().max(100).optional(),
      })
      .strict(),
    response: z.object({ pdfBase64: z.string(), usage: SealUsage }),
  }),
  sealDocument: endpoint({
    id: 'sealDocument',
    method: 'POST',
    path: '/api/v1/seal-use-requests/:id/seal-document',
    summary:
      'Keeper seals a PDF (PAdES, incremental update) or an OFD document (GB/T 38540 SES signature; SM2 seals only) under an approved use request with the PIN',
    tag: 'seals',
    auth: 'user',
    upload: true,
    params: IdParams,
    body: z
      .object({
        pin: Pin,
        documentBase64: Base64.min(8),
        /** Default: what the bytes are ("%PDF-" or a zip package). */
        format: z.enum(['pdf', 'ofd']).optional(),
        placement: SealPlacement,
        timestamp: z.boolean().default(false),
        location: z.string().max(100).optional(),
      })
      .strict(),
    response: z.object({
      documentBase64: z.string(),
      format: z.enum(['pdf', 'ofd']),
      contentType: z.enum(['application/pdf', 'application/ofd']),
      pages: z.array(z.number().int()),
      usage: SealUsage,
    }),
  }),
  sealPdfBatch: endpoint({
    id: 'sealPdfBatch',
    method: 'POST',
    path: '/api/v1/seal-use-requests/:id/seal-pdf-batch',
    summary: 'Seal many PDFs under one approved use request (one use each); per-document results',
    tag: 'seals',
    auth: 'user',
    upload: true,
    params: IdParams,
    body: z
      .object({
        pin: Pin,
        documents: z
          .array(
            z
              .object({
                name: z.string().min(1).max(200),
                pdfBase64: Base64.min(8),
                placement: SealPlacement,
              })
              .strict(),
          )
          .min(1)
          .max(50),
      })
      .strict(),
    response: z.object({
      results: z.array(
        z.object({
          name: z.string(),
          pdfBase64: z.string().nullable(),
          usage: SealUsage.nullable(),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      ),
    }),
  }),
  signData: endpoint({
    id: 'signData',
    method: 'POST',
    path: '/api/v1/seal-use-requests/:id/sign-data',
    summary:
      'Sign a JSON document (web form, mobile client): SES_Signature over SM3 of its canonical bytes and a detached CMS',
    tag: 'seals',
    auth: 'user',
    upload: true,
    params: IdParams,
    body: z.object({ pin: Pin, data: z.unknown() }).strict(),
    response: z.object({
      canonical: z.string(),
      sesSignatureBase64: z.string().nullable(),
      cmsBase64: z.string(),
      sealCode: z.string(),
      signedAt: z.string(),
    }),
  }),
  listSealUse: endpoint({
    id: 'listSealUse',
    method: 'GET',
    path: '/api/v1/seals/:id/use',
    summary: 'Use requests and the usage register (用印登记) of a seal',
    tag: 'seals',
    auth: 'user',
    params: SealIdParams,
    query: PageQuery,
    response: z.object({ requests: z.array(SealUseRequest), usages: pageOf(SealUsage) }),
  }),
  publicSealStatus: endpoint({
    id: 'publicSealStatus',
    method: 'GET',
    path: '/api/v1/public/seals/:code',
    summary: 'Public status of a seal by its code (esID)',
    tag: 'public',
    auth: 'public',
    params: z.object({ code: z.string().regex(/^\d{14}$/) }).strict(),
    response: PublicSealStatus,
  }),
};
