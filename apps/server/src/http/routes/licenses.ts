import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import {
  AppError,
  changeLicense,
  claimLicenseImport,
  continueLicenseImport,
  createLicenseImport,
  getLicenseImport,
  licenseImportColumns,
  importProgress,
  licenseImportReport,
  type ImportProgress,
  downloadLicenseFile,
  previewLicenseFile,
  fileFormatOf,
  getLicense,
  issueLicenses,
  licenseArchiveCopy,
  licenseHistory,
  lookupLicenseStatus,
  previewLicenseType,
  searchLicenses,
  updateLicense,
  type License,
  type LicenseEvent,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

export const presentLicense = (l: License) => ({
  ...l,
  holder: { ...l.holder },
  data: structuredClone(l.data),
  fileFormat: fileFormatOf(l),
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

const presentEvent = ({ seriesId: _s, ...e }: LicenseEvent) => ({
  ...e,
  details: structuredClone(e.details),
  at: e.at.toISOString(),
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function licenseRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const deps = { ...ctx.deps, licensing: ctx.licensing };
  bind(app, ctx, endpoints.issueLicenses, async ({ body }, { actor, meta }) => {
    const out = await issueLicenses(deps, { actor, meta, input: body });
    return {
      ...out,
      results: out.results.map((r) => (r.ok ? { ...r, license: presentLicense(r.license) } : r)),
    };
  });
  bind(app, ctx, endpoints.issueLicense, async ({ body }, { actor, meta }) => {
    const { item, ...rest } = body;
    const [result] = (await issueLicenses(deps, { actor, meta, input: { ...rest, items: [item] } })).results;
    if (!result) throw new AppError('INTERNAL_ERROR');
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
    return presentLicense(result.license);
  });
  bind(app, ctx, endpoints.searchLicenses, async ({ query }, { actor }) => {
    const page = await searchLicenses(deps, actor, query);
    return { ...page, items: page.items.map(presentLicense) };
  });
  bind(app, ctx, endpoints.getLicense, async ({ params }, { actor }) =>
    presentLicense(await getLicense(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.licenseHistory, async ({ params }, { actor }) => {
    const h = await licenseHistory(deps, actor, params.id);
    return { versions: h.versions.map(presentLicense), events: h.events.map(presentEvent) };
  });
  bind(app, ctx, endpoints.licenseFile, async ({ params, query }, { actor }) => {
    const file = await downloadLicenseFile(deps, actor, params.id, query.format);
    return {
      fileName: file.fileName,
      contentType: file.contentType,
      sha256: file.sha256,
      [query.format === 'ofd' ? 'ofdBase64' : 'pdfBase64']: base64(file.bytes),
    };
  });
  bind(app, ctx, endpoints.licenseArchiveCopy, async ({ params, query }, { actor }) => {
    const { bytes, ...copy } = await licenseArchiveCopy(deps, actor, params.id, query.format);
    return { ...copy, fileData: base64(bytes) };
  });
  bind(app, ctx, endpoints.previewLicenseFile, async ({ params, query }, { actor }) => {
    const ports = { renderer: ctx.licensing.renderer, ofdImages: ctx.sharing.ofdImages };
    const preview = await previewLicenseFile(deps, ports, actor, params.id, query);
    return {
      contentType: 'image/png' as const,
      format: preview.format,
      sha256: preview.sha256,
      base64: base64(preview.png),
    };
  });
  bind(app, ctx, endpoints.changeLicense, async ({ params, body }, { actor, meta }) =>
    presentLicense(await changeLicense(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.updateLicense, async ({ params, body }, { actor, meta }) => {
    const out = await updateLicense(deps, { actor, meta, input: { id: params.id, ...body } });
    return { license: presentLicense(out.license), superseded: presentLicense(out.superseded) };
  });
  bind(app, ctx, endpoints.publicLicenseStatus, ({ params, query }) =>
    lookupLicenseStatus(
      { ...deps, tokens: ctx.licensing.tokens },
      { identifier: params.identifier, token: query.t },
    ),
  );
  bind(app, ctx, endpoints.previewLicenseType, async ({ params, query }, { actor }) => {
    const bytes = await previewLicenseType({ ...deps, renderer: ctx.licensing.renderer }, actor, {
      id: params.id,
      format: query.format,
      ...(query.dpi ? { dpi: query.dpi } : {}),
    });
    return { contentType: query.format === 'pdf' ? 'application/pdf' : 'image/png', base64: base64(bytes) };
  });
}

const presentImport = (p: ImportProgress) => ({
  id: p.job.id,
  departmentId: p.job.departmentId,
  typeCode: p.job.typeCode,
  fileName: p.job.fileName,
  fileSha256: p.job.fileSha256,
  status: p.job.status,
  total: p.job.total,
  valid: p.job.valid,
  rejectedCount: p.job.rejected.length,
  rejected: p.job.rejected.slice(0, 100).map((r) => ({ line: r.line, reasons: [...r.reasons] })),
  issued: p.job.issued,
  failed: p.job.failed,
  done: p.done,
  rate: p.rate,
  etaSeconds: p.etaSeconds,
  interrupted: p.interrupted,
  createdAt: p.job.createdAt.toISOString(),
  startedAt: p.job.startedAt?.toISOString() ?? null,
  finishedAt: p.job.finishedAt?.toISOString() ?? null,
  fileFormat: p.job.fileFormat,
});

export function licenseImportRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const deps = { ...ctx.deps, licensing: ctx.licensing };
  bind(app, ctx, endpoints.createLicenseImport, async ({ body }, { actor, meta }) => {
    const { fileBase64, ...rest } = body;
    const job = await createLicenseImport(deps, {
      actor,
      meta,
      input: { ...rest, file: new Uint8Array(Buffer.from(fileBase64, 'base64')) },
    });
    return presentImport(importProgress(job, deps.clock.now()));
  });
  bind(app, ctx, endpoints.licenseImportColumns, async ({ body }, { actor }) => {
    const columns = await licenseImportColumns(deps, actor, {
      departmentId: body.departmentId,
      file: new Uint8Array(Buffer.from(body.fileBase64, 'base64')),
    });
    return {
      headers: [...columns.headers],
      rowCount: columns.rowCount,
      sample: columns.sample.map((r) => [...r]),
    };
  });
  bind(app, ctx, endpoints.getLicenseImport, async ({ params }, { actor }) =>
    presentImport(await getLicenseImport(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.runLicenseImport, async ({ params, body }, { actor, meta }) => {
    const call = { actor, meta, input: { id: params.id, ...body } };
    const job = await claimLicenseImport(deps, call, params.id);
    // The issuance runs on after the response; progress is read with getLicenseImport.
    void continueLicenseImport(deps, call, job).catch((err: unknown) =>
      ctx.logger.error({ err, importId: params.id }, 'licence import stopped'),
    );
    return presentImport(importProgress(job, deps.clock.now()));
  });
  bind(app, ctx, endpoints.licenseImportReport, async ({ params, query }, { actor }) => {
    const bytes = await licenseImportReport(deps, actor, params.id, query.format);
    return {
      fileName: `rejected-${params.id}.${query.format}`,
      contentType:
        query.format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      base64: base64(bytes),
    };
  });
}
