import type { Hono } from 'hono';
import type { z } from 'zod';
import type { LicenseFileVerificationReport } from '@zhengyin/contract';
import { endpoints } from '@zhengyin/contract';
import type { Actor, RequestMeta, ShareInput, ShareOperation, ShareResult } from '@zhengyin/core';
import {
  objectionStatusOf,
  presentLicenseFileReport,
  shareLicenses,
  sharedLicenseTypes,
  verifyLicenseFile,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

interface ShareBody {
  UseFor: string;
  UseCode?: string | undefined;
  DutyContextId?: string | undefined;
  DepartmentId?: string | undefined;
  CertificateID?: string;
  CertificateHolderCode?: string;
  CertificateHolderTypeCode?: string | undefined;
  CertificateTypeCode?: string | undefined;
  CertificateNumber?: string | undefined;
  FileType?: 'pdf' | 'ofd' | undefined;
  fileType?: 'pdf' | 'ofd' | undefined;
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The national parameter names → the use case's input. */
function shareInput(operation: ShareOperation, b: ShareBody): ShareInput {
  return {
    operation,
    use: b.UseCode !== undefined ? { code: b.UseCode } : { dutyContextId: b.DutyContextId! },
    useFor: b.UseFor,
    ...optional('identifier', b.CertificateID),
    ...optional('holderCode', b.CertificateHolderCode),
    ...optional('holderCodeType', b.CertificateHolderTypeCode),
    ...optional('typeCode', b.CertificateTypeCode),
    ...optional('licenseNumber', b.CertificateNumber),
    ...optional('departmentId', b.DepartmentId),
    ...optional('fileType', b.FileType ?? b.fileType),
  };
}

const asFile = (shared: ShareResult) => {
  if (shared.kind !== 'file' && shared.kind !== 'image')
    throw new Error(`expected a file, got ${shared.kind}`);
  return {
    license: shared.license,
    fileName: `${shared.license.identifier}.${shared.fileType}`,
    fileType: shared.fileType,
    contentType: shared.contentType,
    fileBase64: Buffer.from(shared.bytes).toString('base64'),
  };
};

const asData = (shared: ShareResult) => {
  if (shared.kind !== 'data') throw new Error(`expected data, got ${shared.kind}`);
  return { licenses: shared.licenses };
};

/** The sharing API (/api/share/v1): thin adapters over the use and verification use cases. */
export function sharingRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const ports = { policy: ctx.use.policy, licensing: ctx.licensing, ofdImages: ctx.sharing.ofdImages };
  const share = (operation: ShareOperation, body: ShareBody, call: { actor: Actor; meta: RequestMeta }) =>
    shareLicenses(ctx.deps, ports, { ...call, input: shareInput(operation, body) });

  bind(app, ctx, endpoints.shareRetrieval, async ({ body }, { actor, meta }) => {
    const shared = await share('Retrieval', body, { actor, meta });
    if (shared.kind !== 'list') throw new Error(`expected a list, got ${shared.kind}`);
    return { licenses: shared.licenses };
  });
  bind(app, ctx, endpoints.shareGetCertificateDataByCertificateID, async ({ body }, { actor, meta }) =>
    asData(await share('GetCertificateDataByCertificateID', body, { actor, meta })),
  );
  bind(app, ctx, endpoints.shareGetCertificateDataByHolder, async ({ body }, { actor, meta }) =>
    asData(await share('GetCertificateDataByHolder', body, { actor, meta })),
  );
  bind(app, ctx, endpoints.shareGetCertificateFileByCertificateID, async ({ body }, { actor, meta }) =>
    asFile(await share('GetCertificateFileByCertificateID', body, { actor, meta })),
  );
  bind(app, ctx, endpoints.shareGetCertificateFileByHolder, async ({ body }, { actor, meta }) =>
    asFile(await share('GetCertificateFileByHolder', body, { actor, meta })),
  );
  bind(app, ctx, endpoints.shareGetCertificateImageByCertificateID, async ({ body }, { actor, meta }) =>
    asFile(await share('GetCertificateImageByCertificateID', body, { actor, meta })),
  );

  const fileDeps = { ...ctx.deps, sha256: ctx.licensing.sha256, objections: objectionStatusOf(ctx.deps) };
  bind(app, ctx, endpoints.shareVerifyCertificateFile, async ({ body }) => {
    const report = await verifyLicenseFile(fileDeps, new Uint8Array(Buffer.from(body.FileBase64, 'base64')), {
      maxBytes: ctx.config.ZHENGYIN_UPLOAD_LIMIT_BYTES,
    });
    // The view is already the wire form of POST /api/v1/verify (readonly arrays aside).
    return presentLicenseFileReport(report) as unknown as z.infer<typeof LicenseFileVerificationReport>;
  });
  bind(app, ctx, endpoints.shareGetCertificateType, async () => ({
    types: await sharedLicenseTypes(ctx.deps),
  }));
}
