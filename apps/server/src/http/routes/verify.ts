import { readFileSync } from 'node:fs';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Counter } from 'prom-client';
import { ERROR_CODES, endpoints, isErrorCode } from '@zhengyin/contract';
import type { SealedPdfReport } from '@zhengyin/core';
import {
  AppError,
  presentLicenseFileReport,
  presentPdfSignature,
  renderLicenseFileReportHtml,
  renderLicenseQrReportHtml,
  renderVerificationErrorHtml,
  verifyLicenseFile,
  verifyLicenseQr,
  objectionStatusOf,
  verifySealedPdf,
  verifySignedJson,
} from '@zhengyin/core';
import { decodePemBlocks } from '@zhengyin/gm';
import type { AppEnv, ServerContext } from '../context.js';
import { asAppError, errorResponse } from '../errors.js';
import { fixedWindowLimiter } from '../rate-limit.js';
import { bind } from '../route.js';

/** The wire form of a PDF verification report (dates as ISO strings, no raw certificates). */
export function presentPdfReport(report: SealedPdfReport) {
  return {
    verdict: report.verdict,
    checks: report.checks.map((c) => ({ ...c })),
    signatures: report.signatures.map(presentPdfSignature),
  };
}

const METRIC = 'zhengyin_verifications_total';

/** Counter of verifications by kind (file, qr), verdict (or REJECTED) and first failing reason. */
function verificationCounter(ctx: ServerContext): Counter<'kind' | 'verdict' | 'reason'> {
  const known = ctx.metrics.getSingleMetric(METRIC);
  if (known) return known as Counter<'kind' | 'verdict' | 'reason'>;
  return new Counter({
    name: METRIC,
    help: 'Verifications by kind (file, qr), verdict (REJECTED: refused input) and first failing reason code',
    labelNames: ['kind', 'verdict', 'reason'],
    registers: [ctx.metrics],
  });
}

/** A PDF starts with %PDF- within its first 1,024 bytes (readers tolerate leading junk up to there). */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  return head.includes('%PDF-', 0, 'latin1');
}

/** An OFD file is a zip: it starts with the local file header signature "PK". */
const looksLikeOfd = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;

const RAW_TYPES = new Set(['application/pdf', 'application/ofd', 'application/octet-stream']);

/** The uploaded file: the raw body (application/pdf, application/ofd, octet-stream) or JSON { fileBase64 }. */
async function readUpload(c: Context<AppEnv>): Promise<Uint8Array> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let bytes: Uint8Array;
  if (RAW_TYPES.has(type)) {
    bytes = raw;
  } else if (type === 'application/json') {
    if (raw.length === 0) throw new AppError('VERIFY_FILE_EMPTY', 'the request has no body');
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch (e) {
      throw new AppError('REQUEST_MALFORMED_JSON', (e as Error).message);
    }
    const parsed = endpoints.verifyFile.body!.safeParse(json);
    if (!parsed.success) {
      throw new AppError('REQUEST_VALIDATION_FAILED', 'invalid body', {
        issues: parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => ({
          in: 'body',
          path: i.path.join('.'),
          message: i.message,
        })),
      });
    }
    bytes = new Uint8Array(Buffer.from(parsed.data.fileBase64, 'base64'));
  } else {
    throw new AppError('VERIFY_MEDIA_TYPE_UNSUPPORTED', `Content-Type ${type || '(none)'}`);
  }
  if (bytes.length === 0) throw new AppError('VERIFY_FILE_EMPTY', 'the uploaded file is empty');
  // The bytes decide: an OFD is a zip, a PDF has its header (a wrong Content-Type does not matter).
  if (!looksLikeOfd(bytes) && !looksLikePdf(bytes)) {
    throw new AppError('VERIFY_NOT_PDF', 'neither a %PDF- header nor a zip (OFD) signature');
  }
  return bytes;
}

/** The configured extra roots (ZHENGYIN_VERIFY_TRUST_ANCHORS_FILE), read once at start. */
function extraTrustAnchors(file: string | undefined): Uint8Array[] {
  if (!file) return [];
  const blocks = decodePemBlocks(readFileSync(file, 'latin1')).filter((b) => b.label === 'CERTIFICATE');
  if (blocks.length === 0) throw new Error(`${file}: no PEM CERTIFICATE block`);
  return blocks.map((b) => b.der);
}

function wantsHtml(c: Context<AppEnv>): boolean {
  const format = c.req.query('format');
  if (format === 'html') return true;
  if (format === 'json') return false;
  const accept = c.req.header('accept') ?? '';
  return /\btext\/html\b/i.test(accept) && !/^\s*application\/json/i.test(accept);
}

/**
 * How GET /v/:identifier answers: the console page for browsers, unless ?format= says otherwise or
 * the caller asks for JSON first.
 */
function qrPageFormat(c: Context<AppEnv>): 'console' | 'html' | 'json' {
  const format = c.req.query('format');
  if (format === 'html' || format === 'json') return format;
  const accept = c.req.header('accept') ?? '';
  if (/^\s*application\/json/i.test(accept)) return 'json';
  return /\btext\/html\b/i.test(accept) ? 'console' : 'html';
}

function htmlError(c: Context<AppEnv>, error: AppError) {
  const code = isErrorCode(error.code) ? error.code : 'INTERNAL_ERROR';
  const spec = ERROR_CODES[code];
  return c.html(renderVerificationErrorHtml(code, spec.zh, spec.en), spec.status as ContentfulStatusCode);
}

