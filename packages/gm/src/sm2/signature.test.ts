import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { hexToBytes, toHex } from './bytes.js';
import { SM2P256V1 } from './curve.js';
import {
  sm2SignatureDerToRaw,
  sm2SignatureFromDer,
  sm2SignatureFromRaw,
  sm2SignatureRawToDer,
  sm2SignatureToDer,
} from './signature.js';

const { n } = SM2P256V1;
const R = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
const S = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
const DER = `3046022100${R}022100${S}`;

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GmError);
    return (error as GmError).code;
  }
  throw new Error('expected a GmError');
};

const scalar = fc.bigInt({ min: 1n, max: n - 1n });

describe('SM2 signature encodings', () => {
  it('converts the vector DER ↔ raw', () => {
    expect(toHex(sm2SignatureDerToRaw(hexToBytes(DER)))).toBe((R + S).toLowerCase());
    expect(toHex(sm2SignatureRawToDer(hexToBytes(R + S)))).toBe(DER.toLowerCase());
  });

  it('encodes small values minimally and keeps raw fixed-width', () => {
    expect(toHex(sm2SignatureToDer({ r: 1n, s: 0x80n }))).toBe('3007020101020200' + '80');
    expect(toHex(sm2SignatureRawToDer(hexToBytes('00'.repeat(31) + '01' + '00'.repeat(31) + '7f')))).toBe(
      '300602010102017f',
    );
  });

  it('round-trips any (r, s) in range, both ways', () => {
    fc.assert(
      fc.property(scalar, scalar, (r, s) => {
        const der = sm2SignatureToDer({ r, s });
        expect(sm2SignatureFromDer(der)).toEqual({ r, s });
        const raw = sm2SignatureDerToRaw(der);
        expect(raw.length).toBe(64);
        expect(toHex(sm2SignatureRawToDer(raw))).toBe(toHex(der));
      }),
    );
  });

  it.each([
    ['trailing byte', DER + '00', 'GM_SM2_SIGNATURE_FORMAT'],
    ['truncated', DER.slice(0, -2), 'GM_SM2_SIGNATURE_FORMAT'],
    ['empty', '', 'GM_SM2_SIGNATURE_FORMAT'],
    ['not a SEQUENCE', '3146' + DER.slice(4), 'GM_SM2_SIGNATURE_FORMAT'],
    [
      'negative r',
      `3045022000${'FF'.repeat(31)}022100${S}`.replace('022000', '0220'),
      'GM_SM2_SIGNATURE_FORMAT',
    ],
    [
      'non-minimal r (leading 00 before a small byte)',
      `3007020200010201 01`.replace(/ /g, ''),
      'GM_SM2_SIGNATURE_FORMAT',
    ],
    ['oversized r (33 magnitude bytes)', `304702220001${R}022100${S}`, 'GM_SM2_SIGNATURE_FORMAT'],
    ['three INTEGERs', '3009020101020101020101', 'GM_SM2_SIGNATURE_FORMAT'],
    ['one INTEGER', '3003020101', 'GM_SM2_SIGNATURE_FORMAT'],
    ['indefinite length', `3080022100${R}022100${S}0000`, 'GM_SM2_SIGNATURE_FORMAT'],
    ['non-minimal length', `308146022100${R}022100${S}`, 'GM_SM2_SIGNATURE_FORMAT'],
    ['OCTET STRING instead of INTEGER', '3006040101020101', 'GM_SM2_SIGNATURE_FORMAT'],
    ['r = 0', '3006020100020101', 'GM_SM2_SIGNATURE_RANGE'],
    ['s = 0', '3006020101020100', 'GM_SM2_SIGNATURE_RANGE'],
    ['r = n', `3026022100${n.toString(16)}020101`, 'GM_SM2_SIGNATURE_RANGE'],
  ])('rejects %s', (_name, hex, code) => {
    expect(codeOf(() => sm2SignatureFromDer(hexToBytes(hex)))).toBe(code);
  });

  it('rejects r ≥ n and s = n in raw form, and wrong raw lengths', () => {
    const nHex = n.toString(16);
    expect(codeOf(() => sm2SignatureFromRaw(hexToBytes(nHex + S)))).toBe('GM_SM2_SIGNATURE_RANGE');
    expect(codeOf(() => sm2SignatureFromRaw(hexToBytes(R + nHex)))).toBe('GM_SM2_SIGNATURE_RANGE');
    expect(codeOf(() => sm2SignatureFromRaw(hexToBytes(R + S + '00')))).toBe('GM_SM2_SIGNATURE_FORMAT');
    expect(codeOf(() => sm2SignatureToDer({ r: n, s: 1n }))).toBe('GM_SM2_SIGNATURE_RANGE');
  });

  it('never throws anything but GmError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          const { r, s } = sm2SignatureFromDer(bytes);
          // Anything accepted must re-encode to exactly the same bytes (DER is canonical).
          expect(toHex(sm2SignatureToDer({ r, s }))).toBe(toHex(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(GmError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects very long and deeply nested input quickly with a typed error', () => {
    const nested = new Uint8Array(100_000).map((_, i) => (i % 2 === 0 ? 0x30 : 0x80));
    expect(codeOf(() => sm2SignatureFromDer(nested))).toBe('GM_SM2_SIGNATURE_FORMAT');
    const nestedSequences = hexToBytes('3008' + '3006' + '3004' + '3002' + '3000');
    expect(codeOf(() => sm2SignatureFromDer(nestedSequences))).toBe('GM_SM2_SIGNATURE_FORMAT');
  });
});
