import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { createSignedData } from './cms/create-signed-data.js';
import { parseSignedData } from './cms/signed-data.js';
import { verifySignedData } from './cms/verify-signed-data.js';
import { decryptPrivateKeyInfo, importPem } from './keys/import-keys.js';
import { parsePrivateKeyInfo } from './keys/private-key-info.js';
import { decodePemBlocks, encodePem } from './pem.js';
import { importPkcs12 } from './pkcs12/import-pkcs12.js';
import { AT, certPem, makeChain, makeTsa, openssl, tempDir } from './test-kit.test.js';
import type { TempDir, TestChain } from './test-kit.test.js';
import { createTimestampRequest, parseTimestampRequest } from './tsp/request.js';
import { createTimestampResponse, parseTimestampResponse } from './tsp/response.js';
import { parseTstInfo } from './tsp/tst-info.js';
import { parseTimestampToken, verifyTimestampToken } from './tsp/verify-token.js';
import { parseCertificate } from './x509/certificate.js';
import { createCrl, parseCrl } from './x509/crl.js';
import { createCsr, parseCsr } from './x509/csr.js';
import { decodeName } from './x509/name.js';
import { parsePublicKeyInfo } from './x509/public-key.js';

/** Every decoder, fed bytes; each must return or throw a GmError with a GM_ code. */
type Decoder = (bytes: Uint8Array) => unknown;

interface Sample {
  readonly name: string;
  readonly decode: Decoder;
  readonly valid: () => Uint8Array;
  /** Default size limit of the decoder, for the oversized-input test. */
  readonly maxBytes: number;
}

let dir: TempDir;
let chain: TestChain;
const samples = new Map<string, Uint8Array>();

beforeAll(async () => {
  dir = tempDir();
  chain = await makeChain('EC-P256');
  const tsa = await makeTsa(chain);
  const data = new TextEncoder().encode('fuzz');
  samples.set('certificate', chain.leaf.der);
  samples.set(
    'crl',
    (
      await createCrl({
        issuer: chain.inter,
        sign: chain.interKey.sign,
        thisUpdate: AT,
        revoked: [{ serialNumber: '01', revocationDate: AT, reason: 'superseded' }],
      })
    ).der,
  );
  samples.set(
    'csr',
    (
      await createCsr({
        subject: [{ type: 'CN', value: '模糊测试' }],
        publicKey: chain.leafKey.spki,
        sign: chain.leafKey.sign,
      })
    ).der,
  );
  samples.set(
    'cms',
    await createSignedData({
      content: data,
      signerCertificate: chain.leaf,
      sign: chain.leafKey.sign,
      signingTime: AT,
    }),
  );
  const request = createTimestampRequest({ data, nonce: 7n });
  samples.set('tsq', request.der);
  const response = await createTimestampResponse({
    request,
    tsaCert: tsa.cert,
    signer: tsa.key.sign,
    serial: '05',
    time: AT,
    policy: '1.2.3.4',
  });
  samples.set('tsr', response.der);
  samples.set('token', response.token as Uint8Array);
  samples.set('tstinfo', parseTimestampToken(response.token as Uint8Array).tstInfo.der);
  samples.set('name', chain.leaf.subject.der);
  samples.set('spki', chain.leaf.publicKey.spki);
  samples.set('pkcs8', chain.leafKey.pkcs8);
  const keyFile = dir.write('k.pem', chain.leafKey.pem);
  const certFile = dir.write('c.pem', certPem(chain.leaf));
  expect(
    openssl([
      'pkcs12',
      '-export',
      '-inkey',
      keyFile,
      '-in',
      certFile,
      '-passout',
      'pass:pw',
      '-out',
      dir.path('f.p12'),
    ]).status,
  ).toBe(0);
  samples.set('p12', new Uint8Array(readFileSync(dir.path('f.p12'))));
  expect(
    openssl([
      'pkcs8',
      '-topk8',
      '-in',
      keyFile,
      '-passout',
      'pass:pw',
      '-outform',
      'DER',
      '-out',
      dir.path('e.der'),
    ]).status,
  ).toBe(0);
  samples.set('epki', new Uint8Array(readFileSync(dir.path('e.der'))));
});

