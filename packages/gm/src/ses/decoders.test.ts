import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { GmError } from '../errors.js';
import { sm3 } from '../hash/sm3.js';
import { readSesCertInfo } from './cert-info.js';
import { sesVerdict } from './checks.js';
import { describeSes } from './describe.js';
import { decodeSeal } from './seal-codec.js';
import { decodeSesSignature } from './signature-codec.js';
import { verifySeal, verifySesSignature } from './verify.js';

const FIXTURES = new URL('../../../../../shared/fixtures/ofd/', import.meta.url);

function fromOfd(file: string, entry: string): Uint8Array {
  const bytes = unzipSync(new Uint8Array(readFileSync(new URL(file, FIXTURES))))[entry];
  if (!bytes) throw new Error(`${file} has no ${entry}`);
  return bytes;
}

const V4_SIGNATURE = fromOfd('1.ofd', 'Doc_0/Signs/Sign_0/SignedValue.dat');
const V4_DATA_HASH = sm3(fromOfd('1.ofd', 'Doc_0/Signs/Sign_0/Signature.xml'));
const V1_SIGNATURE = fromOfd('n.ofd', 'Doc_0/Signs/Sign_0/SignedValue.dat');
const V4_SEAL = fromOfd('V4RideRight.ofd', 'Doc_0/Signs/Sign_0/Seal.esl');
const V1_SEAL = fromOfd('n.ofd', 'Doc_0/Signs/Sign_0/Seal.esl');

const DECODERS = {
  decodeSeal: (b: Uint8Array) => decodeSeal(b),
  decodeSesSignature: (b: Uint8Array) => decodeSesSignature(b),
  describeSes: (b: Uint8Array) => describeSes(b),
};

const SES_CODES = new Set([
  'GM_SES_MALFORMED',
  'GM_SES_NOT_DER',
  'GM_SES_TOO_LARGE',
  'GM_SES_TOO_DEEP',
  'GM_SES_TOO_COMPLEX',
  'GM_SES_UNSUPPORTED_VERSION',
  'GM_SES_UNKNOWN_STRUCTURE',
]);

/** Runs `fn`; returns its result, or the GmError it threw. Any other throw fails the test. */
function typedOutcome<T>(fn: () => T): T | GmError {
  try {
    return fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GmError);
    expect(SES_CODES).toContain((e as GmError).code);
    return e as GmError;
  }
}

function codeOf(fn: () => unknown): string {
  const out = typedOutcome(fn);
  expect(out).toBeInstanceOf(GmError);
  return (out as GmError).code;
}

/** Wraps `inner` in `levels` definite-length SEQUENCEs. */
function nested(levels: number, inner = Uint8Array.of(0x05, 0x00)): Uint8Array {
  const headers: number[][] = [];
  let len = inner.length;
  for (let i = 0; i < levels; i++) {
    const header =
      len < 0x80 ? [0x30, len] : len < 0x100 ? [0x30, 0x81, len] : [0x30, 0x82, len >> 8, len & 0xff];
    headers.push(header);
    len += header.length;
  }
  return Uint8Array.from([...headers.reverse().flat(), ...inner]);
}

const mutation = (base: Uint8Array) =>
  fc.oneof(
    // flip one byte
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.nat(base.length - 1),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
    // truncate
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(base.length - 1) }),
    // insert random bytes
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(base.length),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
  );

function mutate(
  base: Uint8Array,
  m:
    | { kind: 'flip'; at: number; xor: number }
    | { kind: 'cut'; at: number }
    | { kind: 'insert'; at: number; bytes: Uint8Array },
): Uint8Array {
  if (m.kind === 'cut') return base.slice(0, m.at);
  if (m.kind === 'insert')
    return Uint8Array.from([...base.subarray(0, m.at), ...m.bytes, ...base.subarray(m.at)]);
  const copy = new Uint8Array(base);
  copy[m.at] = copy[m.at]! ^ m.xor;
  return copy;
}

