import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyPdf } from '@zhengyin/documents';
import { decodePemBlocks, decodeSeal, verifySeal } from '@zhengyin/gm';
import { createTestDatabase } from '@zhengyin/server/testing';
import type { TestDatabase } from '@zhengyin/server/testing';
import type { Io } from '../io.js';
import { runCli } from '../program.js';

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
  expect(seeded).toMatchObject({ code: 0 });
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
    expect(files).toHaveLength(3);
    for (const file of files) {
      const seal = decodeSeal(new Uint8Array(await readFile(join(out, 'seals', file))));
      expect(file).toBe(`${seal.sealInfo.esId}.esl`);
      const checks = verifySeal(seal, { at: new Date() });
      expect(checks.filter((c) => c.status === 'INVALID' || c.status === 'ERROR')).toEqual([]);
      expect(checks.some((c) => c.status === 'VALID')).toBe(true);
    }
  });
});
