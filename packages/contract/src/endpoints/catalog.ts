import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { IdParams, PageQuery, Uuid, pageOf } from '../common.js';

const Code = z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'upper-case code');
const Masking = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('hidden') }).strict(),
  z
    .object({
      kind: z.literal('partial'),
      keepStart: z.number().int().min(0).max(20),
      keepEnd: z.number().int().min(0).max(20),
    })
    .strict(),
]);

export const DataItem = z
  .object({
    code: Code,
    labelZh: z.string().min(1).max(64),
    labelEn: z.string().min(1).max(128),
    type: z.enum(['text', 'number', 'date', 'enum', 'boolean', 'image', 'table']),
    required: z.boolean(),
    maxLength: z.number().int().min(1).max(10000).optional(),
    pattern: z
      .string()
      .max(200)
      .refine((p) => {
        try {
          new RegExp(p, 'u');
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .optional(),
    enumValues: z.array(z.string().min(1).max(100)).max(200).optional(),
    columns: z.array(Code).max(50).optional(),
    masking: Masking,
  })
  .strict();

export const LicenseTypeContent = z
  .object({
    name: z.string().trim().min(1).max(256),
    definer: z
      .object({
        name: z.string().trim().min(1).max(128),
        code: z.string().length(18),
        level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
      })
      .strict(),
    holderCategory: z.enum(['natural_person', 'legal_entity', 'both']),
    holderCodeTypes: z
      .array(z.enum(['001', '002', '003', '099', '111', '414', '511', '516', '553', '999']))
      .max(10),
    validity: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('fixed'),
          years: z.number().int().min(0).max(100),
          months: z.number().int().min(0).max(11),
          days: z.number().int().min(0).max(366),
        })
        .strict(),
      z.object({ kind: z.literal('long_term') }).strict(),
      z.object({ kind: z.literal('none') }).strict(),
    ]),
    dataItems: z.array(DataItem).min(1).max(200),
    faceTemplate: z.record(z.string(), z.unknown()).nullable(),
    sampleData: z.record(z.string(), z.unknown()),
    sealId: Uuid.nullable(),
    /** The files licences are issued as (default pdf; kept on edits that leave it out). */
    fileFormat: z.enum(['pdf', 'ofd', 'both']).optional(),
    serviceItems: z
      .array(z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(256) }).strict())
      .max(100),
    sharing: z.enum(['unconditional', 'conditional', 'none']),
    issuerDepartmentIds: z.array(Uuid).max(1000),
  })
  .strict();

export const LicenseType = LicenseTypeContent.extend({
  fileFormat: z.enum(['pdf', 'ofd', 'both']),
  id: z.string(),
  typeCode: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'submitted', 'approved', 'published', 'superseded']),
  departmentId: z.string(),
  regionCode: z.string(),
  reviewComment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  rowVersion: z.number().int(),
});

export const catalogEndpoints = {
  createLicenseType: endpoint({
    id: 'createLicenseType',
    method: 'POST',
    path: '/api/v1/license-types',
    summary:
      'Register a licence type (目录注册) as a draft: type code = definer’s 统一社会信用代码 + 3 digits',
    tag: 'catalog',
    auth: 'user',
    status: 201,
    body: z
      .object({ departmentId: Uuid, typeCode: z.string().length(21), content: LicenseTypeContent })
      .strict(),
    response: LicenseType,
  }),
  updateLicenseType: endpoint({
    id: 'updateLicenseType',
    method: 'PUT',
    path: '/api/v1/license-types/:id',
    summary: 'Edit a draft version (published versions never change)',
    tag: 'catalog',
    auth: 'user',
    params: IdParams,
    body: z.object({ rowVersion: z.number().int().min(1), content: LicenseTypeContent }).strict(),
    response: LicenseType,
  }),
  advanceLicenseType: endpoint({
    id: 'advanceLicenseType',
    method: 'POST',
    path: '/api/v1/license-types/:id/workflow',
    summary: 'submit (department) → approve / reject (region catalogue administrator) → publish',
    tag: 'catalog',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        action: z.enum(['submit', 'approve', 'reject', 'publish']),
        comment: z.string().max(1000).optional(),
      })
      .strict(),
    response: LicenseType,
  }),
  newLicenseTypeVersion: endpoint({
    id: 'newLicenseTypeVersion',
    method: 'POST',
    path: '/api/v1/license-types/:id/versions',
    summary: 'Start a new draft version from the published one',
    tag: 'catalog',
    auth: 'user',
    status: 201,
    params: IdParams,
    response: LicenseType,
  }),
  getLicenseType: endpoint({
    id: 'getLicenseType',
    method: 'GET',
    path: '/api/v1/license-types/:id',
    summary: 'One licence type version',
    tag: 'catalog',
    auth: 'user',
    params: IdParams,
    response: LicenseType,
  }),
  previewLicenseTypeDraft: endpoint({
    id: 'previewLicenseTypeDraft',
    method: 'POST',
    path: '/api/v1/license-types/:id/preview',
    summary:
      'The template designer’s live preview of unsaved changes: the face drawn from the given template, data items and sample data (nothing is saved)',
    tag: 'catalog',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        faceTemplate: z.record(z.string(), z.unknown()),
        sampleData: z.record(z.string(), z.unknown()),
        /** The data items being edited (default: the saved ones). */
        dataItems: z.array(DataItem).min(1).max(200).optional(),
        format: z.enum(['png', 'pdf']).default('png'),
        dpi: z.number().int().min(36).max(300).optional(),
      })
      .strict(),
    response: z.object({ contentType: z.string(), base64: z.string() }),
  }),
  checkFaceGlyphs: endpoint({
    id: 'checkFaceGlyphs',
    method: 'POST',
    path: '/api/v1/license-faces/glyph-coverage',
    summary: 'For each text, the characters no licence face font can draw (template designer warnings)',
    tag: 'catalog',
    auth: 'user',
    body: z.object({ texts: z.array(z.string().max(2000)).max(500) }).strict(),
    response: z.object({ results: z.array(z.object({ missing: z.array(z.string()) })) }),
  }),
  listLicenseTypes: endpoint({
    id: 'listLicenseTypes',
    method: 'GET',
    path: '/api/v1/license-types',
    summary: 'The catalogue: published types for everyone, drafts within the caller’s region',
    tag: 'catalog',
    auth: 'user',
    query: PageQuery.extend({
      q: z.string().max(64).optional(),
      status: z.enum(['draft', 'submitted', 'approved', 'published', 'superseded']).optional(),
    }).strict(),
    response: pageOf(LicenseType),
  }),
};