afterAll(() => dir.remove());

const sample = (name: string) => (): Uint8Array => samples.get(name) as Uint8Array;

const DECODERS: readonly Sample[] = [
  {
    name: 'certificate',
    decode: (b) => parseCertificate(b),
    valid: sample('certificate'),
    maxBytes: 256 * 1024,
  },
  { name: 'CRL', decode: (b) => parseCrl(b), valid: sample('crl'), maxBytes: 32 * 1024 * 1024 },
  { name: 'CSR', decode: (b) => parseCsr(b), valid: sample('csr'), maxBytes: 128 * 1024 },
  { name: 'CMS', decode: (b) => parseSignedData(b), valid: sample('cms'), maxBytes: 16 * 1024 * 1024 },
  {
    name: 'CMS verification',
    decode: (b) => verifySignedData(b, { content: new TextEncoder().encode('fuzz') }),
    valid: sample('cms'),
    maxBytes: 16 * 1024 * 1024,
  },
  {
    name: 'TimeStampReq',
    decode: (b) => parseTimestampRequest(b),
    valid: sample('tsq'),
    maxBytes: 1024 * 1024,
  },
  {
    name: 'TimeStampResp',
    decode: (b) => parseTimestampResponse(b),
    valid: sample('tsr'),
    maxBytes: 16 * 1024 * 1024,
  },
  {
    name: 'timestamp token verification',
    decode: (b) => verifyTimestampToken({ token: b, data: new TextEncoder().encode('fuzz') }),
    valid: sample('token'),
    maxBytes: 16 * 1024 * 1024,
  },
  { name: 'TSTInfo', decode: (b) => parseTstInfo(b), valid: sample('tstinfo'), maxBytes: 256 * 1024 },
  { name: 'PKCS#12', decode: (b) => importPkcs12(b, 'pw'), valid: sample('p12'), maxBytes: 4 * 1024 * 1024 },
  {
    name: 'EncryptedPrivateKeyInfo',
    decode: (b) => decryptPrivateKeyInfo(b, 'pw'),
    valid: sample('epki'),
    maxBytes: 64 * 1024,
  },
  { name: 'Name', decode: (b) => decodeName(b), valid: sample('name'), maxBytes: 64 * 1024 },
  {
    name: 'SubjectPublicKeyInfo',
    decode: (b) => parsePublicKeyInfo(b),
    valid: sample('spki'),
    maxBytes: 16 * 1024,
  },
  { name: 'PKCS#8', decode: (b) => parsePrivateKeyInfo(b), valid: sample('pkcs8'), maxBytes: 16 * 1024 },
];

/** Runs `fn`; a throw must be a GmError with a GM_ code. Returns the error, if any. */
function outcome(fn: () => unknown): GmError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof GmError)) throw new Error(`untyped error: ${String(error)}`, { cause: error });
    expect(error.code).toMatch(/^GM_[A-Z0-9_]+$/);
    return error;
  }
}

const nestedCache = new Map<string, Uint8Array>();

function nested(depth: number, indefinite: boolean): Uint8Array {
  const key = `${depth}/${indefinite}`;
  const cached = nestedCache.get(key);
  if (cached) return cached;
  const built = buildNested(depth, indefinite);
  nestedCache.set(key, built);
  return built;
}

function buildNested(depth: number, indefinite: boolean): Uint8Array {
  if (indefinite) {
    const out = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) out.set([0x30, 0x80], 2 * i);
    return out; // closed by depth pairs of 00 00
  }
  let inner: Uint8Array = Uint8Array.of(0x05, 0x00);
  for (let i = 0; i < depth; i++) {
    const n = inner.length;
    const header =
      n < 0x80
        ? [0x30, n]
        : n < 0x100
          ? [0x30, 0x81, n]
          : n < 0x10000
            ? [0x30, 0x82, n >> 8, n & 0xff]
            : [0x30, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    const next = new Uint8Array(header.length + n);
    next.set(header);
    next.set(inner, header.length);
    inner = next;
  }
  return inner;
}

