import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { PdfVerification } from '@zhengyin/documents';
import { verifyPdf } from '@zhengyin/documents';
import { decodePemBlocks } from '@zhengyin/gm';
import type { Io } from '../io.js';
import { CliExit } from '../io.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Exit code of a verdict: 0 all valid, 1 any invalid, 2 could not decide. */
export function exitCodeOf(report: Pick<PdfVerification, 'verdict'>): number {
  return report.verdict === 'VALID' ? 0 : report.verdict === 'INVALID' ? 1 : 2;
}

async function trustAnchors(files: string[]): Promise<Uint8Array[]> {
  const anchors: Uint8Array[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const text = bytes.toString('latin1');
    if (text.includes('-----BEGIN'))
      anchors.push(
        ...decodePemBlocks(text)
          .filter((b) => b.label === 'CERTIFICATE')
          .map((b) => b.der),
      );
    else anchors.push(new Uint8Array(bytes));
  }
  return anchors;
}

function describe(report: PdfVerification, io: Io) {
  io.out(`verdict: ${report.verdict}`);
  for (const c of report.checks)
    if (c.status !== 'VALID') io.out(`  [${c.status}] ${c.name} ${c.code}: ${c.message}`);
  for (const s of report.signatures) {
    io.out(`signature ${s.index} (${s.fieldName}): ${s.verdict}`);
    if (s.seal) io.out(`  seal ${s.seal.code}${s.sealInfo ? ` ${s.sealInfo.name}` : ''}`);
    if (s.signer)
      io.out(`  signer ${s.signer.subject} (issuer ${s.signer.issuer}, serial ${s.signer.serialHex})`);
    io.out(
      `  signed ${s.signingTime?.toISOString() ?? 'unknown'}${s.timestampTime ? `, timestamp ${s.timestampTime.toISOString()}` : ''}`,
    );
    io.out(`  pages ${s.pages.join(', ') || '-'}; changes after signing: ${s.modifiedAfter}`);
    for (const c of s.checks) io.out(`  [${c.status}] ${c.name} ${c.code}: ${c.message}`);
  }
}

/** `zhengyin seal verify FILE.pdf [--trust ca.pem] [--json]`: offline verification of a sealed PDF. */
export function registerSealCommands(program: Command, io: Io) {
  const seal = program.command('seal').description('electronic seals');
  seal
    .command('verify')
    .description(
      'verify the signatures of a sealed PDF offline (exit 0 all valid, 1 any invalid, 2 could not decide)',
    )
    .argument('<file>')
    .option('--trust <pem>', 'trusted root certificate(s), PEM or DER (repeatable)', collect, [])
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { trust: string[]; json?: boolean }) => {
      const report = await verifyPdf(new Uint8Array(await readFile(file)), {
        trustAnchors: await trustAnchors(o.trust),
      });
      if (o.json)
        io.out(
          JSON.stringify(
            report,
            (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
            2,
          ),
        );
      else describe(report, io);
      const code = exitCodeOf(report);
      if (code !== 0) throw new CliExit(code);
    });
  return seal;
}
