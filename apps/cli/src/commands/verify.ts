import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { LicenseFileReportView } from '@zhengyin/core';
import {
  STATUS_LABELS,
  VERIFICATION_STEPS,
  isAppError,
  presentLicenseFileReport,
  sniffFileFormat,
  verdictHeadline,
  verificationStep,
  verifyLicenseFileOffline,
} from '@zhengyin/core';
import { decodePemBlocks } from '@zhengyin/gm';
import type { Io } from '../io.js';
import { CliExit } from '../io.js';

type Verdict = LicenseFileReportView['verdict'];

const collect = (value: string, previous: string[]) => [...previous, value];
const RANK: Record<Verdict, number> = { VALID: 0, INDETERMINATE: 1, INVALID: 2 };
/** INVALID if either says so, else INDETERMINATE if either could not decide, else VALID. */
const worst = (verdicts: Verdict[]): Verdict =>
  verdicts.reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'VALID');
const exitCodeOf = (verdict: Verdict) => (verdict === 'VALID' ? 0 : verdict === 'INVALID' ? 1 : 2);

async function loadTrustAnchors(files: string[], io: Io): Promise<Uint8Array[]> {
  const anchors: Uint8Array[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      io.err(`无法读取信任根证书 cannot read trust anchor ${file}: ${(e as Error).message}`);
      throw new CliExit(2);
    }
    const text = bytes.toString('latin1');
    if (text.includes('-----BEGIN')) {
      const certs = decodePemBlocks(text).filter((b) => b.label === 'CERTIFICATE');
      if (certs.length === 0) {
        io.err(`${file}: 没有 PEM 证书 no PEM CERTIFICATE block`);
        throw new CliExit(2);
      }
      anchors.push(...certs.map((b) => b.der));
    } else anchors.push(new Uint8Array(bytes));
  }
  return anchors;
}

/** Posts the file to URL/api/v1/verify; null (with a message) when the server cannot answer. */
async function verifyOnline(base: string, file: Uint8Array, io: Io): Promise<LicenseFileReportView | null> {
  const url = `${base.replace(/\/+$/, '')}/api/v1/verify`;
  const type = sniffFileFormat(file) === 'ofd' ? 'application/ofd' : 'application/pdf';
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': type, accept: 'application/json' },
      body: file,
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    io.err(`无法连接验证服务 cannot reach ${url}: ${(e as Error).message}`);
    return null;
  }
  const text = await res.text();
  if (!res.ok) {
    let detail = text.slice(0, 300);
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
      if (body.error?.code) detail = `${body.error.code}: ${body.error.message ?? ''}`;
    } catch {
      // not JSON: show the start of the text
    }
    io.err(`验证服务拒绝 the server refused (HTTP ${res.status}): ${detail}`);
    return null;
  }
  try {
    return JSON.parse(text) as LicenseFileReportView;
  } catch {
    io.err(`验证服务的回答不是 JSON the server's answer is not JSON (${url})`);
    return null;
  }
}

