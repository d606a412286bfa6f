import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import {
  GmError,
  checkCode,
  describeSes,
  ecdsaP256GenerateKeyPair,
  ecdsaP256Sign,
  ecdsaP256Verify,
  encodePem,
  rsaGenerateKeyPair,
  rsaSign,
  rsaVerify,
  sm2GenerateKeyPair,
  sm2ImportPrivateKey,
  sm2ImportPublicKey,
  sm2PrivateKeyToPem,
  sm2PublicKeyToPem,
  sm2Sign,
  sm2Verify,
  sm3Hex,
} from '@zhengyin/gm';
import type { CodeCheck } from '@zhengyin/gm';
import type { Io } from '../io.js';
import { CliExit, processIo } from '../io.js';

/** `zhengyin gm …`: keys, signatures, SM3 and code checks. File handling here, crypto in @zhengyin/gm. */

const ALGORITHMS = ['sm2', 'ecdsa-p256', 'rsa2048'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

const algOption = () => new Option('--alg <alg>', 'signature algorithm').choices(ALGORITHMS).default('sm2');

/** Key files may be PEM text or DER bytes. */
async function readKey(path: string): Promise<string | Uint8Array> {
  const bytes = new Uint8Array(await readFile(path));
  const text = new TextDecoder().decode(bytes.subarray(0, 64));
  return text.includes('-----BEGIN ') ? new TextDecoder().decode(bytes) : bytes;
}

const readBytes = async (path: string) => new Uint8Array(await readFile(path));
const idBytes = (id: string | undefined) => (id === undefined ? {} : { id: new TextEncoder().encode(id) });

function generate(alg: Algorithm): { privatePem: string; publicPem: string } {
  if (alg === 'sm2') {
    const pair = sm2GenerateKeyPair();
    return { privatePem: sm2PrivateKeyToPem(pair.privateKey), publicPem: sm2PublicKeyToPem(pair.publicKey) };
  }
  const pair = alg === 'ecdsa-p256' ? ecdsaP256GenerateKeyPair() : rsaGenerateKeyPair(2048);
  return {
    privatePem: encodePem('PRIVATE KEY', pair.privateKey),
    publicPem: encodePem('PUBLIC KEY', pair.publicKey),
  };
}

function sign(
  alg: Algorithm,
  key: string | Uint8Array,
  data: Uint8Array,
  id: string | undefined,
): Uint8Array {
  if (alg === 'sm2') return sm2Sign(sm2ImportPrivateKey(key).privateKey, data, idBytes(id));
  return alg === 'ecdsa-p256' ? ecdsaP256Sign(key, data) : rsaSign(key, data);
}

function verify(
  alg: Algorithm,
  key: string | Uint8Array,
  data: Uint8Array,
  sig: Uint8Array,
  id: string | undefined,
) {
  if (alg === 'sm2') return sm2Verify(sm2ImportPublicKey(key), data, sig, idBytes(id));
  return alg === 'ecdsa-p256' ? ecdsaP256Verify(key, data, sig) : rsaVerify(key, data, sig);
}

function describeCheck(check: CodeCheck): string {
  const names: Record<CodeCheck['kind'], string> = {
    'ecert-identifier': '电子证照标识 (GB/T 36904)',
    uscc: '统一社会信用代码 (GB 32100)',
    'citizen-id': '公民身份号码 (GB 11643)',
    'org-code': '组织机构代码 (GB 11714)',
    'area-code': '行政区划代码 (GB/T 2260)',
  };
  const { result } = check;
  if (!result.valid) {
    const expected = result.expected ? `, expected check character ${result.expected}` : '';
    return `${names[check.kind]}: INVALID ${result.reason} (${result.message}${expected})`;
  }
  const { valid: _valid, ...details } = result;
  return `${names[check.kind]}: VALID ${JSON.stringify(details)}`;
}

/** Runs an action, turning GmError into a message and exit code 2. */
const guarded =
  <A extends unknown[]>(io: Io, action: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof GmError) {
        io.err(`${error.code}: ${error.message}`);
        throw new CliExit(2);
      }
      throw error;
    }
  };

