/**
 * OFD files for tests: the shared real fixtures, a small generator of valid documents (any number of
 * pages, a template, a font, annotations) and helpers to re-zip, replace and tamper with parts.
 * Everything is plain strings and bytes so the writer, renderer and verifier tests can reuse it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { rawZip, type RawEntry } from '../../tabular/testing/zip-fixtures.js';
import { OfdPackage, ofdLimits } from '../package.js';
import { escapeXml, OFD_NAMESPACE } from '../xml.js';

/** shared/fixtures/ofd (nine real files, README there). */
export const OFD_FIXTURES = new URL('../../../../../../shared/fixtures/ofd/', import.meta.url);

export const ofdFixtureNames = (): string[] =>
  readdirSync(OFD_FIXTURES)
    .filter((f) => f.endsWith('.ofd'))
    .sort();

export const readOfdFixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(name, OFD_FIXTURES)));

export type OfdParts = Record<string, Uint8Array | string>;

/** Every file of an OFD package by path (read with generous limits: for tests only). */
export function ofdParts(bytes: Uint8Array): OfdParts {
  const pkg = OfdPackage.open(bytes, ofdLimits({ zip: { maxRatio: 100_000 } }));
  return Object.fromEntries(pkg.files().map((name) => [name, pkg.read(name)]));
}

/**
 * A zip of the parts, in insertion order; names are written as given, even hostile ones. Deflated by
 * default; `method: 0` stores them (for large repetitive parts that would trip the ratio check).
 */
export function rezip(parts: OfdParts | readonly RawEntry[], options: { method?: 0 | 8 } = {}): Uint8Array {
  const entries = Array.isArray(parts)
    ? (parts as readonly RawEntry[])
    : Object.entries(parts as OfdParts).map(([name, data]) => ({ name, data, method: options.method ?? 8 }));
  return new Uint8Array(rawZip(entries));
}

/** The package with some parts replaced, added or (null) removed. */
export function replaceParts(
  bytes: Uint8Array,
  changes: Record<string, Uint8Array | string | null>,
): Uint8Array {
  const parts = ofdParts(bytes);
  for (const [name, data] of Object.entries(changes)) {
    if (data === null) delete parts[name];
    else parts[name] = data;
  }
  return rezip(parts);
}

/** The package with one byte of `part` changed (XOR 0x01 at `offset`, default the middle). */
export function tamperPart(bytes: Uint8Array, part: string, offset?: number): Uint8Array {
  const parts = ofdParts(bytes);
  const original = parts[part];
  if (original === undefined) throw new Error(`no part ${part}`);
  const data = typeof original === 'string' ? new TextEncoder().encode(original) : Uint8Array.from(original);
  const at = offset ?? Math.floor(data.length / 2);
  data[at] = (data[at] ?? 0) ^ 0x01;
  parts[part] = data;
  return rezip(parts);
}

export interface SampleOfdOptions {
  /** Lines of text per page (one TextObject per line); default one page "证照 第 1 页". */
  readonly pages?: readonly (readonly string[])[];
  /** Namespace of every part; default GB/T 33190-2016. */
  readonly namespace?: string;
  /** Add a background template (a frame and the text "模板") used by every page; default true. */
  readonly template?: boolean;
  /** DocInfo CustomData. */
  readonly customData?: Readonly<Record<string, string>>;
  /** A Stamp annotation with the text "批注" on the first page; default false. */
  readonly annotation?: boolean;
}

const TEXT_SIZE = 4.2333;

function textObject(id: number, y: number, text: string): string {
  const count = [...text].length;
  const delta = count > 1 ? ` DeltaX="g ${count - 1} ${TEXT_SIZE}"` : '';
  return (
    `<ofd:TextObject ID="${id}" Boundary="20 ${y} 170 6" Font="2" Size="${TEXT_SIZE}">` +
    `<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="4.5"${delta}>${escapeXml(text)}</ofd:TextCode>` +
    `</ofd:TextObject>`
  );
}

