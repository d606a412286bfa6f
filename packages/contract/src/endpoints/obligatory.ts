import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { AreaCode, IdParams, PageQuery, Uuid, pageOf } from '../common.js';

const TypeName = z.string().trim().min(1).max(256);
/** The format (a valid 统一社会信用代码 + 3 digits) is checked by the domain, which names every problem. */
const TypeCode = z.string().length(21);
const Note = z.string().max(1000);
const ServiceItems = z
  .array(z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(256) }).strict())
  .max(100);

export const ObligatoryEntry = z.object({
  id: z.string(),
  regionCode: z.string(),
  departmentId: z.string(),
  typeName: z.string(),
  typeCode: z.string().nullable(),
  serviceItems: z.array(z.object({ code: z.string(), name: z.string() })),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  removalReason: z.string().nullable(),
});

const Counts = {
  listed: z.number().int(),
  opened: z.number().int(),
  /** 证照电子化率: opened ÷ listed, null when nothing is listed. */
  rate: z.number().nullable(),
};

export const ObligatoryCoverage = z.object({
  departments: z.array(
    z.object({
      departmentId: z.string(),
      departmentName: z.string(),
      regionCode: z.string(),
      ...Counts,
    }),
  ),
  totals: z.object(Counts),
});

const Filter = { regionCode: AreaCode.optional(), departmentId: Uuid.optional() };

export const obligatoryEndpoints = {
  addObligatoryEntry: endpoint({
    id: 'addObligatoryEntry',
    method: 'POST',
    path: '/api/v1/catalog/obligatory',
    summary:
      'Add a licence type to a department’s obligatory list (应开通目录); region catalogue administrators',
    tag: 'catalog',
    auth: 'user',
    status: 201,
    body: z
      .object({
        departmentId: Uuid,
        typeName: TypeName,
        typeCode: TypeCode.nullable().optional(),
        serviceItems: ServiceItems.optional(),
        note: Note.nullable().optional(),
      })
      .strict(),
    response: ObligatoryEntry,
  }),
  listObligatoryEntries: endpoint({
    id: 'listObligatoryEntries',
    method: 'GET',
    path: '/api/v1/catalog/obligatory',
    summary: 'The obligatory list within the caller’s scope; `opened` = true / false filters 已开通 / 未开通',
    tag: 'catalog',
    auth: 'user',
    query: PageQuery.extend({
      ...Filter,
      opened: z.enum(['true', 'false']).optional(),
    }).strict(),
    response: pageOf(ObligatoryEntry.extend({ opened: z.boolean() })),
  }),
  obligatoryCoverage: endpoint({
    id: 'obligatoryCoverage',
    method: 'GET',
    path: '/api/v1/catalog/obligatory/coverage',
    summary: '证照电子化率: listed, opened and their ratio per department and in total',
    tag: 'catalog',
    auth: 'user',
    query: z.object(Filter).strict(),
    response: ObligatoryCoverage,
  }),
  updateObligatoryEntry: endpoint({
    id: 'updateObligatoryEntry',
    method: 'PATCH',
    path: '/api/v1/catalog/obligatory/:id',
    summary: 'Correct the name, fill in or clear the type code, change the note or service items',
    tag: 'catalog',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        typeName: TypeName.optional(),
        typeCode: TypeCode.nullable().optional(),
        serviceItems: ServiceItems.optional(),
        note: Note.nullable().optional(),
      })
      .strict()
      .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
    response: ObligatoryEntry,
  }),
  removeObligatoryEntry: endpoint({
    id: 'removeObligatoryEntry',
    method: 'DELETE',
    path: '/api/v1/catalog/obligatory/:id',
    summary: 'Take an entry off the list (kept as removed, with the reason); it leaves the coverage',
    tag: 'catalog',
    auth: 'user',
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
    response: ObligatoryEntry,
  }),
};
