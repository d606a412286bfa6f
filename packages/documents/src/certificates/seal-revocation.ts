import PDFDocument from 'pdfkit';
import { DocumentError } from '../checks.js';

export interface SealRevocationCertificate {
  /** TTF/OTF/TTC bytes of a CJK font (embedded, subset). */
  readonly font: Uint8Array;
  readonly sealName: string;
  readonly sealCode: string;
  readonly sealType: string;
  readonly ownerName: string;
  readonly ownerCode: string;
  readonly certificateSerial: string | null;
  readonly reason: string;
  readonly revokedAt: Date;
  readonly issuer: string;
}

/** Where the issuing platform's seal goes (bottom right), for `sealPdf` coordinates placement. */
export const REVOCATION_SEAL_POSITION = { page: 1, x: 430, y: 180 } as const;

const fmt = (d: Date) =>
  `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${d.toISOString().slice(11, 19)} UTC`;

/** 《电子印章注销证书》: a one-page A4 PDF stating which seal was revoked, when and why. */
export function renderSealRevocationCertificate(input: SealRevocationCertificate): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let doc: PDFKit.PDFDocument;
    try {
      doc = new PDFDocument({
        size: 'A4',
        margin: 72,
        info: { Title: '电子印章注销证书', Producer: 'zhengyin' },
      });
      doc.registerFont('cjk', Buffer.from(input.font));
    } catch (e) {
      reject(new DocumentError('PDF_FONT_INVALID', (e as Error).message));
      return;
    }
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font('cjk').fontSize(24).text('电子印章注销证书', { align: 'center' });
    doc.fontSize(11).text('Electronic Seal Revocation Certificate', { align: 'center' });
    doc.moveDown(2).fontSize(13);
    const rows: [string, string][] = [
      ['印章名称', input.sealName],
      ['印章编码', input.sealCode],
      ['印章类型', input.sealType],
      ['印章所有者', input.ownerName],
      ['所有者代码', input.ownerCode],
      ['数字证书序列号', input.certificateSerial ?? '—'],
      ['注销原因', input.reason],
      ['注销时间', fmt(input.revokedAt)],
    ];
    for (const [label, value] of rows) {
      doc.text(`${label}：${value}`);
      doc.moveDown(0.6);
    }
    doc.moveDown();
    doc.text('上述电子印章自注销时间起停止使用。注销前已完成的签章仍可依据签章时的状态进行验证。');
    doc.text(`签发：${input.issuer}`, 300, 640);
    doc.text(`日期：${fmt(input.revokedAt).slice(0, 11)}`, 300, 665);
    doc.end();
  });
}