/** The parts of a small valid OFD document (see SampleOfdOptions), as XML strings. */
export function sampleOfdParts(options: SampleOfdOptions = {}): OfdParts {
  const ns = options.namespace ?? OFD_NAMESPACE;
  const pages = options.pages ?? [['证照 第 1 页']];
  const template = options.template ?? true;
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const custom = Object.entries(options.customData ?? {})
    .map(([k, v]) => `<ofd:CustomData Name="${escapeXml(k)}">${escapeXml(v)}</ofd:CustomData>`)
    .join('');
  const parts: OfdParts = {};
  parts['OFD.xml'] =
    `${head}<ofd:OFD xmlns:ofd="${ns}" Version="1.2" DocType="OFD"><ofd:DocBody><ofd:DocInfo>` +
    `<ofd:DocID>0123456789abcdef0123456789abcdef</ofd:DocID><ofd:Title>样例</ofd:Title>` +
    `<ofd:CreationDate>2024-01-02</ofd:CreationDate>` +
    (custom ? `<ofd:CustomDatas>${custom}</ofd:CustomDatas>` : '') +
    `</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
  let id = 10;
  const pageEntries: string[] = [];
  pages.forEach((lines, i) => {
    const pageId = id++;
    pageEntries.push(`<ofd:Page ID="${pageId}" BaseLoc="Pages/Page_${i}/Content.xml"/>`);
    const layerId = id++;
    const objects = lines.map((line, k) => textObject(id++, 20 + 8 * k, line)).join('');
    parts[`Doc_0/Pages/Page_${i}/Content.xml`] =
      `${head}<ofd:Page xmlns:ofd="${ns}">` +
      (template ? '<ofd:Template TemplateID="3" ZOrder="Background"/>' : '') +
      `<ofd:Content><ofd:Layer ID="${layerId}">${objects}</ofd:Layer></ofd:Content></ofd:Page>`;
  });
  if (template) {
    parts['Doc_0/Tpls/Tpl_0/Content.xml'] =
      `${head}<ofd:Page xmlns:ofd="${ns}"><ofd:Content><ofd:Layer ID="4">` +
      `<ofd:PathObject ID="5" Boundary="5 5 200 287" LineWidth="0.5"><ofd:StrokeColor Value="200 0 0"/>` +
      `<ofd:AbbreviatedData>M 0 0 L 200 0 L 200 287 L 0 287 C</ofd:AbbreviatedData></ofd:PathObject>` +
      `${textObject(6, 8, '模板')}</ofd:Layer></ofd:Content></ofd:Page>`;
  }
  parts['Doc_0/PublicRes.xml'] =
    `${head}<ofd:Res xmlns:ofd="${ns}" BaseLoc="Res"><ofd:Fonts>` +
    `<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`;
  if (options.annotation) {
    parts['Doc_0/Annots/Annotations.xml'] =
      `${head}<ofd:Annotations xmlns:ofd="${ns}"><ofd:Page PageID="10">` +
      `<ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>`;
    parts['Doc_0/Annots/Page_0/Annotation.xml'] =
      `${head}<ofd:PageAnnot xmlns:ofd="${ns}"><ofd:Annot ID="${id++}" Type="Stamp" Subtype="Note">` +
      `<ofd:Parameters><ofd:Parameter Name="note">1</ofd:Parameter></ofd:Parameters>` +
      `<ofd:Appearance Boundary="150 250 40 10">${textObject(id++, 0, '批注')}</ofd:Appearance>` +
      `</ofd:Annot></ofd:PageAnnot>`;
  }
  parts['Doc_0/Document.xml'] =
    `${head}<ofd:Document xmlns:ofd="${ns}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID>` +
    `<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>` +
    `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>` +
    (template ? '<ofd:TemplatePage ID="3" BaseLoc="Tpls/Tpl_0/Content.xml"/>' : '') +
    `</ofd:CommonData><ofd:Pages>${pageEntries.join('')}</ofd:Pages>` +
    (options.annotation ? '<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>' : '') +
    `</ofd:Document>`;
  return parts;
}

export const makeSampleOfd = (options: SampleOfdOptions = {}): Uint8Array => rezip(sampleOfdParts(options));

/** A valid OFD of `pages` pages sharing one template, each with a few lines of text. */
export function makeManyPagesOfd(pages: number): Uint8Array {
  return makeSampleOfd({
    pages: Array.from({ length: pages }, (_, i) => [`第 ${i + 1} 页`, '持证人：张三', `编号 ${100000 + i}`]),
  });
}
