/**
 * Face templates of the demo licence types, in the JSON form the catalogue stores (millimetres from
 * the top-left corner, font sizes in points). Values come from data items and the licence metadata
 * under its pinyin codes (CZZT holder, CZZTDM holder code, ZZBH number, ZZBFJG issuer, ZZBFRQ issue
 * date, ZZYXQQSRQ / ZZYXQJZRQ validity).
 */

type Align = 'left' | 'center' | 'right';

const DEMO_NOTICE = '演示样例 · 不具有法律效力';
/** Where the text of an 8 mm label box starts below the box's top edge (11 pt, centred). */
const LABEL_DROP_MM = 1.5;

function label(
  text: string,
  xMm: number,
  yMm: number,
  widthMm: number,
  fontSize = 11,
  align: Align = 'left',
) {
  return { text, xMm, yMm, widthMm, heightMm: 8, fontSize, align };
}

function value(
  item: string,
  xMm: number,
  yMm: number,
  widthMm: number,
  options: { heightMm?: number; fontSize?: number; wrap?: boolean; align?: Align; date?: boolean } = {},
) {
  const fontSize = options.fontSize ?? 12;
  // Wrapping boxes print from their top edge, single lines centred: line the first line up with its label.
  const drop = options.wrap ? LABEL_DROP_MM : 0;
  return {
    item,
    xMm,
    yMm: yMm + drop,
    widthMm,
    heightMm: (options.heightMm ?? 8) - drop,
    fontSize,
    minFontSize: Math.min(7, fontSize),
    align: options.align ?? 'left',
    wrap: options.wrap ?? false,
    ...(options.date ? { dateFormat: 'yyyy年M月d日' } : {}),
  };
}

/** 营业执照: A4 landscape, two columns under the title, seal over the registration authority. */
export const BUSINESS_LICENSE_FACE: Record<string, unknown> = {
  page: { widthMm: 297, heightMm: 210 },
  fixedTexts: [
    { text: '营业执照', xMm: 60, yMm: 16, widthMm: 177, heightMm: 20, fontSize: 40, align: 'center' },
    label(DEMO_NOTICE, 12, 8, 80, 9),
    label('统一社会信用代码', 25, 44, 45),
    label('证照编号', 25, 53, 45),
    label('名　　称', 25, 72, 28),
    label('类　　型', 25, 84, 28),
    label('法定代表人', 25, 96, 28),
    label('经营范围', 25, 108, 28),
    label('注册资本', 165, 72, 28),
    label('成立日期', 165, 84, 28),
    label('住　　所', 165, 96, 28),
    label('登记机关', 165, 150, 28),
    label('国家企业信用信息公示系统网址：https://www.gsxt.gov.cn', 25, 195, 150, 8),
  ],
  textBoxes: [
    value('CZZTDM', 72, 44, 90),
    value('ZZBH', 72, 53, 90, { fontSize: 11 }),
    value('CZZT', 55, 72, 105, { fontSize: 13 }),
    value('LX', 55, 84, 105),
    value('FDDBR', 55, 96, 105),
    value('JYFW', 55, 108, 105, { heightMm: 70, fontSize: 11, wrap: true }),
    value('ZCZB', 195, 72, 90),
    value('CLRQ', 195, 84, 90, { date: true }),
    value('ZS', 195, 96, 90, { heightMm: 18, wrap: true }),
    value('ZZBFJG', 195, 150, 90, { fontSize: 11 }),
    value('ZZBFRQ', 195, 172, 90, { date: true, align: 'right' }),
  ],
  qr: { xMm: 240, yMm: 18, sizeMm: 36 },
  seal: { xMm: 215, yMm: 138, sizeMm: 42 },
};

