import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Seal } from '@zhengyin/core';
import {
  OfdPackage,
  bundledSealFontPath,
  createFontSubsetter,
  harfbuzzSubsetWasmPath,
  readOfdSignatures,
  signaturesPartOf,
  writeOfdDocument,
  type FontSubsetter,
  type OfdDocumentLine,
  type SealPlacement,
} from '@zhengyin/documents';
import type { DemoLicenseEntry } from './demo-licenses.js';

/** One line of DIR/ofd/index.json. */
export interface DemoOfdEntry {
  /** Relative to the output directory. */
  readonly file: string;
  readonly kind: 'licence' | 'contract' | 'annotated';
  /** What the file shows (中文 / English). */
  readonly demonstrates: string;
  /** Signatures in the file's Signatures.xml. */
  readonly signatures: number;
  /** Licence identifier (licences and 加注件). */
  readonly identifier?: string;
  /** Codes of the seals applied (contracts). */
  readonly seals?: readonly string[];
}

/** 用印 through the approved-use workflow (request, approval, keeper with PIN); returns the sealed bytes. */
export type DemoOfdSealer = (
  seal: Seal,
  ofd: Uint8Array,
  placement: SealPlacement,
  reason: string,
) => Promise<Uint8Array>;

/** Fixed, so that the demo contracts are the same bytes on every run (and on every machine). */
const CREATED_AT = new Date('2026-11-22T02:00:00Z');
const PARTIES = ['甲方：杭州市拱墅区市场监督管理局（演示）', '乙方：浙江示例信息技术有限公司（演示）'];
const CLAUSES = [
  '本合同为证印平台演示文件，用于展示 OFD 电子印章（GB/T 38540）的签章与验证，不具有法律效力。',
  '第一条 服务内容：乙方为甲方建设电子证照系统，包括证照签发、用证、验证与电子印章管理。',
  '第二条 交付期限：自合同签订之日起九十日内完成部署并通过甲方验收。',
  '第三条 付款方式：验收合格后三十日内，甲方一次性支付合同价款。',
  '第四条 其他：本合同一式两份，电子文件与纸质文件具有同等效力（演示）。',
];

let subsetter: FontSubsetter | undefined;

/** A Chinese demo contract as OFD (bundled Noto Sans SC, embedded as a subset). */
export function demoOfdContract(title: string, pages: number, signatureBlock: readonly string[]) {
  subsetter ??= createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
  const fonts = [
    {
      name: 'NotoSansHans-Regular',
      bytes: new Uint8Array(readFileSync(bundledSealFontPath('regular'))),
      style: 'sans' as const,
    },
  ];
  return writeOfdDocument({
    title,
    fonts,
    subsetter,
    createdAt: CREATED_AT,
    pages: Array.from({ length: pages }, (_, i) => {
      const lines: OfdDocumentLine[] = [
        { text: title, sizePt: 18, align: 'center' },
        { text: `第 ${i + 1} 页，共 ${pages} 页`, align: 'right' },
        '',
        ...PARTIES,
        '',
        ...CLAUSES,
      ];
      if (i === pages - 1) lines.push('', '', '', '', ...signatureBlock);
      return { lines };
    }),
  });
}

/**
 * The sealed file at `path` when the usage register knows its digest (an earlier run sealed it),
 * else `make()` written there: a second demo run seals nothing again.
 */
export async function sealedOnce(
  path: string,
  registered: (sha256: string) => Promise<boolean>,
  sha256: (bytes: Uint8Array) => Uint8Array,
  make: () => Promise<Uint8Array>,
): Promise<{ name: string; bytes: Uint8Array; reused: boolean }> {
  const name = basename(path);
  if (existsSync(path)) {
    const bytes = new Uint8Array(await readFile(path));
    if (await registered(Buffer.from(sha256(bytes)).toString('hex'))) return { name, bytes, reused: true };
  }
  const bytes = await make();
  await writeFile(path, bytes);
  return { name, bytes, reused: false };
}

function signatureCount(ofd: Uint8Array): number {
  const pkg = OfdPackage.open(ofd);
  const part = signaturesPartOf(pkg);
  return part && pkg.has(part) ? readOfdSignatures(pkg, part).entries.length : 0;
}

/**
 * The two demo OFD contracts, sealed through the real 用印 workflow: one with the official seal
 * and the SM2 contract seal (two signatures, the first still valid after the second), one of three
 * pages with a riding seal (骑缝章). A file an earlier run sealed is reused when the usage register
 * holds its digest, so a second run seals nothing again.
 */
