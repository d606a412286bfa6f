import { hasRole } from '../accounts/policy.js';
import { faceValues } from '../licensing/metadata.js';
import type { LicenseRenderer } from '../licensing/ports.js';
import type { License } from '../licensing/types.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { getLicenseType } from './manage-license-type.js';
import type { DataItem, LicenseTypeVersion } from './types.js';

/** An obviously fake identifier, so a sample can never pass for a licence. */
const SAMPLE_IDENTIFIER = '1.2.156.3005.2.SAMPLE';

type PreviewDeps = Pick<CoreDeps, 'uow' | 'clock'> & { readonly renderer: LicenseRenderer };

/** What a sample face is drawn from: the type, with the designer's unsaved parts where given. */
interface SampleFace {
  readonly type: LicenseTypeVersion;
  readonly faceTemplate: Record<string, unknown>;
  readonly dataItems: readonly DataItem[];
  readonly sampleData: Record<string, unknown>;
}

async function renderSample(
  deps: PreviewDeps,
  { type, faceTemplate, dataItems, sampleData: sample }: SampleFace,
  output: { format: 'pdf' | 'png'; dpi?: number },
): Promise<Uint8Array> {
  const now = deps.clock.now();
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
  const pdf = await deps.renderer.render({
    template: faceTemplate,
    values: faceValues(license, dataItems),
    qrPayload: `SAMPLE ${type.typeCode}`,
    title: `${type.name}（样例）`,
    xmp: {},
    attachment: { sample: true, typeCode: type.typeCode, version: type.version },
    createdAt: now,
  });
  return output.format === 'pdf' ? pdf : deps.renderer.rasterize(pdf, output.dpi ?? 96);
}

/**
 * The template designer's preview: the type's face filled with its sample data (unsigned, marked as
 * a sample in the QR payload), as PDF or PNG. Any version, drafts included.
 */
export async function previewLicenseType(
  deps: PreviewDeps,
  actor: Actor,
  input: { id: string; format: 'pdf' | 'png'; dpi?: number },
): Promise<Uint8Array> {
  const type = await getLicenseType(deps, actor, input.id);
  if (!type.faceTemplate)
    throw new AppError('LICENSE_TEMPLATE_INVALID', 'the licence type has no face template');
  return renderSample(
    deps,
    { type, faceTemplate: type.faceTemplate, dataItems: type.dataItems, sampleData: type.sampleData },
    input,
  );
}

/**
 * The designer's live preview of unsaved changes: the type's face drawn from the template, data items
 * and sample data being edited, without saving them (a draft is saved, and audited, only when the
 * user says so). Rendering arbitrary templates costs CPU, so only those who may edit or review the
 * type may ask: issuers of its department and catalogue administrators of its region.
 */
export async function previewLicenseTypeDraft(
  deps: PreviewDeps,
  actor: Actor,
  input: {
    id: string;
    faceTemplate: Record<string, unknown>;
    sampleData: Record<string, unknown>;
    dataItems?: readonly DataItem[];
    format: 'pdf' | 'png';
    dpi?: number;
  },
): Promise<Uint8Array> {
  const type = await getLicenseType(deps, actor, input.id);
  const mayDesign =
    hasRole(actor, ['issuer'], { regionCode: type.regionCode, departmentId: type.departmentId }) ||
    hasRole(actor, ['catalog_admin'], { regionCode: type.regionCode });
  if (!mayDesign) {
    throw new AppError(
      'AUTH_FORBIDDEN',
      'only issuers of the department and catalogue administrators preview drafts',
      {
        regionCode: type.regionCode,
      },
    );
  }
  return renderSample(
    deps,
    {
      type,
      faceTemplate: input.faceTemplate,
      dataItems: input.dataItems ?? type.dataItems,
      sampleData: input.sampleData,
    },
    input,
  );
}

/**
 * Glyph coverage as the designer types: for each text, the characters no face font draws (whole
 * code points, in order of appearance), so a warning can name them next to the field.
 */
export function checkFaceGlyphs(
  deps: { readonly renderer: Pick<LicenseRenderer, 'missingGlyphs'> },
  actor: Actor,
  texts: readonly string[],
): { missing: string[] }[] {
  if (actor.kind !== 'user') throw new AppError('AUTH_REQUIRED');
  return texts.map((text) => ({ missing: deps.renderer.missingGlyphs([text]) }));
}
