import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { Ok } from '../common.js';
import { RoleAssignment } from './users.js';

export const CurrentUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleAssignment),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
});

export const LoginResponse = z.object({
  user: CurrentUser,
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const authEndpoints = {
  login: endpoint({
    id: 'login',
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Log in with username, password and optional TOTP code (sets the session cookie)',
    tag: 'auth',
    auth: 'public',
    body: z
      .object({
        username: z.string().min(1).max(64),
        password: z.string().min(1).max(256),
        totp: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
      })
      .strict(),
    response: LoginResponse,
  }),
  logout: endpoint({
    id: 'logout',
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'End the current session',
    tag: 'auth',
    auth: 'user',
    response: Ok,
  }),
  me: endpoint({
    id: 'me',
    method: 'GET',
    path: '/api/v1/auth/me',
    summary: 'The logged-in user, with the CSRF token for unsafe requests',
    tag: 'auth',
    auth: 'user',
    response: LoginResponse,
  }),
  changePassword: endpoint({
    id: 'changePassword',
    method: 'POST',
    path: '/api/v1/auth/change-password',
    summary: 'Change the own password (required after first login or reset)',
    tag: 'auth',
    auth: 'user',
    body: z
      .object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) })
      .strict(),
    response: Ok,
  }),
  setupTotp: endpoint({
    id: 'setupTotp',
    method: 'POST',
    path: '/api/v1/auth/totp/setup',
    summary: 'Generate a TOTP secret (not active until confirmed)',
    tag: 'auth',
    auth: 'user',
    response: z.object({ secret: z.string(), otpauthUri: z.string() }),
  }),
  enableTotp: endpoint({
    id: 'enableTotp',
    method: 'POST',
    path: '/api/v1/auth/totp/enable',
    summary: 'Confirm the TOTP secret with a current code; from then on login requires a code',
    tag: 'auth',
    auth: 'user',
    body: z.object({ code: z.string().regex(/^\d{6}$/) }).strict(),
    response: Ok,
  }),
};
