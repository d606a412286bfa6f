import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import type { SealedPdfReport } from '@zhengyin/core';
import { verifySealedPdf, verifySignedJson } from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The wire form of a PDF verification report (dates as ISO strings, no raw certificates). */
export function presentPdfReport(report: SealedPdfReport) {
  return {
    verdict: report.verdict,
    checks: report.checks.map((c) => ({ ...c })),
    signatures: report.signatures.map((s) => ({
      index: s.index,
      fieldName: s.fieldName,
      subFilter: s.subFilter,
      byteRange: [...s.byteRange],
      coversRevision: s.coversRevision,
      modifiedAfter: s.modifiedAfter,
      signingTime: iso(s.signingTime),
      timestampTime: iso(s.timestampTime),
      signer: s.signer
        ? {
            subject: s.signer.subject,
            issuer: s.signer.issuer,
            serialHex: s.signer.serialHex,
            notBefore: s.signer.notBefore.toISOString(),
            notAfter: s.signer.notAfter.toISOString(),
            keyUsage: [...s.signer.keyUsage],
            algorithm: s.signer.algorithm,
          }
        : null,
      seal: s.seal
        ? {
            code: s.seal.code,
            name: s.sealInfo?.name ?? null,
            validStart: iso(s.sealInfo?.validStart),
            validEnd: iso(s.sealInfo?.validEnd),
          }
        : null,
      registry: s.registry ? { ...s.registry } : null,
      reason: s.reason,
      location: s.location,
      name: s.name,
      pages: [...s.pages],
      checks: s.checks.map((c) => ({ ...c })),
      verdict: s.verdict,
    })),
  };
}

export function verifyRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
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
        maxBytes: ctx.config.ZHENGYIN_UPLOAD_LIMIT_BYTES,
      }),
    ),
  );
}
