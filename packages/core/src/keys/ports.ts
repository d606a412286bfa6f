import type { Actor, RequestMeta } from '../shared/actor.js';

export const KEY_ALGORITHMS = ['sm2', 'ecdsa-p256', 'rsa2048'] as const;

/** SM2 with SM3 (GB/T 32918), ECDSA P-256 with SHA-256, RSA-2048 PKCS#1 v1.5 with SHA-256. */
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export const isKeyAlgorithm = (value: string): value is KeyAlgorithm =>
  (KEY_ALGORITHMS as readonly string[]).includes(value);

export interface KeyInfo {
  readonly keyRef: string;
  readonly alg: KeyAlgorithm;
  /** SubjectPublicKeyInfo DER. */
  readonly publicKey: Uint8Array;
}

export interface KeyDescription {
  readonly keyRef: string;
  readonly alg: KeyAlgorithm;
  readonly label: string;
  readonly hasPin: boolean;
  /** Wrong PINs still allowed before the key locks; null for keys without a PIN. */
  readonly pinAttemptsLeft: number | null;
  /** Set while the key is locked after repeated wrong PINs. */
  readonly lockedUntil: Date | null;
  readonly destroyedAt: Date | null;
  readonly createdAt: Date;
}

/** Who asks, for the audit event the vault writes with each state change. */
export interface KeyCaller {
  readonly actor: Actor;
  readonly meta: RequestMeta;
}

export interface GenerateKeyInput {
  readonly alg: KeyAlgorithm;
  readonly label: string;
  /** With a PIN the key is unusable without it, even for someone holding the master key. */
  readonly pin?: string;
}

export interface ImportKeyInput {
  readonly alg: KeyAlgorithm;
  /** PKCS#8 DER, unencrypted (keys issued by a real CA). */
  readonly pkcs8: Uint8Array;
  readonly label: string;
  readonly pin?: string;
}

export interface SignInput {
  readonly keyRef: string;
  readonly data: Uint8Array;
  readonly pin?: string;
  /** SM2 user ID for Z (default 1234567812345678); ignored by ECDSA and RSA. */
  readonly id?: Uint8Array;
}

export interface KeySigner {
  readonly alg: KeyAlgorithm;
  sign(data: Uint8Array): Promise<Uint8Array>;
  close(): void;
}

export interface ChangePinInput {
  readonly keyRef: string;
  /** Omitted when the key has no PIN yet (setting one). */
  readonly oldPin?: string;
  readonly newPin: string;
}

/**
 * Private keys behind a reference: a software vault now, PKCS#11 / SDF hardware later. No method
 * ever returns a private key. Each call is its own transaction in which the state change and its
 * audit event commit together; wrong PINs are counted durably even though the call fails, so do
 * not call the vault inside `UnitOfWork.run` (with PGlite that would wait for its own connection).
 *
 * Errors (AppError): KEYS_NOT_FOUND, KEYS_PIN_REQUIRED, KEYS_PIN_INVALID { attemptsLeft,
 * lockedUntil? }, KEYS_LOCKED { until }, KEYS_DESTROYED, KEYS_ALGORITHM_UNSUPPORTED,
 * KEYS_PIN_POLICY, KEYS_IMPORT_INVALID, KEYS_UNWRAP_FAILED.
 */
export interface KeyVault {
  generate(input: GenerateKeyInput, by: KeyCaller): Promise<KeyInfo>;
  importKey(input: ImportKeyInput, by: KeyCaller): Promise<KeyInfo>;
  /** Still available after `destroy`, to verify earlier signatures. */
  publicKey(keyRef: string): Promise<Uint8Array>;
  /** DER for SM2 and ECDSA, PKCS#1 v1.5 for RSA. `by` is recorded if a wrong PIN locks the key. */
  sign(input: SignInput, by?: KeyCaller): Promise<Uint8Array>;
  /**
   * Unlocks a key once for a batch of signatures (one PIN check, one audit event): the batch
   * issuance path. `close` erases the unwrapped key; callers close in a finally block.
   */
  openSigner(input: { readonly keyRef: string; readonly pin?: string }, by: KeyCaller): Promise<KeySigner>;
  changePin(input: ChangePinInput, by: KeyCaller): Promise<void>;
  /** Irreversible: the wrapped private key is erased; the public key and the record stay. */
  destroy(keyRef: string, by: KeyCaller): Promise<void>;
  describe(keyRef: string): Promise<KeyDescription>;
}

/** A vault key as stored: the private key only ever as `wrapped` (opaque to everyone but the vault). */
export interface StoredKey {
  readonly keyRef: string;
  readonly alg: KeyAlgorithm;
  readonly label: string;
  readonly publicKey: Uint8Array;
  /** Null once destroyed. */
  readonly wrapped: Uint8Array | null;
  /** Which master key wrapped it (first bytes of SM3 of the master key, hex); null once destroyed. */
  readonly masterKeyId: string | null;
  /** PIN derivation parameters and salt; null when the key has no PIN. */
  readonly pinKdf: string | null;
  readonly failedPinAttempts: number;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly destroyedAt: Date | null;
}

export interface KeyRepository {
  get(keyRef: string): Promise<StoredKey | null>;
  /** Locks the row for the rest of the transaction (PIN counters). */
  getForUpdate(keyRef: string): Promise<StoredKey | null>;
  insert(key: StoredKey): Promise<void>;
  update(key: StoredKey): Promise<void>;
}
