import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { PNG } from 'pngjs';
import {
  extractOfdText,
  openOfd,
  rasterizePdfPage,
  renderOfdPage,
  verifyOfd,
  verifyPdf,
} from '@zhengyin/documents';
import { decodePemBlocks, decodeSeal, parseEcertIdentifier, validateUscc, verifySeal } from '@zhengyin/gm';
import { createTestDatabase } from '@zhengyin/server/testing';
import type { TestDatabase } from '@zhengyin/server/testing';
import type { Io } from '../io.js';
import { runCli } from '../program.js';
import type { DemoLicenseEntry } from './demo-licenses.js';
import type { DemoAnnotatedEntry } from './demo-annotated.js';
import type { DemoOfdEntry } from './demo-ofd.js';
import { RARE_CANDIDATES } from './demo-license-types.js';

let dir: string;
let out: string;
let env: Record<string, string>;
let pg: TestDatabase | undefined;
let anchors: Uint8Array[];
const nss = () => `sql:${join(dir, 'nss')}`;

function tool(command: string, args: string[]) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function cli(...argv: string[]) {
  const lines: string[] = [];
  const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), env };
  return { code: await runCli(argv, io), out: lines.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhengyin-demo-'));
  out = join(dir, 'out');
  env = {
    ZHENGYIN_DATA_DIR: join(dir, 'data'),
    ZHENGYIN_MASTER_KEY: randomBytes(32).toString('base64'),
    ZHENGYIN_LOG_LEVEL: 'silent',
  };
  if (process.env.TEST_DATABASE_URL) {
    pg = await createTestDatabase('postgres');
    await pg.database.close();
    env.DATABASE_URL = pg.url!;
  }
  const seeded = await cli('demo', 'seed', '--out', out);
  if (seeded.code !== 0) throw new Error(`demo seed failed: ${seeded.out}`);
  anchors = decodePemBlocks(await readFile(join(out, 'ca.pem'), 'utf8')).map((b) => b.der);
  // An NSS database trusting the development roots, for pdfsig.
  await mkdir(join(dir, 'nss'));
  expect(tool('certutil', ['-N', '--empty-password', '-d', nss()]).status).toBe(0);
  for (const [i, der] of anchors.entries()) {
    await writeFile(join(dir, `root-${i}.der`), der);
    expect(
      tool('certutil', [
        '-A',
        '-t',
        'CT,C,C',
        '-n',
        `root-${i}`,
        '-i',
        join(dir, `root-${i}.der`),
        '-d',
        nss(),
      ]).status,
    ).toBe(0);
  }
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (pg) await pg.close().catch(() => undefined);
});

const sealed = (name: string) => join(out, 'sealed', name);

const readJson = async <T>(...path: string[]) => JSON.parse(await readFile(join(out, ...path), 'utf8')) as T;
const demoIndexes = async () => ({
  licenses: await readJson<DemoLicenseEntry[]>('licenses', 'index.json'),
  copies: await readJson<DemoAnnotatedEntry[]>('annotated', 'index.json'),
});

