/**
 * A typical licence for the metadata, raster and benchmark checks: six data boxes with Chinese
 * values (one holder name with an Extension-B character), QR code, seal image and GB/T 36903
 * metadata. Fonts: Debian's Noto Serif CJK (fonts-noto-cjk) and the bundled Noto Sans SC.
 */
import { readFileSync } from 'node:fs';
import { bundledSealFontPath } from '../../seal-image/font.js';
import { testSealPng } from '../../pdf/testing/seal-png.js';
import type { FaceMetadata, FaceTemplate, FontSet } from '../types.js';
import type { RenderFaceOptions } from '../render.js';

export const SERIF_TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

export function sampleFonts(): FontSet {
  return [
    { name: 'noto-serif-cjk', bytes: new Uint8Array(readFileSync(SERIF_TTC)), style: 'serif' },
    {
      name: 'noto-sans-sc',
      bytes: new Uint8Array(readFileSync(bundledSealFontPath('regular'))),
      style: 'sans',
    },
  ];
}

/** 𩽾 (U+29F7E, CJK Extension B) is covered by both fonts. */
export const HOLDER = '𩽾记水产有限公司';

const label = (text: string, yMm: number) =>
  ({ text, xMm: 20, yMm, widthMm: 40, heightMm: 8, fontSize: 12, align: 'left', font: 'sans' }) as const;
const value = (item: string, yMm: number, extra: Partial<FaceTemplate['textBoxes'][number]> = {}) => ({
  item,
  xMm: 62,
  yMm,
  widthMm: 130,
  heightMm: 8,
  fontSize: 12,
  minFontSize: 8,
  align: 'left' as const,
  wrap: false,
  ...extra,
});

/** A4 landscape 食品经营许可证-like face. */
export const SAMPLE_TEMPLATE: FaceTemplate = {
  page: { widthMm: 297, heightMm: 210 },
  fixedTexts: [
    { text: '食品经营许可证', xMm: 60, yMm: 15, widthMm: 177, heightMm: 20, fontSize: 36, align: 'center' },
    label('经营者名称', 45),
    label('统一社会信用代码', 60),
    label('许可证编号', 75),
    label('经营场所', 90),
    label('有效期至', 130),
    label('发证日期', 145),
  ],
  textBoxes: [
    value('CZZT', 45, { fontSize: 14 }),
    value('CZZTDM', 60),
    value('ZZBH', 75),
    value('KZ_JYCS', 90, { heightMm: 36, wrap: true, fontSize: 11 }),
    value('ZZYXQJZRQ', 130, { dateFormat: 'yyyy年M月d日' }),
    value('ZZBFRQ', 145, { dateFormat: 'yyyy年M月d日' }),
  ],
  qr: { xMm: 230, yMm: 40, sizeMm: 40 },
  seal: { xMm: 200, yMm: 140, sizeMm: 42 },
};

export const SAMPLE_VALUES = {
  CZZT: HOLDER,
  CZZTDM: '91350100M000100Y43',
  ZZBH: 'JY13501020000123',
  KZ_JYCS: '福建省福州市鼓楼区五四路１８号证印大厦一层１０１室（仅限预包装食品销售、热食类食品制售）',
  ZZYXQJZRQ: '2031-05-31',
  ZZBFRQ: '2026-06-01',
} as const;

export const SAMPLE_METADATA: FaceMetadata = {
  title: `食品经营许可证 ${SAMPLE_VALUES.ZZBH}`,
  xmp: {
    ZZMC: '食品经营许可证',
    ZZLXDM: '11100000000013338W011',
    ZZBH: SAMPLE_VALUES.ZZBH,
    ZZBS: '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
    ZZBFJG: '福州市鼓楼区市场监督管理局',
    ZZBFJGDM: '11350102MB0000000X',
    ZZBFRQ: '20260601',
    CZZT: HOLDER,
    CZZTDM: SAMPLE_VALUES.CZZTDM,
    CZZTDMLX: '统一社会信用代码',
    CZZTDMLXDM: '001',
    ZZYXQQSRQ: '20260601',
    ZZYXQJZRQ: '20310531',
    // Not drawn on the face, so no font needs to cover 𪚥 (U+2A6A5); escaping is exercised too.
    KZ_BZ: '备注 𪚥 <a href="x">&amp;</a> ]]> \'"\r\n\ttab',
  },
  attachment: {
    name: 'license.json',
    json: { schema: 'zhengyin/license/1', items: { ...SAMPLE_VALUES }, holders: [HOLDER, '𪚥'], n: 1.5 },
  },
  createdAt: new Date('2026-06-01T08:00:00Z'),
};

export const SAMPLE_QR = 'https://verify.example.cn/l/1.2.156.3005.2.11100000000013338W011?t=Q7xK2';

export function sampleRequest(fonts: FontSet, extra: Partial<RenderFaceOptions> = {}): RenderFaceOptions {
  return {
    template: SAMPLE_TEMPLATE,
    values: SAMPLE_VALUES,
    fonts,
    qrPayload: SAMPLE_QR,
    sealPng: testSealPng(),
    metadata: SAMPLE_METADATA,
    ...extra,
  };
}