function describe(title: string, report: LicenseFileReportView, io: Io) {
  const all = [
    ...report.checks.map((check) => ({ where: '文件 document', check })),
    ...report.signatures.flatMap((s) =>
      s.checks.map((check) => ({ where: `签名 signature ${s.index}`, check })),
    ),
    ...report.annotations.flatMap((a) =>
      a.checks.map((check) => ({ where: `加注件 annotation (${a.signatureIndex})`, check })),
    ),
  ];
  const head = verdictHeadline(
    report.verdict,
    report.firstFailure,
    all.map((x) => x.check),
  );
  io.out(`== ${title} ==`);
  io.out(`结论 verdict: ${report.verdict} — ${head.zh} / ${head.en}`);
  io.out(`文件格式 format: ${report.format.toUpperCase()}`);
  const l = report.license;
  if (l) {
    io.out(
      `证照 licence: ${l.identifier}${l.typeName ? ` ${l.typeName}` : ''}${l.licenseNumber ? ` No. ${l.licenseNumber}` : ''}`,
    );
    if (l.issuerName) io.out(`  发证机关 issuer: ${l.issuerName}`);
    if (l.holderName) io.out(`  持证主体 holder: ${l.holderName}`);
    if (l.validFrom || l.validTo)
      io.out(`  有效期 validity: ${[l.validFrom, l.validTo].filter(Boolean).join(' — ')}`);
    io.out(
      `  状态 status: ${l.statusName ? `${l.statusName} (${l.status})` : '未查询（离线） not checked (offline)'}${l.supersededBy ? `; 最新版本 newest ${l.supersededBy}` : ''}`,
    );
  }
  for (const s of report.signatures) {
    io.out(
      `签名 signature ${s.index} (${s.fieldName}): ${s.verdict}${s.seal ? `; 印章 seal ${s.seal.name ?? ''} ${s.seal.code}` : ''}`,
    );
    if (s.signer) io.out(`  签名者 signer: ${s.signer.subject} (${s.signer.algorithm})`);
    if (s.signingTime)
      io.out(
        `  时间 signed: ${s.signingTime}${s.timestampTime ? `, 时间戳 timestamp ${s.timestampTime}` : ''}`,
      );
    if (s.format === 'ofd' && s.pages.length > 0)
      io.out(
        `  签章页 pages: ${s.pages.join(', ')}${s.stampAnnots.length > 1 ? ` (${s.stampAnnots.length} 处 appearances)` : ''}`,
      );
  }
  for (const a of report.annotations)
    io.out(
      `加注件 annotated copy (signature ${a.signatureIndex}): ${a.creator}; ${a.cause}; 有效期至 until ${a.expiringTime}`,
    );
  for (const step of VERIFICATION_STEPS) {
    const mine = all.filter((x) => verificationStep(x.check.name) === step.key);
    if (mine.length === 0) continue;
    io.out(`[${step.zh} ${step.en}]`);
    for (const { where, check } of mine) {
      const s = STATUS_LABELS[check.status];
      io.out(`  ${s.mark} ${s.zh}/${s.en} ${where} ${check.name} ${check.code}: ${check.message}`);
    }
  }
}

/**
 * `zhengyin verify FILE [--trust ca.pem ...] [--online URL] [--json]` (PDF or OFD): offline by default
 * (signatures, integrity, chain to the given roots, 加注件 expiry); `--online URL` posts the file
 * to URL/api/v1/verify for the registry checks (with --trust the local verification runs too and
 * the worse verdict counts). Exit 0 valid, 1 invalid, 2 could not decide.
 */
export function registerVerifyCommand(program: Command, io: Io) {
  program
    .command('verify')
    .description(
      'verify a licence, 加注件 or sealed PDF / OFD file: offline by default, --online URL adds the registry status (exit 0 valid, 1 invalid, 2 could not decide)',
    )
    .argument('<file>')
    .option('--trust <pem>', 'trusted root certificate(s), PEM or DER (repeatable)', collect, [])
    .option('--online <url>', 'base URL of the platform, e.g. https://zhengyin.example.gov.cn')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { trust: string[]; online?: string; json?: boolean }) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (e) {
        io.err(`无法读取文件 cannot read ${file}: ${(e as Error).message}`);
        throw new CliExit(2);
      }
      const reports: { title: string; key: 'offline' | 'online'; view: LicenseFileReportView }[] = [];
      if (!o.online || o.trust.length > 0) {
        const trustAnchors = await loadTrustAnchors(o.trust, io);
        let offline;
        try {
          offline = await verifyLicenseFileOffline(bytes, { trustAnchors, now: new Date() });
        } catch (e) {
          // An unreadable OFD package (OFD_MALFORMED, OFD_ZIP_BOMB, …): nothing could be decided.
          if (!isAppError(e)) throw e;
          io.err(`无法验证 cannot verify ${file}: ${e.code} ${e.message}`);
          throw new CliExit(2);
        }
        reports.push({
          title: '本地验证 local verification',
          key: 'offline',
          view: presentLicenseFileReport(offline),
        });
      }
      if (o.online) {
        const online = await verifyOnline(o.online, bytes, io);
        if (!online) throw new CliExit(2);
        reports.push({ title: `在线验证 online verification (${o.online})`, key: 'online', view: online });
      }
      const verdict = worst(reports.map((r) => r.view.verdict));
      if (o.json) {
        const only = reports.length === 1 ? reports[0]!.view : null;
        io.out(
          JSON.stringify(
            only ?? { verdict, ...Object.fromEntries(reports.map((r) => [r.key, r.view])) },
            null,
            2,
          ),
        );
      } else {
        for (const r of reports) describe(r.title, r.view, io);
        if (reports.length > 1) io.out(`总结论 overall verdict: ${verdict}`);
      }
      const code = exitCodeOf(verdict);
      if (code !== 0) throw new CliExit(code);
    });
}