describe('zhengyin demo seed: the sealed PDFs hold up in external verifiers', () => {
  test.each(['contract-ecdsa.pdf', 'multi-seal.pdf', 'riding-seal.pdf'])(
    '%s: pdfsig valid and trusted, qpdf clean, mutool unchanged',
    (name) => {
      const sig = tool('pdfsig', ['-nssdir', nss(), sealed(name)]);
      const valid = sig.out.match(/Signature is Valid/g) ?? [];
      expect(valid.length).toBeGreaterThanOrEqual(name === 'multi-seal.pdf' ? 2 : 1);
      expect(sig.out).not.toMatch(/Signature is Invalid|Digest Mismatch|not signed/i);
      expect(sig.out).toContain('Certificate is Trusted');
      const check = tool('qpdf', ['--check', sealed(name)]);
      expect(check.status).toBe(0);
      expect(check.out).toContain('No syntax or stream encoding errors found');
      expect(tool('mutool', ['sign', '-v', sealed(name)]).out).toContain(
        'The document is unchanged since signing',
      );
    },
  );

  test('every demo PDF verifies with ours, SM2 included; multi-seal has two valid signatures', async () => {
    for (const name of await readdir(join(out, 'sealed'))) {
      const report = await verifyPdf(new Uint8Array(await readFile(sealed(name))), { trustAnchors: anchors });
      expect({ name, verdict: report.verdict }).toEqual({ name, verdict: 'VALID' });
    }
    const multi = await verifyPdf(new Uint8Array(await readFile(sealed('multi-seal.pdf'))), {
      trustAnchors: anchors,
    });
    expect(multi.signatures.map((s) => [s.verdict, s.modifiedAfter])).toEqual([
      ['VALID', 'signatures-only'],
      ['VALID', 'none'],
    ]);
    const riding = await verifyPdf(new Uint8Array(await readFile(sealed('riding-seal.pdf'))), {
      trustAnchors: anchors,
    });
    expect(riding.signatures).toHaveLength(1);
    expect(riding.signatures[0]!.pages).toEqual([1, 2, 3, 4]);
  });

  test('one changed byte in a signed range: ours and pdfsig say invalid; zhengyin seal verify exits 1', async () => {
    const original = new Uint8Array(await readFile(sealed('contract-ecdsa.pdf')));
    const tampered = new Uint8Array(original);
    tampered[2000]! ^= 0x20;
    await writeFile(join(dir, 'tampered.pdf'), tampered);
    const report = await verifyPdf(tampered, { trustAnchors: anchors });
    expect(report.verdict).toBe('INVALID');
    expect(tool('pdfsig', ['-nssdir', nss(), join(dir, 'tampered.pdf')]).out).not.toContain(
      'Signature is Valid',
    );
    expect(
      (await cli('seal', 'verify', join(dir, 'tampered.pdf'), '--trust', join(out, 'ca.pem'))).code,
    ).toBe(1);
    expect(
      (await cli('seal', 'verify', sealed('contract-sm2.pdf'), '--trust', join(out, 'ca.pem'))).code,
    ).toBe(0);
    // Without a trust anchor the chain cannot be decided: exit 2.
    expect((await cli('seal', 'verify', sealed('contract-sm2.pdf'))).code).toBe(2);
  });

  test('the SESeal of every demo seal decodes and its maker signature verifies (same code as the fixture seals)', async () => {
    const files = await readdir(join(out, 'seals'));
    expect(files).toHaveLength(5);
    for (const file of files) {
      const seal = decodeSeal(new Uint8Array(await readFile(join(out, 'seals', file))));
      expect(file).toBe(`${seal.sealInfo.esId}.esl`);
      const checks = verifySeal(seal, { at: new Date() });
      expect(checks.filter((c) => c.status === 'INVALID' || c.status === 'ERROR')).toEqual([]);
      expect(checks.some((c) => c.status === 'VALID')).toBe(true);
    }
  });
});

