import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { runGmCommand } from './gm.js';

const dir = mkdtempSync(join(tmpdir(), 'zhengyin-gm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const f = (name: string) => join(dir, name);

async function gm(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), env: {} };
  const code = await runGmCommand(['gm', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

writeFileSync(f('doc.txt'), '电子证照 document\n');
writeFileSync(f('other.txt'), '电子证照 document.\n');

describe('gm keygen / sign / verify', () => {
  it.each(['sm2', 'ecdsa-p256', 'rsa2048'])('%s: keygen, sign, verify, reject tampering', async (alg) => {
    expect(
      (await gm('keygen', '--alg', alg, '--out', f(`${alg}.pem`), '--pub', f(`${alg}-pub.pem`))).code,
    ).toBe(0);
    expect(readFileSync(f(`${alg}.pem`), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const signed = await gm(
      'sign',
      '--alg',
      alg,
      '--key',
      f(`${alg}.pem`),
      '--in',
      f('doc.txt'),
      '--out',
      f(`${alg}.sig`),
    );
    expect(signed.code).toBe(0);
    const verified = await gm(
      'verify',
      '--alg',
      alg,
      '--pub',
      f(`${alg}-pub.pem`),
      '--in',
      f('doc.txt'),
      '--sig',
      f(`${alg}.sig`),
    );
    expect(verified).toMatchObject({ code: 0, out: 'VALID' });
    const tampered = await gm(
      'verify',
      '--alg',
      alg,
      '--pub',
      f(`${alg}-pub.pem`),
      '--in',
      f('other.txt'),
      '--sig',
      f(`${alg}.sig`),
    );
    expect(tampered).toMatchObject({ code: 1, out: 'INVALID' });
    // The key files are standard: OpenSSL reads them.
    execFileSync('openssl', ['pkey', '-in', f(`${alg}.pem`), '-noout']);
  });

  it('refuses to overwrite an existing key file', async () => {
    writeFileSync(f('exists.pem'), 'keep me');
    expect((await gm('keygen', '--out', f('exists.pem'))).code).toBe(2);
    expect(readFileSync(f('exists.pem'), 'utf8')).toBe('keep me');
  });

  it('SM2 signatures interoperate with OpenSSL both ways (openssl-made key, distid)', async () => {
    execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', f('ossl.pem')]);
    execFileSync('openssl', ['pkey', '-in', f('ossl.pem'), '-pubout', '-out', f('ossl-pub.pem')]);
    expect(
      (await gm('sign', '--key', f('ossl.pem'), '--in', f('doc.txt'), '--out', f('ours.sig'))).code,
    ).toBe(0);
    const check = spawnSync('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      f('ossl-pub.pem'),
      '-rawin',
      '-in',
      f('doc.txt'),
      '-sigfile',
      f('ours.sig'),
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
    ]);
    expect(check.status).toBe(0);
    execFileSync('openssl', [
      'pkeyutl',
      '-sign',
      '-inkey',
      f('ossl.pem'),
      '-rawin',
      '-in',
      f('doc.txt'),
      '-out',
      f('theirs.sig'),
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:ALICE123@YAHOO.COM',
    ]);
    const args = ['verify', '--pub', f('ossl-pub.pem'), '--in', f('doc.txt'), '--sig', f('theirs.sig')];
    expect((await gm(...args, '--id', 'ALICE123@YAHOO.COM')).code).toBe(0);
    expect((await gm(...args)).code).toBe(1);
  });

  it('reports unusable keys with the GmError code and exit 2', async () => {
    const wrong = await gm(
      'sign',
      '--alg',
      'ecdsa-p256',
      '--key',
      f('sm2.pem'),
      '--in',
      f('doc.txt'),
      '--out',
      f('x.sig'),
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/^GM_KEY_ALGORITHM_MISMATCH/);
    writeFileSync(f('junk.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const junk = await gm('sign', '--key', f('junk.pem'), '--in', f('doc.txt'), '--out', f('y.sig'));
    expect(junk).toMatchObject({ code: 2 });
    expect(junk.err).toMatch(/^GM_SM2_KEY_FORMAT/);
    expect(
      (await gm('sign', '--alg', 'dsa', '--key', f('sm2.pem'), '--in', f('doc.txt'), '--out', f('z.sig')))
        .code,
    ).toBe(2);
  });
});

describe('gm sm3 and check-code', () => {
  it('prints the SM3 digest of a file, as OpenSSL does', async () => {
    writeFileSync(f('abc.txt'), 'abc');
    expect(await gm('sm3', f('abc.txt'))).toMatchObject({
      code: 0,
      out: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    });
    const ossl = execFileSync('openssl', ['dgst', '-sm3', '-r', f('doc.txt')], { encoding: 'utf8' }).split(
      ' ',
    )[0];
    expect((await gm('sm3', f('doc.txt'))).out).toBe(ossl);
  });

  it.each([
    ['91350200776049653A', 0, /统一社会信用代码.*VALID/],
    ['91350200776049653B', 1, /INVALID CHECK_CHARACTER.*expected check character A/],
    ['11010519491231002X', 0, /公民身份号码.*VALID.*1949-12-31/],
    ['110105194902310026', 1, /公民身份号码.*INVALID BIRTH_DATE/],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U', 0, /电子证照标识.*VALID/],
    [
      '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.V',
      1,
      /expected check character U/,
    ],
    ['not-a-code', 1, /not a known kind of code/],
  ])('check-code %s → exit %i', async (code, exit, pattern) => {
    const result = await gm('check-code', code);
    expect(result.code).toBe(exit);
    expect(result.out).toMatch(pattern);
  });
});

describe('gm ses-dump', () => {
  it('prints a real fixture seal and signature as JSON; garbage exits 2 with a GM_ code', async () => {
    const { unzipSync } = await import('fflate');
    const ofd = readFileSync(new URL('../../../../../shared/fixtures/ofd/V4RideRight.ofd', import.meta.url));
    const entries = unzipSync(new Uint8Array(ofd));
    const esl = Object.entries(entries).find(([name]) => name.endsWith('.esl'))!;
    const signed = Object.entries(entries).find(([name]) => name.endsWith('SignedValue.dat'))!;
    writeFileSync(f('seal.esl'), esl[1]);
    writeFileSync(f('signed.dat'), signed[1]);
    const seal = await gm('ses-dump', f('seal.esl'));
    expect(seal.code).toBe(0);
    expect(JSON.parse(seal.out)).toMatchObject({ kind: 'seal', version: 4 });
    const signature = await gm('ses-dump', f('signed.dat'));
    expect(JSON.parse(signature.out)).toMatchObject({ kind: 'signature', version: 4 });
    writeFileSync(f('garbage.bin'), 'not DER at all');
    const bad = await gm('ses-dump', f('garbage.bin'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/GM_SES_/);
  });
});
