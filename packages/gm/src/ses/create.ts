import { GmError } from '../errors.js';
import { OID_SM3_WITH_SM2, sm2SignatureRawToDer, sm2Verify } from '../sm2/index.js';
import { readSesCertInfo, type SesCertInfo } from './cert-info.js';
import { derBits, derOctets, derOid, derSequence } from './der-writer.js';
import { decodeSeal, encodeSealInfo } from './seal-codec.js';
import { decodeSesSignature, encodeTbsSign } from './signature-codec.js';
import { generalizedTime } from './time.js';
import type { SesExtData, SesPictureInfo, SesSeal, SesSignature } from './types.js';
import { signerInCertList, verifySeal } from './verify.js';

/**
 * Signs the exact bytes given with SM2 (SM3, default ID 1234567812345678) and returns DER
 * SEQUENCE{r, s} (a raw 64-byte r‖s is accepted too). Lets keys stay in a key vault.
 */
export type SesSignFunction = (tbs: Uint8Array) => Promise<Uint8Array>;

export interface CreateSealParams {
  readonly esId: string;
  /** Seal type code (e.g. 1 legal-person seal, 3 监制章, 4 专用章). */
  readonly type: number;
  readonly name: string;
  /** Header vendor id; default 'zhengyin'. */
  readonly vid?: string;
  /** Certificates allowed to sign with this seal (certListType 1). */
  readonly signerCertificates: readonly Uint8Array[];
  readonly validStart: Date;
  readonly validEnd: Date;
  /** Default: now. */
  readonly createDate?: Date;
  readonly picture: SesPictureInfo;
  readonly extDatas?: readonly SesExtData[];
  readonly makerCertificate: Uint8Array;
  readonly sign: SesSignFunction;
}

export interface CreateSesSignatureParams {
  /** A v4 seal, decoded or as DER. */
  readonly seal: SesSeal | Uint8Array;
  /** SM3 digest of the signed data (for OFD: of Signature.xml). */
  readonly dataHash: Uint8Array;
  /** For OFD: the absolute path of Signature.xml, e.g. "/Doc_0/Signs/Sign_0/Signature.xml". */
  readonly propertyInfo: string;
  readonly signerCertificate: Uint8Array;
  readonly sign: SesSignFunction;
  /** Signing time, whole seconds; default now. */
  readonly timeInfo?: Date;
  readonly extDatas?: readonly SesExtData[];
}

const invalid = (message: string, details?: Record<string, unknown>): GmError =>
  new GmError('GM_SES_INVALID_FIELD', message, details);

const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

function sm2Cert(der: Uint8Array, what: string): SesCertInfo & { sm2PublicKey: Uint8Array } {
  const info = readSesCertInfo(der);
  if (!info.sm2PublicKey)
    throw new GmError('GM_SES_CERT_NOT_SM2', `${what} does not carry an SM2 public key`);
  return { ...info, sm2PublicKey: info.sm2PublicKey };
}

async function signChecked(
  sign: SesSignFunction,
  tbs: Uint8Array,
  publicKey: Uint8Array,
  what: string,
): Promise<Uint8Array> {
  const out: unknown = await sign(tbs);
  if (!(out instanceof Uint8Array))
    throw new GmError('GM_SES_SIGNATURE_INVALID', `${what} signer returned no bytes`);
  let der: Uint8Array;
  try {
    der = out.length === 64 && !(out[0] === 0x30 && out[1] === 62) ? sm2SignatureRawToDer(out) : out;
  } catch (e) {
    throw new GmError(
      'GM_SES_SIGNATURE_INVALID',
      `${what} signature is not an SM2 value: ${(e as Error).message}`,
    );
  }
  if (!sm2Verify(publicKey, tbs, der)) {
    throw new GmError('GM_SES_KEY_MISMATCH', `${what} signature does not verify with the certificate's key`);
  }
  return der;
}

function checkPicture(p: SesPictureInfo): void {
  if (!p || typeof p.type !== 'string' || p.type.length === 0) throw invalid('picture.type is required');
  if (!(p.data instanceof Uint8Array) || p.data.length === 0) throw invalid('picture.data is empty');
  for (const [k, v] of [
    ['width', p.width],
    ['height', p.height],
  ] as const) {
    if (!Number.isSafeInteger(v) || v <= 0)
      throw invalid(`picture.${k} must be a positive whole number of mm`);
  }
}

/**
 * Builds a GB/T 38540 (v4) SESeal: the maker signs DER(SES_SealInfo) through `sign`; the result is
 * checked against the maker certificate's key before it is returned (decoded, with its DER).
 */
