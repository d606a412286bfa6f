import { describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { createSm2Facade } from './facade.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { LruCache, sm2ClearKeyCaches, sm2KeyCacheStats } from './key-cache.js';
import { sm2Native } from './native.js';
import { sm2Pure } from './pure.js';
import type { Sm2PureSigner } from './pure.js';
import type { Sm2Signer } from './signer.js';
import { sm2Implementation, sm2SelfTest, sm2Sign, sm2Verify } from './index.js';

const EMPTY_ID = new Uint8Array(0);
const message = new TextEncoder().encode('self-test');

/** Mimics node:crypto's trap: real SM2 but with an empty user ID whatever the caller asks. */
const emptyIdNative: Sm2Signer = {
  name: 'empty-id',
  sign: (d, m, o) => sm2Pure.sign(d, m, { ...o, id: EMPTY_ID }),
  verify: (p, m, s, o) => sm2Pure.verify(p, m, s, { ...o, id: EMPTY_ID }),
};

const throwingNative: Sm2Signer = {
  name: 'throwing',
  sign: () => {
    throw new Error('boom');
  },
  verify: () => {
    throw new Error('boom');
  },
};

describe('SM2 start-up self-test', () => {
  it('passes for both implementations on this platform and selects native', () => {
    expect(sm2SelfTest()).toEqual({ native: true, pure: true });
    expect(sm2Implementation()).toBe('native');
  });

  it.each([
    ['signs with an empty ID', emptyIdNative],
    ['throws', throwingNative],
  ])('falls back to pure when native %s', (_name, broken) => {
    const facade = createSm2Facade(broken, sm2Pure);
    expect(facade.selfTest().native).toBe(false);
    expect(facade.selfTest().pure).toBe(true);
    expect(facade.active().name).toBe('pure');
    const key = sm2GenerateKeyPair();
    const sig = facade.sign(key.privateKey, message);
    expect(sm2Native.verify(key.publicKey, message, sig)).toBe(true);
    expect(facade.verify(key.publicKey, message, sig)).toBe(true);
  });

  it('refuses to work at all when the pure known-answer test fails', () => {
    const brokenPure: Sm2PureSigner = { ...sm2Pure, sign: (d, m) => sm2Pure.sign(d, m) };
    const facade = createSm2Facade(sm2Native, brokenPure);
    expect(facade.selfTest()).toEqual({ native: false, pure: false });
    const key = sm2GenerateKeyPair();
    expect(() => facade.sign(key.privateKey, message)).toThrow(GmError);
    expect(() => facade.verify(key.publicKey, message, new Uint8Array(64))).toThrow(
      expect.objectContaining({ code: 'GM_SM2_SELF_TEST_FAILED' }),
    );
  });

  it('runs the known-answer test once', () => {
    let calls = 0;
    const counting: Sm2Signer = {
      name: 'counting',
      sign: (...a) => (calls++, sm2Native.sign(...a)),
      verify: (...a) => (calls++, sm2Native.verify(...a)),
    };
    const facade = createSm2Facade(counting, sm2Pure);
    facade.selfTest();
    const afterTest = calls;
    expect(afterTest).toBeGreaterThan(0);
    facade.selfTest();
    const key = sm2GenerateKeyPair();
    facade.verify(key.publicKey, message, facade.sign(key.privateKey, message));
    expect(calls).toBe(afterTest + 2);
  });
});

describe('verification key cache', () => {
  it('caches per public key, is bounded, and can be cleared', () => {
    sm2ClearKeyCaches();
    const key = sm2GenerateKeyPair();
    const sig = sm2Sign(key.privateKey, message);
    for (let i = 0; i < 3; i++) {
      const other = new TextEncoder().encode(`message ${i}`);
      expect(sm2Verify(key.publicKey, other, sm2Sign(key.privateKey, other))).toBe(true);
    }
    const stats = sm2KeyCacheStats().find((s) => s.name === 'sm2-native-public');
    expect(stats).toMatchObject({ size: 1, hits: 2, misses: 1 });
    for (let i = 0; i < 3; i++) expect(sm2Pure.verify(key.publicKey, message, sig)).toBe(true);
    expect(sm2KeyCacheStats().find((s) => s.name === 'sm2-pure-public-sm2p256v1')).toMatchObject({
      size: 1,
      hits: 2,
    });
    for (const s of sm2KeyCacheStats()) expect(s.size).toBeLessThanOrEqual(s.capacity);
    sm2ClearKeyCaches();
    expect(sm2KeyCacheStats().every((s) => s.size === 0)).toBe(true);
  });

  it('remembers answers by key, message and signature: a repeat is not computed again, any change is', () => {
    sm2ClearKeyCaches();
    const key = sm2GenerateKeyPair();
    const sig = sm2Sign(key.privateKey, message);
    const answers = () => sm2KeyCacheStats().find((s) => s.name === 'sm2-verified')!;
    for (let i = 0; i < 3; i++) expect(sm2Verify(key.publicKey, message, sig)).toBe(true);
    expect(answers()).toMatchObject({ size: 1, hits: 2, misses: 1 });
    const tampered = message.slice();
    tampered[0]! ^= 1;
    expect(sm2Verify(key.publicKey, tampered, sig)).toBe(false);
    expect(sm2Verify(key.publicKey, message, sig, { id: new TextEncoder().encode('another id') })).toBe(
      false,
    );
    expect(sm2Verify(key.publicKey, tampered, sig)).toBe(false);
    expect(answers()).toMatchObject({ size: 3, hits: 3, misses: 3 });
  });

  it('never serves a stale key when the caller mutates a reused key array', () => {
    const a = sm2GenerateKeyPair();
    const b = sm2GenerateKeyPair();
    for (const impl of [sm2Native, sm2Pure]) {
      const privateKey = a.privateKey.slice();
      const publicKey = a.publicKey.slice();
      const sigA = impl.sign(privateKey, message);
      expect(impl.verify(publicKey, message, sigA)).toBe(true);
      privateKey.set(b.privateKey);
      publicKey.set(b.publicKey);
      const sigB = impl.sign(privateKey, message);
      expect(impl.verify(b.publicKey, message, sigB)).toBe(true);
      expect(impl.verify(publicKey, message, sigA)).toBe(false);
      expect(impl.verify(publicKey, message, sigB)).toBe(true);
    }
  });

  it('evicts the least recently used entry', () => {
    const cache = new LruCache<number>('test-lru', 2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });

  it('a precomputed key verifies exactly like an uncached one', () => {
    const key = sm2GenerateKeyPair();
    sm2Pure.precompute(key.publicKey);
    const good = sm2Native.sign(key.privateKey, message);
    const other = sm2Native.sign(sm2GenerateKeyPair().privateKey, message);
    expect(sm2Pure.verify(key.publicKey, message, good)).toBe(true);
    expect(sm2Pure.verify(key.publicKey, message, other)).toBe(false);
  });
});
