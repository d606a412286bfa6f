/** A certificate authority the platform issues certificates from (seal, TSA and annotation keys). */
export interface CertificateAuthority {
  readonly id: string;
  readonly name: string;
  /** DER of the CA certificate. */
  readonly certificate: Uint8Array;
  /** Key in the key vault; null for an external CA whose certificates are imported. */
  readonly keyRef: string | null;
  /** The built-in development CA: never to be trusted in production. */
  readonly developmentOnly: boolean;
  readonly active: boolean;
  readonly createdAt: Date;
}

export interface CertificateAuthorityRepository {
  list(): Promise<CertificateAuthority[]>;
  get(id: string): Promise<CertificateAuthority | null>;
  insert(ca: CertificateAuthority): Promise<void>;
}

/**
 * Keys the platform itself signs with: the seal maker (制章者), the TSA, the 加注件 annotator (SM2,
 * for SM2 licences) and its ECDSA P-256 twin (for ECDSA / RSA licences, so that international
 * verifiers such as pdfsig can check the copy's chain).
 */
export type PlatformKeyPurpose = 'seal-maker' | 'tsa' | 'annotation' | 'annotation-ecdsa';

export interface PlatformKey {
  readonly purpose: PlatformKeyPurpose;
  readonly keyRef: string;
  readonly certificate: Uint8Array;
  readonly createdAt: Date;
}

export interface PlatformKeyRepository {
  get(purpose: PlatformKeyPurpose): Promise<PlatformKey | null>;
  insert(key: PlatformKey): Promise<void>;
}
