import { describe, expect, test } from 'vitest';
import { openShowToken, signShowToken } from './show-token.js';

const key = new Uint8Array(32).map((_, i) => i + 1);
const claims = {
  licenseId: '0b7f6a52-3c1d-4e8f-9a0b-1c2d3e4f5a6b',
  holderCodeType: '001',
  holderCode: '91350100M000100Y43',
  nonce: '0123456789abcdef01234567',
  expiresAt: new Date('2026-11-20T02:01:00.000Z'),
};

describe('亮证 token codec', () => {
  test('round trip, compact enough for a QR code', () => {
    const token = signShowToken(key, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    // 1 + 16 + 4 + 12 + 3 + 1 + 18 + 16 bytes = 71 bytes = 95 base64url characters.
    expect(token).toHaveLength(95);
    expect(openShowToken(key, token)).toEqual(claims);
  });

  test('every changed character, another key, a cut or an extended token is refused', () => {
    const token = signShowToken(key, claims);
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      expect(openShowToken(key, `${token.slice(0, i)}${c}${token.slice(i + 1)}`)).toBeNull();
    }
    expect(openShowToken(new Uint8Array(32), token)).toBeNull();
    expect(openShowToken(key, token.slice(0, -1))).toBeNull();
    expect(openShowToken(key, `${token}AA`)).toBeNull();
    expect(openShowToken(key, '')).toBeNull();
    expect(openShowToken(key, 'not base64!')).toBeNull();
  });

  test('a different holder or licence gives a different token (the MAC covers them)', () => {
    const a = signShowToken(key, claims);
    const b = signShowToken(key, { ...claims, holderCode: '91350200776049653A' });
    expect(a).not.toBe(b);
    expect(openShowToken(key, b)?.holderCode).toBe('91350200776049653A');
  });
});
