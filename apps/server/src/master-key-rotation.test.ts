import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps, KeyVault } from '@zhengyin/core';
import {
  AppError,
  SYSTEM_ACTOR,
  createApp,
  createDepartment,
  createRegion,
  createUser,
  rotateAppSecret,
  verifyAuditChainUnchecked,
} from '@zhengyin/core';
import { ecdsaP256Verify, sm2PublicKeyFromSpki, sm2Verify } from '@zhengyin/gm';
import { masterKeyId, openMasterLayer } from './adapters/key-wrap.js';
import { scryptPasswordHasher } from './adapters/password-hasher.js';
import { cryptoIds } from './adapters/runtime.js';
import { aesGcmSecretBox } from './adapters/secret-box.js';
import { softwareKeyVault } from './adapters/software-key-vault.js';
import { loadConfig } from './config/load.js';
import { coreDeps } from './container.js';
import { rotateMasterKey } from './master-key-rotation.js';
import { kyselyUnitOfWork } from './repositories/unit-of-work.js';
import type { TestDatabase } from './testing/database.js';
import { createTestDatabase } from './testing/database.js';

const key = () => new Uint8Array(randomBytes(32));
const K1 = key();
const K2 = key();
const STRANGER = key();
const PIN = 'seal-pin-2026';
const message = new TextEncoder().encode('to be signed');
const meta = { requestId: 'rotation-test', clientIp: null };
const call = <I>(input: I) => ({ actor: SYSTEM_ACTOR, meta, input });
const by = { actor: SYSTEM_ACTOR, meta };

let db: TestDatabase;
let deps: CoreDeps;
const vaultUnder = (masterKey: Uint8Array): KeyVault =>
  softwareKeyVault({
    uow: kyselyUnitOfWork(db.database.db),
    masterKey,
    clock: { now: () => new Date() },
    ids: cryptoIds,
    pinScrypt: { N: 1 << 10, r: 8, p: 1 },
  });

const secrets: Record<string, string> = {};
const refs: { plain: string; pinned: string; destroyed: string } = { plain: '', pinned: '', destroyed: '' };
const ids: { app1: string; app2: string; user: string } = { app1: '', app2: '', user: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  deps = coreDeps(loadConfig({ ZHENGYIN_LOG_LEVEL: 'silent' }), db.database, K1, {
    passwords: scryptPasswordHasher({ N: 1 << 10, r: 8, p: 1 }),
  });
  await createRegion(deps, call({ code: '610000', name: '陕西省' }));
  await createRegion(deps, call({ code: '610100', name: '西安市', parentCode: '610000' }));
  const department = await createDepartment(
    deps,
    call({ name: '西安市数据局', uscc: '11100000000013338W', regionCode: '610100' }),
  );
  const appInput = { departmentId: department.id, scopes: ['orgs:read'], ipAllowList: [] };
  const app1 = await createApp(deps, call({ name: '审批系统', ...appInput }));
  const app2 = await createApp(deps, call({ name: '监管系统', ...appInput }));
  const rotated = await rotateAppSecret(deps, call({ id: app2.app.id, overlapMinutes: 60 }));
  Object.assign(ids, { app1: app1.app.id, app2: app2.app.id });
  Object.assign(secrets, { app1: app1.secret, app2: rotated.secret, app2previous: app2.secret });
  const { user } = await createUser(
    deps,
    call({
      username: 'totp.user',
      displayName: '动态口令',
      roles: [{ role: 'platform_admin', regionCode: null, departmentId: null }],
    }),
  );
  ids.user = user.id;
  secrets.totp = deps.totp.generateSecret();
  await deps.uow.run(async (r) => {
    const stored = (await r.users.get(user.id))!;
    await r.users.update({
      ...stored,
      totpSecretSealed: deps.secrets.seal(new TextEncoder().encode(secrets.totp!)),
    });
  });

  const vault = vaultUnder(K1);
  refs.plain = (await vault.generate({ alg: 'sm2', label: 'platform' }, by)).keyRef;
  refs.pinned = (await vault.generate({ alg: 'ecdsa-p256', label: 'seal', pin: PIN }, by)).keyRef;
  refs.destroyed = (await vault.generate({ alg: 'sm2', label: 'gone' }, by)).keyRef;
  await vault.destroy(refs.destroyed, by);
});
afterAll(() => db.close());

