/**
 * Input PDFs for the sealing tests: documents drawn with pdfkit (Chinese text in Noto Sans Hans
 * from @embedpdf/fonts-sc) and small hand-written files whose structure the tests control
 * exactly (inherited boxes, /Rotate, cross-reference streams with predictors, hybrid files).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
export const CJK_FONT = join(
  dirname(require.resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
  'NotoSansHans-Regular.otf',
);

export const A4 = { width: 595.28, height: 841.89 } as const;
export const KEYWORD = '（盖章）';

export interface ContractPdf {
  readonly pdf: Uint8Array;
  /** Expected centre of the keyword on its page, display coordinates (points from lower left). */
  readonly keywordCentre: readonly [number, number];
  /** 1-based page of the keyword. */
  readonly keywordPage: number;
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * A contract of `pages` A4 pages with Chinese text; the last page ends with
 * "甲方（盖章）：" at a known position.
 */
export async function contractPdf(pages = 1): Promise<ContractPdf> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: '测试合同', Producer: 'pdfkit' } });
  doc.registerFont('cjk', CJK_FONT);
  doc.font('cjk');
  for (let p = 1; p <= pages; p++) {
    if (p > 1) doc.addPage();
    doc.fontSize(20).text('电子印章测试合同', 56, 72, { align: 'center', width: A4.width - 112 });
    doc.fontSize(12);
    for (let line = 0; line < 12; line++) {
      doc.text(
        `第${p}页 第${line + 1}条：双方同意按照本合同约定履行各自的义务，不得擅自变更。`,
        56,
        130 + line * 22,
      );
    }
    doc.text(`— 第 ${p} 页，共 ${pages} 页 —`, 56, 740, { align: 'center', width: A4.width - 112 });
  }
  const size = 14;
  const x = 72;
  const y = 600;
  const prefix = '甲方';
  doc.fontSize(size).text(`${prefix}${KEYWORD}：`, x, y, { lineBreak: false });
  const keywordX = x + doc.widthOfString(prefix) + doc.widthOfString(KEYWORD) / 2;
  // pdfkit puts the baseline one ascender (1.16 em for Noto Sans Hans) below y; CJK glyphs are
  // centred about 0.38 em above the baseline.
  const keywordY = A4.height - (y + 1.16 * size) + 0.38 * size;
  return { pdf: await collect(doc), keywordCentre: [keywordX, keywordY], keywordPage: pages };
}

// ---- hand-written PDFs ----

export interface HandmadePage {
  readonly mediaBox?: readonly number[];
  readonly cropBox?: readonly number[];
  readonly rotate?: number;
  readonly text?: string;
}

export interface HandmadeOptions {
  readonly pages: readonly HandmadePage[];
  /** Attributes on the /Pages node, inherited by every page. */
  readonly inherited?: {
    readonly mediaBox?: readonly number[];
    readonly cropBox?: readonly number[];
    readonly rotate?: number;
  };
  /** Cross-reference form: classic table, stream (objects in an object stream), or hybrid. */
  readonly xref?: 'table' | 'stream' | 'hybrid';
  /** Hybrid only: list the compressed objects as free entries in the table (instead of leaving them out). */
  readonly hybridFreeEntries?: boolean;
  /** Add an existing AcroForm with a text field (indirect /Fields array). */
  readonly acroForm?: boolean;
}

const arr = (v: readonly number[]): string => `[${v.join(' ')}]`;

