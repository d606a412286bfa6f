import { faceValues } from '../licensing/metadata.js';
import type { LicenseRenderer } from '../licensing/ports.js';
import type { License } from '../licensing/types.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { getLicenseType } from './manage-license-type.js';

/** An obviously fake identifier, so a sample can never pass for a licence. */
const SAMPLE_IDENTIFIER = '1.2.156.3005.2.SAMPLE';

/**
 * The template designer's preview: the type's face filled with its sample data (unsigned, marked as
 * a sample in the QR payload), as PDF or PNG. Any version, drafts included.
 */
export async function previewLicenseType(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & { readonly renderer: LicenseRenderer },
  actor: Actor,
  input: { id: string; format: 'pdf' | 'png'; dpi?: number },
): Promise<Uint8Array> {
  const type = await getLicenseType(deps, actor, input.id);
  if (!type.faceTemplate)
    throw new AppError('LICENSE_TEMPLATE_INVALID', 'the licence type has no face template');
  const now = deps.clock.now();
  const sample = type.sampleData;
  const text = (key: string, fallback: string) =>
    typeof sample[key] === 'string' ? (sample[key] as string) : fallback;
  const license: License = {
    id: 'sample',
    seriesId: 'sample',
    identifier: SAMPLE_IDENTIFIER,
    version: 1,
    serial: 'SAMPLE',
    typeCode: type.typeCode,
    typeVersionId: type.id,
    typeName: type.name,
    departmentId: type.departmentId,
    issuerName: type.definer.name,
    issuerCode: type.definer.code,
    regionCode: type.regionCode,
    licenseNumber: text('ZZBH', '样例'),
    holder: {
      name: text('CZZT', '样例持证主体'),
      code: text('CZZTDM', '000000000000000000'),
      codeType: type.holderCodeTypes[0] ?? '111',
    },
    issueDate: now.toISOString().slice(0, 10),
    validFrom: now.toISOString().slice(0, 10),
    validTo: type.validity.kind === 'long_term' ? null : now.toISOString().slice(0, 10),
    longTerm: type.validity.kind === 'long_term',
    status: 'valid',
    data: sample,
    fileSha256: '',
    fileSize: 0,
    ofdSha256: null,
    ofdSignedValueSha256: null,
    sealId: '',
    algorithm: '',
    issueRef: null,
    createdAt: now,
    updatedAt: now,
    rowVersion: 1,
  };
  const values = faceValues(license, type.dataItems);
  const pdf = await deps.renderer.render({
    template: type.faceTemplate,
    values,
    qrPayload: `SAMPLE ${type.typeCode}`,
    title: `${type.name}（样例）`,
    xmp: {},
    attachment: { sample: true, typeCode: type.typeCode, version: type.version },
    createdAt: now,
  });
  return input.format === 'pdf' ? pdf : deps.renderer.rasterize(pdf, input.dpi ?? 96);
}