describe('decoders on hostile input', () => {
  test.each(Object.entries(DECODERS))(
    '%s: random bytes give a typed GmError, never another throw',
    (_name, decode) => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
          expect(typedOutcome(() => decode(bytes))).toBeInstanceOf(GmError);
        }),
        { numRuns: 400 },
      );
    },
  );

  test.each(Object.entries(DECODERS))(
    '%s: random SEQUENCE-shaped input gives a typed GmError',
    (_name, decode) => {
      const tlv = fc
        .tuple(
          fc.constantFrom(0x02, 0x03, 0x04, 0x06, 0x16, 0x18, 0x30, 0xa0),
          fc.uint8Array({ maxLength: 20 }),
        )
        .map(([tag, body]) => Uint8Array.of(tag, body.length, ...body));
      fc.assert(
        fc.property(fc.array(tlv, { maxLength: 8 }), (items) => {
          const body = items.flatMap((i) => [...i]);
          const bytes = Uint8Array.of(0x30, 0x81, body.length, ...body);
          expect(typedOutcome(() => decode(bytes))).toBeInstanceOf(GmError);
        }),
        { numRuns: 300 },
      );
    },
  );

  test('mutated real v4 signatures: typed error, or a decoded value that no longer verifies', () => {
    fc.assert(
      fc.property(mutation(V4_SIGNATURE), (m) => {
        const bytes = mutate(V4_SIGNATURE, m);
        const out = typedOutcome(() => decodeSesSignature(bytes));
        if (out instanceof GmError) return;
        const checks = verifySesSignature(out, { dataHash: V4_DATA_HASH });
        expect(checks.length).toBeGreaterThanOrEqual(10);
        if (!Buffer.from(bytes).equals(V4_SIGNATURE)) expect(sesVerdict(checks)).not.toBe('VALID');
      }),
      { numRuns: 300 },
    );
  });

  test('mutated real v1 signatures and seals: typed error or a value', () => {
    for (const base of [V1_SIGNATURE, V1_SEAL, V4_SEAL]) {
      fc.assert(
        fc.property(mutation(base), (m) => {
          const bytes = mutate(base, m);
          const out = typedOutcome(() => describeSes(bytes));
          if (out instanceof GmError) return;
          expect(['seal', 'signature']).toContain(out.kind);
        }),
        { numRuns: 150 },
      );
    }
  });

  test('mutated real seals never verify, except for key-preserving edits of the unsigned maker certificate', () => {
    const at = new Date('2021-05-19T12:53:44Z');
    const original = decodeSeal(V4_SEAL);
    const certStart = original.makerCertificate.byteOffset - original.der.byteOffset;
    const certEnd = certStart + original.makerCertificate.length;
    const makerKey = readSesCertInfo(original.makerCertificate).sm2PublicKey;
    fc.assert(
      fc.property(mutation(V4_SEAL), (m) => {
        const bytes = mutate(V4_SEAL, m);
        const out = typedOutcome(() => decodeSeal(bytes));
        if (out instanceof GmError || Buffer.from(bytes).equals(V4_SEAL)) return;
        if (sesVerdict(verifySeal(out, { at })) !== 'VALID') return;
        // v4 signs DER(SES_SealInfo) only: the certificate OCTET STRING is outside the maker
        // signature, so a change inside it that keeps the key is left to the certificate-chain check.
        expect(m.kind).toBe('flip');
        expect(m.at >= certStart && m.at < certEnd).toBe(true);
        expect(readSesCertInfo(out.makerCertificate).sm2PublicKey).toEqual(makerKey);
      }),
      { numRuns: 200 },
    );
  });

  test('every truncation of a real signature is GM_SES_MALFORMED', () => {
    for (let cut = 0; cut < V4_SIGNATURE.length; cut += 97) {
      expect(codeOf(() => decodeSesSignature(V4_SIGNATURE.subarray(0, cut)))).toBe('GM_SES_MALFORMED');
    }
    expect(codeOf(() => decodeSesSignature(V4_SIGNATURE.subarray(0, V4_SIGNATURE.length - 1)))).toBe(
      'GM_SES_MALFORMED',
    );
  });

  test('trailing bytes after the structure are rejected', () => {
    expect(codeOf(() => decodeSesSignature(Uint8Array.from([...V4_SIGNATURE, 0])))).toBe('GM_SES_MALFORMED');
    expect(codeOf(() => decodeSeal(Uint8Array.from([...V4_SEAL, 0x30, 0x00])))).toBe('GM_SES_MALFORMED');
  });

  test('deeply nested input is rejected as too deep, quickly', () => {
    const deep = nested(5000);
    const indefinite = new Uint8Array(200_000);
    for (let i = 0; i < indefinite.length; i += 2) indefinite.set([0x30, 0x80], i);
    const start = performance.now();
    expect(codeOf(() => decodeSeal(nested(200)))).toBe('GM_SES_TOO_DEEP');
    expect(codeOf(() => describeSes(deep))).toBe('GM_SES_TOO_DEEP');
    expect(codeOf(() => decodeSesSignature(indefinite))).toBe('GM_SES_TOO_DEEP');
    expect(performance.now() - start).toBeLessThan(500);
    // Real structures (7 levels) decode under the default limit, and a tighter one is honoured.
    expect(decodeSesSignature(V4_SIGNATURE).version).toBe(4);
    expect(codeOf(() => decodeSesSignature(V4_SIGNATURE, { maxDepth: 4 }))).toBe('GM_SES_TOO_DEEP');
  });

  test('oversized input is rejected before parsing', () => {
    const big = new Uint8Array(16 * 1024 * 1024 + 1);
    big[0] = 0x30;
    const start = performance.now();
    expect(codeOf(() => decodeSeal(big))).toBe('GM_SES_TOO_LARGE');
    expect(performance.now() - start).toBeLessThan(200);
    expect(codeOf(() => decodeSesSignature(V4_SIGNATURE, { maxBytes: 1000 }))).toBe('GM_SES_TOO_LARGE');
    // A 2 GiB length announced in a 7-byte input.
    expect(codeOf(() => decodeSeal(Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00)))).toBe(
      'GM_SES_TOO_LARGE',
    );
  });

  test('input with too many elements is rejected', () => {
    const body = new Uint8Array(2 * 5000).fill(0);
    for (let i = 0; i < body.length; i += 2) body[i] = 0x05;
    const bytes = Uint8Array.of(0x30, 0x82, body.length >> 8, body.length & 0xff, ...body);
    expect(codeOf(() => decodeSeal(bytes))).toBe('GM_SES_TOO_COMPLEX');
  });

  test('indefinite lengths (BER, not DER) are rejected', () => {
    // The real seal, re-wrapped with an indefinite outer length.
    const inner = V4_SEAL.subarray(4);
    const ber = Uint8Array.from([0x30, 0x80, ...inner, 0x00, 0x00]);
    expect(codeOf(() => decodeSeal(ber))).toBe('GM_SES_NOT_DER');
  });

  test('non-SES structures: wrong element counts, a v5 seal, not a SEQUENCE', () => {
    expect(codeOf(() => decodeSeal(Uint8Array.of(0x04, 0x00)))).toBe('GM_SES_MALFORMED');
    expect(codeOf(() => decodeSeal(new Uint8Array(0)))).toBe('GM_SES_MALFORMED');
    expect(codeOf(() => decodeSeal(Uint8Array.of(0x30, 0x00)))).toBe('GM_SES_MALFORMED');
    expect(codeOf(() => decodeSesSignature(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x04)))).toBe(
      'GM_SES_MALFORMED',
    );
    // A seal given to the signature decoder and the other way round.
    expect(codeOf(() => decodeSesSignature(V4_SEAL))).toBe('GM_SES_MALFORMED');
    expect(codeOf(() => decodeSeal(V4_SIGNATURE))).toBe('GM_SES_MALFORMED');
    // v5: a 5th element ([0] timeStamp) appended to a v4 seal.
    const body = [...V4_SEAL.subarray(4), 0xa0, 0x03, 0x03, 0x01, 0x00];
    const v5 = Uint8Array.of(0x30, 0x82, body.length >> 8, body.length & 0xff, ...body);
    expect(codeOf(() => decodeSeal(v5))).toBe('GM_SES_UNSUPPORTED_VERSION');
    expect(codeOf(() => decodeSeal('not bytes' as unknown as Uint8Array))).toBe('GM_SES_MALFORMED');
  });
});
