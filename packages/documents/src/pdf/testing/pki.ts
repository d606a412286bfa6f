/**
 * Test PKI for the PDF sealing tests: an ECDSA P-256 root CA (importable into NSS for pdfsig),
 * ECDSA and RSA seal certificates and a TSA issued by it, and a separate SM2 root with an SM2
 * seal certificate. Software keys only; nothing here is for production.
 */
import {
  createCertificate,
  createSoftwareKey,
  createTimestampResponse,
  createTimestampRequest,
  ecdsaP256GenerateKeyPair,
  encodePem,
  rsaGenerateKeyPair,
  sm2GenerateKeyPair,
  sm2PrivateKeyToPkcs8,
  sm2Sign,
} from '@zhengyin/gm';
import type { ExtensionsInput, NameInput, ParsedCertificate, SignFunction } from '@zhengyin/gm';

export interface TestSigner {
  readonly certificate: ParsedCertificate;
  readonly sign: SignFunction;
}

export interface TestPki {
  readonly root: ParsedCertificate;
  readonly rootPem: string;
  readonly ecdsa: TestSigner;
  readonly rsa: TestSigner;
  readonly tsa: TestSigner;
  readonly sm2Root: ParsedCertificate;
  readonly sm2: TestSigner;
  /** An RFC 3161 TSA callback answering with the test TSA (certReq true, so its certificate is in the token). */
  timestamp(signatureValue: Uint8Array): Promise<Uint8Array>;
}

export const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
export const NOT_AFTER = new Date('2035-01-01T00:00:00Z');
export const SIGNING_TIME = new Date('2026-06-01T08:30:00Z');
export const TSA_POLICY = '1.2.156.999.1.1';

const CA_EXTENSIONS: ExtensionsInput = {
  basicConstraints: { ca: true, critical: true },
  keyUsage: ['keyCertSign', 'cRLSign'],
};
const SEAL_EXTENSIONS: ExtensionsInput = {
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'nonRepudiation'],
  extendedKeyUsage: { purposes: ['emailProtection'] },
};
const TSA_EXTENSIONS: ExtensionsInput = {
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'nonRepudiation'],
  extendedKeyUsage: { purposes: ['timeStamping'], critical: true },
};

const name = (cn: string): NameInput => [
  { type: 'C', value: 'CN' },
  { type: 'O', value: '证印测试单位' },
  { type: 'CN', value: cn },
];

let serial = 0x5000;

async function issue(
  subject: string,
  pkcs8: Uint8Array,
  issuer: TestSigner | undefined,
  extensions: ExtensionsInput,
  rawSm2Key?: Uint8Array,
): Promise<TestSigner> {
  const key = createSoftwareKey(pkcs8);
  // SM2: sign with the raw scalar (createSoftwareKey re-reads the PKCS#8 on every signature).
  const sign: SignFunction = rawSm2Key ? async (data) => sm2Sign(rawSm2Key, data) : key.sign;
  const certificate = await createCertificate({
    subject: name(subject),
    publicKey: key.publicKey,
    serialNumber: (serial++).toString(16),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    ...(issuer ? { issuer: issuer.certificate } : {}),
    sign: issuer ? issuer.sign : sign,
    extensions,
  });
  return { certificate, sign };
}

export async function makeTestPki(): Promise<TestPki> {
  const root = await issue('证印测试根CA', ecdsaP256GenerateKeyPair().privateKey, undefined, CA_EXTENSIONS);
  const ecdsa = await issue(
    '某某市市场监督管理局 ECDSA 印章',
    ecdsaP256GenerateKeyPair().privateKey,
    root,
    SEAL_EXTENSIONS,
  );
  const rsa = await issue(
    '某某市市场监督管理局 RSA 印章',
    rsaGenerateKeyPair().privateKey,
    root,
    SEAL_EXTENSIONS,
  );
  const tsa = await issue('证印测试时间戳服务', ecdsaP256GenerateKeyPair().privateKey, root, TSA_EXTENSIONS);
  const sm2RootKey = sm2GenerateKeyPair().privateKey;
  const sm2Root = await issue(
    '证印测试 SM2 根CA',
    sm2PrivateKeyToPkcs8(sm2RootKey),
    undefined,
    CA_EXTENSIONS,
    sm2RootKey,
  );
  const sm2Key = sm2GenerateKeyPair().privateKey;
  const sm2 = await issue(
    '某某市市场监督管理局 SM2 印章',
    sm2PrivateKeyToPkcs8(sm2Key),
    sm2Root,
    SEAL_EXTENSIONS,
    sm2Key,
  );
  let tsaSerial = 1;
  return {
    root: root.certificate,
    rootPem: encodePem('CERTIFICATE', root.certificate.der),
    ecdsa,
    rsa,
    tsa,
    sm2Root: sm2Root.certificate,
    sm2,
    async timestamp(signatureValue) {
      const request = createTimestampRequest({ data: signatureValue, hash: 'sha256', certReq: true });
      const response = await createTimestampResponse({
        request,
        tsaCert: tsa.certificate,
        signer: tsa.sign,
        serial: (tsaSerial++).toString(16),
        time: new Date(SIGNING_TIME.getTime() + 1000),
        policy: TSA_POLICY,
        certificates: [root.certificate],
      });
      if (!response.token) throw new Error('test TSA refused the request');
      return response.token;
    },
  };
}
