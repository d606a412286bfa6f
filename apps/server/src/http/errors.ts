import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_CODES, isErrorCode } from '@zhengyin/contract';
import { AppError } from '@zhengyin/core';

/** English when the caller prefers it, Chinese otherwise (zh-CN first). */
export function prefersEnglish(c: Context): boolean {
  const header = c.req.header('accept-language') ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}

/** One mapping from AppError codes to HTTP responses: `{ error: { code, message, details?, requestId } }`. */
export function errorResponse(c: Context, error: AppError) {
  const code = isErrorCode(error.code) ? error.code : 'INTERNAL_ERROR';
  const spec = ERROR_CODES[code];
  const base = prefersEnglish(c) ? spec.en : spec.zh;
  const specific =
    code !== 'INTERNAL_ERROR' && error.message && error.message !== error.code ? `: ${error.message}` : '';
  const body = {
    error: {
      code,
      message: `${base}${specific}`,
      ...(error.details && code !== 'INTERNAL_ERROR' ? { details: error.details } : {}),
      requestId: (c.get('requestId') as string | undefined) ?? '',
    },
  };
  return c.json(body, spec.status as ContentfulStatusCode);
}

export function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('INTERNAL_ERROR', 'internal error');
}

/** Denials worth an audit event: an identified caller refused, or a forged / replayed signature. */
export const AUDITED_DENIALS = new Set([
  'AUTH_FORBIDDEN',
  'AUTH_SCOPE_MISSING',
  'AUTH_CSRF_FAILED',
  'AUTH_PASSWORD_CHANGE_REQUIRED',
  'AUTH_SIGNATURE_INVALID',
  'AUTH_NONCE_REPLAYED',
  'AUTH_TIMESTAMP_STALE',
  'AUTH_APP_UNKNOWN',
  'AUTH_IP_NOT_ALLOWED',
  'AUTH_SIGNATURE_MISSING',
  'KEYS_PIN_INVALID',
  'KEYS_LOCKED',
  'SEALS_USE_NOT_APPROVED',
  'SEALS_USE_EXHAUSTED',
  'SEALS_CANNOT_SIGN',
  'SEALS_DOCUMENT_MISMATCH',
]);
