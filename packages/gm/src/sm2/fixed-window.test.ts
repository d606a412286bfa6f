import fc from 'fast-check';
import { mod } from '@noble/curves/abstract/modular.js';
import { describe, expect, it } from 'vitest';
import { SM2P256V1 } from './curve.js';
import { createFixedWindow } from './fixed-window.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { curveOps } from './point.js';

const ops = curveOps(SM2P256V1);
const G = ops.Point.BASE;
const { n } = SM2P256V1;
const fw = createFixedWindow(SM2P256V1);
const gTable = fw.buildTable(G);
const P = ops.decodePoint(sm2GenerateKeyPair().publicKey);
const pTable = fw.buildTable(P);

/** Reference: noble-curves' own double-scalar multiplication. */
const referenceX = (Q: typeof G, u: bigint, v: bigint) => {
  const sum = G.multiplyUnsafe(u).add(Q.multiplyUnsafe(v));
  return sum.is0() ? undefined : sum.toAffine().x;
};

describe('fixed-window u·G + v·P', () => {
  it('agrees with noble-curves for random scalars, including small and near-n ones', () => {
    const scalar = fc.oneof(
      fc.bigInt({ min: 1n, max: n - 1n }),
      fc.bigInt({ min: 1n, max: 300n }),
      fc.bigInt({ min: n - 300n, max: n - 1n }),
    );
    fc.assert(
      fc.property(scalar, scalar, (u, v) => {
        const x = referenceX(P, u, v) as bigint;
        expect(fw.mulAddMatchesX(gTable, u, pTable, v, mod(x, n))).toBe(true);
        expect(fw.mulAddMatchesX(gTable, u, pTable, v, mod(x + 1n, n))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('handles doubling and the point at infinity when P = G (private key 1)', () => {
    const x2 = G.double().toAffine().x;
    // 1·G + 1·G takes the doubling branch of the mixed addition.
    expect(fw.mulAddMatchesX(gTable, 1n, gTable, 1n, mod(x2, n))).toBe(true);
    for (const u of [5n, 129n, 0xabcdefn, n - 2n]) {
      const x = referenceX(G, u, u) as bigint;
      expect(fw.mulAddMatchesX(gTable, u, gTable, u, mod(x, n))).toBe(true);
    }
    // u·G + (n − u)·G = O: never matches any x.
    for (const target of [0n, 1n, G.toAffine().x]) {
      expect(fw.mulAddMatchesX(gTable, 12345n, gTable, n - 12345n, target)).toBe(false);
    }
  });
});
