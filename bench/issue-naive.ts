/**
 * The naive baseline of the issuance benchmark: what a straightforward implementation does per
 * licence — a new pdfkit document that registers the CJK font from its bytes (pdfkit re-parses it),
 * the face texts at the template's positions, the QR code as a PNG (qrcode) and the seal picture;
 * then the "save again" signature: load the whole PDF (every object through the xref table), append
 * a signature field with a /Contents placeholder, re-save everything, compute the byte range, build
 * the CMS with pkijs (ECDSA P-256 over WebCrypto: pkijs has no SM2) and fill it in; finally write
 * the file and insert one row (autocommit).
 */
import { createHash, createHmac, randomUUID, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import type { QueryExecutorProvider } from 'kysely';
import { sql } from 'kysely';
import PDFDocument from 'pdfkit';
import * as pkijs from 'pkijs';
import QRCode from 'qrcode';
import type { IssueItem } from '@zhengyin/core';
import {
  buildEcertIdentifier,
  createCertificate,
  createSoftwareKey,
  ecdsaP256GenerateKeyPair,
} from '@zhengyin/gm';
import type { ExtensionsInput, NameInput } from '@zhengyin/gm';
import { BUSINESS_FACE } from '../apps/server/src/testing/licensing.js';
import type { PhaseClock } from './issue-profile.js';

const PT_PER_MM = 72 / 25.4;
const pt = (mm: number) => mm * PT_PER_MM;
const PLACEHOLDER_BYTES = 8192;
const BYTE_RANGE_WIDTH = 10;

export interface NaiveSigner {
  readonly key: webcrypto.CryptoKey;
  readonly leaf: pkijs.Certificate;
  readonly root: pkijs.Certificate;
  readonly rootDer: Uint8Array;
}

const dn = (cn: string): NameInput => [
  { type: 'C', value: 'CN' },
  { type: 'O', value: '证印基准测试（朴素基线）' },
  { type: 'CN', value: cn },
];

/** An ECDSA P-256 root and seal certificate (setup, not timed), the seal key imported into WebCrypto. */
export async function naiveSigner(): Promise<NaiveSigner> {
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 365 * 86_400_000);
  const rootKey = ecdsaP256GenerateKeyPair().privateKey;
  const leafKey = ecdsaP256GenerateKeyPair().privateKey;
  const signWith = (pkcs8: Uint8Array) => {
    const { sign } = createSoftwareKey(pkcs8);
    return async (data: Uint8Array) => sign(data);
  };
  const CA: ExtensionsInput = { basicConstraints: { ca: true, critical: true }, keyUsage: ['keyCertSign'] };
  const root = await createCertificate({
    subject: dn('朴素基线 ECDSA 根CA'),
    publicKey: createSoftwareKey(rootKey).publicKey,
    serialNumber: '5001',
    notBefore,
    notAfter,
    sign: signWith(rootKey),
    extensions: CA,
  });
  const leaf = await createCertificate({
    subject: dn('西安市市场监督管理局 电子证照专用章'),
    publicKey: createSoftwareKey(leafKey).publicKey,
    serialNumber: '5002',
    notBefore,
    notAfter,
    issuer: root,
    sign: signWith(rootKey),
    extensions: { basicConstraints: { ca: false }, keyUsage: ['digitalSignature', 'nonRepudiation'] },
  });
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    leafKey,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  return {
    key,
    leaf: pkijs.Certificate.fromBER(leaf.der),
    root: pkijs.Certificate.fromBER(root.der),
    rootDer: root.der,
  };
}

export interface NaiveContext {
  readonly signer: NaiveSigner;
  /** The CJK font file's bytes, read once; registered (and so parsed) again for every licence. */
  readonly fontBytes: Buffer;
  /** PostScript name of the face in the collection. */
  readonly fontFace: string;
  readonly sealPng: Buffer;
  readonly issuerName: string;
  readonly issuerCode: string;
  readonly typeCode: string;
  readonly verifyBaseUrl: string;
  readonly outDir: string;
  readonly db: QueryExecutorProvider;
  /** Collects the time of each step (NAIVE_PHASES). */
  readonly clock: PhaseClock;
}

export const NAIVE_PHASES = {
  render: 'render (font registered and parsed, pdfkit + fontkit subset, QR PNG)',
  resave: 're-save whole file with placeholder',
  sign: 'byte range, SHA-256, pkijs CMS (ECDSA)',
  store: 'write file + insert row',
} as const;

export async function createNaiveTable(db: QueryExecutorProvider): Promise<void> {
  await sql`CREATE TABLE bench_naive_licences (
    id uuid PRIMARY KEY,
    serial text NOT NULL UNIQUE,
    holder_name text NOT NULL,
    holder_code text NOT NULL,
    data jsonb NOT NULL,
    file_path text NOT NULL,
    file_sha256 text NOT NULL,
    file_size integer NOT NULL,
    created_at timestamptz NOT NULL
  )`.execute(db);
}

const chinaDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The face as pdfkit draws it, naively: one font registration (parse) per document. */
async function renderNaive(ctx: NaiveContext, values: Record<string, string>, qrPayload: string) {
  const doc = new PDFDocument({
    size: [pt(BUSINESS_FACE.page.widthMm), pt(BUSINESS_FACE.page.heightMm)],
    margin: 0,
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', ctx.fontBytes, ctx.fontFace);
  doc.font('cjk');
  const boxes = [
    ...BUSINESS_FACE.fixedTexts,
    ...BUSINESS_FACE.textBoxes.map((b) => ({ ...b, text: values[b.item] ?? '' })),
  ];
  for (const b of boxes) {
    doc.fontSize(b.fontSize).text(b.text, pt(b.xMm), pt(b.yMm), {
      width: pt(b.widthMm),
      align: b.align as 'left' | 'center',
      lineBreak: false,
    });
  }
  const qr = BUSINESS_FACE.qr;
  const qrPng = await QRCode.toBuffer(qrPayload, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
  doc.image(qrPng, pt(qr.xMm), pt(qr.yMm), { width: pt(qr.sizeMm), height: pt(qr.sizeMm) });
  const s = BUSINESS_FACE.seal;
  doc.image(ctx.sealPng, pt(s.xMm), pt(s.yMm), { width: pt(s.sizeMm), height: pt(s.sizeMm) });
  doc.end();
  return done;
}

interface LoadedPdf {
  readonly header: Buffer;
  readonly objects: Map<number, Buffer>;
  readonly trailer: string;
}

/** Loads every object of a classic-xref PDF (as pdfkit writes it) through its cross-reference table. */
function loadPdf(pdf: Buffer): LoadedPdf {
  const tail = pdf.subarray(pdf.length - 64).toString('latin1');
  const xrefAt = Number(/startxref\s+(\d+)/.exec(tail)?.[1]);
  const xref = pdf.subarray(xrefAt).toString('latin1');
  const lines = xref.split(/\r?\n/);
  const [first, count] = (lines[1] ?? '').split(' ').map(Number) as [number, number];
  const offsets: { num: number; at: number }[] = [];
  for (let i = 0; i < count; i++) {
    const [at, , kind] = (lines[2 + i] ?? '').trim().split(' ');
    if (kind === 'n') offsets.push({ num: first + i, at: Number(at) });
  }
  offsets.sort((a, b) => a.at - b.at);
  const objects = new Map<number, Buffer>();
  offsets.forEach(({ num, at }, i) => objects.set(num, pdf.subarray(at, offsets[i + 1]?.at ?? xrefAt)));
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(xref)?.[1];
  if (!trailer || offsets.length === 0) throw new Error('not a classic-xref PDF');
  return { header: pdf.subarray(0, offsets[0]?.at ?? 0), objects, trailer };
}

const ref = (num: number) => `${num} 0 R`;
const refOf = (text: string, key: string): number => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(text);
  if (!m) throw new Error(`no /${key} reference`);
  return Number(m[1]);
};

/** Adds `entries` at the end of the object's dictionary. */
function withEntries(object: Buffer, entries: string): Buffer {
  const text = object.toString('latin1');
  const close = text.lastIndexOf('>>');
  return Buffer.from(`${text.slice(0, close)}${entries}\n${text.slice(close)}`, 'latin1');
}

const utf16Hex = (text: string) => `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex')}>`;
const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** The "save again" way: the whole document rewritten with a signature field and a placeholder. */
function resaveWithPlaceholder(pdf: Buffer, signingTime: Date, reason: string): Buffer {
  const { header, objects, trailer } = loadPdf(pdf);
  const rootNum = refOf(trailer, 'Root');
  const pagesNum = refOf(objects.get(rootNum)?.toString('latin1') ?? '', 'Pages');
  const pageNum = Number(
    /\/Kids\s*\[\s*(\d+)\s+0\s+R/.exec(objects.get(pagesNum)?.toString('latin1') ?? '')?.[1],
  );
  let next = Math.max(...objects.keys()) + 1;
  const [sigNum, widgetNum, formNum] = [next++, next++, next++];
  const zeros = '0'.repeat(BYTE_RANGE_WIDTH);
  const added = new Map<number, Buffer>([
    [
      sigNum,
      Buffer.from(
        `${sigNum} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached ` +
          `/ByteRange [0 ${zeros} ${zeros} ${zeros}] /Contents <${'0'.repeat(2 * PLACEHOLDER_BYTES)}> ` +
          `/M (${pdfDate(signingTime)}) /Reason ${utf16Hex(reason)} >>\nendobj\n`,
        'latin1',
      ),
    ],
    [
      widgetNum,
      Buffer.from(
        `${widgetNum} 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 ` +
          `/T (Signature1) /V ${ref(sigNum)} /P ${ref(pageNum)} >>\nendobj\n`,
        'latin1',
      ),
    ],
    [
      formNum,
      Buffer.from(`${formNum} 0 obj\n<< /Fields [${ref(widgetNum)}] /SigFlags 3 >>\nendobj\n`, 'latin1'),
    ],
  ]);
  const all = new Map(objects);
  all.set(rootNum, withEntries(objects.get(rootNum) as Buffer, `/AcroForm ${ref(formNum)}`));
  all.set(pageNum, withEntries(objects.get(pageNum) as Buffer, `/Annots [${ref(widgetNum)}]`));
  for (const [num, obj] of added) all.set(num, obj);

  const parts: Buffer[] = [header];
  const offsets: number[] = [];
  let at = header.length;
  for (const num of [...all.keys()].sort((a, b) => a - b)) {
    const obj = all.get(num) as Buffer;
    offsets[num] = at;
    parts.push(obj);
    at += obj.length;
  }
  const size = next;
  const rows = ['0000000000 65535 f '];
  for (let n = 1; n < size; n++)
    rows.push(
      offsets[n] === undefined ? '0000000000 65535 f ' : `${String(offsets[n]).padStart(10, '0')} 00000 n `,
    );
  const info = /\/Info\s+\d+\s+0\s+R/.exec(trailer)?.[0] ?? '';
  const id = /\/ID\s*\[[^\]]*\]/.exec(trailer)?.[0] ?? '';
  parts.push(
    Buffer.from(
      `xref\n0 ${size}\n${rows.join('\n')}\ntrailer\n<<\n/Size ${size}\n/Root ${ref(rootNum)}\n${info}\n${id}\n>>\n` +
        `startxref\n${at}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** A detached CMS SignedData over `digest` (SHA-256 of the byte ranges), built with pkijs. */
async function pkijsCms(signer: NaiveSigner, digest: Buffer, signingTime: Date): Promise<Buffer> {
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.leaf.issuer,
          serialNumber: signer.leaf.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.3',
              values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.5',
              values: [new asn1js.UTCTime({ valueDate: signingTime })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.4',
              values: [new asn1js.OctetString({ valueHex: digest })],
            }),
          ],
        }),
      }),
    ],
    certificates: [signer.leaf, signer.root],
  });
  await signedData.sign(signer.key, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/** Fills the placeholder: byte range, then the CMS over the two ranges. */
async function signResaved(pdf: Buffer, signer: NaiveSigner, signingTime: Date): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const zeros = '0'.repeat(BYTE_RANGE_WIDTH);
  const rangeAt = text.lastIndexOf(`/ByteRange [0 ${zeros} ${zeros} ${zeros}]`);
  const contentsAt = text.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const contentsEnd = contentsAt + 2 * PLACEHOLDER_BYTES + 2;
  const range = [0, contentsAt, contentsEnd, pdf.length - contentsEnd];
  const padded = range.slice(1).map((n) => String(n).padStart(BYTE_RANGE_WIDTH, '0'));
  const rangeText = `/ByteRange [0 ${padded.join(' ')}]`;
  const out = Buffer.from(pdf);
  out.write(rangeText, rangeAt, 'latin1');
  const digest = createHash('sha256')
    .update(Buffer.concat([out.subarray(0, contentsAt), out.subarray(contentsEnd)]))
    .digest();
  const cms = await pkijsCms(signer, digest, signingTime);
  if (cms.length > PLACEHOLDER_BYTES) throw new Error('CMS larger than its placeholder');
  out.write(cms.toString('hex'), contentsAt + 1, 'latin1');
  return out;
}

/** One licence, the naive way; returns the file. */
export async function naiveIssue(ctx: NaiveContext, item: IssueItem, n: number, at: Date): Promise<Buffer> {
  const serial = `${at.getUTCFullYear()}${String(n).padStart(8, '0')}`;
  const identifier = buildEcertIdentifier({
    typeCode: ctx.typeCode,
    issuerCode: ctx.issuerCode,
    serial,
    version: 1,
  });
  const token = createHmac('sha256', 'bench')
    .update(identifier)
    .digest()
    .subarray(0, 9)
    .toString('base64url');
  const data = item.data as { FDDBR: string; CLRQ: string };
  const values = {
    CZZTDM: item.holder.code,
    CZZT: item.holder.name,
    FDDBR: data.FDDBR,
    CLRQ: chinaDate(data.CLRQ),
    ZZBFJG: ctx.issuerName,
    ZZBH: serial,
  };
  const { clock } = ctx;
  const url = `${ctx.verifyBaseUrl}/v/${encodeURIComponent(identifier)}?t=${token}`;
  const face = await clock.time(NAIVE_PHASES.render, () => renderNaive(ctx, values, url));
  const resaved = clock.timeSync(NAIVE_PHASES.resave, () => resaveWithPlaceholder(face, at, '签发营业执照'));
  const pdf = await clock.time(NAIVE_PHASES.sign, () => signResaved(resaved, ctx.signer, at));
  await clock.time(NAIVE_PHASES.store, async () => {
    const file = join(ctx.outDir, `${serial}.pdf`);
    writeFileSync(file, pdf);
    await sql`INSERT INTO bench_naive_licences
      (id, serial, holder_name, holder_code, data, file_path, file_sha256, file_size, created_at)
      VALUES (${randomUUID()}, ${serial}, ${item.holder.name}, ${item.holder.code},
        ${JSON.stringify(item.data)}::jsonb, ${file}, ${createHash('sha256').update(pdf).digest('hex')},
        ${pdf.length}, ${at})`.execute(ctx.db);
  });
  return pdf;
}
