import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { IdParams, PageQuery, Uuid, pageOf } from '../common.js';

const USE_SCOPE = 'licenses:use';
const Text = (max: number) => z.string().trim().min(1).max(max);
/** Format and check digits are checked by the domain, which names every problem. */
const TypeCode = z.string().length(21);
const DataItemCode = z.string().min(1).max(64);
const DataItems = z.array(DataItemCode).min(1).max(200);
const HolderCodeType = z.enum(['001', '111']);
/** A data item as a holder reads it. */
export const DataItemLabel = z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() });

export const UseListEntry = z.object({
  id: z.string(),
  departmentId: z.string(),
  regionCode: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  licenseTypeCode: z.string(),
  dataItems: z.array(z.string()),
  purpose: z.string(),
  dutyBased: z.boolean(),
  status: z.enum(['draft', 'submitted', 'approved', 'rejected']),
  reviewComment: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  rowVersion: z.number().int(),
});

const UseListFields = {
  itemCode: Text(64),
  itemName: Text(256),
  licenseTypeCode: TypeCode,
  dataItems: DataItems,
  purpose: Text(1000),
  dutyBased: z.boolean(),
};

const ContextStatus = z.enum(['pending_consent', 'approved', 'declined', 'expired']);

export const UsageContext = z.object({
  id: z.string(),
  departmentId: z.string(),
  regionCode: z.string(),
  cause: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  businessNumber: z.string(),
  holderCode: z.string(),
  holderCodeType: z.string(),
  licenseTypeCodes: z.array(z.string()),
  dataItems: z.array(z.string()),
  stage: z.string().nullable(),
  place: z.string().nullable(),
  operator: z.string(),
  mode: z.enum(['consent', 'duty', 'show-code']),
  status: ContextStatus,
  shownLicenseId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
  createdByKind: z.string(),
  createdBy: z.string(),
  expiresAt: z.string(),
});

export const IssuedUseCode = z.object({ code: z.string(), contextId: z.string(), expiresAt: z.string() });

export const LicenseSummary = z.object({
  licenseId: z.string(),
  identifier: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  licenseNumber: z.string(),
  issuerName: z.string(),
  issuerCode: z.string(),
  issueDate: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  holderName: z.string(),
  holderCode: z.string(),
  holderCodeType: z.string(),
});

const FileKind = z.enum(['pdf', 'ofd']);

/** A file handed over by a redemption: the original or a 加注件, PDF or OFD. */
const RedeemedFile = {
  fileName: z.string(),
  format: FileKind,
  /** application/pdf or application/ofd */
  contentType: z.string(),
  sha256: z.string(),
  /** format pdf */
  pdfBase64: z.string().optional(),
  /** format ofd */
  ofdBase64: z.string().optional(),
};

export const RedeemResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('data'),
    contextId: z.string(),
    licenses: z.array(LicenseSummary.extend({ data: z.record(z.string(), z.unknown()) })),
  }),
  z.object({
    kind: z.literal('file'),
    contextId: z.string(),
    license: LicenseSummary,
    ...RedeemedFile,
  }),
  z.object({
    kind: z.literal('annotated'),
    contextId: z.string(),
    license: LicenseSummary,
    copyId: z.string(),
    expiresAt: z.string(),
    ...RedeemedFile,
  }),
]);

export const ShownLicense = z.object({
  licenseId: z.string(),
  identifier: z.string(),
  status: z.string(),
  statusName: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  licenseNumber: z.string(),
  issuerName: z.string(),
  issueDate: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  holderName: z.string(),
  holderCode: z.string(),
  holderCodeType: z.string(),
  data: z.record(z.string(), z.string()),
  tokenExpiresAt: z.string(),
});