describe.each(DECODERS)('$name decoder on hostile input', ({ decode, valid, maxBytes }) => {
  it('accepts the valid sample', () => {
    expect(outcome(() => decode(valid()))).toBeUndefined();
  });

  it('rejects every truncation with a typed error', () => {
    const bytes = valid();
    const cuts = new Set([0, 1, 2, 3, 10, bytes.length >> 1, bytes.length - 2, bytes.length - 1]);
    for (let i = 0; i < bytes.length; i += Math.max(1, Math.floor(bytes.length / 60))) cuts.add(i);
    for (const cut of cuts) {
      if (cut >= bytes.length) continue;
      expect(outcome(() => decode(bytes.subarray(0, cut)))).toBeInstanceOf(GmError);
    }
  });

  it('rejects trailing bytes', () => {
    const bytes = valid();
    expect(outcome(() => decode(new Uint8Array([...bytes, 0x00])))?.code).toMatch(/^GM_/);
  });

  it('rejects 10,000 (and 100) nested SEQUENCEs, definite and indefinite, as too deep', () => {
    for (const depth of [10_000, 100]) {
      for (const indefinite of [false, true]) {
        const input = nested(depth, indefinite);
        // Decoders with small size limits stop at the size check first.
        const expected = input.length > maxBytes ? 'GM_ASN1_TOO_LARGE' : 'GM_ASN1_TOO_DEEP';
        expect(outcome(() => decode(input))?.code).toBe(expected);
      }
    }
  });

  it('rejects oversized input before parsing it', () => {
    const big = new Uint8Array(maxBytes + 1);
    big[0] = 0x30;
    const error = outcome(() => decode(big));
    expect(error?.code).toBe('GM_ASN1_TOO_LARGE');
  });

  it('rejects random garbage with typed errors (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        expect(outcome(() => decode(bytes))).toBeInstanceOf(GmError);
      }),
      { numRuns: 150 },
    );
  });

  it('returns or throws typed errors on mutated valid input (property)', () => {
    const bytes = valid();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (mutations) => {
          const copy = new Uint8Array(bytes);
          for (const [at, xor] of mutations) copy[at] = (copy[at] as number) ^ xor;
          outcome(() => decode(copy));
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('length fields and PEM', () => {
  it('rejects lengths that claim more than the input and non-minimal encodings of huge lengths', () => {
    for (const bytes of [
      Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x05, 0x00),
      Uint8Array.of(0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00),
      Uint8Array.of(0x1f, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00),
      Uint8Array.of(0x04, 0x80, 0x00, 0x00),
    ]) {
      expect(outcome(() => parseCertificate(bytes))?.code).toMatch(/^GM_ASN1_/);
    }
  });

  it('PEM: rejects oversized text, broken base64 and unterminated blocks', () => {
    expect(outcome(() => decodePemBlocks('x'.repeat(17 * 1024 * 1024)))?.code).toBe('GM_PEM_TOO_LARGE');
    expect(
      outcome(() => decodePemBlocks('-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n'))?.code,
    ).toBe('GM_PEM_MALFORMED');
    expect(outcome(() => decodePemBlocks('-----BEGIN CERTIFICATE-----\nMIIB\n'))?.code).toBe(
      'GM_PEM_MALFORMED',
    );
    expect(outcome(() => decodePemBlocks('-----BEGIN A-----\nAAAA\n-----END B-----\n'))?.code).toBe(
      'GM_PEM_MALFORMED',
    );
    expect(outcome(() => parseCertificate('no pem here'))?.code).toBe('GM_PEM_NO_BLOCK');
  });

  it('PEM: random text and mutated PEM give blocks or typed errors (property)', () => {
    const pem = encodePem('CERTIFICATE', chain.leaf.der) + chain.leafKey.pem;
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        outcome(() => importPem(text));
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.nat({ max: pem.length - 1 }),
        fc.string({ minLength: 1, maxLength: 3 }),
        (at, insert) => {
          outcome(() => importPem(pem.slice(0, at) + insert + pem.slice(at + 1)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
