/**
 * Request signing for integrating systems (apps). Both the SDK and the server build the
 * string to sign with this function, so the two cannot drift.
 *
 *   METHOD \n PATH \n SORTED_QUERY \n TIMESTAMP \n NONCE \n HEX(DIGEST(body))
 *
 * SORTED_QUERY is the query string with parameters sorted by name then value, each part
 * percent-encoded per RFC 3986. DIGEST is SHA-256 for HMAC-SHA256 and SM3 for HMAC-SM3.
 * The signature is lowercase hex of HMAC(secret, string-to-sign).
 */
export const APP_SIGNATURE_HEADERS = {
  appKey: 'x-zy-app-key',
  timestamp: 'x-zy-timestamp',
  nonce: 'x-zy-nonce',
  algorithm: 'x-zy-signature-method',
  signature: 'x-zy-signature',
} as const;

export const APP_SIGNATURE_ALGORITHMS = ['HMAC-SHA256', 'HMAC-SM3'] as const;
export type AppSignatureAlgorithm = (typeof APP_SIGNATURE_ALGORITHMS)[number];

/** Accepted clock difference between caller and server. */
export const APP_SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalQuery(search: URLSearchParams): string {
  return [...search.entries()]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function stringToSign(parts: {
  method: string;
  path: string;
  query: URLSearchParams;
  timestamp: string;
  nonce: string;
  bodyDigestHex: string;
}): string {
  return [
    parts.method.toUpperCase(),
    parts.path,
    canonicalQuery(parts.query),
    parts.timestamp,
    parts.nonce,
    parts.bodyDigestHex,
  ].join('\n');
}