describe('zhengyin demo seed: the demo licences hold up in external verifiers', () => {
  let licenses: DemoLicenseEntry[];
  const pdfOf = (l: DemoLicenseEntry) => join(out, l.file);
  beforeAll(async () => {
    licenses = JSON.parse(await readFile(join(out, 'licenses', 'index.json'), 'utf8')) as DemoLicenseEntry[];
  });

  test('three types with distinct codes (definer USCC + 3 digits), each with SM2 and ECDSA licences', () => {
    const types = new Map<string, Set<string>>();
    for (const l of licenses) types.set(l.typeCode, (types.get(l.typeCode) ?? new Set()).add(l.algorithm));
    expect(new Set(licenses.map((l) => l.type))).toEqual(
      new Set(['营业执照', '食品经营许可证', '建筑施工特种作业人员操作资格证书']),
    );
    expect(types.size).toBe(3);
    for (const [code, algorithms] of types) {
      expect(code).toMatch(/^[0-9A-Z]{18}\d{3}$/);
      expect(validateUscc(code.slice(0, 18)).valid).toBe(true);
      expect([...algorithms].sort()).toEqual(['ecdsa-p256', 'sm2']);
    }
    expect(licenses.length).toBeGreaterThanOrEqual(9);
    expect(new Set(licenses.map((l) => l.identifier)).size).toBe(licenses.length);
  });

  test('every identifier has a valid check character and names its type; a changed character is refused', () => {
    for (const l of licenses) {
      const parsed = parseEcertIdentifier(l.identifier, { strict: true });
      expect({ id: l.identifier, valid: parsed.valid }).toEqual({ id: l.identifier, valid: true });
      expect(parsed.valid && parsed.typeCode).toBe(l.typeCode);
      expect(l.file).toBe(`licenses/${l.identifier}.pdf`);
    }
    const first = licenses[0]!.identifier;
    const last = first.at(-1) === '0' ? '1' : '0';
    expect(parseEcertIdentifier(`${first.slice(0, -1)}${last}`, { strict: true }).valid).toBe(false);
  });

  test('our verifier: every licence VALID against ca.pem; SM2 and ECDSA signers as listed', async () => {
    for (const l of licenses) {
      const report = await verifyPdf(new Uint8Array(await readFile(pdfOf(l))), { trustAnchors: anchors });
      expect({ id: l.identifier, verdict: report.verdict }).toEqual({ id: l.identifier, verdict: 'VALID' });
      expect(report.signatures).toHaveLength(1);
      expect(report.signatures[0]!.signer?.algorithm).toMatch(l.algorithm === 'sm2' ? /^SM2-/ : /^ECDSA-/);
    }
  });

  test('pdfsig: the ECDSA licences are valid with a trusted chain; a changed byte is invalid', async () => {
    const ecdsa = licenses.filter((l) => l.algorithm === 'ecdsa-p256');
    expect(ecdsa.length).toBeGreaterThanOrEqual(3);
    for (const l of ecdsa) {
      const sig = tool('pdfsig', ['-nssdir', nss(), pdfOf(l)]);
      expect(sig.out).toContain('Signature is Valid');
      expect(sig.out).toContain('Certificate is Trusted');
    }
    const tampered = new Uint8Array(await readFile(pdfOf(ecdsa[0]!)));
    tampered[3000]! ^= 0x01;
    await writeFile(join(dir, 'tampered-licence.pdf'), tampered);
    expect(tool('pdfsig', ['-nssdir', nss(), join(dir, 'tampered-licence.pdf')]).out).not.toContain(
      'Signature is Valid',
    );
    expect((await verifyPdf(tampered, { trustAnchors: anchors })).verdict).toBe('INVALID');
  });

  test('qpdf clean, every font embedded, text extractable: holder (an Extension-B one too) and number', () => {
    const rare = licenses.filter((l) => RARE_CANDIDATES.some((c) => l.holder.includes(c)));
    expect(rare).toHaveLength(1);
    for (const l of licenses) {
      const check = tool('qpdf', ['--check', pdfOf(l)]);
      expect({ id: l.identifier, status: check.status }).toEqual({ id: l.identifier, status: 0 });
      expect(check.out).toContain('No syntax or stream encoding errors found');
      const fonts = tool('pdffonts', [pdfOf(l)])
        .out.split('\n')
        .slice(2)
        .filter((line) => line.trim());
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
      const text = tool('pdftotext', [pdfOf(l), '-']).out.replace(/\s+/g, '');
      expect(text).toContain(l.holder);
      expect(text).toContain(l.licenseNumber);
    }
  });
});

describe('zhengyin demo seed: 加注件 of demo licences', () => {
  test('an SM2 and an ECDSA copy: both signatures VALID (the licence’s changed by signatures only), statement read back; pdfsig agrees for ECDSA', async () => {
    const { licenses, copies } = await demoIndexes();
    expect(copies.map((c) => c.algorithm)).toEqual(['sm2', 'ecdsa-p256']);
    expect((await readdir(join(out, 'annotated'))).filter((f) => f.endsWith('.pdf')).sort()).toEqual(
      copies.map((c) => `${c.identifier}.pdf`).sort(),
    );
    for (const c of copies) {
      expect(licenses.map((l) => l.identifier)).toContain(c.identifier);
      const pdf = new Uint8Array(await readFile(join(out, c.file)));
      const report = await verifyPdf(pdf, { trustAnchors: anchors });
      expect({
        verdict: report.verdict,
        problems: [...report.checks, ...report.signatures.flatMap((s) => s.checks)].filter(
          (x) => x.status === 'INVALID',
        ),
      }).toEqual({ verdict: 'VALID', problems: [] });
      expect(report.signatures.map((s) => [s.verdict, s.modifiedAfter])).toEqual([
        ['VALID', 'signatures-only'],
        ['VALID', 'none'],
      ]);
      expect(report.signatures[0]!.annotation).toBeNull();
      expect(report.signatures[1]!.annotation).toMatchObject({
        creator: '杭州市拱墅区市场监督管理局（演示）',
        cause: c.cause,
        licenseIdentifier: c.identifier,
        itemCode: c.itemCode,
        itemName: c.itemName,
      });
      expect(report.signatures[1]!.signer?.algorithm).toMatch(c.algorithm === 'sm2' ? /^SM2-/ : /^ECDSA-/);
      if (c.algorithm !== 'sm2') {
        const sig = tool('pdfsig', ['-nssdir', nss(), join(out, c.file)]).out;
        expect(sig.match(/Signature is Valid/g)).toHaveLength(2);
        expect(sig.match(/Certificate is Trusted/g)).toHaveLength(2);
      }
    }
  });
});

