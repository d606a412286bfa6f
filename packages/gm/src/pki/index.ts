/** Public API of the PKI part of @zhengyin/gm: X.509, CSR, CRL, PKCS#12, PEM, CMS, RFC 3161. */
export { OID as PKI_OID } from './asn1/oids.js';
export type { DecodeLimits } from './asn1/decode.js';
export { decodePem, decodePemBlocks, encodePem } from './pem.js';
export type { PemBlock, PemDecodeOptions } from './pem.js';

export { parseCertificate, normaliseSerialHex } from './x509/certificate.js';
export type { ParsedCertificate } from './x509/certificate.js';
export type { AlgorithmInfo } from './x509/algorithm-identifier.js';
export { createCertificate } from './x509/create-certificate.js';
export type { CreateCertificateInput, ExtensionsInput } from './x509/create-certificate.js';
export { decodeName, encodeName, nameValue, namesMatch } from './x509/name.js';
export type {
  DistinguishedName,
  NameAttribute,
  NameAttributeInput,
  NameInput,
  DirectoryStringType,
} from './x509/name.js';
export { EXTENDED_KEY_USAGES, KEY_USAGE_BITS } from './x509/extensions.js';
export type {
  CertificateExtensions,
  ExtendedKeyUsageInput,
  ExtendedKeyUsageName,
  KeyUsageName,
  RawExtension,
  SubjectAltNameInput,
  SubjectAltNames,
} from './x509/extensions.js';
export { parsePublicKeyInfo } from './x509/public-key.js';
export type { PublicKeyAlgorithm, PublicKeyInfo } from './x509/public-key.js';
export { validateCertificatePath } from './x509/validate-path.js';
export type {
  PathCheck,
  PathCheckName,
  PathProblem,
  PathProblemCode,
  PathPurpose,
  PathValidationResult,
  ValidatePathInput,
} from './x509/validate-path.js';
export { createCsr, parseCsr, verifyCsr } from './x509/csr.js';
export type { CreateCsrInput, ParsedCsr } from './x509/csr.js';
export { CRL_REASONS, checkRevocation, createCrl, parseCrl, verifyCrl } from './x509/crl.js';
export type {
  CreateCrlInput,
  CrlCheck,
  CrlReason,
  ParsedCrl,
  RevocationStatus,
  RevokedEntry,
} from './x509/crl.js';

export { parsePrivateKeyInfo, pkcs1ToPkcs8, sec1ToPkcs8 } from './keys/private-key-info.js';
export type { PrivateKeyInfoSummary } from './keys/private-key-info.js';
export {
  decryptPrivateKeyInfo,
  importPem,
  orderCertificateChain,
  privateKeySpki,
} from './keys/import-keys.js';
export type { ImportedPrivateKey, ImportPemOptions, PemBundle } from './keys/import-keys.js';
export { importPkcs12 } from './pkcs12/import-pkcs12.js';
export type {
  ImportPkcs12Options,
  Pkcs12Certificate,
  Pkcs12Contents,
  Pkcs12Key,
} from './pkcs12/import-pkcs12.js';
export { rc2CbcDecrypt } from './pkcs12/rc2.js';

export { createSignedData } from './cms/create-signed-data.js';
export type { CreateSignedDataInput } from './cms/create-signed-data.js';
export { parseSignedData } from './cms/signed-data.js';
export type { CmsProfile, ParsedSignedData, ParsedSignerInfo, SignerIdentifier } from './cms/signed-data.js';
export { verifySignedData } from './cms/verify-signed-data.js';
export type { CmsSignerSummary, CmsVerification, VerifySignedDataOptions } from './cms/verify-signed-data.js';
export type { CheckStatus, CmsCheck, CmsCheckName } from './cms/verify-signer.js';
export type { CmsAttribute, EssCertId } from './cms/attributes.js';

export { createTimestampRequest, parseTimestampRequest } from './tsp/request.js';
export type { CreateTimestampRequestInput, MessageImprint, TimestampRequest } from './tsp/request.js';
export { createTimestampRejection, createTimestampResponse, parseTimestampResponse } from './tsp/response.js';
export type {
  CreateTimestampResponseInput,
  PkiFailureInfo,
  PkiStatus,
  TimestampResponse,
} from './tsp/response.js';
export { parseTstInfo } from './tsp/tst-info.js';
export type { Accuracy, TstInfo } from './tsp/tst-info.js';
export { parseTimestampToken, verifyTimestampToken } from './tsp/verify-token.js';
export type {
  ParsedTimestampToken,
  TimestampCheck,
  TimestampCheckName,
  TimestampVerification,
  VerifyTimestampTokenInput,
} from './tsp/verify-token.js';