export function verifyRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const counter = verificationCounter(ctx);
  const count = (kind: 'file' | 'qr', verdict: string, reason: string | null, licenseIdentifier?: string) => {
    counter.inc({ kind, verdict, reason: reason ?? 'none' });
    // The daily tally behind the console's verification counts and failure reasons (运行监测).
    const at = ctx.deps.clock.now();
    void ctx.verificationTally.add({
      at,
      kind,
      verdict,
      reason,
      licenseIdentifier: licenseIdentifier ?? null,
    });
  };
  // "Under objection" (异议中) comes from the objections repository.
  const objections = objectionStatusOf(ctx.deps);
  const fileDeps = { ...ctx.deps, sha256: ctx.licensing.sha256, objections };
  const qrDeps = { ...ctx.deps, tokens: ctx.licensing.tokens, objections };
  const maxBytes = ctx.config.ZHENGYIN_UPLOAD_LIMIT_BYTES;
  const anchors = extraTrustAnchors(ctx.config.ZHENGYIN_VERIFY_TRUST_ANCHORS_FILE);

  bind(app, ctx, endpoints.verifyData, async ({ body }) => {
    const bytes = (b64: string | undefined) => (b64 ? new Uint8Array(Buffer.from(b64, 'base64')) : undefined);
    const sesSignature = bytes(body.sesSignatureBase64);
    const cms = bytes(body.cmsBase64);
    const result = await verifySignedJson(ctx.deps, {
      data: body.data,
      ...(sesSignature ? { sesSignature } : {}),
      ...(cms ? { cms } : {}),
    });
    return { ...result, signedAt: result.signedAt?.toISOString() ?? null };
  });
  bind(app, ctx, endpoints.verifyPdf, async ({ body }) =>
    presentPdfReport(
      await verifySealedPdf(ctx.deps, new Uint8Array(Buffer.from(body.pdfBase64, 'base64')), {
        maxBytes,
        extraTrustAnchors: anchors,
      }),
    ),
  );

  // POST /api/v1/verify takes the raw PDF or OFD as well as JSON, and answers JSON or HTML: not `bind`.
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      count('file', 'REJECTED', 'REQUEST_BODY_TOO_LARGE');
      throw new AppError('REQUEST_BODY_TOO_LARGE', `at most ${maxBytes} bytes`);
    },
  });
  app.post(endpoints.verifyFile.path, limit, async (c) => {
    const html = wantsHtml(c);
    try {
      const query = endpoints.verifyFile.query!.safeParse(
        Object.fromEntries(new URL(c.req.url).searchParams),
      );
      if (!query.success) throw new AppError('REQUEST_VALIDATION_FAILED', 'invalid query (format=json|html)');
      const file = await readUpload(c);
      const report = await verifyLicenseFile(fileDeps, file, { maxBytes, extraTrustAnchors: anchors });
      count('file', report.verdict, report.firstFailure, report.license?.identifier);
      const view = presentLicenseFileReport(report);
      return html ? c.html(renderLicenseFileReportHtml(view)) : c.json(view);
    } catch (e) {
      const error = asAppError(e);
      count('file', 'REJECTED', error.code);
      if (!html) throw e;
      return htmlError(c, error);
    }
  });

  bind(app, ctx, endpoints.verifyQr, async ({ body }) => {
    try {
      const report = await verifyLicenseQr(qrDeps, body);
      count('qr', report.verdict, report.firstFailure, report.identifier);
      return { ...report, checks: report.checks.map((c) => ({ ...c })) };
    } catch (e) {
      count('qr', 'REJECTED', asAppError(e).code);
      throw e;
    }
  });

  /** The JSON { fileBase64 } body adds 17 characters around the base64 text; a little headroom on top. */
  const JSON_OVERHEAD = 32;
  bind(app, ctx, endpoints.verifyLimits, async () => ({
    maxFileBytes: maxBytes,
    maxBase64FileBytes: 3 * Math.floor((maxBytes - JSON_OVERHEAD) / 4),
    formats: ['pdf', 'ofd'] as ('pdf' | 'ofd')[],
  }));

  // The page the licence QR code opens: …/v/<identifier>?t=<token> (public, rate-limited). A browser
  // (Accept: text/html) is sent to the console's verification page; ?format=html keeps the
  // server-rendered report (no scripts needed), ?format=json or Accept: application/json answers the
  // QR report as JSON, anything else gets the HTML report as before.
  const pageLimiter = fixedWindowLimiter(ctx.config.ZHENGYIN_PUBLIC_RATE_PER_MINUTE);
  app.get('/v/:identifier', async (c) => {
    const { meta } = c.get('state');
    const format = qrPageFormat(c);
    if (format === 'console') {
      const target = `/verify/licence/${encodeURIComponent(c.req.param('identifier'))}`;
      const token = c.req.query('t');
      return c.redirect(token === undefined ? target : `${target}?t=${encodeURIComponent(token)}`, 303);
    }
    const fail = (error: AppError) => (format === 'json' ? errorResponse(c, error) : htmlError(c, error));
    if (!pageLimiter.hit(meta.clientIp ?? 'unknown', Date.now()))
      return fail(new AppError('REQUEST_RATE_LIMITED'));
    const identifier = c.req.param('identifier');
    const token = c.req.query('t') ?? '';
    try {
      if (identifier.length < 20 || identifier.length > 128 || !token || token.length > 64)
        throw new AppError('LICENSE_NOT_FOUND', 'no such licence');
      const report = await verifyLicenseQr(qrDeps, { identifier, token });
      count('qr', report.verdict, report.firstFailure, report.identifier);
      if (format === 'json') return c.json({ ...report, checks: report.checks.map((x) => ({ ...x })) });
      return c.html(renderLicenseQrReportHtml(report));
    } catch (e) {
      const error = asAppError(e);
      count('qr', 'REJECTED', error.code);
      return fail(error);
    }
  });
}
