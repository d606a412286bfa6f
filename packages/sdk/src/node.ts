import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AppSignatureAlgorithm } from '@zhengyin/contract';
import { APP_SIGNATURE_HEADERS, stringToSign } from '@zhengyin/contract';
import type { RequestSigner } from './client.js';

export interface AppCredentials {
  readonly appKey: string;
  readonly secret: string;
  readonly algorithm?: AppSignatureAlgorithm;
  /** Injected for tests; defaults to the current time and 16 random bytes. */
  readonly now?: () => number;
  readonly nonce?: () => string;
}

/** Signs app requests with HMAC-SHA256 (default) or HMAC-SM3 using node:crypto. */
export function nodeAppSigner(credentials: AppCredentials): RequestSigner {
  const algorithm = credentials.algorithm ?? 'HMAC-SHA256';
  const hash = algorithm === 'HMAC-SM3' ? 'sm3' : 'sha256';
  return ({ method, path, query, body }) => {
    const timestamp = String((credentials.now ?? Date.now)());
    const nonce = credentials.nonce?.() ?? randomBytes(16).toString('base64url');
    const text = stringToSign({
      method,
      path,
      query,
      timestamp,
      nonce,
      bodyDigestHex: createHash(hash).update(body).digest('hex'),
    });
    return {
      [APP_SIGNATURE_HEADERS.appKey]: credentials.appKey,
      [APP_SIGNATURE_HEADERS.timestamp]: timestamp,
      [APP_SIGNATURE_HEADERS.nonce]: nonce,
      [APP_SIGNATURE_HEADERS.algorithm]: algorithm,
      [APP_SIGNATURE_HEADERS.signature]: createHmac(hash, credentials.secret).update(text).digest('hex'),
    };
  };
}
