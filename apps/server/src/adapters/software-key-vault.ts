import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type {
  Clock,
  Ids,
  KeyAlgorithm,
  KeyCaller,
  KeyVault,
  PinLockoutPolicy,
  Repositories,
  StoredKey,
  UnitOfWork,
} from '@zhengyin/core';
import {
  AFTER_RIGHT_PIN,
  AppError,
  DEFAULT_PIN_LOCKOUT,
  SYSTEM_ACTOR,
  activeLock,
  afterWrongPin,
  checkNewPin,
  checkPinLockoutPolicy,
  isKeyAlgorithm,
  keyAuditEntry,
  pinAttemptsLeft,
} from '@zhengyin/core';
import {
  GmError,
  ecdsaP256GenerateKeyPair,
  ecdsaP256Sign,
  rsaGenerateKeyPair,
  rsaSign,
  sm2GenerateKeyPair,
  sm2PrivateKeyFromPkcs8,
  sm2PrivateKeyToPkcs8,
  sm2PublicKeyToSpki,
  sm2Sign,
} from '@zhengyin/gm';
import type { ScryptParams, WrapContext, WrappedKey } from './key-wrap.js';
import { DEFAULT_PIN_SCRYPT, WrongPinError, checkMasterKey, unwrapKey, wrapKey } from './key-wrap.js';

export interface SoftwareKeyVaultOptions {
  readonly uow: UnitOfWork;
  readonly masterKey: Uint8Array;
  readonly clock: Clock;
  readonly ids: Pick<Ids, 'uuid'>;
  /** Default: 5 wrong PINs in a row lock the key for 15 minutes. */
  readonly lockout?: Partial<PinLockoutPolicy>;
  /** scrypt cost for new PINs (each key records its own parameters). */
  readonly pinScrypt?: ScryptParams;
}

interface Material {
  readonly pkcs8: Uint8Array;
  readonly spki: Uint8Array;
}

const MAX_PKCS8_BYTES = 16 * 1024;
const NO_CALLER: KeyCaller = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };

const unsupported = (details: Record<string, unknown>) =>
  new AppError('KEYS_ALGORITHM_UNSUPPORTED', 'unsupported key algorithm', details);
const importInvalid = (reason: string) =>
  new AppError('KEYS_IMPORT_INVALID', `imported key refused: ${reason}`, { reason });
const notFound = (keyRef: string) => new AppError('KEYS_NOT_FOUND', `no key ${keyRef}`, { keyRef });
const destroyed = (key: StoredKey) =>
  new AppError('KEYS_DESTROYED', `key ${key.keyRef} was destroyed`, {
    keyRef: key.keyRef,
    destroyedAt: key.destroyedAt?.toISOString(),
  });

function generateMaterial(alg: KeyAlgorithm): Material {
  if (alg === 'sm2') {
    const pair = sm2GenerateKeyPair();
    const material = {
      pkcs8: sm2PrivateKeyToPkcs8(pair.privateKey, pair.publicKey),
      spki: sm2PublicKeyToSpki(pair.publicKey),
    };
    pair.privateKey.fill(0);
    return material;
  }
  const pair = alg === 'ecdsa-p256' ? ecdsaP256GenerateKeyPair() : rsaGenerateKeyPair(2048);
  return { pkcs8: pair.privateKey, spki: pair.publicKey };
}

/** Validates an imported PKCS#8 against the declared algorithm; returns it re-encoded with its SPKI. */
function importMaterial(alg: KeyAlgorithm, pkcs8: Uint8Array): Material {
  if (pkcs8.length === 0 || pkcs8.length > MAX_PKCS8_BYTES) throw importInvalid('size');
  if (alg === 'sm2') {
    try {
      const pair = sm2PrivateKeyFromPkcs8(pkcs8);
      const material = {
        pkcs8: sm2PrivateKeyToPkcs8(pair.privateKey),
        spki: sm2PublicKeyToSpki(pair.publicKey),
      };
      pair.privateKey.fill(0);
      return material;
    } catch (e) {
      if (e instanceof GmError) throw importInvalid(e.code);
      throw e;
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    throw importInvalid('not a readable PKCS#8 key');
  }
  const family = alg === 'ecdsa-p256' ? 'ec' : 'rsa';
  if (key.asymmetricKeyType !== family) throw importInvalid(`not an ${family.toUpperCase()} key`);
  const details = key.asymmetricKeyDetails ?? {};
  if (family === 'ec' && details.namedCurve !== 'prime256v1')
    throw unsupported({ curve: details.namedCurve });
  if (family === 'rsa' && details.modulusLength !== 2048) throw unsupported({ bits: details.modulusLength });
  return {
    pkcs8: new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })),
    spki: new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' })),
  };
}

