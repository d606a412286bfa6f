/**
 * Test inputs for the PDF verifier, built by hand so that every structural case can be produced:
 * small PDFs (classic cross-reference table, or cross-reference stream with an object stream),
 * incremental updates written byte by byte, and signatures whose CMS comes from @zhengyin/gm
 * createSignedData. It is a *.test.ts file because it does I/O; its own tests (the fixtures
 * against qpdf and pdfsig) run only when this file is the test entry.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  createCertificate,
  createSignedData,
  createSoftwareKey,
  createTimestampRequest,
  createTimestampResponse,
  ecdsaP256GenerateKeyPair,
  encodePem,
  rsaGenerateKeyPair,
  sm2GenerateKeyPair,
  sm2PrivateKeyToPkcs8,
} from '@zhengyin/gm';
import type {
  CmsProfile,
  ExtensionsInput,
  KeyUsageName,
  ParsedCertificate,
  SignFunction,
} from '@zhengyin/gm';
import { nssDatabase, pdfsig, run, workspace } from './testing/tools.js';

// --- A small PKI: roots, seal certificates and a TSA per key type ---

export type KeyKind = 'SM2' | 'ECDSA' | 'RSA';

export interface TestSigner {
  readonly certificate: ParsedCertificate;
  readonly sign: SignFunction;
}

export const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
export const NOT_AFTER = new Date('2035-01-01T00:00:00Z');
export const SIGNING_TIME = new Date('2026-06-01T08:30:00Z');
export const TSA_TIME = new Date('2026-06-01T08:30:05Z');
export const TSA_POLICY = '1.2.156.999.1.7';

let serial = 0x7000;
let rsaKey: Uint8Array | undefined;

function newKey(kind: KeyKind): Uint8Array {
  if (kind === 'SM2') return sm2PrivateKeyToPkcs8(sm2GenerateKeyPair().privateKey);
  if (kind === 'ECDSA') return ecdsaP256GenerateKeyPair().privateKey;
  // RSA-2048 generation is slow: one key serves every RSA certificate of a run.
  rsaKey ??= rsaGenerateKeyPair().privateKey;
  return rsaKey;
}

export interface IssueOptions {
  readonly cn?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly keyUsage?: readonly KeyUsageName[];
  readonly ca?: boolean;
  readonly tsa?: boolean;
}

/** A certificate for a new key of `kind`, issued by `issuer` (self-signed without one). */
export async function issue(
  kind: KeyKind,
  issuer: TestSigner | undefined,
  options: IssueOptions = {},
): Promise<TestSigner> {
  const key = createSoftwareKey(newKey(kind));
  const extensions: ExtensionsInput = options.ca
    ? { basicConstraints: { ca: true, critical: true }, keyUsage: ['keyCertSign', 'cRLSign'] }
    : {
        basicConstraints: { ca: false },
        keyUsage: options.keyUsage ?? ['digitalSignature', 'nonRepudiation'],
        ...(options.tsa ? { extendedKeyUsage: { purposes: ['timeStamping'], critical: true } } : {}),
      };
  const certificate = await createCertificate({
    subject: [
      { type: 'C', value: 'CN' },
      { type: 'O', value: '证印验证测试' },
      { type: 'CN', value: options.cn ?? `${kind} 测试证书 ${serial}` },
    ],
    publicKey: key.publicKey,
    serialNumber: (serial++).toString(16),
    notBefore: options.notBefore ?? NOT_BEFORE,
    notAfter: options.notAfter ?? NOT_AFTER,
    ...(issuer ? { issuer: issuer.certificate } : {}),
    sign: issuer ? issuer.sign : key.sign,
    extensions,
  });
  return { certificate, sign: key.sign };
}

export interface TestPki {
  readonly root: TestSigner;
  readonly rootPem: string;
  readonly sm2Root: TestSigner;
  readonly ecdsa: TestSigner;
  readonly rsa: TestSigner;
  readonly sm2: TestSigner;
  readonly tsa: TestSigner;
  /** RFC 3161 callback of the test TSA (issued by `root`), genTime TSA_TIME. */
  timestamp(signatureValue: Uint8Array): Promise<Uint8Array>;
}