describe('zhengyin demo seed: zhengyin verify on every demo licence and 加注件', () => {
  test('offline against ca.pem: exit 0 for each; one changed byte in a signed range: exit 1', async () => {
    const { licenses, copies } = await demoIndexes();
    const files = [...licenses.map((l) => join(out, l.file)), ...copies.map((c) => join(out, c.file))];
    expect(files.length).toBe(licenses.length + 2);
    for (const file of files) {
      const run = await cli('verify', file, '--trust', join(out, 'ca.pem'), '--json');
      expect({ file, code: run.code }).toEqual({ file, code: 0 });
      expect(JSON.parse(run.out).verdict).toBe('VALID');
    }
    const tampered = join(dir, 'tampered-copy.pdf');
    const bytes = await readFile(files.at(-1)!);
    // Inside the first stream's data: the structure still parses, the signed digest no longer matches.
    bytes[bytes.indexOf('stream\n') + 40]! ^= 0x01;
    await writeFile(tampered, bytes);
    expect((await cli('verify', tampered, '--trust', join(out, 'ca.pem'))).code).toBe(1);
  });
});

describe('zhengyin demo seed: OFD files (DIR/ofd)', () => {
  let index: DemoOfdEntry[];
  const ofdPath = (file: string) => join(out, file);
  const entry = (file: string) => index.find((e) => e.file === file)!;
  beforeAll(async () => {
    index = await readJson<DemoOfdEntry[]>('ofd', 'index.json');
  });

  test('index.json lists every OFD file with what it demonstrates; every SM2 licence has its OFD, no ECDSA one does', async () => {
    const onDisk = (await readdir(join(out, 'ofd'))).filter((f) => f.endsWith('.ofd')).map((f) => `ofd/${f}`);
    expect(index.map((e) => e.file).sort()).toEqual(onDisk.sort());
    for (const e of index) expect(e.demonstrates).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    const { licenses } = await demoIndexes();
    const sm2 = licenses.filter((l) => l.algorithm === 'sm2');
    expect(sm2.length).toBeGreaterThanOrEqual(3);
    expect(sm2.map((l) => l.ofdFile)).toEqual(sm2.map((l) => `ofd/${l.identifier}.ofd`));
    expect(licenses.filter((l) => l.algorithm !== 'sm2' && l.ofdFile)).toEqual([]);
    expect(index.filter((e) => e.kind === 'licence').map((e) => e.identifier)).toEqual(
      sm2.map((l) => l.identifier),
    );
    expect(index.filter((e) => e.kind === 'contract').map((e) => [e.file, e.signatures])).toEqual([
      ['ofd/contract-two-seals.ofd', 2],
      ['ofd/contract-riding-seal.ofd', 1],
    ]);
  });

  test('zhengyin verify: exit 0 and VALID for every DIR/ofd/*.ofd against ca.pem; a changed page exits 1', async () => {
    for (const e of index) {
      const run = await cli('verify', ofdPath(e.file), '--trust', join(out, 'ca.pem'), '--json');
      expect({ file: e.file, code: run.code }).toEqual({ file: e.file, code: 0 });
      const report = JSON.parse(run.out) as { verdict: string; signatures: unknown[] };
      expect(report.verdict).toBe('VALID');
      expect(report.signatures).toHaveLength(e.signatures);
    }
    const parts = unzipSync(new Uint8Array(await readFile(ofdPath('ofd/contract-two-seals.ofd'))));
    const page = 'Doc_0/Pages/Page_0/Content.xml';
    const text = new TextDecoder().decode(parts[page]);
    expect(text).toContain('甲方');
    parts[page] = new TextEncoder().encode(text.replace('甲方', '乙方'));
    const tampered = join(dir, 'tampered-contract.ofd');
    await writeFile(tampered, zipSync(parts));
    expect((await cli('verify', tampered, '--trust', join(out, 'ca.pem'))).code).toBe(1);
    expect(
      (await verifyOfd(new Uint8Array(await readFile(tampered)), { trustAnchors: anchors })).verdict,
    ).toBe('INVALID');
  });

  test('the two-seal contract: official and contract seal, both VALID; the riding seal: one signature, one stamp per page', async () => {
    const twoSeals = entry('ofd/contract-two-seals.ofd');
    const report = await verifyOfd(new Uint8Array(await readFile(ofdPath(twoSeals.file))), {
      trustAnchors: anchors,
    });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures.map((s) => [s.seal?.code, s.verdict, s.pages])).toEqual([
      [twoSeals.seals![0], 'VALID', [2]],
      [twoSeals.seals![1], 'VALID', [2]],
    ]);
    const riding = await verifyOfd(new Uint8Array(await readFile(ofdPath('ofd/contract-riding-seal.ofd'))), {
      trustAnchors: anchors,
    });
    expect(riding.verdict).toBe('VALID');
    expect(riding.signatures).toHaveLength(1);
    expect(riding.signatures[0]!.stampAnnots).toHaveLength(3);
    expect(riding.signatures[0]!.pages).toEqual([1, 2, 3]);
  });

  test('the OFD licences carry the holder name (the Extension-B one too) and the licence number as text', async () => {
    const { licenses } = await demoIndexes();
    for (const l of licenses.filter((x) => x.ofdFile)) {
      const doc = openOfd(new Uint8Array(await readFile(ofdPath(l.ofdFile!))));
      const text = extractOfdText(doc.page(0)).replace(/\s+/g, '');
      expect({ id: l.identifier, holder: text.includes(l.holder) }).toEqual({
        id: l.identifier,
        holder: true,
      });
      expect(text).toContain(l.licenseNumber);
    }
  });

  test('the rendered OFD licence looks like pdf.js renders its PDF, and unlike another licence of its type', async () => {
    const { licenses } = await demoIndexes();
    const png = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes));
    /** Share of pixels with a channel more than 64 apart. */
    const differing = (a: PNG, b: PNG) => {
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      let n = 0;
      for (let i = 0; i < a.data.length; i += 4)
        if ([0, 1, 2].some((c) => Math.abs(a.data[i + c]! - b.data[i + c]!) > 64)) n++;
      return n / (a.width * a.height);
    };
    const pdfRender = async (file: string) =>
      png(await rasterizePdfPage(new Uint8Array(await readFile(ofdPath(file))), { page: 1, dpi: 72 }));
    for (const l of licenses.filter((x) => x.ofdFile)) {
      const doc = openOfd(new Uint8Array(await readFile(ofdPath(l.ofdFile!))));
      const ofd = png(await renderOfdPage(doc, 0, { dpi: 72 }));
      const other = licenses.find((x) => x.typeCode === l.typeCode && x.identifier !== l.identifier)!;
      // Measured: 0.3–0.7 % for the same licence (antialiasing, seal edges), 1.3–2.9 % for another of
      // the type (other holder, number, dates, QR code).
      const same = differing(ofd, await pdfRender(l.file));
      const different = differing(ofd, await pdfRender(other.file));
      expect({ id: l.identifier, same: same < 0.01 }).toEqual({ id: l.identifier, same: true });
      expect(different - same).toBeGreaterThan(0.005);
    }
  });

  test('a second run reuses what exists: the sealed PDFs, the sealed OFD contracts and the OFD licences keep their bytes', async () => {
    // The 加注件 belong to seedDemoAnnotated, which has its own reuse rule.
    const sealedPdfs = (await readdir(join(out, 'sealed'))).map((f) => `sealed/${f}`);
    expect(sealedPdfs).toHaveLength(4);
    const files = [...sealedPdfs, ...index.filter((e) => e.kind !== 'annotated').map((e) => e.file)];
    const before = await Promise.all(files.map((f) => readFile(ofdPath(f))));
    const again = await cli('demo', 'seed', '--out', out);
    expect(again.code).toBe(0);
    const after = await Promise.all(files.map((f) => readFile(ofdPath(f))));
    expect(files.filter((_, i) => !before[i]!.equals(after[i]!))).toEqual([]);
    const reread = await readJson<DemoOfdEntry[]>('ofd', 'index.json');
    expect(reread.filter((e) => e.kind !== 'annotated')).toEqual(index.filter((e) => e.kind !== 'annotated'));
  }, 240_000);
});
