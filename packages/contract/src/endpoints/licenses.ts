import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { IdParams, PageQuery, Uuid, pageOf } from '../common.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const TypeCode = z.string().length(21);
/** Which signed files to issue: PDF, OFD (GB/T 33190, SES-signed) or both. */
export const LicenseFileFormat = z.enum(['pdf', 'ofd', 'both']);
/** One signed file of a licence. */
const LicenseFileKind = z.enum(['pdf', 'ofd']);
/** A licence id (UUID) or its GB/T 36904 identifier. */
const LicenseRef = z.object({ id: z.string().min(1).max(128) }).strict();

export const LICENSE_STATUS_VALUES = [
  'made',
  'valid',
  'suspended',
  'lost',
  'pledged',
  'expired',
  'cancelled',
  'revoked',
  'superseded',
] as const;

export const IssueItem = z
  .object({
    holder: z
      .object({
        name: z.string().min(1).max(200),
        code: z.string().min(1).max(64),
        codeType: z
          .string()
          .regex(/^\d{3}$/)
          .optional(),
      })
      .strict(),
    licenseNumber: z.string().min(1).max(128).optional(),
    issueDate: IsoDate.optional(),
    validFrom: IsoDate.optional(),
    validTo: z.union([IsoDate, z.literal('长期')]).optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .strict();

const IssueCommon = {
  typeCode: TypeCode,
  departmentId: Uuid,
  sealId: Uuid.optional(),
  sealPin: z.string().min(1).max(64).optional(),
  timestamp: z.boolean().optional(),
  /** Overrides the licence type's file format for this request. */
  fileFormat: LicenseFileFormat.optional(),
};

export const License = z.object({
  id: Uuid,
  seriesId: Uuid,
  identifier: z.string(),
  version: z.number().int(),
  serial: z.string(),
  typeCode: z.string(),
  typeVersionId: Uuid,
  typeName: z.string(),
  departmentId: Uuid,
  issuerName: z.string(),
  issuerCode: z.string(),
  regionCode: z.string(),
  licenseNumber: z.string(),
  holder: z.object({ name: z.string(), code: z.string(), codeType: z.string() }),
  issueDate: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  longTerm: z.boolean(),
  status: z.enum(LICENSE_STATUS_VALUES),
  data: z.record(z.string(), z.unknown()),
  /** The files this version was issued as. */
  fileFormat: LicenseFileFormat,
  /** SHA-256 and size of the signed PDF; null when issued as OFD only. */
  fileSha256: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  /** SHA-256 of the signed OFD and of its SES signature value (SignedValue.dat); null without OFD. */
  ofdSha256: z.string().nullable(),
  ofdSignedValueSha256: z.string().nullable(),
  sealId: Uuid,
  algorithm: z.string(),
  issueRef: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rowVersion: z.number().int(),
});

const ItemError = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export const IssueResult = z.union([
  z.object({ index: z.number().int(), ok: z.literal(true), license: License, replayed: z.boolean() }),
  z.object({ index: z.number().int(), ok: z.literal(false), error: ItemError }),
]);

const LicenseEvent = z.object({
  id: Uuid,
  licenseId: Uuid,
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  actorId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const licenseEndpoints = {
  issueLicenses: endpoint({
    id: 'issueLicenses',
    method: 'POST',
    path: '/api/v1/licenses/batches',
    summary:
      '制证签发 in batches of up to 1,000: per-item results; with an idempotency key a retry never issues twice',
    tag: 'licenses',
    auth: 'staff-or-app',
    scope: 'licenses:issue',
    upload: true,
    body: z
      .object({
        ...IssueCommon,
        idempotencyKey: z
          .string()
          .min(8)
          .max(128)
          .regex(/^[\w.:-]+$/)
          .optional(),
        items: z.array(IssueItem).min(1).max(1000),
      })
      .strict(),
    response: z.object({ results: z.array(IssueResult), issued: z.number().int(), failed: z.number().int() }),
  }),
  issueLicense: endpoint({
    id: 'issueLicense',
    method: 'POST',
    path: '/api/v1/licenses',
    summary: '制证签发 of one licence (fails with the item’s error)',
    tag: 'licenses',
    auth: 'staff-or-app',
    scope: 'licenses:issue',
    status: 201,
    body: z
      .object({
        ...IssueCommon,
        idempotencyKey: z
          .string()
          .min(8)
          .max(128)
          .regex(/^[\w.:-]+$/)
          .optional(),
        item: IssueItem,
      })
      .strict(),
    response: License,
  }),
  searchLicenses: endpoint({
    id: 'searchLicenses',
    method: 'GET',
    path: '/api/v1/licenses',
    summary:
      'Search by identifier, number, holder code (+ type), holder name (prefix), type, issuer, status and issue dates',
    tag: 'licenses',
    auth: 'user',
    query: PageQuery.extend({
      identifier: z.string().max(128).optional(),
      licenseNumber: z.string().max(128).optional(),
      holderCode: z.string().max(64).optional(),
      /** The holder's name or its beginning. */
      holderName: z.string().trim().min(1).max(200).optional(),
      typeCode: TypeCode.optional(),
      departmentId: Uuid.optional(),
      status: z.enum(LICENSE_STATUS_VALUES).optional(),
      issuedFrom: IsoDate.optional(),
      issuedTo: IsoDate.optional(),
      includeSuperseded: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
    }).strict(),
    response: pageOf(License),
  }),
  getLicense: endpoint({
    id: 'getLicense',
    method: 'GET',
    path: '/api/v1/licenses/:id',
    summary: 'One licence version, by id or by GB/T 36904 identifier',
    tag: 'licenses',
    auth: 'user',
    params: LicenseRef,
    response: License,
  }),
  licenseHistory: endpoint({
    id: 'licenseHistory',
    method: 'GET',
    path: '/api/v1/licenses/:id/history',
    summary: 'Every version and lifecycle event of the licence',
    tag: 'licenses',
    auth: 'user',
    params: IdParams,
    response: z.object({ versions: z.array(License), events: z.array(LicenseEvent) }),
  }),
  licenseFile: endpoint({
    id: 'licenseFile',
    method: 'GET',
    path: '/api/v1/licenses/:id/file',
    summary:
      'The signed licence file of a version (superseded versions too), PDF (default) or OFD; ' +
      'LICENSE_FORMAT_UNAVAILABLE when the version was not issued in that format',
    tag: 'licenses',
    auth: 'user',
    params: IdParams,
    query: z.object({ format: LicenseFileKind.default('pdf') }).strict(),
    response: z.object({
      fileName: z.string(),
      /** application/pdf or application/ofd */
      contentType: z.string(),
      sha256: z.string(),
      /** The PDF (format=pdf). */
      pdfBase64: z.string().optional(),
      /** The OFD (format=ofd). */
      ofdBase64: z.string().optional(),
    }),
  }),
  licenseArchiveCopy: endpoint({
    id: 'licenseArchiveCopy',
    method: 'GET',
    path: '/api/v1/licenses/:id/archive',
    summary:
      '归档件: the signed file of a version for archiving, with its name, type and digest ' +
      '(the national interface’s license/archive)',
    tag: 'licenses',
    auth: 'user',
    params: IdParams,
    query: z.object({ format: LicenseFileKind.default('pdf') }).strict(),
    response: z.object({
      identifier: z.string(),
      fileName: z.string(),
      fileType: LicenseFileKind,
      contentType: z.string(),
      sha256: z.string(),
      /** Base64 of the file. */
      fileData: z.string(),
    }),
  }),
  previewLicenseFile: endpoint({
    id: 'previewLicenseFile',
    method: 'GET',
    path: '/api/v1/licenses/:id/preview',
    summary:
      'Page 1 of the signed licence file (PDF by default, or OFD) as a PNG for previews; ' +
      'LICENSE_FORMAT_UNAVAILABLE when the version was not issued in that format',
    tag: 'licenses',
    auth: 'user',
    params: IdParams,
    query: z
      .object({
        format: LicenseFileKind.default('pdf'),
        dpi: z.coerce.number().int().min(36).max(300).default(96),
      })
      .strict(),
    response: z.object({
      contentType: z.literal('image/png'),
      /** The file the image shows. */
      format: LicenseFileKind,
      sha256: z.string(),
      base64: z.string(),
    }),
  }),
  changeLicense: endpoint({
    id: 'changeLicense',
    method: 'POST',
    path: '/api/v1/licenses/:id/actions',
    summary: '注销 / 吊销 / 暂扣 / 恢复 / 挂失 / 找回 / 质押 / 解押 / 年检 / 延期, with a reason',
    tag: 'licenses',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        action: z.enum([
          'cancel',
          'revoke',
          'suspend',
          'resume',
          'report_lost',
          'recover',
          'pledge',
          'release',
          'inspect',
          'extend',
        ]),
        reason: z.string().min(1).max(500),
        reasonCode: z.enum(['normal', 'issued_in_error', 'other']).optional(),
        validTo: IsoDate.optional(),
        inspection: z
          .object({ result: z.string().min(1).max(200), date: IsoDate })
          .strict()
          .optional(),
        pledgee: z.string().min(1).max(200).optional(),
        rowVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    response: License,
  }),
  updateLicense: endpoint({
    id: 'updateLicense',
    method: 'POST',
    path: '/api/v1/licenses/:id/versions',
    summary: '变更: issue a new version (identifier version + 1); the old one is superseded',
    tag: 'licenses',
    auth: 'user',
    status: 201,
    params: IdParams,
    body: z
      .object({
        reason: z.string().min(1).max(500),
        changes: z
          .object({
            holderName: z.string().min(1).max(200).optional(),
            validTo: z.union([IsoDate, z.literal('长期')]).optional(),
            data: z.record(z.string(), z.unknown()).optional(),
          })
          .strict(),
        sealId: Uuid.optional(),
        sealPin: z.string().min(1).max(64).optional(),
        timestamp: z.boolean().optional(),
        /** Default: the files of the current version. */
        fileFormat: LicenseFileFormat.optional(),
        rowVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    response: z.object({ license: License, superseded: License }),
  }),
  previewLicenseType: endpoint({
    id: 'previewLicenseType',
    method: 'GET',
    path: '/api/v1/license-types/:id/preview',
    summary: 'The face filled with the sample data, unsigned (template designer), as PNG or PDF',
    tag: 'catalog',
    auth: 'user',
    params: IdParams,
    query: z
      .object({
        format: z.enum(['png', 'pdf']).default('png'),
        dpi: z.coerce.number().int().min(36).max(300).optional(),
      })
      .strict(),
    response: z.object({ contentType: z.string(), base64: z.string() }),
  }),
};

const ImportJob = z.object({
  id: Uuid,
  departmentId: Uuid,
  typeCode: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  status: z.enum(['validated', 'running', 'finished']),
  total: z.number().int(),
  valid: z.number().int(),
  rejectedCount: z.number().int(),
  /** The first rejected rows with their reasons (the full list is in the report). */
  rejected: z.array(z.object({ line: z.number().int(), reasons: z.array(z.string()) })),
  issued: z.number().int(),
  failed: z.number().int(),
  done: z.number().int(),
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  interrupted: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Fixed by the first run; null: the licence type's. */
  fileFormat: LicenseFileFormat.nullable(),
});

export const licenseImportEndpoints = {
  createLicenseImport: endpoint({
    id: 'createLicenseImport',
    method: 'POST',
    path: '/api/v1/license-imports',
    summary:
      '存量证照导入: upload CSV / XLSX + field mapping → row-by-row validation report (nothing issued yet)',
    tag: 'licenses',
    auth: 'user',
    status: 201,
    upload: true,
    body: z
      .object({
        departmentId: Uuid,
        typeCode: TypeCode,
        fileName: z.string().min(1).max(200),
        fileBase64: z.string().min(4),
        mapping: z.record(z.string().max(64), z.string().min(1).max(200)),
      })
      .strict(),
    response: ImportJob,
  }),
  licenseImportColumns: endpoint({
    id: 'licenseImportColumns',
    method: 'POST',
    path: '/api/v1/license-imports/columns',
    summary:
      '存量证照导入, before the mapping: the column headers and first rows of a CSV / XLSX, read as the import ' +
      'reads it (nothing stored; issuers of the department)',
    tag: 'licenses',
    auth: 'user',
    upload: true,
    body: z
      .object({
        departmentId: Uuid,
        fileBase64: z.string().min(4),
      })
      .strict(),
    response: z.object({
      headers: z.array(z.string()),
      rowCount: z.number().int(),
      sample: z.array(z.array(z.string())),
    }),
  }),
  getLicenseImport: endpoint({
    id: 'getLicenseImport',
    method: 'GET',
    path: '/api/v1/license-imports/:id',
    summary: 'Progress of an import: counts, rate, ETA, whether it was interrupted',
    tag: 'licenses',
    auth: 'user',
    params: IdParams,
    response: ImportJob,
  }),
  runLicenseImport: endpoint({
    id: 'runLicenseImport',
    method: 'POST',
    path: '/api/v1/license-imports/:id/run',
    summary: 'Confirm (or resume after an interruption): issue the valid rows in the background',
    tag: 'licenses',
    auth: 'user',
    status: 202,
    params: IdParams,
    body: z
      .object({
        sealPin: z.string().min(1).max(64).optional(),
        sealId: Uuid.optional(),
        /** Overrides the licence type's file format for the rows issued by this run. */
        fileFormat: LicenseFileFormat.optional(),
      })
      .strict(),
    response: ImportJob,
  }),
  licenseImportReport: endpoint({
    id: 'licenseImportReport',
    method: 'GET',
    path: '/api/v1/license-imports/:id/report',
    summary: 'The rejection report (rows dropped with their reasons), CSV or XLSX, formula-safe',
    tag: 'licenses',
    auth: 'user',
    params: IdParams,
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }).strict(),
    response: z.object({ fileName: z.string(), contentType: z.string(), base64: z.string() }),
  }),
};

export const publicLicenseEndpoints = {
  publicLicenseStatus: endpoint({
    id: 'publicLicenseStatus',
    method: 'GET',
    path: '/api/v1/public/licenses/:identifier',
    summary: 'What the licence QR code shows: status, type, issuer, validity, masked data (token required)',
    tag: 'public',
    auth: 'public',
    params: z.object({ identifier: z.string().min(20).max(128) }).strict(),
    query: z.object({ t: z.string().min(1).max(64) }).strict(),
    response: z.object({
      identifier: z.string(),
      status: z.enum(LICENSE_STATUS_VALUES),
      statusName: z.string(),
      supersededBy: z.string().nullable(),
      /** An objection (异议) to this version is open: its data are being checked. */
      underObjection: z.boolean(),
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
    }),
  }),
};