export async function seedDemoOfdContracts(
  out: string,
  input: {
    readonly official: Seal;
    readonly contract: Seal;
    readonly seal: DemoOfdSealer;
    readonly sha256: (bytes: Uint8Array) => Uint8Array;
    /** Whether the usage register of `seal` records a sealing that produced this SHA-256. */
    readonly registered: (seal: Seal, sha256: string) => Promise<boolean>;
  },
): Promise<DemoOfdEntry[]> {
  await mkdir(join(out, 'ofd'), { recursive: true });
  const { official, contract } = input;

  const once = (file: string, last: Seal, make: () => Promise<Uint8Array>) =>
    sealedOnce(join(out, file), (sha256) => input.registered(last, sha256), input.sha256, make);

  const twoSealsFile = 'ofd/contract-two-seals.ofd';
  const { bytes: twoSeals } = await once(twoSealsFile, contract, async () => {
    const document = await demoOfdContract('电子证照系统建设服务合同（OFD 演示，两枚印章）', 2, [
      `甲方（盖章）${'　'.repeat(10)}甲方合同专用章（盖章）`,
      '日期：2026年11月22日',
    ]);
    const first = await input.seal(
      official,
      document,
      { kind: 'keyword', keyword: '（盖章）', occurrence: 1 },
      'OFD 服务合同用印（公章）',
    );
    return input.seal(
      contract,
      first,
      { kind: 'keyword', keyword: '（盖章）', occurrence: 2 },
      'OFD 服务合同用印（合同专用章）',
    );
  });
  const ridingFile = 'ofd/contract-riding-seal.ofd';
  const { bytes: riding } = await once(ridingFile, contract, async () =>
    input.seal(
      contract,
      await demoOfdContract('多页合同（OFD 演示，骑缝章）', 3, ['甲方（盖章）', '日期：2026年11月22日']),
      { kind: 'riding' },
      'OFD 多页合同骑缝用印',
    ),
  );
  return [
    {
      file: twoSealsFile,
      kind: 'contract',
      demonstrates:
        '两枚 SM2 印章（公章 + 合同专用章）按关键字“（盖章）”盖于同一 OFD 合同，第二次用印后第一枚仍有效 / ' +
        'two SM2 seals (official + contract seal) placed by keyword on one OFD contract; the first stays valid after the second',
      signatures: signatureCount(twoSeals),
      seals: [official.code, contract.code],
    },
    {
      file: ridingFile,
      kind: 'contract',
      demonstrates:
        '三页 OFD 合同上的骑缝章：一个签名，每页一个 StampAnnot（印章图像的一段） / ' +
        'a riding seal (骑缝章) over a three-page OFD contract: one signature, one StampAnnot (a slice of the seal) per page',
      signatures: signatureCount(riding),
      seals: [contract.code],
    },
  ];
}

/**
 * DIR/ofd/index.json: every OFD file of the demo (licences, contracts and the 加注件 that
 * seedDemoAnnotated wrote as DIR/ofd/annotated-<identifier>.ofd) with what it demonstrates.
 */
export async function writeDemoOfdIndex(
  out: string,
  licenses: readonly DemoLicenseEntry[],
  contracts: readonly DemoOfdEntry[],
): Promise<DemoOfdEntry[]> {
  const count = async (file: string) => signatureCount(new Uint8Array(await readFile(join(out, file))));
  const entries: DemoOfdEntry[] = [];
  for (const l of licenses) {
    if (!l.ofdFile) continue;
    entries.push({
      file: l.ofdFile,
      kind: 'licence',
      demonstrates:
        `OFD 电子证照（${l.type}），SM2 电子证照专用章 SES 签章，与 ${l.file} 为同一证照 / ` +
        `an OFD licence (${l.type}) sealed with an SES signature of the SM2 licence seal; the same licence as ${l.file}`,
      signatures: await count(l.ofdFile),
      identifier: l.identifier,
    });
  }
  entries.push(...contracts);
  const annotated = (await readdir(join(out, 'ofd'))).filter((f) => /^annotated-.+\.ofd$/.test(f)).sort();
  for (const name of annotated) {
    const file = `ofd/${name}`;
    entries.push({
      file,
      kind: 'annotated',
      demonstrates:
        'OFD 加注件：证照签章之上的加注层，由平台加注专用章 SES 签章 / ' +
        'an OFD annotated copy (加注件): an annotation layer over the licence, sealed by the platform annotation seal',
      signatures: await count(file),
      identifier: name.slice('annotated-'.length, -'.ofd'.length),
    });
  }
  await writeFile(join(out, 'ofd', 'index.json'), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}
