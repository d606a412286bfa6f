import { hmacSm3 } from '@zhengyin/gm';
import type { UsePorts } from '@zhengyin/core';
import type { Config } from '../config/schema.js';

const SHOW_TOKEN_LABEL = new TextEncoder().encode('zhengyin/show-token/v1');

/**
 * Adapters of the use service: the 亮证 token key (HMAC-SM3 of the master key under its own label, so it
 * is independent of the licence QR token key) and the configured limits.
 */
export function usePorts(config: Config, masterKey: Uint8Array): UsePorts {
  return {
    showTokenKey: hmacSm3(masterKey, SHOW_TOKEN_LABEL),
    policy: {
      consentTtlMinutes: config.ZHENGYIN_USE_CONSENT_TTL_MINUTES,
      contextValidMinutes: config.ZHENGYIN_USE_CONTEXT_VALID_MINUTES,
      codeTtlMinutes: config.ZHENGYIN_USE_CODE_TTL_MINUTES,
      lockoutThreshold: config.ZHENGYIN_USE_CODE_LOCKOUT_THRESHOLD,
      lockoutWindowMinutes: config.ZHENGYIN_USE_CODE_LOCKOUT_WINDOW_MINUTES,
      lockoutMinutes: config.ZHENGYIN_USE_CODE_LOCKOUT_MINUTES,
      showTokenTtlSeconds: config.ZHENGYIN_SHOW_TOKEN_TTL_SECONDS,
    },
  };
}
