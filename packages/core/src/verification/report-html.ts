import type { Check, Verdict } from '@zhengyin/documents';
import type { LicenseFileReportView } from './present.js';
import { STATUS_LABELS, VERIFICATION_STEPS, verdictHeadline, verificationStep } from './steps.js';
import type { LicenseQrReport } from './verify-license-qr.js';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"'`]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!,
  );
}

const STYLE = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#1d2129}
main{max-width:880px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #d9dde3;padding-bottom:4px}
.verdict{padding:16px 20px;border-radius:8px;color:#fff;margin:16px 0}.verdict p{margin:4px 0 0}
.VALID{background:#1f7a3a}.INVALID{background:#b42318}.INDETERMINATE{background:#8a6100}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #e3e6ea;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f0f2f5;width:28%}.s-VALID{color:#1f7a3a}.s-INVALID{color:#b42318;font-weight:bold}.s-ERROR{color:#8a6100;font-weight:bold}.s-SKIPPED{color:#6b7280}
code{font-size:12px;color:#4b5563}.warn{color:#8a6100}footer{margin-top:24px;font-size:12px;color:#6b7280}`;

const VERDICT_NAMES: Record<Verdict, string> = {
  VALID: '有效 VALID',
  INVALID: '无效 INVALID',
  INDETERMINATE: '无法确定 INDETERMINATE',
};

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}<footer>证印 zhengyin · 验证报告 verification report</footer></main></body></html>`;
}

function verdictBox(verdict: Verdict, firstFailure: string | null, checks: readonly Check[]): string {
  const head = verdictHeadline(verdict, firstFailure, checks);
  return `<section class="verdict ${escapeHtml(verdict)}"><h1>${escapeHtml(head.zh)}</h1><p>${escapeHtml(head.en)}</p><p>结论 Verdict: ${escapeHtml(VERDICT_NAMES[verdict])}${firstFailure ? ` · <code style="color:#fff">${escapeHtml(firstFailure)}</code>` : ''}</p></section>`;
}

function rows(pairs: readonly [string, unknown][]): string {
  return pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
}

function checkRow(where: string, c: Check): string {
  const s = STATUS_LABELS[c.status];
  const warn = c.details?.warning === true ? ' warn' : '';
  return `<tr><td>${escapeHtml(where)}</td><td class="s-${escapeHtml(c.status)}">${escapeHtml(s.mark)} ${escapeHtml(s.zh)} ${escapeHtml(s.en)}</td><td class="${warn}">${escapeHtml(c.message)}<br><code>${escapeHtml(c.name)} · ${escapeHtml(c.code)}</code></td></tr>`;
}

/** Self-contained HTML of a file verification (zh-CN with English; every text escaped). */
export function renderLicenseFileReportHtml(report: LicenseFileReportView): string {
  const all: { where: string; check: Check }[] = [
    ...report.checks.map((check) => ({ where: '文件 document', check })),
    ...report.signatures.flatMap((s) =>
      s.checks.map((check) => ({ where: `签名 signature ${s.index}`, check })),
    ),
    ...report.annotations.flatMap((a) =>
      a.checks.map((check) => ({ where: `加注件 annotation (${a.signatureIndex})`, check })),
    ),
  ];
  const parts: string[] = [
    verdictBox(
      report.verdict,
      report.firstFailure,
      all.map((x) => x.check),
    ),
    `<p>文件格式 File format: ${escapeHtml(report.format.toUpperCase())}</p>`,
  ];
  const l = report.license;
  if (l) {
    parts.push(
      `<h2>证照 Licence</h2><table>${rows([
        ['证照标识 Identifier', l.identifier],
        ['证照名称 Type', l.typeName],
        ['证照编号 Number', l.licenseNumber],
        ['发证机关 Issuer', l.issuerName],
        ['持证主体 Holder', l.holderName],
        ['有效期 Validity', [l.validFrom, l.validTo].filter(Boolean).join(' — ')],
        ['当前状态 Status', l.statusName ?? (l.registered === null ? '未查询 not checked' : null)],
        ['最新版本 Newest version', l.supersededBy],
      ])}</table>`,
    );
  }
  if (report.signatures.length > 0) {
    parts.push(
      `<h2>签名 Signatures</h2><table>${report.signatures
        .map(
          (s) =>
            `<tr><th>${escapeHtml(`${s.index}. ${s.fieldName}`)}</th><td>${escapeHtml(
              [
                s.seal?.name ? `印章 ${s.seal.name} (${s.seal.code})` : null,
                s.signer ? `签名者 ${s.signer.subject}` : null,
                s.signingTime ? `时间 ${s.signingTime}` : null,
                s.timestampTime ? `时间戳 ${s.timestampTime}` : null,
                s.pages.length > 0 ? `页 pages ${s.pages.join(', ')}` : null,
                s.format === 'ofd' && s.stampAnnots.length > 1
                  ? `骑缝章 ${s.stampAnnots.length} 处 appearances`
                  : null,
              ]
                .filter(Boolean)
                .join(' · '),
            )}<br><code>${escapeHtml(VERDICT_NAMES[s.verdict])}</code></td></tr>`,
        )
        .join('')}</table>`,
    );
  }
  for (const a of report.annotations) {
    parts.push(
      `<h2>加注件 Annotated copy (${escapeHtml(a.signatureIndex)})</h2><table>${rows([
        ['制作者 Creator', a.creator],
        ['事由 Cause', a.cause],
        ['事项 Service item', [a.itemCode, a.itemName].filter(Boolean).join(' ')],
        ['制作时间 Made', a.creationTime],
        ['有效期至 Valid until', a.expiringTime],
      ])}</table>`,
    );
  }
  for (const step of VERIFICATION_STEPS) {
    const mine = all.filter((x) => verificationStep(x.check.name) === step.key);
    if (mine.length === 0) continue;
    parts.push(
      `<h2>${escapeHtml(step.zh)} ${escapeHtml(step.en)}</h2><table>${mine.map((x) => checkRow(x.where, x.check)).join('')}</table>`,
    );
  }
  return page(`验证报告 ${report.license?.identifier ?? ''}`.trim(), parts.join('\n'));
}

/** Self-contained HTML of a QR verification (the page the licence QR code opens). */
export function renderLicenseQrReportHtml(report: LicenseQrReport): string {
  const parts = [verdictBox(report.verdict, report.firstFailure, report.checks)];
  parts.push(
    `<h2>证照 Licence</h2><table>${rows([
      ['证照标识 Identifier', report.identifier],
      ['证照名称 Type', report.typeName],
      ['证照编号 Number', report.licenseNumber],
      ['发证机关 Issuer', report.issuerName],
      ['持证主体 Holder', report.holderName],
      ['主体代码 Holder code', report.holderCode],
      ['发证日期 Issued', report.issueDate],
      ['有效期 Validity', [report.validFrom, report.validTo].filter(Boolean).join(' — ')],
      ['当前状态 Status', report.statusName],
      ['最新版本 Newest version', report.supersededBy],
      ['异议 Objection', report.underObjection ? '异议处理中 under objection' : null],
    ])}</table>`,
  );
  const data = Object.entries(report.data);
  if (data.length > 0) parts.push(`<h2>照面信息 Data (已脱敏 masked)</h2><table>${rows(data)}</table>`);
  parts.push(
    `<h2>状态 Status</h2><table>${report.checks.map((c) => checkRow('证照 licence', c)).join('')}</table>`,
  );
  return page(`证照查验 ${report.identifier}`, parts.join('\n'));
}

/** Self-contained HTML for a request that could not be verified at all (bad upload, unknown QR). */
export function renderVerificationErrorHtml(code: string, zh: string, en: string): string {
  return page(
    '验证失败 verification failed',
    `<section class="verdict INDETERMINATE"><h1>${escapeHtml(zh)}</h1><p>${escapeHtml(en)}</p><p><code style="color:#fff">${escapeHtml(code)}</code></p></section>`,
  );
}
