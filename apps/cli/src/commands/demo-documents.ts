import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');

export const SEAL_KEYWORD = '（盖章）';

/** A Chinese demo contract, drawn with pdfkit and an embedded open-licence CJK font. */
export function demoContract(title: string, pages = 1): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      info: { Title: title, Producer: 'zhengyin demo' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.registerFont('cjk', FONT);
    for (let page = 1; page <= pages; page++) {
      doc.addPage({ margin: 72 });
      doc.font('cjk').fontSize(20).text(title, { align: 'center' });
      doc.moveDown().fontSize(12);
      doc.text(`第 ${page} 页，共 ${pages} 页`, { align: 'right' });
      doc.moveDown();
      doc.text('甲方：杭州市拱墅区市场监督管理局（演示）');
      doc.text('乙方：浙江示例信息技术有限公司（演示）');
      doc.moveDown();
      doc.text('本合同为证印平台演示文件，用于展示电子印章的签章与验证，不具有法律效力。');
      doc.text('双方就电子证照系统建设服务达成如下约定：服务内容、交付期限、验收标准及付款方式详见附件。');
      if (page === pages) {
        doc.moveDown(4);
        doc.text(`甲方${SEAL_KEYWORD}`, 72, 620);
        doc.text('日期：2026年11月22日', 72, 650);
      }
    }
    doc.end();
  });
}
