import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditRecord, Clock, KeyAlgorithm, KeyCaller, KeyVault, UnitOfWork } from '@zhengyin/core';
import { AppError } from '@zhengyin/core';
import {
  ecdsaP256GenerateKeyPair,
  ecdsaP256Verify,
  rsaGenerateKeyPair,
  rsaVerify,
  sm2GenerateKeyPair,
  sm2PrivateKeyToPkcs8,
  sm2PublicKeyFromSpki,
  sm2PublicKeyToPem,
  sm2PublicKeyToSpki,
  sm2Verify,
} from '@zhengyin/gm';
import { kyselyUnitOfWork } from '../repositories/unit-of-work.js';
import type { TestDatabase } from '../testing/database.js';
import { createTestDatabase } from '../testing/database.js';
import { WrongPinError, masterKeyId, openMasterLayer, unwrapKey } from './key-wrap.js';
import { cryptoIds } from './runtime.js';
import { softwareKeyVault } from './software-key-vault.js';

class MovableClock implements Clock {
  private current = new Date('2026-11-20T02:00:00.000Z').getTime();
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current += ms;
  }
}

const FAST_SCRYPT = { N: 1 << 10, r: 8, p: 1 };
const MINUTE = 60_000;
const by: KeyCaller = {
  actor: { kind: 'system', id: 'vault-test' },
  meta: { requestId: 'req-keys', clientIp: '127.0.0.1' },
};
const message = new TextEncoder().encode('证照签章数据 licence 2026');
const other = new TextEncoder().encode('证照签章数据 licence 2027');

let db: TestDatabase;
let uow: UnitOfWork;
let vault: KeyVault;
const clock = new MovableClock();
const masterKey = new Uint8Array(randomBytes(32));

const makeVault = (
  options: { key?: Uint8Array; uow?: UnitOfWork; maxAttempts?: number; lockMinutes?: number } = {},
) =>
  softwareKeyVault({
    uow: options.uow ?? uow,
    masterKey: options.key ?? masterKey,
    clock,
    ids: cryptoIds,
    pinScrypt: FAST_SCRYPT,
    lockout: {
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.lockMinutes ? { lockMinutes: options.lockMinutes } : {}),
    },
  });

beforeAll(async () => {
  db = await createTestDatabase();
  uow = kyselyUnitOfWork(db.database.db);
  vault = makeVault();
});
afterAll(() => db.close());

/** Awaits a call that must fail with an AppError and returns it. */
async function refused(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

async function events(keyRef: string): Promise<AuditRecord[]> {
  const records = await uow.run((r) => r.auditReader.query({ targetId: keyRef, limit: 100 }));
  return records.sort((a, b) => a.seq - b.seq);
}

async function rawRow(keyRef: string) {
  const { rows } = await sql<
    Record<string, unknown>
  >`SELECT * FROM vault_keys WHERE key_ref = ${keyRef}`.execute(db.database.db);
  const {
    rows: [text],
  } = await sql<{
    t: string;
  }>`SELECT vault_keys::text AS t FROM vault_keys WHERE key_ref = ${keyRef}`.execute(db.database.db);
  return { row: rows[0]!, text: text!.t };
}

const contains = (haystack: Uint8Array, needle: Uint8Array) =>
  Buffer.from(haystack).indexOf(Buffer.from(needle)) >= 0;

/** Every column of the stored row as bytes, plus the row's text form (bytea as hex). */
function rowBytes({ row, text }: { row: Record<string, unknown>; text: string }): Uint8Array[] {
  const values = Object.values(row).flatMap((v) =>
    v instanceof Uint8Array ? [v] : typeof v === 'string' ? [new TextEncoder().encode(v)] : [],
  );
  return [...values, new TextEncoder().encode(text)];
}

function leaks(row: { row: Record<string, unknown>; text: string }, secret: Uint8Array): boolean {
  const hex = Buffer.from(secret).toString('hex');
  const forms = [
    secret,
    new TextEncoder().encode(hex),
    new TextEncoder().encode(Buffer.from(secret).toString('base64').slice(0, 40)),
    new TextEncoder().encode(Buffer.from(secret).toString('base64url').slice(0, 40)),
  ];
  return rowBytes(row).some((haystack) =>
    forms.some((form) => contains(haystack, form) || contains(haystack, form.subarray(0, 24))),
  );
}

function verifyWith(
  alg: KeyAlgorithm,
  spki: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
  id?: Uint8Array,
) {
  if (alg === 'sm2') return sm2Verify(sm2PublicKeyFromSpki(spki), data, signature, id ? { id } : {});
  if (alg === 'ecdsa-p256') return ecdsaP256Verify(spki, data, signature);
  return rsaVerify(spki, data, signature);
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    ),
  );
}

