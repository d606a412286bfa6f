import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { AreaCode, IdParams, PageQuery, Uuid, pageOf } from '../common.js';

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().nullable(),
  active: z.boolean(),
});

export const Contact = z
  .object({
    name: z.string().max(64).optional(),
    phone: z.string().max(32).optional(),
    email: z.email().max(128).optional(),
  })
  .strict();

export const Department = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  regionCode: z.string(),
  parentId: z.string().nullable(),
  contact: Contact,
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const Onboarding = z.object({
  id: z.string(),
  departmentId: z.string(),
  onboardedOn: z.string(),
  systems: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: z.string(),
});

const Name = z.string().trim().min(1).max(128);
const Uscc = z.string().trim().toUpperCase().length(18);

export const orgEndpoints = {
  createRegion: endpoint({
    id: 'createRegion',
    method: 'POST',
    path: '/api/v1/regions',
    summary: 'Create a region (GB/T 2260 code; the parent must match the code hierarchy)',
    tag: 'orgs',
    auth: 'user',
    status: 201,
    body: z.object({ code: AreaCode, name: Name, parentCode: AreaCode.nullable().optional() }).strict(),
    response: Region,
  }),
  listRegions: endpoint({
    id: 'listRegions',
    method: 'GET',
    path: '/api/v1/regions',
    summary: 'List regions, optionally the children of one region',
    tag: 'orgs',
    auth: 'staff-or-app',
    scope: 'orgs:read',
    query: PageQuery.extend({ parentCode: AreaCode.optional(), q: z.string().max(64).optional() }).strict(),
    response: pageOf(Region),
  }),
  updateRegion: endpoint({
    id: 'updateRegion',
    method: 'PATCH',
    path: '/api/v1/regions/:code',
    summary: 'Rename, deactivate or reactivate a region',
    tag: 'orgs',
    auth: 'user',
    params: z.object({ code: AreaCode }).strict(),
    body: z.object({ name: Name.optional(), active: z.boolean().optional() }).strict(),
    response: Region,
  }),
  createDepartment: endpoint({
    id: 'createDepartment',
    method: 'POST',
    path: '/api/v1/departments',
    summary: 'Create a department (统一社会信用代码 checked per GB 32100)',
    tag: 'orgs',
    auth: 'user',
    status: 201,
    body: z
      .object({
        name: Name,
        uscc: Uscc,
        regionCode: AreaCode,
        parentId: Uuid.nullable().optional(),
        contact: Contact.optional(),
      })
      .strict(),
    response: Department,
  }),
  listDepartments: endpoint({
    id: 'listDepartments',
    method: 'GET',
    path: '/api/v1/departments',
    summary: 'Search departments by name or credit code, region and status',
    tag: 'orgs',
    auth: 'staff-or-app',
    scope: 'orgs:read',
    query: PageQuery.extend({
      q: z.string().max(64).optional(),
      regionCode: AreaCode.optional(),
      active: z.enum(['true', 'false']).optional(),
    }).strict(),
    response: pageOf(Department),
  }),
  getDepartment: endpoint({
    id: 'getDepartment',
    method: 'GET',
    path: '/api/v1/departments/:id',
    summary: 'One department',
    tag: 'orgs',
    auth: 'staff-or-app',
    scope: 'orgs:read',
    params: IdParams,
    response: Department,
  }),
  updateDepartment: endpoint({
    id: 'updateDepartment',
    method: 'PATCH',
    path: '/api/v1/departments/:id',
    summary: 'Update name, parent or contact (optimistic concurrency by version)',
    tag: 'orgs',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        version: z.number().int().min(1),
        name: Name.optional(),
        parentId: Uuid.nullable().optional(),
        contact: Contact.optional(),
      })
      .strict(),
    response: Department,
  }),
  deactivateDepartment: endpoint({
    id: 'deactivateDepartment',
    method: 'POST',
    path: '/api/v1/departments/:id/deactivate',
    summary: 'Deactivate a department (never deleted)',
    tag: 'orgs',
    auth: 'user',
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
    response: Department,
  }),
  recordOnboarding: endpoint({
    id: 'recordOnboarding',
    method: 'POST',
    path: '/api/v1/departments/:id/onboardings',
    summary: 'Record that a department joined the platform (进驻)',
    tag: 'orgs',
    auth: 'user',
    status: 201,
    params: IdParams,
    body: z
      .object({
        onboardedOn: z.iso.date(),
        systems: z.array(z.string().trim().min(1).max(128)).max(50).default([]),
        note: z.string().max(1000).optional(),
      })
      .strict(),
    response: Onboarding,
  }),
  listOnboardings: endpoint({
    id: 'listOnboardings',
    method: 'GET',
    path: '/api/v1/departments/:id/onboardings',
    summary: 'Onboarding records of a department',
    tag: 'orgs',
    auth: 'user',
    params: IdParams,
    response: z.object({ items: z.array(Onboarding) }),
  }),
};