export async function makeTestPki(): Promise<TestPki> {
  const root = await issue('ECDSA', undefined, { ca: true, cn: '证印验证测试根CA' });
  const sm2Root = await issue('SM2', undefined, { ca: true, cn: '证印验证测试 SM2 根CA' });
  const tsa = await issue('ECDSA', root, { tsa: true, cn: '证印验证测试时间戳' });
  return {
    root,
    rootPem: encodePem('CERTIFICATE', root.certificate.der),
    sm2Root,
    ecdsa: await issue('ECDSA', root, { cn: '某某市市场监督管理局 ECDSA 印章' }),
    rsa: await issue('RSA', root, { cn: '某某市市场监督管理局 RSA 印章' }),
    sm2: await issue('SM2', sm2Root, { cn: '某某市市场监督管理局 SM2 印章' }),
    tsa,
    timestamp: timestampBy(tsa, TSA_TIME),
  };
}

let tsaSerial = 1;

export function timestampBy(
  tsa: TestSigner,
  time: Date,
): (signatureValue: Uint8Array) => Promise<Uint8Array> {
  return async (signatureValue) => {
    const response = await createTimestampResponse({
      request: createTimestampRequest({ data: signatureValue, hash: 'sha256', certReq: true }),
      tsaCert: tsa.certificate,
      signer: tsa.sign,
      serial: (tsaSerial++).toString(16),
      time,
      policy: TSA_POLICY,
    });
    if (!response.token) throw new Error('test TSA refused the request');
    return response.token;
  };
}

export interface FixturePage {
  readonly num: number;
  /** The page dictionary's entries without /Annots. */
  readonly body: string;
  readonly annots: readonly number[];
}

/** A PDF made by these helpers, with what is needed to append updates to it. */
export interface FixturePdf {
  readonly bytes: Uint8Array;
  /** Next free object number. */
  readonly size: number;
  /** Offset of the newest cross-reference section. */
  readonly startxref: number;
  readonly catalogNum: number;
  readonly catalogBody: string;
  readonly pages: readonly FixturePage[];
  readonly pagesNum: number;
  readonly fields: readonly number[];
}