export function registerGmCommands(program: Command, io: Io = processIo): Command {
  const gm = program.command('gm').description('national cryptography: keys, signatures, SM3, code checks');

  gm.command('keygen')
    .description('generate a key pair (PKCS#8 PEM private key, SPKI PEM public key)')
    .addOption(algOption())
    .requiredOption('--out <file>', 'private key file (never overwritten)')
    .option('--pub <file>', 'public key file')
    .action(
      guarded(io, async (opts: { alg: Algorithm; out: string; pub?: string }) => {
        const { privatePem, publicPem } = generate(opts.alg);
        await writeFile(opts.out, privatePem, { mode: 0o600, flag: 'wx' });
        if (opts.pub) await writeFile(opts.pub, publicPem, { flag: 'wx' });
        io.out(`${opts.alg} key written to ${opts.out}${opts.pub ? `, public key to ${opts.pub}` : ''}`);
      }),
    );

  gm.command('sign')
    .description('sign a file; the signature is DER (SM2 with user ID 1234567812345678 unless --id)')
    .addOption(algOption())
    .requiredOption('--key <file>', 'private key (PEM or DER)')
    .requiredOption('--in <file>', 'file to sign')
    .requiredOption('--out <file>', 'signature output (DER)')
    .option('--id <id>', 'SM2 user ID')
    .action(
      guarded(io, async (opts: { alg: Algorithm; key: string; in: string; out: string; id?: string }) => {
        const signature = sign(opts.alg, await readKey(opts.key), await readBytes(opts.in), opts.id);
        await writeFile(opts.out, signature);
        io.out(`signature written to ${opts.out} (${signature.length} bytes)`);
      }),
    );

  gm.command('verify')
    .description('verify a DER signature over a file; exit 0 when valid, 1 when not')
    .addOption(algOption())
    .requiredOption('--pub <file>', 'public key (PEM or DER)')
    .requiredOption('--in <file>', 'signed file')
    .requiredOption('--sig <file>', 'signature (DER)')
    .option('--id <id>', 'SM2 user ID')
    .action(
      guarded(io, async (opts: { alg: Algorithm; pub: string; in: string; sig: string; id?: string }) => {
        const valid = verify(
          opts.alg,
          await readKey(opts.pub),
          await readBytes(opts.in),
          await readBytes(opts.sig),
          opts.id,
        );
        io.out(valid ? 'VALID' : 'INVALID');
        if (!valid) throw new CliExit(1);
      }),
    );

  gm.command('sm3')
    .description('print the SM3 digest of a file (hex)')
    .argument('<file>')
    .action(
      guarded(io, async (file: string) => {
        io.out(sm3Hex(await readBytes(file)));
      }),
    );

  gm.command('check-code')
    .description(
      'identify and check a 统一社会信用代码, 公民身份号码, licence identifier, organisation or area code',
    )
    .argument('<code>')
    .action(
      guarded(io, async (code: string) => {
        const checks = checkCode(code);
        if (checks.length === 0) {
          io.out(`${code}: not a known kind of code`);
          throw new CliExit(1);
        }
        for (const check of checks) io.out(describeCheck(check));
        if (!checks.some((c) => c.result.valid)) throw new CliExit(1);
      }),
    );

  gm.command('ses-dump')
    .description('decode an SESeal or SES_Signature (GB/T 38540 v4, GM/T 0031 v1) and print it as JSON')
    .argument('<file>')
    .action(
      guarded(io, async (file: string) => {
        io.out(JSON.stringify(describeSes(await readBytes(file)), null, 2));
      }),
    );

  return gm;
}

/** Runs `gm …` argv in-process (for tests and embedding); returns the exit code. */
export async function runGmCommand(argv: string[], io: Io = processIo): Promise<number> {
  const program = new Command('zhengyin')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerGmCommands(program, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliExit) return error.code;
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
}
