import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { LicenseSummary } from './use.js';
import { LicenseFileVerificationReport } from './verify.js';

/**
 * The sharing API (共享服务接口): the operations of the national and provincial sharing hubs
 * (GB/T 36906 as implemented, STANDARDS.md §8) with their parameter names, for business-system apps.
 * Each call that hands licence content over needs `UseFor` and either a use-code (`UseCode`, used up
 * by the call) or a duty-based context of the calling department (`DutyContextId`).
 */
const SCOPE = 'licenses:use';
const TAG = 'sharing';
const Text = (max: number) => z.string().trim().min(1).max(max);

const UseFields = {
  UseFor: Text(200),
  UseCode: z.string().min(16).max(64).optional(),
  DutyContextId: z.uuid().optional(),
  /** For staff of several departments: which one acts. */
  DepartmentId: z.uuid().optional(),
};
const Identifier = z.string().min(20).max(128);
const HolderCode = z.string().trim().min(1).max(64);
const HolderCodeType = z.enum(['001', '111']);
const TypeCode = z.string().length(21);

const withUse = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...UseFields, ...shape })
    .strict()
    .refine(
      (b: { UseCode?: unknown; DutyContextId?: unknown }) =>
        (b.UseCode === undefined) !== (b.DutyContextId === undefined),
      {
        message: 'give UseCode or DutyContextId (one of them)',
        path: ['UseCode'],
      },
    );

const FileKind = z.enum(['pdf', 'ofd']);
/**
 * The file operations' `FileType` (also accepted as the hubs' `fileType`): pdf or ofd; default the
 * PDF when the licence has one, else its OFD.
 */
const FileTypeFields = { FileType: FileKind.optional(), fileType: FileKind.optional() };
const oneFileType = (b: { FileType?: string | undefined; fileType?: string | undefined }) =>
  b.FileType === undefined || b.fileType === undefined || b.FileType === b.fileType;
const fileTypeMessage = { message: 'FileType and fileType differ', path: ['FileType'] };

const ById = withUse({ CertificateID: Identifier });
const ByHolderShape = {
  CertificateHolderCode: HolderCode,
  CertificateHolderTypeCode: HolderCodeType.optional(),
  CertificateTypeCode: TypeCode,
  CertificateNumber: z.string().min(1).max(128).optional(),
};
const ByHolder = withUse(ByHolderShape);
const FileById = withUse({ CertificateID: Identifier, ...FileTypeFields }).refine(
  oneFileType,
  fileTypeMessage,
);
const FileByHolder = withUse({ ...ByHolderShape, ...FileTypeFields }).refine(oneFileType, fileTypeMessage);

const Data = z.object({
  licenses: z.array(LicenseSummary.extend({ data: z.record(z.string(), z.unknown()) })),
});
const File = z.object({
  license: LicenseSummary,
  fileName: z.string(),
  /** pdf or ofd (file operations), png (image) */
  fileType: z.enum(['pdf', 'ofd', 'png']),
  /** application/pdf, application/ofd or image/png */
  contentType: z.string(),
  fileBase64: z.string(),
});

const share = <B extends z.ZodType, R extends z.ZodType>(id: string, summary: string, body: B, response: R) =>
  endpoint({
    id: `share${id}`,
    method: 'POST',
    path: `/api/share/v1/${id}`,
    summary,
    tag: TAG,
    auth: 'app',
    scope: SCOPE,
    body,
    response,
  });

export const sharingEndpoints = {
  shareRetrieval: share(
    'Retrieval',
    'Retrieval: the holder’s licences in force within the usage context (summaries, no data items)',
    withUse({
      CertificateHolderCode: HolderCode,
      CertificateHolderTypeCode: HolderCodeType.optional(),
      CertificateTypeCode: TypeCode.optional(),
      CertificateNumber: z.string().min(1).max(128).optional(),
    }),
    z.object({ licenses: z.array(LicenseSummary) }),
  ),
  shareGetCertificateDataByCertificateID: share(
    'GetCertificateDataByCertificateID',
    'Data items of a licence by identifier: only those the usage context and use list allow',
    ById,
    Data,
  ),
  shareGetCertificateDataByHolder: share(
    'GetCertificateDataByHolder',
    'Data items of the holder’s licences of a type (optionally one number)',
    ByHolder,
    Data,
  ),
  shareGetCertificateFileByCertificateID: share(
    'GetCertificateFileByCertificateID',
    'The signed licence file by identifier, PDF or OFD (FileType)',
    FileById,
    File,
  ),
  shareGetCertificateFileByHolder: share(
    'GetCertificateFileByHolder',
    'The signed licence file of the holder’s licence of a type, PDF or OFD (FileType)',
    FileByHolder,
    File,
  ),
  shareGetCertificateImageByCertificateID: share(
    'GetCertificateImageByCertificateID',
    'The licence face as a PNG image (page 1, 96 dpi) by identifier, rendered from the PDF, or the OFD of a licence issued as OFD only',
    ById,
    File,
  ),
  shareVerifyCertificateFile: share(
    'VerifyCertificateFile',
    'Verify a licence file (same report as POST /api/v1/verify); no use-code needed',
    z
      .object({
        FileBase64: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/)
          .min(8),
      })
      .strict(),
    LicenseFileVerificationReport,
  ),
  shareGetCertificateType: share(
    'GetCertificateType',
    'The published licence types (code, name, holder category, data items); no use-code needed',
    z.object({}).strict(),
    z.object({
      types: z.array(
        z.object({
          typeCode: z.string(),
          name: z.string(),
          version: z.number().int(),
          holderCategory: z.string(),
          dataItems: z.array(z.object({ code: z.string(), labelZh: z.string(), type: z.string() })),
        }),
      ),
    }),
  ),
};
