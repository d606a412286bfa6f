import type { Client } from '@zhengyin/sdk';
import { ApiError, createClient } from '@zhengyin/sdk';
import { currentLanguage } from './i18n';

export { ApiError };

/** The staff session's client: the browser keeps the HttpOnly cookie, the SDK the CSRF token. */
export const api: Client = createClient({ baseUrl: window.location.origin, language: currentLanguage });

/** The holder session's client (its own cookie and CSRF token). */
export const holderApi: Client = createClient({
  baseUrl: window.location.origin,
  language: currentLanguage,
});

/** Errors that mean the staff session is gone: the app sends the user to the login page. */
export const SESSION_ENDED = new Set(['AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED']);

/** A readable message for any error (API errors carry the server's localised text and code). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return `${e.message}（${e.code}）`;
  return e instanceof Error ? e.message : String(e);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Saves base64 content as a file download. */
export function downloadBase64(base64: string, filename: string, type = 'application/octet-stream') {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
