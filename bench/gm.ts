/**
 * SM2 / ECDSA throughput on this machine: `npx tsx bench/gm.ts [seconds per case]`.
 * Compares our native (OpenSSL through node:crypto) and pure SM2 paths, sm-crypto-v2 and
 * node:crypto ECDSA P-256 against `openssl speed` measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import {
  ecdsaP256GenerateKeyPair,
  ecdsaP256Sign,
  ecdsaP256Verify,
  sm2GenerateKeyPair,
  sm2Native,
  sm2Pure,
  sm2SelfTest,
} from '../packages/gm/src/index.js';

const seconds = Number(process.argv[2] ?? 2);
const message = new TextEncoder().encode('证印 zhengyin benchmark message: '.repeat(4));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Operations per second of CPU time (user + system, the whole process), as `openssl speed`
 * counts: figures stay comparable when other processes share the machine.
 */
function opsPerSecond(op: () => unknown): number {
  for (let i = 0; i < 20; i++) op();
  const cpuSeconds = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const start = cpuSeconds();
  let count = 0;
  while (cpuSeconds() - start < seconds) {
    for (let i = 0; i < 10; i++) op();
    count += 10;
  }
  return count / (cpuSeconds() - start);
}

/** `openssl speed` prints "256 bits SM2 (CurveSM2)  0.0004s  0.0004s  2475.6  2536.0". */
function opensslSpeed(algorithm: string, rowPattern: RegExp): { sign: number; verify: number } {
  const out = execFileSync('openssl', ['speed', '-seconds', '3', algorithm], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const row = out.split('\n').find((line) => rowPattern.test(line));
  const numbers = row?.trim().split(/\s+/).slice(-2).map(Number);
  if (!numbers || numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n))) {
    throw new Error(`could not parse openssl speed ${algorithm}:\n${out}`);
  }
  return { sign: numbers[0] as number, verify: numbers[1] as number };
}

const selfTest = sm2SelfTest();
if (!selfTest.native || !selfTest.pure) throw new Error(`SM2 self-test failed: ${JSON.stringify(selfTest)}`);

const key = sm2GenerateKeyPair();
const nativeSig = sm2Native.sign(key.privateKey, message);
sm2Pure.precompute(key.publicKey);
const smPriv = hex(key.privateKey);
const smPub = hex(key.publicKey);
const smPoint = smCrypto.precomputePublicKey(smPub);
const smSig = smCrypto.doSignature(message, smPriv, { der: true, hash: true, publicKey: smPub });
const ecKey = ecdsaP256GenerateKeyPair();
const ecSig = ecdsaP256Sign(ecKey.privateKey, message);

// Every path must accept the others' signatures, or the figures mean nothing.
const checks = [
  sm2Pure.verify(key.publicKey, message, nativeSig),
  sm2Native.verify(key.publicKey, message, sm2Pure.sign(key.privateKey, message)),
  sm2Native.verify(key.publicKey, message, new Uint8Array(Buffer.from(smSig, 'hex'))),
  smCrypto.doVerifySignature(message, hex(nativeSig), smPub, { der: true, hash: true }),
  ecdsaP256Verify(ecKey.publicKey, message, ecSig),
];
if (checks.some((ok) => !ok)) throw new Error(`cross-verification failed: ${checks.join(', ')}`);

console.log(`measuring ${seconds} s per case, then openssl speed (3 s per operation)…`);
const rows: Array<{ name: string; sign: number; verify: number; ref: 'sm2' | 'ecdsa' }> = [
  {
    name: 'SM2 native (node:crypto, Z‖M)',
    sign: opsPerSecond(() => sm2Native.sign(key.privateKey, message)),
    verify: opsPerSecond(() => sm2Native.verify(key.publicKey, message, nativeSig)),
    ref: 'sm2',
  },
  {
    name: 'SM2 pure TS (precomputed key table)',
    sign: opsPerSecond(() => sm2Pure.sign(key.privateKey, message)),
    verify: opsPerSecond(() => sm2Pure.verify(key.publicKey, message, nativeSig)),
    ref: 'sm2',
  },
  {
    name: 'sm-crypto-v2 {hash:true} (precomputed key)',
    sign: opsPerSecond(() =>
      smCrypto.doSignature(message, smPriv, { der: true, hash: true, publicKey: smPub }),
    ),
    verify: opsPerSecond(() =>
      smCrypto.doVerifySignature(message, smSig, smPoint, { der: true, hash: true }),
    ),
    ref: 'sm2',
  },
  {
    name: 'ECDSA P-256 (node:crypto via gm)',
    sign: opsPerSecond(() => ecdsaP256Sign(ecKey.privateKey, message)),
    verify: opsPerSecond(() => ecdsaP256Verify(ecKey.publicKey, message, ecSig)),
    ref: 'ecdsa',
  },
];
const reference = {
  sm2: opensslSpeed('sm2', /SM2 \(CurveSM2\)/),
  ecdsa: opensslSpeed('ecdsap256', /256 bits ecdsa \(nistp256\)/),
};

const pct = (value: number, ref: number) => `${((100 * value) / ref).toFixed(0)} %`;
const table = [
  { name: 'openssl speed sm2', sign: reference.sm2.sign, verify: reference.sm2.verify, ref: 'sm2' as const },
  ...rows,
  {
    name: 'openssl speed ecdsap256',
    sign: reference.ecdsa.sign,
    verify: reference.ecdsa.verify,
    ref: 'ecdsa' as const,
  },
].map((row) => ({
  implementation: row.name,
  'sign/s': Math.round(row.sign),
  'verify/s': Math.round(row.verify),
  'sign vs openssl': pct(row.sign, reference[row.ref].sign),
  'verify vs openssl': pct(row.verify, reference[row.ref].verify),
}));
console.table(table);

const native = rows[0] as (typeof rows)[0];
const pure = rows[1] as (typeof rows)[0];
const targets = [
  [`native sign ≥ 95 % of openssl`, native.sign >= 0.95 * reference.sm2.sign],
  [`native verify ≥ 95 % of openssl`, native.verify >= 0.95 * reference.sm2.verify],
  [`pure verify ≥ 1,500/s with a precomputed key`, pure.verify >= 1500],
] as const;
for (const [target, met] of targets) console.log(`${met ? 'met    ' : 'NOT met'}  ${target}`);