/** Builds a small PDF whose every byte the caller controls. */
export function handmadePdf(options: HandmadeOptions): Uint8Array {
  const xrefKind = options.xref ?? 'table';
  const n = options.pages.length;
  const pageNum = (i: number): number => 4 + 2 * i;
  const objects = new Map<number, { body: string; stream?: Uint8Array }>();
  const inh = options.inherited ?? {};
  const formNums = options.acroForm ? { form: 4 + 2 * n, fields: 5 + 2 * n, field: 6 + 2 * n } : undefined;
  objects.set(1, {
    body: `<< /Type /Catalog /Pages 2 0 R${formNums ? ` /AcroForm ${formNums.form} 0 R` : ''} >>`,
  });
  objects.set(2, {
    body:
      `<< /Type /Pages /Count ${n} /Kids [${options.pages.map((_, i) => `${pageNum(i)} 0 R`).join(' ')}]` +
      `${inh.mediaBox ? ` /MediaBox ${arr(inh.mediaBox)}` : ''}${inh.cropBox ? ` /CropBox ${arr(inh.cropBox)}` : ''}` +
      `${inh.rotate !== undefined ? ` /Rotate ${inh.rotate}` : ''} >>`,
  });
  objects.set(3, { body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' });
  options.pages.forEach((page, i) => {
    objects.set(pageNum(i), {
      body:
        `<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNum(i) + 1} 0 R` +
        `${page.mediaBox ? ` /MediaBox ${arr(page.mediaBox)}` : ''}${page.cropBox ? ` /CropBox ${arr(page.cropBox)}` : ''}` +
        `${page.rotate !== undefined ? ` /Rotate ${page.rotate}` : ''} >>`,
    });
    const content = `BT /F1 18 Tf 40 40 Td (${page.text ?? `Page ${i + 1}`}) Tj ET`;
    objects.set(pageNum(i) + 1, { body: '<< >>', stream: Buffer.from(content, 'latin1') });
  });
  if (formNums) {
    objects.set(formNums.form, { body: `<< /Fields ${formNums.fields} 0 R /DA (/Helv 0 Tf 0 g) >>` });
    objects.set(formNums.fields, { body: `[${formNums.field} 0 R]` });
    objects.set(formNums.field, { body: '<< /FT /Tx /T (name) /V (test) >>' });
  }
  const size = Math.max(...objects.keys()) + 1;

  // Objects that go into an object stream.
  const compressed =
    xrefKind === 'stream'
      ? [...objects.keys()].filter((num) => !objects.get(num)?.stream)
      : xrefKind === 'hybrid'
        ? [3]
        : [];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]?.length ?? 0;
  const push = (b: Buffer): void => {
    chunks.push(b);
    length += b.length;
  };
  const offsets = new Map<number, number>();
  const writeObj = (num: number, body: string, stream?: Uint8Array, extra = ''): void => {
    offsets.set(num, length);
    if (stream) {
      const dict = body.replace(/>>\s*$/, `/Length ${stream.length}${extra} >>`);
      push(Buffer.from(`${num} 0 obj\n${dict}\nstream\n`, 'latin1'));
      push(Buffer.from(stream));
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    } else push(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1'));
  };
  for (const [num, obj] of objects) if (!compressed.includes(num)) writeObj(num, obj.body, obj.stream);
  const objStmNum = size;
  let nextNum = size;
  if (compressed.length) {
    nextNum++;
    let header = '';
    let body = '';
    for (const num of compressed) {
      header += `${num} ${body.length} `;
      body += `${objects.get(num)?.body}\n`;
    }
    const data = deflateSync(Buffer.from(header + body, 'latin1'));
    writeObj(
      objStmNum,
      `<< /Type /ObjStm /N ${compressed.length} /First ${header.length} /Filter /FlateDecode >>`,
      data,
    );
  }
  const xrefStreamNum = nextNum++;
  const xrefStream = (
    entries: [number, number, number, number][],
    trailerExtra: string,
    sizeValue: number,
  ): number => {
    // Rows of [type(1) field2(4) field3(2)] with the PNG Up predictor, then deflated.
    const rowWidth = 7;
    const sorted = [...entries].sort((a, b) => a[0] - b[0]);
    const raw = Buffer.alloc(sorted.length * (rowWidth + 1));
    let prev = Buffer.alloc(rowWidth);
    const index: number[] = [];
    sorted.forEach(([num, type, f2, f3], r) => {
      const last = index.length
        ? (index[index.length - 2] as number) + (index[index.length - 1] as number)
        : -1;
      if (last === num) index[index.length - 1] = (index[index.length - 1] as number) + 1;
      else index.push(num, 1);
      const row = Buffer.alloc(rowWidth);
      row[0] = type;
      row.writeUInt32BE(f2, 1);
      row.writeUInt16BE(f3, 5);
      raw[r * (rowWidth + 1)] = 2; // Up
      for (let i = 0; i < rowWidth; i++)
        raw[r * (rowWidth + 1) + 1 + i] = ((row[i] as number) - (prev[i] as number)) & 0xff;
      prev = row;
    });
    const at = length;
    writeObj(
      xrefStreamNum,
      `<< /Type /XRef /Size ${sizeValue} /W [1 4 2] /Index [${index.join(' ')}] /Root 1 0 R${trailerExtra} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> >>`,
      deflateSync(raw),
    );
    return at;
  };

  const id = '<0123456789ABCDEF0123456789ABCDEF>';
  if (xrefKind === 'stream') {
    const entries: [number, number, number, number][] = [[0, 0, 0, 65535]];
    for (const [num, off] of offsets) entries.push([num, 1, off, 0]);
    compressed.forEach((num, i) => entries.push([num, 2, objStmNum, i]));
    entries.push([xrefStreamNum, 1, length, 0]);
    const at = xrefStream(entries, ` /ID [${id} ${id}]`, nextNum);
    push(Buffer.from(`startxref\n${at}\n%%EOF\n`, 'latin1'));
  } else {
    let xrefStmAt: number | undefined;
    if (xrefKind === 'hybrid') {
      const entries: [number, number, number, number][] = compressed.map((num, i) => [num, 2, objStmNum, i]);
      xrefStmAt = xrefStream(entries, '', nextNum);
    }
    const tableAt = length;
    // Objects in the object stream are left out of the table (separate subsections).
    let table = 'xref\n';
    for (let num = 0; num < nextNum;) {
      if (compressed.includes(num) && !options.hybridFreeEntries) {
        num++;
        continue;
      }
      let end = num;
      while (end < nextNum && (options.hybridFreeEntries || !compressed.includes(end))) end++;
      table += `${num} ${end - num}\n`;
      for (; num < end; num++) {
        const off = offsets.get(num);
        table +=
          off === undefined
            ? `0000000000 ${num === 0 ? '65535' : '00000'} f\r\n`
            : `${String(off).padStart(10, '0')} 00000 n\r\n`;
      }
    }
    table += `trailer\n<< /Size ${nextNum} /Root 1 0 R /ID [${id} ${id}]${xrefStmAt !== undefined ? ` /XRefStm ${xrefStmAt}` : ''} >>\n`;
    push(Buffer.from(`${table}startxref\n${tableAt}\n%%EOF\n`, 'latin1'));
  }
  return new Uint8Array(Buffer.concat(chunks));
}
