/**
 * Sealed OFD samples for the verifier tests, made independently of the production sealer: the
 * parts of a sample document (ofd-files.ts) get Signatures.xml, Sign_N/Signature.xml with
 * base64(SM3) references, Seal.esl and an SES_Signature from @zhengyin/gm, with knobs to produce the
 * hostile and odd variants real files show (Type="Sign", other CheckMethods, missing pages,
 * thousands of references, whole-document protection, time-stamps, annotation layers).
 */
import { createSeal, createSesSignature, encodeSesSignature, sm3 } from '@zhengyin/gm';
import type { SesSeal } from '@zhengyin/gm';
import type { TestPki, TestSigner } from '../../pdf/testing/pki.js';
import { SIGNING_TIME } from '../../pdf/testing/pki.js';
import { escapeXml } from '../xml.js';
import { rezip, sampleOfdParts, type OfdParts, type SampleOfdOptions } from './ofd-files.js';

export const SEAL_VALID_START = new Date('2025-01-01T00:00:00Z');
export const SEAL_VALID_END = new Date('2030-01-01T00:00:00Z');

/** A one-pixel PNG: the seal picture content does not matter to verification. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** A v4 SESeal of `signer` (its own maker), valid 2025–2030. */
export async function testSeal(
  signer: TestSigner,
  options: { esId?: string; name?: string; validEnd?: Date } = {},
): Promise<SesSeal> {
  return createSeal({
    esId: options.esId ?? '61010000000001',
    type: 1,
    name: options.name ?? '某某市市场监督管理局',
    signerCertificates: [signer.certificate.der],
    validStart: SEAL_VALID_START,
    validEnd: options.validEnd ?? SEAL_VALID_END,
    createDate: SEAL_VALID_START,
    picture: { type: 'png', data: PNG, width: 40, height: 40 },
    makerCertificate: signer.certificate.der,
    sign: signer.sign,
  });
}

export interface SealPartsOptions {
  readonly signer: TestSigner;
  readonly seal: SesSeal;
  readonly signingTime?: Date;
  /** 'whole' references Signatures.xml too (later signatures then break this one). */
  readonly protection?: 'continue' | 'whole';
  /** Leave these parts out of the references. */
  readonly exclude?: (part: string) => boolean;
  /** Page ID of the StampAnnot; default the first page's ("10"). */
  readonly pageRef?: string;
  readonly checkMethod?: string | null;
  readonly type?: 'Seal' | 'Sign';
  /** Extra Reference elements, written as given. */
  readonly extraReferences?: readonly { readonly fileRef: string; readonly checkValue: string }[];
  /** Adds an SES time-stamp over the signature value. */
  readonly timestamp?: TestPki['timestamp'];
  /** Write Seal.esl next to SignedValue.dat (default true). */
  readonly sealFile?: boolean;
}

const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.ofdspec.org/2016';
const text = (v: Uint8Array | string): string => (typeof v === 'string' ? v : new TextDecoder().decode(v));
const bytes = (v: Uint8Array | string): Uint8Array =>
  typeof v === 'string' ? new TextEncoder().encode(v) : v;
const b64 = (d: Uint8Array): string => Buffer.from(d).toString('base64');