export interface FixtureObject {
  readonly num: number;
  /** Everything between "num 0 obj" and "endobj". */
  readonly body: string | Uint8Array;
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

export const textString = (s: string): string =>
  /^[\x20-\x7e]*$/.test(s) && !/[()\\]/.test(s)
    ? `(${s})`
    : `<feff${Buffer.from(s, 'utf16le').swap16().toString('hex')}>`;

export const pdfDate = (d: Date): string => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

export function streamObject(dict: string, data: Uint8Array | string, compress = false): Uint8Array {
  let bytes = typeof data === 'string' ? latin1(data) : Buffer.from(data);
  if (compress) bytes = deflateSync(bytes);
  return Buffer.concat([
    latin1(`<< ${dict}${compress ? ' /Filter /FlateDecode' : ''} /Length ${bytes.length} >>\nstream\n`),
    bytes,
    latin1('\nendstream'),
  ]);
}

function objectBytes(o: FixtureObject): Buffer {
  return Buffer.concat([
    latin1(`${o.num} 0 obj\n`),
    typeof o.body === 'string' ? latin1(o.body) : Buffer.from(o.body),
    latin1('\nendobj\n'),
  ]);
}

const pageBody = (pagesNum: number, contents: string, fontNum: number): string =>
  `/Type /Page /Parent ${pagesNum} 0 R /MediaBox [0 0 595 842] /Contents ${contents} /Resources << /Font << /F1 ${fontNum} 0 R >> >>`;

const content = (i: number): string => `BT /F1 24 Tf 72 720 Td (Fixture page ${i}: the signed text) Tj ET\n`;

export interface BaseOptions {
  readonly pages?: number;
  /** Cross-reference stream with the dictionaries in an object stream (PNG Up predictor). */
  readonly xrefStream?: boolean;
  /** Extra entries for the catalog (e.g. a hostile value). */
  readonly catalogExtra?: string;
  /** Page 1 /Contents refers to this missing object too (a dangling reference). */
  readonly danglingContent?: number;
}

/**
 * An unsigned PDF: 1 catalog, 2 pages, 3 font, then per page a page object and a content stream.
 */
export function basePdf(options: BaseOptions = {}): FixturePdf {
  const n = options.pages ?? 1;
  const catalogBody = `/Type /Catalog /Pages 2 0 R${options.catalogExtra ? ` ${options.catalogExtra}` : ''}`;
  const pages: FixturePage[] = [];
  const objects: FixtureObject[] = [];
  const dicts: FixtureObject[] = [];
  for (let i = 0; i < n; i++) {
    const pageNum = 4 + 2 * i;
    const contentNum = pageNum + 1;
    const contents =
      i === 0 && options.danglingContent
        ? `[${contentNum} 0 R ${options.danglingContent} 0 R]`
        : `${contentNum} 0 R`;
    const body = pageBody(2, contents, 3);
    pages.push({ num: pageNum, body, annots: [] });
    dicts.push({ num: pageNum, body: `<< ${body} >>` });
    objects.push({ num: contentNum, body: streamObject('', content(i + 1)) });
  }
  dicts.unshift(
    { num: 1, body: `<< ${catalogBody} >>` },
    { num: 2, body: `<< /Type /Pages /Kids [${pages.map((p) => `${p.num} 0 R`).join(' ')}] /Count ${n} >>` },
    { num: 3, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
  );
  const size = 4 + 2 * n;
  const header = latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const parts: Buffer[] = [header];
  let at = header.length;
  const offsets = new Map<number, number>();
  const put = (o: FixtureObject): void => {
    const b = objectBytes(o);
    offsets.set(o.num, at);
    parts.push(b);
    at += b.length;
  };
  if (!options.xrefStream) {
    for (const o of [...dicts, ...objects].sort((a, b) => a.num - b.num)) put(o);
    const xref = at;
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let num = 1; num < size; num++) table += `${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
    table += `trailer\n<< /Size ${size} /Root 1 0 R /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>] >>\nstartxref\n${xref}\n%%EOF\n`;
    parts.push(latin1(table));
    return {
      bytes: new Uint8Array(Buffer.concat(parts)),
      size,
      startxref: xref,
      catalogNum: 1,
      catalogBody,
      pages,
      pagesNum: 2,
      fields: [],
    };
  }
  // Object stream (number `size`) with the dictionaries; xref stream is `size + 1`.
  for (const o of objects) put(o);
  const osNum = size;
  const xrefNum = size + 1;
  let headerText = '';
  let body = '';
  dicts.forEach((d, i) => {
    headerText += `${d.num} ${body.length} `;
    body += `${d.body as string}\n`;
    void i;
  });
  put({
    num: osNum,
    body: streamObject(
      `/Type /ObjStm /N ${dicts.length} /First ${headerText.length}`,
      headerText + body,
      true,
    ),
  });
  const xrefAt = at;
  const total = xrefNum + 1;
  const rows: number[][] = [];
  for (let num = 0; num < total; num++) {
    const di = dicts.findIndex((d) => d.num === num);
    if (num === 0) rows.push([0, 0, 0xffff]);
    else if (di >= 0) rows.push([2, osNum, di]);
    else if (num === xrefNum) rows.push([1, xrefAt, 0]);
    else rows.push([1, offsets.get(num) ?? 0, 0]);
  }
  const W = [1, 4, 2];
  const rowBytes = 7;
  const raw = Buffer.alloc(rows.length * (rowBytes + 1));
  let prev = Buffer.alloc(rowBytes);
  rows.forEach((r, i) => {
    const row = Buffer.alloc(rowBytes);
    row.writeUInt8(r[0] as number, 0);
    row.writeUInt32BE(r[1] as number, 1);
    row.writeUInt16BE(r[2] as number, 5);
    raw[i * (rowBytes + 1)] = 2; // PNG Up
    for (let k = 0; k < rowBytes; k++)
      raw[i * (rowBytes + 1) + 1 + k] = ((row[k] as number) - (prev[k] as number)) & 0xff;
    prev = row;
  });
  put({
    num: xrefNum,
    body: streamObject(
      `/Type /XRef /Size ${total} /W [${W.join(' ')}] /Root 1 0 R /DecodeParms << /Predictor 12 /Columns ${rowBytes} >>`,
      raw,
      true,
    ),
  });
  parts.push(latin1(`startxref\n${xrefAt}\n%%EOF\n`));
  return {
    bytes: new Uint8Array(Buffer.concat(parts)),
    size: total,
    startxref: xrefAt,
    catalogNum: 1,
    catalogBody,
    pages,
    pagesNum: 2,
    fields: [],
  };
}

/** Appends an incremental update (classic cross-reference table with /Prev) with `objects`. */
export function appendUpdate(
  pdf: FixturePdf,
  objects: readonly FixtureObject[],
  changes: Partial<Pick<FixturePdf, 'size' | 'pages' | 'fields' | 'catalogBody'>> & {
    trailerPrev?: number;
  } = {},
): FixturePdf {
  const size = Math.max(changes.size ?? pdf.size, ...objects.map((o) => o.num + 1));
  const parts: Buffer[] = [Buffer.from(pdf.bytes)];
  let at = pdf.bytes.length;
  const offsets = new Map<number, number>();
  for (const o of objects) {
    const b = objectBytes(o);
    offsets.set(o.num, at);
    parts.push(b);
    at += b.length;
  }
  const xref = at;
  let table = 'xref\n0 1\n0000000000 65535 f \n';
  for (const num of [...offsets.keys()].sort((a, b) => a - b)) {
    table += `${num} 1\n${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
  }
  table += `trailer\n<< /Size ${size} /Root ${pdf.catalogNum} 0 R /Prev ${changes.trailerPrev ?? pdf.startxref} >>\nstartxref\n${xref}\n%%EOF\n`;
  parts.push(latin1(table));
  return {
    ...pdf,
    ...changes,
    bytes: new Uint8Array(Buffer.concat(parts)),
    size,
    startxref: xref,
  };
}

export const pageObject = (page: FixturePage): FixtureObject => ({
  num: page.num,
  body: `<< ${page.body}${page.annots.length ? ` /Annots [${page.annots.map((a) => `${a} 0 R`).join(' ')}]` : ''} >>`,
});

export const catalogObject = (
  pdf: Pick<FixturePdf, 'catalogNum' | 'catalogBody'>,
  fields: readonly number[],
): FixtureObject => ({
  num: pdf.catalogNum,
  body: `<< ${pdf.catalogBody} /AcroForm << /Fields [${fields.map((f) => `${f} 0 R`).join(' ')}] /SigFlags 3 >> >>`,
});

/** An unsigned update that adds a page (a new page object and content, the page tree changed). */
export function appendPage(pdf: FixturePdf): FixturePdf {
  const pageNum = pdf.size;
  const contentNum = pdf.size + 1;
  const page: FixturePage = {
    num: pageNum,
    body: pageBody(pdf.pagesNum, `${contentNum} 0 R`, 3),
    annots: [],
  };
  const pages = [...pdf.pages, page];
  return appendUpdate(
    pdf,
    [
      {
        num: pdf.pagesNum,
        body: `<< /Type /Pages /Kids [${pages.map((p) => `${p.num} 0 R`).join(' ')}] /Count ${pages.length} >>`,
      },
      pageObject(page),
      {
        num: contentNum,
        body: streamObject('', 'BT /F1 24 Tf 72 600 Td (A page added after signing) Tj ET\n'),
      },
    ],
    { size: pdf.size + 2, pages },
  );
}

export interface SignOptions {
  readonly signer: TestSigner;
  readonly chain?: readonly ParsedCertificate[];
  /** 1-based pages with a widget (several: one field with a widget kid per page). */
  readonly pages?: readonly number[];
  readonly fieldName?: string;
  readonly subFilter?: string;
  readonly signingTime?: Date;
  /** /M; default the signing time, null for none. */
  readonly m?: Date | null;
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  readonly profile?: CmsProfile;
  readonly sealCode?: string;
  readonly sesSeal?: Uint8Array;
  readonly name?: string;
  readonly reason?: string;
  readonly placeholderBytes?: number;
  /** Changes the byte range that is signed and written (to build broken ranges). */
  readonly tweakRange?: (range: [number, number, number, number]) => [number, number, number, number];
  /** Replaces the CMS (e.g. a document timestamp token over the ranges). */
  readonly cms?: (content: Uint8Array) => Promise<Uint8Array>;
  readonly type?: 'Sig' | 'DocTimeStamp';
  /** Extra entries written into the signature dictionary. */
  readonly extra?: string;
}

export interface Signed {
  readonly pdf: FixturePdf;
  readonly byteRange: readonly [number, number, number, number];
}

/** Signs `pdf` in a new incremental update, the way PAdES signers do. */
export async function signFixture(pdf: FixturePdf, options: SignOptions): Promise<Signed> {
  const sigNum = pdf.size;
  const fieldNum = pdf.size + 1;
  const pageNumbers = options.pages ?? [1];
  const placeholder = options.placeholderBytes ?? 8192;
  const signingTime = options.signingTime ?? SIGNING_TIME;
  const m = options.m === undefined ? signingTime : options.m;
  const type = options.type ?? 'Sig';
  const subFilter = options.subFilter ?? (type === 'DocTimeStamp' ? 'ETSI.RFC3161' : 'ETSI.CAdES.detached');
  const sig =
    `<< /Type /${type} /Filter /Adobe.PPKLite /SubFilter /${subFilter} ` +
    `/ByteRange [0 0000000000 0000000000 0000000000] /Contents <${'0'.repeat(placeholder * 2)}>` +
    (m ? ` /M ${pdfDate(m)}` : '') +
    (options.name ? ` /Name ${textString(options.name)}` : '') +
    (options.reason ? ` /Reason ${textString(options.reason)}` : '') +
    (options.sealCode ? ` /ZY_SealCode ${textString(options.sealCode)}` : '') +
    (options.sesSeal ? ` /ZY_SESeal <${Buffer.from(options.sesSeal).toString('hex')}>` : '') +
    (options.extra ? ` ${options.extra}` : '') +
    ' >>';
  const fieldName = options.fieldName ?? `Signature${pdf.fields.length + 1}`;
  const objects: FixtureObject[] = [{ num: sigNum, body: sig }];
  const pages = pdf.pages.map((p) => ({ ...p, annots: [...p.annots] }));
  let size = pdf.size + 2;
  const widget = (pageIndex: number): string => {
    const page = pages[pageIndex - 1];
    if (!page) throw new Error(`no page ${pageIndex}`);
    return `/Type /Annot /Subtype /Widget /Rect [400 100 500 200] /F 132 /P ${page.num} 0 R`;
  };
  if (pageNumbers.length === 1) {
    const p = pageNumbers[0] as number;
    objects.push({
      num: fieldNum,
      body: `<< /FT /Sig /T ${textString(fieldName)} /V ${sigNum} 0 R ${widget(p)} >>`,
    });
    (pages[p - 1] as { annots: number[] }).annots.push(fieldNum);
  } else {
    const kids = pageNumbers.map((p) => {
      const num = size++;
      objects.push({ num, body: `<< ${widget(p)} /Parent ${fieldNum} 0 R >>` });
      (pages[p - 1] as { annots: number[] }).annots.push(num);
      return num;
    });
    objects.push({
      num: fieldNum,
      body: `<< /FT /Sig /T ${textString(fieldName)} /V ${sigNum} 0 R /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] >>`,
    });
  }
  for (const p of new Set(pageNumbers)) objects.push(pageObject(pages[p - 1] as FixturePage));
  const fields = [...pdf.fields, fieldNum];
  objects.push(catalogObject(pdf, fields));
  const updated = appendUpdate(pdf, objects, { size, pages, fields });
  const bytes = Buffer.from(updated.bytes);
  const brAt = bytes.indexOf('/ByteRange [0 0000000000', pdf.bytes.length, 'latin1');
  const contentsAt = bytes.indexOf(`/Contents <`, brAt, 'latin1') + 10;
  const contentsEnd = contentsAt + 2 + placeholder * 2;
  let range: [number, number, number, number] = [0, contentsAt, contentsEnd, bytes.length - contentsEnd];
  if (options.tweakRange) range = options.tweakRange(range);
  const [r0, ...rest] = range;
  const brText = `/ByteRange [${r0} ${rest.map((x) => String(x).padEnd(10, ' ')).join(' ')}]`;
  const placeholderText = '/ByteRange [0 0000000000 0000000000 0000000000]';
  bytes.write(brText.padEnd(placeholderText.length, ' '), brAt, 'latin1');
  const signed = Buffer.concat([
    bytes.subarray(range[0], range[0] + range[1]),
    bytes.subarray(range[2], range[2] + range[3]),
  ]);
  const cms = options.cms
    ? await options.cms(new Uint8Array(signed))
    : await createSignedData({
        content: new Uint8Array(signed),
        signerCertificate: options.signer.certificate,
        sign: options.signer.sign as SignFunction,
        certificates: options.chain ?? [],
        signingTime,
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      });
  if (cms.length > placeholder) throw new Error(`CMS of ${cms.length} bytes does not fit`);
  bytes.write(Buffer.from(cms).toString('hex'), contentsAt + 1, 'latin1');
  return { pdf: { ...updated, bytes: new Uint8Array(bytes) }, byteRange: range };
}

/** A document timestamp (/DocTimeStamp, ETSI.RFC3161) by the test TSA over the byte ranges. */
export function docTimestampCms(tsa: TestSigner, time: Date): (content: Uint8Array) => Promise<Uint8Array> {
  return async (content) => {
    const response = await createTimestampResponse({
      request: createTimestampRequest({ data: content, hash: 'sha256', certReq: true }),
      tsaCert: tsa.certificate,
      signer: tsa.sign,
      serial: '7',
      time,
      policy: TSA_POLICY,
    });
    if (!response.token) throw new Error('TSA refused');
    return response.token;
  };
}

/** `bytes` with the byte at `offset` changed (a visible character for a text position). */
export function flipByte(bytes: Uint8Array, offset: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[offset] = (out[offset] as number) === 0x41 ? 0x42 : 0x41;
  return out;
}

/** Offset of the first occurrence of `text` (latin1) at or after `from`. */
export function offsetOf(bytes: Uint8Array, text: string, from = 0): number {
  const at = Buffer.from(bytes).indexOf(text, from, 'latin1');
  if (at < 0) throw new Error(`"${text}" not found`);
  return at;
}

if (expect.getState().testPath?.endsWith('verify-fixtures.test.ts')) {
  describe('verifier fixtures', () => {
    it('are well-formed PDFs that qpdf accepts and pdfsig verifies, or rejects once tampered', async () => {
      const pki = await makeTestPki();
      const ws = workspace('zhengyin-verify-fixtures-');
      try {
        const nss = nssDatabase(ws, pki.rootPem);
        for (const [i, base] of [basePdf({ pages: 2 }), basePdf({ xrefStream: true })].entries()) {
          const one = await signFixture(base, { signer: pki.ecdsa, pages: [1] });
          const two = await signFixture(one.pdf, { signer: pki.rsa, timestamp: (s) => pki.timestamp(s) });
          const file = ws.write(`two-${i}.pdf`, two.pdf.bytes);
          const check = run('qpdf', ['--check', file]);
          expect(check.stdout + check.stderr).toMatch(/No syntax or stream encoding errors/);
          const report = pdfsig(file, nss);
          expect(report.signatures.map((s) => [s.valid, s.trusted])).toEqual([
            [true, true],
            [true, true],
          ]);
          const tampered = ws.write(
            `tampered-${i}.pdf`,
            flipByte(two.pdf.bytes, offsetOf(two.pdf.bytes, 'signed text') + 2),
          );
          expect(pdfsig(tampered, nss).signatures.map((s) => s.valid)).toEqual([false, false]);
        }
      } finally {
        ws.remove();
      }
    });
  });
}