describe.each(['sm2', 'ecdsa-p256', 'rsa2048'] as const)('%s keys', (alg) => {
  test('generate, sign by reference, verify; tampered data and signatures fail', async () => {
    const info = await vault.generate({ alg, label: `platform ${alg}` }, by);
    expect(info.alg).toBe(alg);
    expect(await vault.publicKey(info.keyRef)).toEqual(info.publicKey);
    expect(await vault.describe(info.keyRef)).toEqual({
      keyRef: info.keyRef,
      alg,
      label: `platform ${alg}`,
      hasPin: false,
      pinAttemptsLeft: null,
      lockedUntil: null,
      destroyedAt: null,
      createdAt: clock.now(),
    });
    const signature = await vault.sign({ keyRef: info.keyRef, data: message });
    if (alg === 'rsa2048') expect(signature).toHaveLength(256);
    else expect(signature[0]).toBe(0x30); // DER SEQUENCE{r, s}
    expect(verifyWith(alg, info.publicKey, message, signature)).toBe(true);
    expect(verifyWith(alg, info.publicKey, other, signature)).toBe(false);
    const flipped = new Uint8Array(signature);
    flipped[flipped.length - 3]! ^= 0x01;
    expect(verifyWith(alg, info.publicKey, message, flipped)).toBe(false);
    const [created] = await events(info.keyRef);
    expect(created).toMatchObject({
      action: 'keys.generated',
      actorId: 'vault-test',
      requestId: 'req-keys',
      targetType: 'key',
      targetId: info.keyRef,
      details: { alg, label: `platform ${alg}`, hasPin: false, masterKeyId: masterKeyId(masterKey) },
    });
  });
});

test('SM2 signatures carry Z for the user ID (default and custom), RSA is PKCS#1 v1.5', async () => {
  const sm2 = await vault.generate({ alg: 'sm2', label: 'id test' }, by);
  const id = new TextEncoder().encode('zhengyin@example');
  const withId = await vault.sign({ keyRef: sm2.keyRef, data: message, id });
  expect(verifyWith('sm2', sm2.publicKey, message, withId, id)).toBe(true);
  expect(verifyWith('sm2', sm2.publicKey, message, withId)).toBe(false);
  const rsa = await vault.generate({ alg: 'rsa2048', label: 'v1.5' }, by);
  const first = await vault.sign({ keyRef: rsa.keyRef, data: message });
  expect(first).toHaveLength(256);
  expect(await vault.sign({ keyRef: rsa.keyRef, data: message })).toEqual(first); // v1.5 is deterministic
  expect(rsaVerify(rsa.publicKey, message, first, { padding: 'pss' })).toBe(false);
});