/** Adds one signature to the parts (a copy is returned; the input is not changed). */
export async function sealParts(input: OfdParts, options: SealPartsOptions): Promise<OfdParts> {
  const parts: OfdParts = { ...input };
  const signaturesPart = 'Doc_0/Signs/Signatures.xml';
  const ofdXml = text(parts['OFD.xml']!);
  if (!ofdXml.includes('Signatures>')) {
    parts['OFD.xml'] = ofdXml.replace(
      '</ofd:DocRoot>',
      '</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>',
    );
  }
  const existing = parts[signaturesPart] ? text(parts[signaturesPart]) : null;
  const n = existing ? (existing.match(/<ofd:Signature /g) ?? []).length : 0;
  const dir = `Doc_0/Signs/Sign_${n}`;
  const entry = `<ofd:Signature ID="${n + 1}" Type="${options.type ?? 'Seal'}" BaseLoc="/${dir}/Signature.xml"/>`;
  parts[signaturesPart] = existing
    ? existing
        .replace('</ofd:Signatures>', `${entry}</ofd:Signatures>`)
        .replace(/<ofd:MaxSignId>\d+</, `<ofd:MaxSignId>${n + 1}<`)
    : `${head}<ofd:Signatures xmlns:ofd="${NS}"><ofd:MaxSignId>1</ofd:MaxSignId>${entry}</ofd:Signatures>`;
  if (options.sealFile ?? true) parts[`${dir}/Seal.esl`] = options.seal.der;
  const skip = (p: string) =>
    p === `${dir}/Signature.xml` ||
    p === `${dir}/SignedValue.dat` ||
    (options.protection !== 'whole' && p === signaturesPart) ||
    (options.exclude?.(p) ?? false);
  const refs = Object.keys(parts)
    .filter((p) => !skip(p))
    .map((p) => ({ fileRef: `/${p}`, checkValue: b64(sm3(bytes(parts[p]!))) }));
  const references = [...refs, ...(options.extraReferences ?? [])]
    .map(
      (r) =>
        `<ofd:Reference FileRef="${escapeXml(r.fileRef)}"><ofd:CheckValue>${r.checkValue}</ofd:CheckValue></ofd:Reference>`,
    )
    .join('');
  const method =
    options.checkMethod === null ? '' : ` CheckMethod="${options.checkMethod ?? '1.2.156.10197.1.401'}"`;
  const signingTime = options.signingTime ?? SIGNING_TIME;
  const signatureXml =
    `${head}<ofd:Signature xmlns:ofd="${NS}"><ofd:SignedInfo>` +
    `<ofd:Provider ProviderName="zhengyin-test" Version="1.0" Company="zhengyin"/>` +
    `<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>` +
    `<ofd:SignatureDateTime>${signingTime.toISOString()}</ofd:SignatureDateTime>` +
    `<ofd:References${method}>${references}</ofd:References>` +
    `<ofd:StampAnnot ID="${n + 1}" PageRef="${options.pageRef ?? '10'}" Boundary="150 240 40 40"/>` +
    ((options.sealFile ?? true) ? `<ofd:Seal><ofd:BaseLoc>Seal.esl</ofd:BaseLoc></ofd:Seal>` : '') +
    `</ofd:SignedInfo><ofd:SignedValue>/${dir}/SignedValue.dat</ofd:SignedValue></ofd:Signature>`;
  parts[`${dir}/Signature.xml`] = signatureXml;
  const sig = await createSesSignature({
    seal: options.seal,
    dataHash: sm3(bytes(signatureXml)),
    propertyInfo: `/${dir}/Signature.xml`,
    signerCertificate: options.signer.certificate.der,
    sign: options.signer.sign,
    timeInfo: signingTime,
  });
  parts[`${dir}/SignedValue.dat`] = options.timestamp
    ? encodeSesSignature({
        ...sig,
        timeStamp: await options.timestamp(sig.signature),
        timeStampTagging: 'explicit',
      })
    : sig.der;
  return parts;
}

export interface SealedSample {
  readonly parts: OfdParts;
  readonly ofd: Uint8Array;
}

/** A sample document (with an empty annotation index, like our licences) sealed once. */
export async function sealedSample(
  options: SealPartsOptions & {
    readonly document?: SampleOfdOptions;
    readonly emptyAnnotationIndex?: boolean;
  },
): Promise<SealedSample> {
  const base = sampleOfdParts(options.document);
  if (options.emptyAnnotationIndex) {
    base['Doc_0/Annots/Annotations.xml'] = `${head}<ofd:Annotations xmlns:ofd="${NS}"/>`;
    base['Doc_0/Document.xml'] = text(base['Doc_0/Document.xml']!).replace(
      '</ofd:Document>',
      '<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>',
    );
  }
  const parts = await sealParts(base, options);
  return { parts, ofd: rezip(parts) };
}

/** The 加注件 layer: a page annotation with ZY_Annotation parameters, on page ID 10. */
export function addAnnotationLayer(input: OfdParts, statement: Readonly<Record<string, string>>): OfdParts {
  const parts: OfdParts = { ...input };
  const params = Object.entries(statement)
    .map(([k, v]) => `<ofd:Parameter Name="ZY_Annotation.${escapeXml(k)}">${escapeXml(v)}</ofd:Parameter>`)
    .join('');
  parts['Doc_0/Annots/Annotations.xml'] =
    `${head}<ofd:Annotations xmlns:ofd="${NS}"><ofd:Page PageID="10">` +
    `<ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>`;
  parts['Doc_0/Annots/Page_0/Annotation.xml'] =
    `${head}<ofd:PageAnnot xmlns:ofd="${NS}"><ofd:Annot ID="900" Type="Watermark" Subtype="ZY_Annotation">` +
    `<ofd:Parameters>${params}</ofd:Parameters><ofd:Appearance Boundary="10 280 190 10"/>` +
    `</ofd:Annot></ofd:PageAnnot>`;
  return parts;
}
