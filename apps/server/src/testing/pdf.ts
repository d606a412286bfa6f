import PDFDocument from 'pdfkit';

/** A small contract PDF made with pdfkit (Latin text: the seal tests do not need CJK fonts). */
export function samplePdf(pages = 1, text = 'Contract No. 2026-001 / signature:'): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      info: { Title: 'zhengyin test contract' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    for (let i = 1; i <= pages; i++) {
      doc.addPage();
      doc.fontSize(14).text(`${text} page ${i} of ${pages}`, 72, 72);
    }
    doc.end();
  });
}
