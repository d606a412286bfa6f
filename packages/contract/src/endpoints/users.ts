import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { AreaCode, IdParams, PageQuery, Uuid, pageOf } from '../common.js';

export const ROLES = [
  'platform_admin',
  'region_admin',
  'catalog_admin',
  'issuer',
  'user_operator',
  'seal_admin',
  'seal_keeper',
  'approver',
  'auditor',
] as const;

export const Role = z.enum(ROLES);

/** A role held within a scope: the whole platform, a region (and below) or one department. */
export const RoleAssignment = z
  .object({
    role: Role,
    regionCode: AreaCode.nullable().optional(),
    departmentId: Uuid.nullable().optional(),
  })
  .strict();

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleAssignment),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});

const Username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9._-]{3,64}$/, '3–64 letters, digits, dot, dash or underscore');

export const userEndpoints = {
  createUser: endpoint({
    id: 'createUser',
    method: 'POST',
    path: '/api/v1/users',
    summary: 'Create a staff account; returns a one-time initial password',
    tag: 'accounts',
    auth: 'user',
    status: 201,
    body: z
      .object({
        username: Username,
        displayName: z.string().trim().min(1).max(64),
        roles: z.array(RoleAssignment).min(1).max(20),
      })
      .strict(),
    response: z.object({ user: User, initialPassword: z.string() }),
  }),
  listUsers: endpoint({
    id: 'listUsers',
    method: 'GET',
    path: '/api/v1/users',
    summary: 'List staff accounts within the caller’s scope',
    tag: 'accounts',
    auth: 'user',
    query: PageQuery.extend({ q: z.string().max(64).optional() }).strict(),
    response: pageOf(User),
  }),
  getUser: endpoint({
    id: 'getUser',
    method: 'GET',
    path: '/api/v1/users/:id',
    summary: 'One staff account',
    tag: 'accounts',
    auth: 'user',
    params: IdParams,
    response: User,
  }),
  updateUser: endpoint({
    id: 'updateUser',
    method: 'PATCH',
    path: '/api/v1/users/:id',
    summary: 'Change display name, roles or active flag',
    tag: 'accounts',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        displayName: z.string().trim().min(1).max(64).optional(),
        roles: z.array(RoleAssignment).min(1).max(20).optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    response: User,
  }),
  resetPassword: endpoint({
    id: 'resetPassword',
    method: 'POST',
    path: '/api/v1/users/:id/reset-password',
    summary: 'Reset a password: returns a one-time password, forces a change, unlocks, ends sessions',
    tag: 'accounts',
    auth: 'user',
    params: IdParams,
    response: z.object({ temporaryPassword: z.string() }),
  }),
};

export const App = z.object({
  id: z.string(),
  name: z.string(),
  appKey: z.string(),
  departmentId: z.string(),
  scopes: z.array(z.string()),
  ipAllowList: z.array(z.string()),
  active: z.boolean(),
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});

export const APP_SCOPES = ['orgs:read', 'apps:self', 'licenses:issue', 'licenses:use'] as const;
const Cidr = z
  .string()
  .regex(/^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/, 'IPv4/IPv6 address or CIDR');

export const appEndpoints = {
  createApp: endpoint({
    id: 'createApp',
    method: 'POST',
    path: '/api/v1/apps',
    summary: 'Register an integrating system; the secret is shown once',
    tag: 'accounts',
    auth: 'user',
    status: 201,
    body: z
      .object({
        name: z.string().trim().min(1).max(128),
        departmentId: Uuid,
        scopes: z.array(z.enum(APP_SCOPES)).max(50).default([]),
        ipAllowList: z.array(Cidr).max(100).default([]),
      })
      .strict(),
    response: z.object({ app: App, secret: z.string() }),
  }),
  listApps: endpoint({
    id: 'listApps',
    method: 'GET',
    path: '/api/v1/apps',
    summary: 'List apps within the caller’s scope',
    tag: 'accounts',
    auth: 'user',
    query: PageQuery,
    response: pageOf(App),
  }),
  updateApp: endpoint({
    id: 'updateApp',
    method: 'PATCH',
    path: '/api/v1/apps/:id',
    summary: 'Change scopes, IP allow-list or active flag',
    tag: 'accounts',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(128).optional(),
        scopes: z.array(z.enum(APP_SCOPES)).max(50).optional(),
        ipAllowList: z.array(Cidr).max(100).optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    response: App,
  }),
  rotateAppSecret: endpoint({
    id: 'rotateAppSecret',
    method: 'POST',
    path: '/api/v1/apps/:id/rotate-secret',
    summary: 'Issue a new secret; the old one stays valid for the overlap period',
    tag: 'accounts',
    auth: 'user',
    params: IdParams,
    body: z
      .object({ overlapMinutes: z.number().int().min(0).max(10080).default(1440) })
      .strict()
      .default({ overlapMinutes: 1440 }),
    response: z.object({ app: App, secret: z.string() }),
  }),
  appWhoami: endpoint({
    id: 'appWhoami',
    method: 'GET',
    path: '/api/v1/apps/self',
    summary: 'The calling app (signed request check for integrators)',
    tag: 'accounts',
    auth: 'app',
    scope: 'apps:self',
    response: App,
  }),
};
