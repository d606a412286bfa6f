import PDFDocument from 'pdfkit';
import { DocumentError } from '../checks.js';
import { covers, loadFontSet, type LoadedFont } from '../license-face/fonts.js';
import type { FontSubsetter } from '../license-face/subset.js';
import type { FontSet } from '../license-face/types.js';
import type { ReportDocument, ReportSection } from './types.js';

export interface ReportPdfOptions {
  /** The licence font chain; the first font drawing every character of the report is used. */
  readonly fonts: FontSet;
  /** HarfBuzz subsetting (fast on CJK fonts); without it pdfkit subsets the face itself. */
  readonly subsetter?: FontSubsetter;
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const ROW_HEIGHT = 18;
const CELL_PADDING = 4;
const TEXT_SIZE = 9;

function allText(document: ReportDocument): string {
  return [
    document.title,
    document.subtitle,
    document.generatedAt,
    ...document.sections.flatMap((s) => [s.heading, ...s.columns, ...s.rows.flat()]),
    '第页无数据',
    '0123456789',
  ].join('');
}

/** The sans font of the chain covering every character, else the one covering most. */
function pickFont(fonts: readonly LoadedFont[], codePoints: readonly number[]): LoadedFont {
  const score = (f: LoadedFont) => codePoints.filter((cp) => covers(f.font, cp)).length;
  const full = fonts.filter((f) => score(f) === codePoints.length);
  return (
    full.find((f) => f.spec.style === 'sans') ?? full[0] ?? [...fonts].sort((a, b) => score(b) - score(a))[0]!
  );
}

/** Column widths: the first column twice the others, all within the page. */
function columnWidths(count: number): number[] {
  const usable = PAGE.width - 2 * PAGE.margin;
  const unit = usable / (count + 1);
  return Array.from({ length: count }, (_, i) => (i === 0 ? unit * 2 : unit));
}

function drawRow(doc: PDFKit.PDFDocument, cells: readonly string[], y: number, header: boolean): void {
  const widths = columnWidths(cells.length);
  let x = PAGE.margin;
  if (header) doc.rect(x, y, PAGE.width - 2 * PAGE.margin, ROW_HEIGHT).fill('#e8e8e8');
  doc.fillColor('#000000');
  cells.forEach((cell, i) => {
    const width = widths[i]!;
    doc.text(cell, x + CELL_PADDING, y + (ROW_HEIGHT - TEXT_SIZE) / 2 - 1, {
      width: width - 2 * CELL_PADDING,
      height: ROW_HEIGHT,
      lineBreak: false,
      ellipsis: true,
      align: i === 0 ? 'left' : 'right',
    });
    x += width;
  });
  doc
    .moveTo(PAGE.margin, y + ROW_HEIGHT)
    .lineTo(PAGE.width - PAGE.margin, y + ROW_HEIGHT)
    .lineWidth(0.5)
    .stroke('#666666');
}

function drawSection(doc: PDFKit.PDFDocument, section: ReportSection): void {
  const bottom = PAGE.height - PAGE.margin;
  if (doc.y + 3 * ROW_HEIGHT + 20 > bottom) doc.addPage();
  doc
    .fontSize(12)
    .fillColor('#000000')
    .text(section.heading, PAGE.margin, doc.y + 10);
  doc.fontSize(TEXT_SIZE);
  let y = doc.y + 4;
  drawRow(doc, section.columns, y, true);
  y += ROW_HEIGHT;
  const rows = section.rows.length ? section.rows : [['无数据', ...section.columns.slice(1).map(() => '')]];
  for (const row of rows) {
    if (y + ROW_HEIGHT > bottom) {
      doc.addPage();
      y = PAGE.margin;
      drawRow(doc, section.columns, y, true);
      y += ROW_HEIGHT;
    }
    drawRow(doc, row, y, false);
    y += ROW_HEIGHT;
  }
  doc.x = PAGE.margin;
  doc.y = y + 6;
}

/** The report as an A4 PDF: title, scope, then each section as a ruled table (CJK font embedded as a subset). */
export function writeReportPdf(document: ReportDocument, options: ReportPdfOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let doc: PDFKit.PDFDocument;
    try {
      const text = allText(document);
      const codePoints = [...new Set([...text].map((ch) => ch.codePointAt(0)!))];
      const font = pickFont(loadFontSet(options.fonts), codePoints);
      doc = new PDFDocument({
        size: 'A4',
        margin: PAGE.margin,
        info: { Title: document.title, Subject: document.subtitle, Producer: 'zhengyin' },
      });
      doc.registerFont(
        'report',
        options.subsetter
          ? Buffer.from(options.subsetter.subset(font.spec.bytes, font.faceIndex, codePoints))
          : (font.font as unknown as Buffer),
      );
    } catch (e) {
      reject(e instanceof DocumentError ? e : new DocumentError('PDF_FONT_INVALID', (e as Error).message));
      return;
    }
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font('report').fillColor('#000000');
    doc.fontSize(18).text(document.title, { align: 'center' });
    doc.fontSize(11).moveDown(0.3).text(document.subtitle, { align: 'center' });
    doc.fontSize(9).moveDown(0.2).text(`生成时间 ${document.generatedAt}`, { align: 'center' });
    doc.moveDown(0.5);
    for (const section of document.sections) drawSection(doc, section);
    doc.end();
  });
}