function signWith(alg: KeyAlgorithm, pkcs8: Uint8Array, data: Uint8Array, id?: Uint8Array): Uint8Array {
  if (alg === 'ecdsa-p256') return ecdsaP256Sign(pkcs8, data);
  if (alg === 'rsa2048') return rsaSign(pkcs8, data);
  const { privateKey } = sm2PrivateKeyFromPkcs8(pkcs8);
  try {
    return sm2Sign(privateKey, data, id ? { id } : {});
  } finally {
    privateKey.fill(0);
  }
}

const context = (key: StoredKey): WrapContext => ({ keyRef: key.keyRef, alg: key.alg });
const wrappedOf = (key: StoredKey, wrapped: Uint8Array): WrappedKey => ({
  wrapped,
  masterKeyId: key.masterKeyId ?? '',
  pinKdf: key.pinKdf,
});

/**
 * The key vault on the database (table vault_keys): keys wrapped by ./key-wrap.ts under the master
 * key and, with a PIN, under the PIN too. Each call is one transaction over the key row and its
 * audit event; a wrong PIN is counted under the row lock and committed before the error is thrown.
 */
export function softwareKeyVault(options: SoftwareKeyVaultOptions): KeyVault {
  const masterKey = new Uint8Array(checkMasterKey(options.masterKey));
  const policy = checkPinLockoutPolicy({ ...DEFAULT_PIN_LOCKOUT, ...options.lockout });
  const pinScrypt = options.pinScrypt ?? DEFAULT_PIN_SCRYPT;
  const { uow, clock } = options;

  async function store(
    alg: KeyAlgorithm,
    label: string,
    material: Material,
    pin: string | undefined,
    by: KeyCaller,
    action: 'keys.generated' | 'keys.imported',
  ) {
    const keyRef = options.ids.uuid();
    try {
      const w = await wrapKey(
        material.pkcs8,
        masterKey,
        { keyRef, alg },
        pin === undefined ? undefined : { pin, params: pinScrypt },
      );
      await uow.run(async (r) => {
        const now = clock.now();
        await r.keys.insert({
          keyRef,
          alg,
          label,
          publicKey: material.spki,
          ...w,
          failedPinAttempts: 0,
          lockedUntil: null,
          createdAt: now,
          updatedAt: now,
          destroyedAt: null,
        });
        await r.audit.append(
          keyAuditEntry(by, now, action, keyRef, {
            alg,
            label,
            hasPin: w.pinKdf !== null,
            masterKeyId: w.masterKeyId,
          }),
        );
      });
    } finally {
      material.pkcs8.fill(0);
    }
    return { keyRef, alg, publicKey: material.spki };
  }

  /**
   * Opens the key under its row lock and runs `use` with the PKCS#8 (zeroed afterwards). A wrong
   * PIN is recorded and the error returned out of the transaction, so the count commits.
   */
  async function withKey<T>(
    keyRef: string,
    pin: string | undefined,
    by: KeyCaller,
    use: (r: Repositories, key: StoredKey, pkcs8: Uint8Array, now: Date) => Promise<T>,
  ): Promise<T> {
    const outcome = await uow.run(async (r): Promise<{ value: T } | AppError> => {
      const key = await r.keys.getForUpdate(keyRef);
      if (!key) return notFound(keyRef);
      if (!key.wrapped) return destroyed(key);
      const now = clock.now();
      if (key.pinKdf !== null) {
        const until = activeLock(key, now);
        if (until)
          return new AppError('KEYS_LOCKED', `key ${keyRef} is locked`, { until: until.toISOString() });
        if (pin === undefined) return new AppError('KEYS_PIN_REQUIRED', `key ${keyRef} needs its PIN`);
      }
      let pkcs8: Uint8Array;
      try {
        pkcs8 = await unwrapKey(wrappedOf(key, key.wrapped), masterKey, context(key), pin);
      } catch (e) {
        if (!(e instanceof WrongPinError)) throw e;
        const next = afterWrongPin(key, now, policy);
        await r.keys.update({ ...key, ...next.counter, updatedAt: now });
        const lockedUntil = next.lockedUntil?.toISOString();
        if (lockedUntil) {
          await r.audit.append(
            keyAuditEntry(by, now, 'keys.locked', keyRef, {
              until: lockedUntil,
              maxAttempts: policy.maxAttempts,
              lockMinutes: policy.lockMinutes,
            }),
          );
        }
        return new AppError('KEYS_PIN_INVALID', 'wrong PIN', {
          attemptsLeft: next.attemptsLeft,
          ...(lockedUntil ? { lockedUntil } : {}),
        });
      }
      try {
        return { value: await use(r, key, pkcs8, now) };
      } finally {
        pkcs8.fill(0);
      }
    });
    if (outcome instanceof AppError) throw outcome;
    return outcome.value;
  }

  const read = async (keyRef: string) => {
    const key = await uow.run((r) => r.keys.get(keyRef));
    if (!key) throw notFound(keyRef);
    return key;
  };

  return {
    async generate(input, by) {
      if (!isKeyAlgorithm(input.alg)) throw unsupported({ alg: input.alg });
      if (input.pin !== undefined) checkNewPin(input.pin);
      return store(input.alg, input.label, generateMaterial(input.alg), input.pin, by, 'keys.generated');
    },

    async importKey(input, by) {
      if (!isKeyAlgorithm(input.alg)) throw unsupported({ alg: input.alg });
      if (input.pin !== undefined) checkNewPin(input.pin);
      return store(
        input.alg,
        input.label,
        importMaterial(input.alg, input.pkcs8),
        input.pin,
        by,
        'keys.imported',
      );
    },

    async publicKey(keyRef) {
      return (await read(keyRef)).publicKey;
    },

    async sign(input, by = NO_CALLER) {
      return withKey(input.keyRef, input.pin, by, async (r, key, pkcs8, now) => {
        if (key.failedPinAttempts > 0 || key.lockedUntil) {
          await r.keys.update({ ...key, ...AFTER_RIGHT_PIN, updatedAt: now });
        }
        return signWith(key.alg, pkcs8, input.data, input.id);
      });
    },

    async openSigner(input, by) {
      const { alg, pkcs8 } = await withKey(input.keyRef, input.pin, by, async (r, key, unwrapped, now) => {
        if (key.failedPinAttempts > 0 || key.lockedUntil) {
          await r.keys.update({ ...key, ...AFTER_RIGHT_PIN, updatedAt: now });
        }
        await r.audit.append(keyAuditEntry(by, now, 'keys.signer_opened', key.keyRef, { alg: key.alg }));
        return { alg: key.alg, pkcs8: new Uint8Array(unwrapped) };
      });
      let open = true;
      return {
        alg,
        async sign(data) {
          if (!open) throw new AppError('KEYS_SIGNER_CLOSED', 'the signer was closed');
          return signWith(alg, pkcs8, data);
        },
        close() {
          open = false;
          pkcs8.fill(0);
        },
      };
    },

    async changePin(input, by) {
      checkNewPin(input.newPin);
      await withKey(input.keyRef, input.oldPin, by, async (r, key, pkcs8, now) => {
        const w = await wrapKey(pkcs8, masterKey, context(key), { pin: input.newPin, params: pinScrypt });
        await r.keys.update({ ...key, ...w, ...AFTER_RIGHT_PIN, updatedAt: now });
        await r.audit.append(
          keyAuditEntry(by, now, 'keys.pin_changed', key.keyRef, { hadPin: key.pinKdf !== null }),
        );
      });
    },

    async destroy(keyRef, by) {
      await uow.run(async (r) => {
        const key = await r.keys.getForUpdate(keyRef);
        if (!key) throw notFound(keyRef);
        if (!key.wrapped) throw destroyed(key);
        const now = clock.now();
        await r.keys.update({
          ...key,
          wrapped: null,
          masterKeyId: null,
          ...AFTER_RIGHT_PIN,
          destroyedAt: now,
          updatedAt: now,
        });
        await r.audit.append(
          keyAuditEntry(by, now, 'keys.destroyed', keyRef, { alg: key.alg, label: key.label }),
        );
      });
    },

    async describe(keyRef) {
      const key = await read(keyRef);
      const now = clock.now();
      const pinActive = key.pinKdf !== null && key.destroyedAt === null;
      return {
        keyRef: key.keyRef,
        alg: key.alg,
        label: key.label,
        hasPin: key.pinKdf !== null,
        pinAttemptsLeft: pinActive ? pinAttemptsLeft(key, now, policy) : null,
        lockedUntil: pinActive ? activeLock(key, now) : null,
        destroyedAt: key.destroyedAt,
        createdAt: key.createdAt,
      };
    },
  };
}
