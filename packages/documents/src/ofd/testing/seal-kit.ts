/**
 * Test material for the OFD writer, sealer and 加注件 tests: an SM2 root CA, an issuer (seal
 * holder) and a platform annotator with SM2 certificates, a stranger certificate in no seal, and
 * GB/T 38540 seals for the issuer and the annotator. Plus an independent reading of written files
 * (fflate unzip + saxes, not the package's own reader). Software keys only; nothing here is for
 * production.
 */
import { SaxesParser } from 'saxes';
import { unzipSync } from 'fflate';
import {
  createCertificate,
  createSeal,
  createSoftwareKey,
  sm2GenerateKeyPair,
  sm2PrivateKeyToPkcs8,
  sm2Sign,
  type ExtensionsInput,
  type ParsedCertificate,
  type SesSeal,
  type SesSignFunction,
} from '@zhengyin/gm';
import { testSealPng } from '../../pdf/testing/seal-png.js';

export const KIT_NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
export const KIT_NOT_AFTER = new Date('2035-01-01T00:00:00Z');
export const SEAL_VALID_START = new Date('2025-06-01T00:00:00Z');
export const SEAL_VALID_END = new Date('2030-06-01T00:00:00Z');
export const SIGNING_TIME = new Date('2026-06-01T08:30:00Z');

export interface KitSigner {
  readonly certificate: ParsedCertificate;
  readonly sign: SesSignFunction;
}

export interface OfdSealKit {
  readonly root: ParsedCertificate;
  readonly issuer: KitSigner;
  readonly annotator: KitSigner;
  /** An SM2 certificate of the same CA that is in no seal's list. */
  readonly stranger: KitSigner;
  /** The issuer's seal (40 × 40 mm PNG picture), valid 2025-06-01 to 2030-06-01. */
  readonly seal: SesSeal;
  /** The platform's annotation seal (30 × 30 mm). */
  readonly annotationSeal: SesSeal;
}

const CA: ExtensionsInput = {
  basicConstraints: { ca: true, critical: true },
  keyUsage: ['keyCertSign', 'cRLSign'],
};
const LEAF: ExtensionsInput = {
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'nonRepudiation'],
};

let serial = 0x0fd0;

async function sm2Signer(cn: string, issuer: KitSigner | undefined): Promise<KitSigner> {
  const key = sm2GenerateKeyPair().privateKey;
  const sign: SesSignFunction = async (data) => sm2Sign(key, data);
  const certificate = await createCertificate({
    subject: [
      { type: 'C', value: 'CN' },
      { type: 'O', value: '证印 OFD 测试' },
      { type: 'CN', value: cn },
    ],
    publicKey: createSoftwareKey(sm2PrivateKeyToPkcs8(key)).publicKey,
    serialNumber: (serial++).toString(16),
    notBefore: KIT_NOT_BEFORE,
    notAfter: KIT_NOT_AFTER,
    ...(issuer ? { issuer: issuer.certificate } : {}),
    sign: issuer ? issuer.sign : sign,
    extensions: issuer ? LEAF : CA,
  });
  return { certificate, sign };
}

function seal(holder: KitSigner, maker: KitSigner, esId: string, name: string, sizeMm: number) {
  return createSeal({
    esId,
    type: 1,
    name,
    signerCertificates: [holder.certificate.der],
    validStart: SEAL_VALID_START,
    validEnd: SEAL_VALID_END,
    createDate: SEAL_VALID_START,
    picture: { type: 'png', data: testSealPng(120), width: sizeMm, height: sizeMm },
    makerCertificate: maker.certificate.der,
    sign: maker.sign,
  });
}

export async function makeOfdSealKit(): Promise<OfdSealKit> {
  const root = await sm2Signer('证印 OFD 测试根CA', undefined);
  const issuer = await sm2Signer('福州市鼓楼区市场监督管理局', root);
  const annotator = await sm2Signer('证照共享平台', root);
  const stranger = await sm2Signer('无印章的单位', root);
  return {
    root: root.certificate,
    issuer,
    annotator,
    stranger,
    seal: await seal(issuer, root, '35010200000001', '福州市鼓楼区市场监督管理局', 40),
    annotationSeal: await seal(annotator, root, '35000000000009', '证照共享平台加注专用章', 30),
  };
}

/** An element read by the independent parser. */
export interface PlainElement {
  readonly local: string;
  readonly prefix: string;
  readonly uri: string;
  readonly attrs: Record<string, string>;
  readonly children: PlainElement[];
  text: string;
}

/** Parses with saxes (namespaces on), throwing on any well-formedness error. */
export function parseIndependently(bytes: Uint8Array): PlainElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: PlainElement[] = [];
  let root: PlainElement | undefined;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (typeof a !== 'string') attrs[a.name] = a.value;
    const el: PlainElement = {
      local: tag.local ?? '',
      prefix: tag.prefix ?? '',
      uri: tag.uri ?? '',
      attrs,
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    const done = stack.pop();
    if (stack.length === 0) root = done;
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.write(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element of the tree, depth first. */
export function* walk(el: PlainElement): Generator<PlainElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

export const unzipOfd = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