test('OpenSSL verifies an SM2 signature with distid 1234567812345678 and rejects a tampered one', async () => {
  const info = await vault.generate({ alg: 'sm2', label: 'openssl' }, by);
  const signature = await vault.sign({ keyRef: info.keyRef, data: message });
  const dir = await mkdtemp(join(tmpdir(), 'zhengyin-vault-'));
  try {
    await writeFile(join(dir, 'pub.pem'), sm2PublicKeyToPem(sm2PublicKeyFromSpki(info.publicKey)));
    await writeFile(join(dir, 'data'), message);
    await writeFile(join(dir, 'sig'), signature);
    await writeFile(join(dir, 'other'), other);
    const verify = (data: string) =>
      run('openssl', [
        'pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'pub.pem'), '-rawin', '-digest', 'sm3',
        '-pkeyopt', 'distid:1234567812345678', '-in', join(dir, data), '-sigfile', join(dir, 'sig'),
      ]); // prettier-ignore
    const good = await verify('data');
    expect(good.output).toContain('Signature Verified Successfully');
    expect(good.code).toBe(0);
    const bad = await verify('other');
    expect(bad.code).not.toBe(0);
    expect(bad.output).not.toContain('Signature Verified Successfully');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describe('import', () => {
  const sm2Pair = sm2GenerateKeyPair();
  const sources = {
    sm2: { pkcs8: sm2PrivateKeyToPkcs8(sm2Pair.privateKey), spki: sm2PublicKeyToSpki(sm2Pair.publicKey) },
    'ecdsa-p256': (() => {
      const p = ecdsaP256GenerateKeyPair();
      return { pkcs8: p.privateKey, spki: p.publicKey };
    })(),
    rsa2048: (() => {
      const p = rsaGenerateKeyPair(2048);
      return { pkcs8: p.privateKey, spki: p.publicKey };
    })(),
  };

  test.each(['sm2', 'ecdsa-p256', 'rsa2048'] as const)(
    '%s: the imported key signs for its public key',
    async (alg) => {
      const info = await vault.importKey({ alg, pkcs8: sources[alg].pkcs8, label: `CA-issued ${alg}` }, by);
      expect(info.publicKey).toEqual(sources[alg].spki);
      const signature = await vault.sign({ keyRef: info.keyRef, data: message });
      expect(verifyWith(alg, sources[alg].spki, message, signature)).toBe(true);
      expect((await events(info.keyRef)).map((e) => e.action)).toEqual(['keys.imported']);
    },
  );

  test('malformed, mismatched and unsupported keys are refused with typed errors and store nothing', async () => {
    const count = async () =>
      Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM vault_keys`.execute(db.database.db)).rows[0]!.n,
      );
    const before = await count();
    const der = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
      new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
    const p384 = der(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey);
    const rsa1024 = der(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
    const ed25519 = der(generateKeyPairSync('ed25519').privateKey);
    const cases: [KeyAlgorithm, Uint8Array, string][] = [
      ['sm2', new Uint8Array([0x30, 0x03, 0x02, 0x01]), 'KEYS_IMPORT_INVALID'],
      ['sm2', sources.sm2.pkcs8.subarray(0, 40), 'KEYS_IMPORT_INVALID'],
      ['sm2', sources['ecdsa-p256'].pkcs8, 'KEYS_IMPORT_INVALID'],
      ['sm2', new Uint8Array(20_000).fill(0x30), 'KEYS_IMPORT_INVALID'],
      ['ecdsa-p256', new Uint8Array(0), 'KEYS_IMPORT_INVALID'],
      ['ecdsa-p256', new Uint8Array(randomBytes(200)), 'KEYS_IMPORT_INVALID'],
      ['ecdsa-p256', sources.sm2.pkcs8, 'KEYS_IMPORT_INVALID'],
      ['ecdsa-p256', sources.rsa2048.pkcs8, 'KEYS_IMPORT_INVALID'],
      ['ecdsa-p256', p384, 'KEYS_ALGORITHM_UNSUPPORTED'],
      ['rsa2048', sources['ecdsa-p256'].pkcs8, 'KEYS_IMPORT_INVALID'],
      ['rsa2048', rsa1024, 'KEYS_ALGORITHM_UNSUPPORTED'],
      ['rsa2048', ed25519, 'KEYS_IMPORT_INVALID'],
      ['ed25519' as KeyAlgorithm, ed25519, 'KEYS_ALGORITHM_UNSUPPORTED'],
    ];
    for (const [alg, pkcs8, code] of cases) {
      const error = await refused(vault.importKey({ alg, pkcs8, label: 'bad' }, by));
      expect({ alg, code: error.code }).toEqual({ alg, code });
    }
    expect((await refused(vault.generate({ alg: 'dsa' as KeyAlgorithm, label: 'x' }, by))).code).toBe(
      'KEYS_ALGORITHM_UNSUPPORTED',
    );
    expect((await refused(vault.generate({ alg: 'sm2', label: 'x', pin: '123' }, by))).code).toBe(
      'KEYS_PIN_POLICY',
    );
    expect(await count()).toBe(before);
  });
});

describe('at rest', () => {
  test('the stored row never holds the private key in clear, with or without PIN', async () => {
    const pair = sm2GenerateKeyPair();
    const pkcs8 = sm2PrivateKeyToPkcs8(pair.privateKey);
    const ecdsa = ecdsaP256GenerateKeyPair();
    const rsa = rsaGenerateKeyPair(2048);
    const stored = [
      { alg: 'sm2' as const, pkcs8, secrets: [pkcs8, pair.privateKey], pin: undefined },
      { alg: 'sm2' as const, pkcs8, secrets: [pkcs8, pair.privateKey], pin: '13579246' },
      { alg: 'ecdsa-p256' as const, pkcs8: ecdsa.privateKey, secrets: [ecdsa.privateKey], pin: undefined },
      { alg: 'rsa2048' as const, pkcs8: rsa.privateKey, secrets: [rsa.privateKey], pin: '13579246' },
    ];
    for (const s of stored) {
      const info = await vault.importKey({ alg: s.alg, pkcs8: s.pkcs8, label: 'at rest', pin: s.pin }, by);
      const row = await rawRow(info.keyRef);
      expect(leaks(row, info.publicKey)).toBe(true); // the search does find what is stored
      for (const secret of s.secrets) expect(leaks(row, secret)).toBe(false);
      expect(row.row.master_key_id).toBe(masterKeyId(masterKey));
    }
  });

  test('with a PIN the master key alone opens only the PIN-encrypted layer', async () => {
    const pair = sm2GenerateKeyPair();
    const pkcs8 = sm2PrivateKeyToPkcs8(pair.privateKey);
    const info = await vault.importKey({ alg: 'sm2', pkcs8, label: 'seal', pin: '86420135' }, by);
    const key = (await uow.run((r) => r.keys.get(info.keyRef)))!;
    const stored = { wrapped: key.wrapped!, masterKeyId: key.masterKeyId!, pinKdf: key.pinKdf };
    const ctx = { keyRef: key.keyRef, alg: key.alg };
    expect(key.pinKdf).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}$/);
    const layer = openMasterLayer(stored, masterKey, ctx);
    expect(contains(layer, pair.privateKey) || contains(layer, pkcs8)).toBe(false);
    expect((await refused(unwrapKey(stored, masterKey, ctx))).code).toBe('KEYS_PIN_REQUIRED');
    await expect(unwrapKey(stored, masterKey, ctx, '86420136')).rejects.toBeInstanceOf(WrongPinError);
    expect(await unwrapKey(stored, masterKey, ctx, '86420135')).toEqual(pkcs8);
  });

  test('rows wrapped under another master key, altered or moved to another row refuse', async () => {
    const a = await vault.generate({ alg: 'ecdsa-p256', label: 'a' }, by);
    const b = await vault.generate({ alg: 'ecdsa-p256', label: 'b' }, by);
    const otherKey = new Uint8Array(randomBytes(32));
    const foreign = makeVault({ key: otherKey });
    const mismatch = await refused(foreign.sign({ keyRef: a.keyRef, data: message }));
    expect(mismatch.code).toBe('KEYS_UNWRAP_FAILED');
    expect(mismatch.details).toMatchObject({
      reason: 'master-key-mismatch',
      wrappedUnder: masterKeyId(masterKey),
    });

    // Relabelled as the other key's: the id matches but the blob does not authenticate.
    const c = await vault.generate({ alg: 'sm2', label: 'c' }, by);
    await sql`UPDATE vault_keys SET master_key_id = ${masterKeyId(otherKey)} WHERE key_ref = ${c.keyRef}`.execute(
      db.database.db,
    );
    expect((await refused(foreign.sign({ keyRef: c.keyRef, data: message }))).details).toMatchObject({
      reason: 'corrupt',
    });

    // b's blob copied into a's row: bound to b's reference, so it does not open as a.
    await sql`UPDATE vault_keys SET wrapped = (SELECT wrapped FROM vault_keys WHERE key_ref = ${b.keyRef})
              WHERE key_ref = ${a.keyRef}`.execute(db.database.db);
    expect((await refused(vault.sign({ keyRef: a.keyRef, data: message }))).details).toMatchObject({
      reason: 'corrupt',
    });

    // One flipped bit (XOR, so it always changes the byte).
    await sql`UPDATE vault_keys SET wrapped = set_byte(wrapped, 19, get_byte(wrapped, 19) # 1)
              WHERE key_ref = ${b.keyRef}`.execute(db.database.db);
    expect((await refused(vault.sign({ keyRef: b.keyRef, data: message }))).code).toBe('KEYS_UNWRAP_FAILED');
  });
});

describe('PIN', () => {
  test('wrong PINs count down durably, then lock; the lock expires; a right PIN resets the count', async () => {
    const pin = '24681012';
    const info = await vault.generate({ alg: 'sm2', label: 'seal of 西安市数据局', pin }, by);
    const sign = (p?: string) =>
      vault.sign({ keyRef: info.keyRef, data: message, ...(p ? { pin: p } : {}) }, by);
    expect(await vault.describe(info.keyRef)).toMatchObject({
      hasPin: true,
      pinAttemptsLeft: 5,
      lockedUntil: null,
    });

    expect((await refused(sign())).code).toBe('KEYS_PIN_REQUIRED');
    expect((await vault.describe(info.keyRef)).pinAttemptsLeft).toBe(5);

    for (const left of [4, 3, 2, 1]) {
      const e = await refused(sign('00000000'));
      expect({ code: e.code, details: e.details }).toEqual({
        code: 'KEYS_PIN_INVALID',
        details: { attemptsLeft: left },
      });
    }
    // Counted in the database, not in this vault object.
    expect((await makeVault().describe(info.keyRef)).pinAttemptsLeft).toBe(1);
    expect((await rawRow(info.keyRef)).row.failed_pin_attempts).toBe(4);

    const until = new Date(clock.now().getTime() + 15 * MINUTE);
    const last = await refused(sign('11111111'));
    expect({ code: last.code, details: last.details }).toEqual({
      code: 'KEYS_PIN_INVALID',
      details: { attemptsLeft: 0, lockedUntil: until.toISOString() },
    });
    const locked = await refused(sign(pin));
    expect({ code: locked.code, details: locked.details }).toEqual({
      code: 'KEYS_LOCKED',
      details: { until: until.toISOString() },
    });
    expect(await vault.describe(info.keyRef)).toMatchObject({ pinAttemptsLeft: 0, lockedUntil: until });
    const lockEvents = (await events(info.keyRef)).filter((e) => e.action === 'keys.locked');
    expect(lockEvents).toHaveLength(1);
    expect(lockEvents[0]).toMatchObject({
      actorId: 'vault-test',
      details: { until: until.toISOString(), maxAttempts: 5, lockMinutes: 15 },
    });

    clock.advance(15 * MINUTE - 1);
    expect((await refused(sign(pin))).code).toBe('KEYS_LOCKED');
    clock.advance(1);
    expect(verifyWith('sm2', info.publicKey, message, await sign(pin))).toBe(true);
    expect(await vault.describe(info.keyRef)).toMatchObject({ pinAttemptsLeft: 5, lockedUntil: null });

    for (let i = 0; i < 3; i++) await refused(sign('22222222'));
    expect((await vault.describe(info.keyRef)).pinAttemptsLeft).toBe(2);
    await sign(pin);
    for (const left of [4, 3, 2, 1])
      expect((await refused(sign('33333333'))).details).toEqual({ attemptsLeft: left });
  });

  test('the threshold and lock duration come from the constructor', async () => {
    const strict = makeVault({ maxAttempts: 2, lockMinutes: 1 });
    const info = await strict.generate({ alg: 'ecdsa-p256', label: 'strict', pin: '55555555' }, by);
    expect(
      (await refused(strict.sign({ keyRef: info.keyRef, data: message, pin: '5555555x' }))).details,
    ).toEqual({
      attemptsLeft: 1,
    });
    expect(
      (await refused(strict.sign({ keyRef: info.keyRef, data: message, pin: '5555555x' }))).details,
    ).toEqual({
      attemptsLeft: 0,
      lockedUntil: new Date(clock.now().getTime() + MINUTE).toISOString(),
    });
    clock.advance(MINUTE);
    const signature = await strict.sign({ keyRef: info.keyRef, data: message, pin: '55555555' });
    expect(ecdsaP256Verify(info.publicKey, message, signature)).toBe(true);
  });

  test('concurrent wrong PINs cannot get past the threshold', async () => {
    const info = await vault.generate({ alg: 'sm2', label: 'race', pin: '77777777' }, by);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        refused(vault.sign({ keyRef: info.keyRef, data: message, pin: '00000000' }, by)),
      ),
    );
    const invalid = outcomes.filter((e) => e.code === 'KEYS_PIN_INVALID');
    expect(invalid.map((e) => e.details?.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(outcomes.filter((e) => e.code === 'KEYS_LOCKED')).toHaveLength(3);
    expect((await events(info.keyRef)).filter((e) => e.action === 'keys.locked')).toHaveLength(1);
  });

  test('changePin: the old PIN is checked and counted, the new one must meet the policy', async () => {
    const info = await vault.generate({ alg: 'rsa2048', label: 'pin change', pin: 'old-pin-1' }, by);
    const change = (oldPin: string | undefined, newPin: string) =>
      vault.changePin({ keyRef: info.keyRef, ...(oldPin ? { oldPin } : {}), newPin }, by);
    expect((await refused(change(undefined, 'new-pin-2'))).code).toBe('KEYS_PIN_REQUIRED');
    expect((await refused(change('wrong-pin', 'new-pin-2'))).details).toEqual({ attemptsLeft: 4 });
    expect((await refused(change('old-pin-1', '123'))).code).toBe('KEYS_PIN_POLICY');
    expect((await vault.describe(info.keyRef)).pinAttemptsLeft).toBe(4);

    await change('old-pin-1', 'new-pin-2');
    expect((await vault.describe(info.keyRef)).pinAttemptsLeft).toBe(5);
    expect((await refused(vault.sign({ keyRef: info.keyRef, data: message, pin: 'old-pin-1' }))).code).toBe(
      'KEYS_PIN_INVALID',
    );
    const signature = await vault.sign({ keyRef: info.keyRef, data: message, pin: 'new-pin-2' });
    expect(rsaVerify(info.publicKey, message, signature)).toBe(true);
    expect((await events(info.keyRef)).map((e) => [e.action, e.details])).toEqual([
      ['keys.generated', expect.objectContaining({ hasPin: true })],
      ['keys.pin_changed', { hadPin: true }],
    ]);
  });

  test('a PIN can be set on a key that had none', async () => {
    const info = await vault.generate({ alg: 'sm2', label: 'later PIN' }, by);
    await vault.changePin({ keyRef: info.keyRef, newPin: 'first-pin' }, by);
    expect((await vault.describe(info.keyRef)).hasPin).toBe(true);
    expect((await refused(vault.sign({ keyRef: info.keyRef, data: message }))).code).toBe(
      'KEYS_PIN_REQUIRED',
    );
    const signature = await vault.sign({ keyRef: info.keyRef, data: message, pin: 'first-pin' });
    expect(verifyWith('sm2', info.publicKey, message, signature)).toBe(true);
    expect((await events(info.keyRef)).at(-1)).toMatchObject({
      action: 'keys.pin_changed',
      details: { hadPin: false },
    });
  });
});

describe('destroy and unknown keys', () => {
  test('destroy erases the wrapped key for good; the public key stays', async () => {
    const info = await vault.generate({ alg: 'ecdsa-p256', label: 'to destroy', pin: '99999999' }, by);
    clock.advance(MINUTE);
    await vault.destroy(info.keyRef, by);
    const { row } = await rawRow(info.keyRef);
    expect(row).toMatchObject({ wrapped: null, master_key_id: null });
    expect((await vault.describe(info.keyRef)).destroyedAt).toEqual(clock.now());
    expect(await vault.publicKey(info.keyRef)).toEqual(info.publicKey);
    for (const attempt of [
      () => vault.sign({ keyRef: info.keyRef, data: message, pin: '99999999' }),
      () => vault.changePin({ keyRef: info.keyRef, oldPin: '99999999', newPin: '88888888' }, by),
      () => vault.destroy(info.keyRef, by),
    ]) {
      expect((await refused(attempt())).code).toBe('KEYS_DESTROYED');
    }
    expect((await events(info.keyRef)).map((e) => e.action)).toEqual(['keys.generated', 'keys.destroyed']);
  });

  test('unknown references give KEYS_NOT_FOUND everywhere', async () => {
    const ref = '00000000-0000-4000-8000-000000000000';
    // Started one at a time: a rejection created before it is awaited counts as unhandled.
    for (const attempt of [
      () => vault.sign({ keyRef: ref, data: message }),
      () => vault.publicKey(ref),
      () => vault.describe('not a uuid'),
      () => vault.changePin({ keyRef: ref, newPin: '12345678' }, by),
      () => vault.destroy(ref, by),
    ]) {
      expect((await refused(attempt())).code).toBe('KEYS_NOT_FOUND');
    }
  });
});

describe('one transaction', () => {
  const labelled = async (label: string) =>
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM vault_keys WHERE label = ${label}`.execute(
        db.database.db,
      )
    ).rows[0]!.n;
  const head = () => uow.run((r) => r.auditReader.head());

  test('a rolled-back transaction leaves neither the key nor its event', async () => {
    const before = await head();
    const rollingBack: UnitOfWork = {
      read: (work) => uow.read(work),
      run: (work) =>
        uow.run(async (r) => {
          await work(r);
          throw new Error('rolled back after the work');
        }),
    };
    await expect(
      makeVault({ uow: rollingBack }).generate({ alg: 'sm2', label: 'rolled back' }, by),
    ).rejects.toThrow('rolled back after the work');
    const auditDown: UnitOfWork = {
      read: (work) => uow.read(work),
      run: (work) =>
        uow.run((r) =>
          work({
            ...r,
            audit: {
              append: () => Promise.reject(new Error('audit store down')),
            },
          }),
        ),
    };
    await expect(
      makeVault({ uow: auditDown }).generate({ alg: 'sm2', label: 'no audit' }, by),
    ).rejects.toThrow('audit store down');
    expect(Number(await labelled('rolled back'))).toBe(0);
    expect(Number(await labelled('no audit'))).toBe(0);
    expect(await head()).toEqual(before);

    const committed = await vault.generate({ alg: 'sm2', label: 'committed' }, by);
    expect(Number(await labelled('committed'))).toBe(1);
    expect((await head()).seq).toBe(before.seq + 1);
    expect((await events(committed.keyRef)).map((e) => e.action)).toEqual(['keys.generated']);
  });
});