export const ConsentRequest = z.object({
  contextId: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  cause: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  businessNumber: z.string(),
  licenseTypeCodes: z.array(z.string()),
  /** Names of the licence types (order of licenseTypeCodes). */
  licenseTypeNames: z.array(z.string()),
  dataItems: z.array(z.string()),
  /** The data items in words (order of dataItems). */
  dataItemLabels: z.array(DataItemLabel),
  stage: z.string().nullable(),
  place: z.string().nullable(),
  operator: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export const UseRecord = z.object({
  id: z.string(),
  contextId: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  operator: z.string(),
  cause: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  businessNumber: z.string(),
  licenseIdentifier: z.string(),
  licenseTypeCode: z.string(),
  licenseTypeName: z.string(),
  fields: z.array(z.string()),
  kind: z.string(),
  at: z.string(),
});

/** 用证: use lists, usage contexts, use-codes, redemption, 亮证 scans. */
export const useEndpoints = {
  createUseListEntry: endpoint({
    id: 'createUseListEntry',
    method: 'POST',
    path: '/api/v1/use/lists',
    summary: 'Add a 用证清单 line (service item → licence type, data items, purpose, 依职能) as a draft',
    tag: 'use',
    auth: 'user',
    status: 201,
    body: z.object({ departmentId: Uuid, ...UseListFields }).strict(),
    response: UseListEntry,
  }),
  listUseListEntries: endpoint({
    id: 'listUseListEntries',
    method: 'GET',
    path: '/api/v1/use/lists',
    summary: 'Use-list entries within the caller’s scope',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    query: PageQuery.extend({
      departmentId: Uuid.optional(),
      status: z.enum(['draft', 'submitted', 'approved', 'rejected']).optional(),
      itemCode: z.string().min(1).max(64).optional(),
      licenseTypeCode: TypeCode.optional(),
    }).strict(),
    response: pageOf(UseListEntry),
  }),
  getUseListEntry: endpoint({
    id: 'getUseListEntry',
    method: 'GET',
    path: '/api/v1/use/lists/:id',
    summary: 'One use-list entry',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    params: IdParams,
    response: UseListEntry,
  }),
  updateUseListEntry: endpoint({
    id: 'updateUseListEntry',
    method: 'PATCH',
    path: '/api/v1/use/lists/:id',
    summary: 'Edit a use-list entry; it goes back to draft and must be approved again',
    tag: 'use',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        rowVersion: z.number().int().min(1).optional(),
        itemCode: UseListFields.itemCode.optional(),
        itemName: UseListFields.itemName.optional(),
        licenseTypeCode: TypeCode.optional(),
        dataItems: DataItems.optional(),
        purpose: UseListFields.purpose.optional(),
        dutyBased: z.boolean().optional(),
      })
      .strict(),
    response: UseListEntry,
  }),
  advanceUseListEntry: endpoint({
    id: 'advanceUseListEntry',
    method: 'POST',
    path: '/api/v1/use/lists/:id/actions',
    summary: 'submit (department 用证人员); approve / reject with a comment (region administrator)',
    tag: 'use',
    auth: 'user',
    params: IdParams,
    body: z
      .object({ action: z.enum(['submit', 'approve', 'reject']), comment: z.string().max(1000).optional() })
      .strict(),
    response: UseListEntry,
  }),
  createUsageContext: endpoint({
    id: 'createUsageContext',
    method: 'POST',
    path: '/api/v1/use/contexts',
    summary:
      'Create a usage context (用证上下文): consent → waits for the holder; duty (依职能) and show-code (亮证) → approved with a use-code',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    status: 201,
    body: z
      .object({
        departmentId: Uuid.optional(),
        cause: Text(500),
        itemCode: Text(64),
        itemName: Text(256).optional(),
        businessNumber: Text(128),
        holderCode: z.string().trim().min(1).max(64),
        holderCodeType: HolderCodeType,
        licenseTypeCodes: z.array(TypeCode).min(1).max(20),
        dataItems: DataItems,
        stage: z.string().max(128).nullable().optional(),
        place: z.string().max(256).nullable().optional(),
        operator: z.string().trim().min(1).max(128).optional(),
        mode: z.enum(['consent', 'duty', 'show-code']),
        showToken: z.string().min(1).max(200).optional(),
      })
      .strict(),
    response: z.object({ context: UsageContext, code: IssuedUseCode.nullable() }),
  }),
  listUsageContexts: endpoint({
    id: 'listUsageContexts',
    method: 'GET',
    path: '/api/v1/use/contexts',
    summary: 'Usage contexts within the caller’s scope, newest first',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    query: PageQuery.extend({ departmentId: Uuid.optional(), status: ContextStatus.optional() }).strict(),
    response: pageOf(UsageContext),
  }),
  getUsageContext: endpoint({
    id: 'getUsageContext',
    method: 'GET',
    path: '/api/v1/use/contexts/:id',
    summary: 'One usage context (status expired once past its end)',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    params: IdParams,
    response: UsageContext,
  }),
  issueUseCode: endpoint({
    id: 'issueUseCode',
    method: 'POST',
    path: '/api/v1/use/contexts/:id/codes',
    summary: 'Obtain a single-use 用证码 for an approved context (shown once; 10 minutes by default)',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    status: 201,
    params: IdParams,
    response: IssuedUseCode,
  }),
  redeemUseCode: endpoint({
    id: 'redeemUseCode',
    method: 'POST',
    path: '/api/v1/use/redeem',
    summary:
      'Redeem a 用证码 once: the allowed data items (data), the signed original (file) or a 加注件 (annotated); ' +
      'files as PDF or OFD (format; default the PDF when the licence has one, else its OFD)',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    body: z
      .object({
        code: z.string().min(1).max(128),
        kind: z.enum(['data', 'file', 'annotated']),
        licenseIdentifier: z.string().min(1).max(128).optional(),
        dataItems: DataItems.optional(),
        departmentId: Uuid.optional(),
        /** file and annotated: pdf or ofd. */
        format: FileKind.optional(),
      })
      .strict(),
    response: RedeemResult,
  }),
  scanShowToken: endpoint({
    id: 'scanShowToken',
    method: 'POST',
    path: '/api/v1/use/show-tokens/scan',
    summary: '视读: scan a holder’s 亮证 code once (status, type, issuer, validity, masked data)',
    tag: 'use',
    auth: 'staff-or-app',
    scope: USE_SCOPE,
    body: z.object({ token: z.string().min(1).max(200), departmentId: Uuid.optional() }).strict(),
    response: ShownLicense,
  }),
  listPendingConsents: endpoint({
    id: 'listPendingConsents',
    method: 'GET',
    path: '/api/v1/holder/consents',
    summary: 'The holder’s consent requests still waiting',
    tag: 'holder',
    auth: 'holder',
    response: z.object({ items: z.array(ConsentRequest) }),
  }),
  decideConsent: endpoint({
    id: 'decideConsent',
    method: 'POST',
    path: '/api/v1/holder/consents/:id/decision',
    summary: 'Approve or decline a consent request',
    tag: 'holder',
    auth: 'holder',
    params: IdParams,
    body: z.object({ approve: z.boolean(), reason: z.string().max(500).optional() }).strict(),
    response: ConsentRequest.extend({ status: z.string() }),
  }),
  listHolderUsage: endpoint({
    id: 'listHolderUsage',
    method: 'GET',
    path: '/api/v1/holder/usage',
    summary: 'Every use of the holder’s licences: who, when, why, which fields',
    tag: 'holder',
    auth: 'holder',
    query: PageQuery,
    response: pageOf(UseRecord),
  }),
  createShowToken: endpoint({
    id: 'createShowToken',
    method: 'POST',
    path: '/api/v1/holder/licenses/:id/show-token',
    summary: '亮证: a new signed 60-second QR token for one of the holder’s licences',
    tag: 'holder',
    auth: 'holder',
    status: 201,
    params: IdParams,
    response: z.object({
      token: z.string(),
      /** The platform's time of issue: count down from it, whatever the device's own clock says. */
      issuedAt: z.string(),
      expiresAt: z.string(),
    }),
  }),
};