/** Everything rotation may touch, as comparable text. */
async function snapshot() {
  const { rows: keys } = await sql<Record<string, unknown>>`
    SELECT key_ref, alg, encode(wrapped, 'hex') AS wrapped, master_key_id, pin_kdf, updated_at FROM vault_keys ORDER BY key_ref`.execute(
    db.database.db,
  );
  const apps = await db.database.db
    .selectFrom('apps')
    .select(['id', 'secret_sealed', 'previous_secret_sealed'])
    .orderBy('id')
    .execute();
  const users = await db.database.db
    .selectFrom('users')
    .select(['id', 'totp_secret_sealed'])
    .orderBy('id')
    .execute();
  const head = await deps.uow.run((r) => r.auditReader.head());
  return { keys, apps, users, head };
}

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

const opens = (masterKey: Uint8Array, sealed: string) => {
  try {
    return new TextDecoder().decode(aesGcmSecretBox(masterKey).open(sealed));
  } catch {
    return null;
  }
};

describe('rotateMasterKey', () => {
  test('refuses unusable keys', async () => {
    await expect(rotateMasterKey(db.database, K1, K1)).rejects.toThrow(/current one/);
    await expect(rotateMasterKey(db.database, K1, K2.subarray(0, 31))).rejects.toThrow(RangeError);
  });

  test('an item that does not open with the old key aborts the rotation and nothing changes', async () => {
    const foreignSecret = aesGcmSecretBox(STRANGER).seal(new TextEncoder().encode('sealed elsewhere'));
    const original = (
      await db.database.db
        .selectFrom('apps')
        .select('secret_sealed')
        .where('id', '=', ids.app1)
        .executeTakeFirstOrThrow()
    ).secret_sealed;
    await db.database.db
      .updateTable('apps')
      .set({ secret_sealed: foreignSecret })
      .where('id', '=', ids.app1)
      .execute();
    const before = await snapshot();

    const error = await refused(rotateMasterKey(db.database, K1, K2));
    expect(error.code).toBe('KEYS_UNWRAP_FAILED');
    expect(error.details).toMatchObject({
      reason: 'rotation',
      count: 1,
      failures: [{ table: 'apps', id: ids.app1, column: 'secret_sealed', reason: 'does not open' }],
    });
    expect(await snapshot()).toEqual(before);

    // With the wrong "current" key every other item fails (app1's secret is now sealed under it).
    const wrong = await refused(rotateMasterKey(db.database, STRANGER, K2));
    expect(wrong.details).toMatchObject({ count: 5 });
    expect(
      (wrong.details!.failures as { table: string; reason: string }[]).filter(
        (f) => f.table === 'vault_keys',
      ),
    ).toEqual([
      expect.objectContaining({ reason: 'master-key-mismatch' }),
      expect.objectContaining({ reason: 'master-key-mismatch' }),
    ]);
    expect(await snapshot()).toEqual(before);

    await db.database.db
      .updateTable('apps')
      .set({ secret_sealed: original })
      .where('id', '=', ids.app1)
      .execute();
  });

  test('re-wraps every vault key and re-seals every secret; the old key opens nothing afterwards', async () => {
    const before = await snapshot();
    const report = await rotateMasterKey(db.database, K1, K2, { meta });
    expect(report).toEqual({
      previousMasterKeyId: masterKeyId(K1),
      masterKeyId: masterKeyId(K2),
      vaultKeys: 2,
      appSecrets: 3,
      totpSecrets: 1,
    });
    const after = await snapshot();

    // Vault keys: usable under K2 (the PIN layer still applies), refused under K1.
    const vault = vaultUnder(K2);
    const plainSig = await vault.sign({ keyRef: refs.plain, data: message });
    expect(sm2Verify(sm2PublicKeyFromSpki(await vault.publicKey(refs.plain)), message, plainSig)).toBe(true);
    expect((await refused(vault.sign({ keyRef: refs.pinned, data: message }))).code).toBe(
      'KEYS_PIN_REQUIRED',
    );
    expect((await refused(vault.sign({ keyRef: refs.pinned, data: message, pin: 'not-the-pin' }))).code).toBe(
      'KEYS_PIN_INVALID',
    );
    const pinnedSig = await vault.sign({ keyRef: refs.pinned, data: message, pin: PIN });
    expect(ecdsaP256Verify(await vault.publicKey(refs.pinned), message, pinnedSig)).toBe(true);
    for (const keyRef of [refs.plain, refs.pinned]) {
      const e = await refused(vaultUnder(K1).sign({ keyRef, data: message, pin: PIN }));
      expect(e.details).toMatchObject({ reason: 'master-key-mismatch' });
    }
    for (const row of after.keys.filter((k) => k.wrapped !== null)) {
      expect(row.master_key_id).toBe(masterKeyId(K2));
      const stored = {
        wrapped: new Uint8Array(Buffer.from(String(row.wrapped), 'hex')),
        masterKeyId: masterKeyId(K1), // even claiming the old id, the blob does not open under K1
        pinKdf: row.pin_kdf as string | null,
      };
      const ctx = { keyRef: String(row.key_ref), alg: String(row.alg) };
      expect(() => openMasterLayer(stored, K1, ctx)).toThrow(AppError);
      expect(openMasterLayer({ ...stored, masterKeyId: masterKeyId(K2) }, K2, ctx).length).toBeGreaterThan(
        100,
      );
    }
    expect(after.keys.find((k) => k.key_ref === refs.destroyed)).toEqual(
      before.keys.find((k) => k.key_ref === refs.destroyed),
    );
    expect(after.keys.map((k) => k.pin_kdf)).toEqual(before.keys.map((k) => k.pin_kdf));

    // Sealed secrets: same plaintexts under K2, nothing under K1.
    const app = (id: string) => after.apps.find((a) => a.id === id)!;
    expect(opens(K2, app(ids.app1).secret_sealed)).toBe(secrets.app1);
    expect(opens(K2, app(ids.app2).secret_sealed)).toBe(secrets.app2);
    expect(opens(K2, app(ids.app2).previous_secret_sealed!)).toBe(secrets.app2previous);
    expect(app(ids.app1).previous_secret_sealed).toBeNull();
    const totp = after.users.find((u) => u.id === ids.user)!.totp_secret_sealed!;
    expect(opens(K2, totp)).toBe(secrets.totp);
    for (const sealed of [
      app(ids.app1).secret_sealed,
      app(ids.app2).secret_sealed,
      app(ids.app2).previous_secret_sealed!,
      totp,
    ]) {
      expect(opens(K1, sealed)).toBeNull();
    }

    // One audit event, in the same transaction, and the chain still verifies.
    expect(after.head.seq).toBe(before.head.seq + 1);
    const [event] = await deps.uow.run((r) =>
      r.auditReader.query({ action: 'keys.master_key_rotated', limit: 5 }),
    );
    expect(event).toMatchObject({ seq: after.head.seq, requestId: 'rotation-test', details: report });
    expect((await verifyAuditChainUnchecked(deps)).intact).toBe(true);

    // Rotating again from K1 is refused: nothing opens with it any more.
    expect((await refused(rotateMasterKey(db.database, K1, STRANGER))).details).toMatchObject({ count: 6 });
  });
});
