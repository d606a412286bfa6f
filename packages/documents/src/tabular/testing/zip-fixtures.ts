/** Hand-built ZIP and XLSX files for tests, including malformed and hostile ones. */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../seal-image/png-header.js';

export interface RawEntry {
  readonly name: string;
  readonly data: Uint8Array | string;
  /** Default 8 (deflate). */
  readonly method?: number;
  /** Replaces the compressed bytes (the sizes and CRC still describe `data`). */
  readonly compressed?: Uint8Array;
  /** Replaces the declared uncompressed size. */
  readonly declaredSize?: number;
  readonly flags?: number;
}

interface Prepared {
  readonly name: Uint8Array;
  readonly compressed: Uint8Array;
  readonly crc: number;
  readonly size: number;
  readonly method: number;
  readonly flags: number;
}

function prepare(e: RawEntry): Prepared {
  const data = typeof e.data === 'string' ? new TextEncoder().encode(e.data) : e.data;
  const method = e.method ?? 8;
  return {
    name: new TextEncoder().encode(e.name),
    compressed: e.compressed ?? (method === 8 ? deflateRawSync(data) : data),
    crc: crc32(data),
    size: e.declaredSize ?? data.length,
    method,
    flags: e.flags ?? 0x0800,
  };
}

/** The local header and data of one entry. */
export function localRecord(e: RawEntry): Uint8Array {
  const p = prepare(e);
  const out = new Uint8Array(30 + p.name.length + p.compressed.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, p.flags, true);
  v.setUint16(8, p.method, true);
  v.setUint32(14, p.crc, true);
  v.setUint32(18, p.compressed.length, true);
  v.setUint32(22, p.size, true);
  v.setUint16(26, p.name.length, true);
  out.set(p.name, 30);
  out.set(p.compressed, 30 + p.name.length);
  return out;
}

function centralRecord(e: RawEntry, offset: number): Uint8Array {
  const p = prepare(e);
  const out = new Uint8Array(46 + p.name.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint16(8, p.flags, true);
  v.setUint16(10, p.method, true);
  v.setUint32(16, p.crc, true);
  v.setUint32(20, p.compressed.length, true);
  v.setUint32(24, p.size, true);
  v.setUint16(28, p.name.length, true);
  v.setUint32(42, offset, true);
  out.set(p.name, 46);
  return out;
}

/** A ZIP of the entries in order, plus central entries pointing at chosen offsets (for overlap tests). */
export function rawZip(
  entries: readonly RawEntry[],
  extraCentral: readonly { readonly entry: RawEntry; readonly offset: number }[] = [],
): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = localRecord(e);
    centrals.push(centralRecord(e, offset));
    locals.push(local);
    offset += local.length;
  }
  for (const x of extraCentral) centrals.push(centralRecord(x.entry, x.offset));
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, centrals.length, true);
  v.setUint16(10, centrals.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...centrals, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>`;

export interface WorkbookParts {
  readonly sheetData: string;
  readonly sharedStrings?: string;
  readonly styles?: string;
  readonly date1904?: boolean;
  readonly contentTypes?: string;
  /** Extra sheets after the first: name → sheetData. */
  readonly moreSheets?: Record<string, string>;
}

/** The entries of a small workbook, written the way Excel lays them out. */
export function workbookEntries(parts: WorkbookParts): RawEntry[] {
  const sheets = [['Sheet1', parts.sheetData], ...Object.entries(parts.moreSheets ?? {})];
  const entries: RawEntry[] = [
    { name: '[Content_Types].xml', data: parts.contentTypes ?? CONTENT_TYPES },
    {
      name: '_rels/.rels',
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${parts.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets
        .map(([name], i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    },
    ...sheets.map(([, data], i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`,
    })),
  ];
  if (parts.sharedStrings !== undefined) {
    entries.push({ name: 'xl/sharedStrings.xml', data: `<sst xmlns="${MAIN}">${parts.sharedStrings}</sst>` });
  }
  if (parts.styles !== undefined) {
    entries.push({ name: 'xl/styles.xml', data: `<styleSheet xmlns="${MAIN}">${parts.styles}</styleSheet>` });
  }
  return entries;
}

export function workbook(parts: WorkbookParts): Uint8Array {
  return rawZip(workbookEntries(parts));
}