export async function createSeal(params: CreateSealParams): Promise<SesSeal> {
  const { esId, type, name, signerCertificates, validStart, validEnd, picture } = params;
  if (typeof esId !== 'string' || esId.length === 0) throw invalid('esId is required');
  if (!Number.isSafeInteger(type)) throw invalid('type must be an integer');
  if (typeof name !== 'string' || name.length === 0) throw invalid('name is required');
  if (!isDate(validStart) || !isDate(validEnd) || validStart >= validEnd) {
    throw invalid('validStart must be a date before validEnd');
  }
  const createDate = params.createDate ?? new Date();
  if (!isDate(createDate)) throw invalid('createDate is not a date');
  if (!Array.isArray(signerCertificates) || signerCertificates.length === 0) {
    throw invalid('at least one signer certificate is required');
  }
  signerCertificates.forEach((c, i) => {
    try {
      readSesCertInfo(c);
    } catch (e) {
      throw invalid(`signerCertificates[${i}] is not a certificate: ${(e as Error).message}`, { index: i });
    }
  });
  checkPicture(picture);
  const maker = sm2Cert(params.makerCertificate, 'maker certificate');

  const sealInfo = encodeSealInfo({
    header: { id: 'ES', version: 4, vid: params.vid ?? 'zhengyin' },
    esId,
    property: {
      type,
      name,
      certListType: 1,
      certList: { kind: 'certificates', certificates: signerCertificates },
      createDate: generalizedTime(createDate),
      validStart: generalizedTime(validStart),
      validEnd: generalizedTime(validEnd),
    },
    picture,
    extDatas: params.extDatas,
  });
  const signature = await signChecked(params.sign, sealInfo, maker.sm2PublicKey, 'maker');
  return decodeSeal(
    derSequence(sealInfo, derOctets(params.makerCertificate), derOid(OID_SM3_WITH_SM2), derBits(signature)),
  );
}

/**
 * Builds a GB/T 38540 (v4) SES_Signature over `dataHash`. Before signing it checks, like a
 * verifier would, that the seal is intact and valid at timeInfo, that the signer certificate is
 * in the seal's list and valid at timeInfo; the signature is checked against the signer key.
 */
export async function createSesSignature(params: CreateSesSignatureParams): Promise<SesSignature> {
  const seal = params.seal instanceof Uint8Array ? decodeSeal(params.seal) : params.seal;
  if (seal.version !== 4) {
    throw new GmError('GM_SES_UNSUPPORTED_VERSION', 'only v4 (GB/T 38540) seals can sign v4 signatures');
  }
  if (!(params.dataHash instanceof Uint8Array) || params.dataHash.length !== 32) {
    throw invalid('dataHash must be a 32-byte SM3 digest');
  }
  if (typeof params.propertyInfo !== 'string' || params.propertyInfo.length === 0) {
    throw invalid('propertyInfo is required');
  }
  const timeInfo = generalizedTime(params.timeInfo ?? new Date());
  const at = timeInfo.date!;

  const sealProblems = verifySeal(seal, { at }).filter((c) => c.status !== 'VALID');
  if (sealProblems.length > 0) {
    throw new GmError(
      'GM_SES_SEAL_NOT_USABLE',
      `seal not usable at ${at.toISOString()}: ${sealProblems[0]!.message}`,
      {
        codes: sealProblems.map((c) => c.code),
      },
    );
  }
  const signer = sm2Cert(params.signerCertificate, 'signer certificate');
  const inList = signerInCertList(seal, params.signerCertificate);
  if (inList.status !== 'VALID')
    throw new GmError('GM_SES_SIGNER_NOT_IN_SEAL', inList.message, { code: inList.code });
  if (at < signer.notBefore || at > signer.notAfter) {
    throw new GmError('GM_SES_SIGNER_CERT_NOT_VALID', `signer certificate not valid at ${at.toISOString()}`);
  }

  const tbs = encodeTbsSign(
    {
      version: 4,
      seal,
      timeInfo,
      dataHash: params.dataHash,
      propertyInfo: params.propertyInfo,
      ...(params.extDatas && { extDatas: params.extDatas, extDatasTagging: 'explicit' as const }),
    },
    4,
  );
  const signature = await signChecked(params.sign, tbs, signer.sm2PublicKey, 'signer');
  return decodeSesSignature(
    derSequence(tbs, derOctets(params.signerCertificate), derOid(OID_SM3_WITH_SM2), derBits(signature)),
  );
}
