/**
 * The console page of a licence QR link (…/v/<identifier>?t=<token>), or null when the text is no
 * such link. Only the path and `t` are read; the server checks the token.
 */
export function qrLandingPath(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const match = /\/v\/([^/]+)\/?$/.exec(url.pathname);
  const token = url.searchParams.get('t');
  if (!match?.[1] || !token) return null;
  return `/verify/licence/${match[1]}?t=${encodeURIComponent(token)}`;
}

/** The server-rendered report of the same QR code (works without JavaScript). */
export const plainQrReportHref = (identifier: string, token: string): string =>
  `/v/${encodeURIComponent(identifier)}?t=${encodeURIComponent(token)}&format=html`;