/** 食品经营许可证: A4 landscape, the operator on the left, supervision and validity on the right. */
export const FOOD_LICENSE_FACE: Record<string, unknown> = {
  page: { widthMm: 297, heightMm: 210 },
  fixedTexts: [
    { text: '食品经营许可证', xMm: 50, yMm: 16, widthMm: 160, heightMm: 20, fontSize: 36, align: 'center' },
    label(DEMO_NOTICE, 12, 8, 80, 9),
    label('经营者名称', 20, 45, 56),
    label('社会信用代码（身份证号码）', 20, 57, 56),
    label('法定代表人（负责人）', 20, 69, 56),
    label('住　　所', 20, 81, 56),
    label('经营场所', 20, 97, 56),
    label('主体业态', 20, 113, 56),
    label('经营项目', 20, 125, 56),
    label('许可证编号', 192, 57, 38),
    label('日常监督管理机构', 192, 69, 38),
    label('日常监督管理人员', 192, 85, 38),
    label('投诉举报电话', 192, 97, 38),
    label('有效期至', 192, 109, 38),
    label('发证机关', 192, 125, 38),
  ],
  textBoxes: [
    value('CZZT', 78, 45, 110, { fontSize: 13 }),
    value('CZZTDM', 78, 57, 110),
    value('FDDBR', 78, 69, 110),
    value('ZS', 78, 81, 110, { heightMm: 15, wrap: true }),
    value('JYCS', 78, 97, 110, { heightMm: 15, wrap: true }),
    value('ZTYT', 78, 113, 110),
    value('JYXM', 78, 125, 110, { heightMm: 60, fontSize: 11, wrap: true }),
    value('ZZBH', 232, 57, 58, { fontSize: 11 }),
    value('RCJDGLJG', 232, 69, 58, { heightMm: 15, fontSize: 11, wrap: true }),
    value('RCJDGLRY', 232, 85, 58, { fontSize: 11 }),
    value('TSJBDH', 232, 97, 58),
    value('ZZYXQJZRQ', 232, 109, 58, { date: true }),
    value('ZZBFJG', 232, 125, 58, { heightMm: 15, fontSize: 11, wrap: true }),
    value('ZZBFRQ', 200, 185, 90, { date: true, align: 'right' }),
  ],
  qr: { xMm: 252, yMm: 12, sizeMm: 34 },
  seal: { xMm: 222, yMm: 140, sizeMm: 42 },
};

/** 建筑施工特种作业人员操作资格证书: A5 landscape card. */
export const SPECIAL_WORKER_FACE: Record<string, unknown> = {
  page: { widthMm: 210, heightMm: 148 },
  fixedTexts: [
    {
      text: '建筑施工特种作业操作资格证',
      xMm: 10,
      yMm: 10,
      widthMm: 145,
      heightMm: 12,
      fontSize: 20,
      align: 'center',
    },
    label(DEMO_NOTICE, 8, 2, 70, 7),
    label('姓　　名', 12, 30, 32),
    label('性　　别', 12, 40, 32),
    label('出生日期', 12, 50, 32),
    label('身份证号', 12, 60, 32),
    label('操作类别', 12, 70, 32),
    label('证书编号', 12, 80, 32),
    label('初次领证日期', 12, 90, 32),
    label('有效期', 12, 100, 32),
    { text: '至', xMm: 88, yMm: 100, widthMm: 8, heightMm: 8, fontSize: 11, align: 'center' },
    label('发证机关', 12, 110, 32),
  ],
  textBoxes: [
    value('CZZT', 46, 30, 95, { fontSize: 13 }),
    value('XB', 46, 40, 95),
    value('CSRQ', 46, 50, 95, { date: true }),
    value('CZZTDM', 46, 60, 95),
    value('CZLB', 46, 70, 95),
    value('ZZBH', 46, 80, 95),
    value('CCLZRQ', 46, 90, 95, { date: true }),
    value('ZZYXQQSRQ', 46, 100, 42, { fontSize: 11, date: true }),
    value('ZZYXQJZRQ', 97, 100, 45, { fontSize: 11, date: true }),
    value('ZZBFJG', 46, 110, 95, { fontSize: 11 }),
    value('ZZBFRQ', 140, 132, 62, { fontSize: 11, date: true, align: 'right' }),
  ],
  qr: { xMm: 163, yMm: 12, sizeMm: 36 },
  seal: { xMm: 152, yMm: 88, sizeMm: 40 },
};
