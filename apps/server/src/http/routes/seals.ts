import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import {
  AppError,
  applySeal,
  changeSeal,
  changeSealStatus,
  destroySealKey,
  fileSeal,
  getSeal,
  importSealCertificate,
  issueRevocationCertificate,
  listSealKeepers,
  listSealUse,
  listSeals,
  previewSealDocumentPage,
  lookupSealStatus,
  makeSeal,
  renewSeal,
  requestSealCsr,
  requestSealUse,
  reviewSeal,
  reviewSealUse,
  sealDocument,
  signData,
  setSealApprovalChain,
} from '@zhengyin/core';
import { decodePem, encodePem } from '@zhengyin/gm';
import type { AppEnv, ServerContext } from '../context.js';
import { presentSeal, presentSealDetail, presentSealUsage, presentSealUseRequest } from '../presenters.js';
import { bind } from '../route.js';

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export function sealRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps, config } = ctx;
  const sealDeps = { ...deps, ...ctx.seals };

  bind(app, ctx, endpoints.applySeal, async ({ body }, { actor, meta }) => {
    const { image, attachments, ...rest } = body;
    const seal = await applySeal(sealDeps, {
      actor,
      meta,
      input: {
        ...rest,
        image:
          image.kind === 'generate'
            ? image
            : {
                kind: 'upload',
                bytes: fromBase64(image.base64),
                widthMm: image.widthMm,
                heightMm: image.heightMm,
              },
        attachments: (attachments ?? []).map((a) => ({
          name: a.name,
          contentType: a.contentType,
          bytes: fromBase64(a.base64),
        })),
      },
    });
    return presentSeal(seal);
  });
  bind(app, ctx, endpoints.listSeals, async ({ query }, { actor }) => {
    const page = await listSeals(deps, actor, query);
    return { ...page, items: page.items.map(presentSeal) };
  });
  bind(app, ctx, endpoints.listSealKeepers, async ({ query }, { actor }) => ({
    items: await listSealKeepers(deps, actor, query.departmentId),
  }));
  bind(app, ctx, endpoints.previewSealDocumentPage, async ({ body }, { actor }) => {
    const page = await previewSealDocumentPage(sealDeps, actor, {
      pdf: fromBase64(body.pdfBase64),
      page: body.page,
    });
    return {
      pngBase64: Buffer.from(page.png).toString('base64'),
      page: body.page,
      pageCount: page.pageCount,
      widthPt: page.widthPt,
      heightPt: page.heightPt,
    };
  });
  bind(app, ctx, endpoints.getSeal, async ({ params }, { actor }) =>
    presentSealDetail(await getSeal(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.reviewSeal, async ({ params, body }, { actor, meta }) =>
    presentSeal(await reviewSeal(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.makeSeal, async ({ params, body }, { actor, meta }) =>
    presentSeal(
      await makeSeal(deps, {
        actor,
        meta,
        input: {
          id: params.id,
          pin: body.pin,
          validityDays: body.validityDays ?? config.ZHENGYIN_SEAL_VALIDITY_DAYS,
        },
      }),
    ),
  );
  bind(app, ctx, endpoints.requestSealCsr, async ({ params, body }, { actor, meta }) => ({
    csrPem: await requestSealCsr(deps, { actor, meta, input: { id: params.id, pin: body.pin } }),
  }));
  bind(app, ctx, endpoints.importSealCertificate, async ({ params, body }, { actor, meta }) => {
    let der: Uint8Array;
    try {
      der = decodePem(body.certificatePem, ['CERTIFICATE']).der;
    } catch (e) {
      throw new AppError('SEALS_CERTIFICATE_INVALID', (e as Error).message);
    }
    return presentSeal(
      await importSealCertificate(deps, { actor, meta, input: { id: params.id, certificate: der } }),
    );
  });
  /** The 注销证书 is issued right after a revocation; a failure is logged and retried on download. */
  const issueCertificateAfterRevocation = (sealId: string) =>
    issueRevocationCertificate(sealDeps, sealId).catch((err: unknown) =>
      ctx.logger.error({ err, sealId }, 'could not issue the revocation certificate'),
    );
  bind(app, ctx, endpoints.fileSeal, async ({ params, body }, { actor, meta }) => {
    const seal = await fileSeal(deps, { actor, meta, input: { id: params.id, ...body } });
    if (seal.replacesSealId) await issueCertificateAfterRevocation(seal.replacesSealId);
    return presentSeal(seal);
  });
  bind(app, ctx, endpoints.sealFilingPackage, async ({ params }, { actor }) => {
    const detail = await getSeal(deps, actor, params.id);
    const { seal, filing } = detail;
    if (!filing || !seal.certificate || !seal.sesSeal || !seal.image) {
      throw new AppError('SEALS_INVALID_TRANSITION', 'the seal has not been made yet', {
        status: seal.status,
      });
    }
    const wire = presentSeal(seal);
    return {
      seal: { ...wire, image: undefined, sesSealBase64: undefined, certificatePem: undefined },
      imagePngBase64: Buffer.from(seal.image.png).toString('base64'),
      imageSvg: seal.image.svg,
      certificatePem: encodePem('CERTIFICATE', seal.certificate),
      sesSealBase64: Buffer.from(seal.sesSeal).toString('base64'),
      madeAt: filing.madeAt.toISOString(),
      overdue: filing.overdue,
    };
  });
  bind(app, ctx, endpoints.changeSealStatus, async ({ params, body }, { actor, meta }) => {
    const seal = await changeSealStatus(deps, { actor, meta, input: { id: params.id, ...body } });
    if (body.action === 'revoke') await issueCertificateAfterRevocation(seal.id);
    return presentSeal(seal);
  });
  bind(app, ctx, endpoints.sealRevocationCertificate, async ({ params }, { actor }) => {
    await getSeal(deps, actor, params.id);
    return {
      pdfBase64: Buffer.from(await issueRevocationCertificate(sealDeps, params.id)).toString('base64'),
    };
  });
  bind(app, ctx, endpoints.changeSeal, async ({ params, body }, { actor, meta }) =>
    presentSeal(await changeSeal(sealDeps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.renewSeal, async ({ params, body }, { actor, meta }) =>
    presentSeal(
      await renewSeal(deps, {
        actor,
        meta,
        input: {
          id: params.id,
          windowDays: config.ZHENGYIN_SEAL_RENEWAL_WINDOW_DAYS,
          validityDays: body.validityDays ?? config.ZHENGYIN_SEAL_VALIDITY_DAYS,
        },
      }),
    ),
  );
  bind(app, ctx, endpoints.destroySealKey, async ({ params, body }, { actor, meta }) =>
    presentSeal(await destroySealKey(deps, { actor, meta, input: { id: params.id, reason: body.reason } })),
  );
  bind(app, ctx, endpoints.setSealApprovalChain, async ({ params, body }, { actor, meta }) => {
    await setSealApprovalChain(deps, {
      actor,
      meta,
      input: { regionCode: params.regionCode, steps: body.steps },
    });
    return { ok: true as const };
  });
  bind(app, ctx, endpoints.requestSealUse, async ({ params, body }, { actor, meta }) =>
    presentSealUseRequest(await requestSealUse(deps, { actor, meta, input: { sealId: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.reviewSealUse, async ({ params, body }, { actor, meta }) =>
    presentSealUseRequest(await reviewSealUse(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.sealPdf, async ({ params, body }, { actor, meta }) => {
    const { document, usage } = await sealDocument(sealDeps, {
      actor,
      meta,
      input: {
        useRequestId: params.id,
        pin: body.pin,
        document: fromBase64(body.pdfBase64),
        format: 'pdf',
        placement: body.placement,
        timestamp: body.timestamp,
        ...(body.location ? { location: body.location } : {}),
      },
    });
    return { pdfBase64: Buffer.from(document).toString('base64'), usage: presentSealUsage(usage) };
  });
  bind(app, ctx, endpoints.sealDocument, async ({ params, body }, { actor, meta }) => {
    const sealed = await sealDocument(sealDeps, {
      actor,
      meta,
      input: {
        useRequestId: params.id,
        pin: body.pin,
        document: fromBase64(body.documentBase64),
        ...(body.format ? { format: body.format } : {}),
        placement: body.placement,
        timestamp: body.timestamp,
        ...(body.location ? { location: body.location } : {}),
      },
    });
    return {
      documentBase64: Buffer.from(sealed.document).toString('base64'),
      format: sealed.format,
      contentType: sealed.format === 'ofd' ? ('application/ofd' as const) : ('application/pdf' as const),
      pages: [...sealed.pages],
      usage: presentSealUsage(sealed.usage),
    };
  });
  bind(app, ctx, endpoints.sealPdfBatch, async ({ params, body }, { actor, meta }) => {
    // Sequential: each document consumes one approved use; one failure does not stop the others.
    const results = [];
    for (const doc of body.documents) {
      try {
        const { document, usage } = await sealDocument(sealDeps, {
          actor,
          meta,
          input: {
            useRequestId: params.id,
            pin: body.pin,
            document: fromBase64(doc.pdfBase64),
            format: 'pdf',
            placement: doc.placement,
          },
        });
        results.push({
          name: doc.name,
          pdfBase64: Buffer.from(document).toString('base64'),
          usage: presentSealUsage(usage),
          error: null,
        });
      } catch (e) {
        if (!(e instanceof AppError) || e.code === 'KEYS_PIN_INVALID' || e.code === 'KEYS_LOCKED') throw e;
        results.push({
          name: doc.name,
          pdfBase64: null,
          usage: null,
          error: { code: e.code, message: e.message },
        });
      }
    }
    return { results };
  });
  bind(app, ctx, endpoints.signData, async ({ params, body }, { actor, meta }) => {
    const signed = await signData(sealDeps, {
      actor,
      meta,
      input: { useRequestId: params.id, pin: body.pin, data: body.data },
    });
    return {
      canonical: signed.canonical,
      sesSignatureBase64: signed.sesSignature ? Buffer.from(signed.sesSignature).toString('base64') : null,
      cmsBase64: Buffer.from(signed.cms).toString('base64'),
      sealCode: signed.sealCode,
      signedAt: signed.signedAt.toISOString(),
    };
  });
  bind(app, ctx, endpoints.listSealUse, async ({ params, query }, { actor }) => {
    const { requests, usages } = await listSealUse(deps, actor, params.id, query);
    return {
      requests: requests.map(presentSealUseRequest),
      usages: { ...usages, items: usages.items.map(presentSealUsage) },
    };
  });
  bind(app, ctx, endpoints.publicSealStatus, async ({ params }) => {
    const s = await lookupSealStatus(deps, params.code);
    return { ...s, validFrom: s.validFrom?.toISOString() ?? null, validTo: s.validTo?.toISOString() ?? null };
  });
}
