import { validateCitizenId, validateUscc } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import { authorize } from '../accounts/policy.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { SealImageMaker, SealImageSpec } from './ports.js';
import { formatSealCode } from './seal-code.js';
import { sealTarget } from './seal-access.js';
import type { ApprovalStep, BusinessPurpose, Seal, SealAlgorithm, SealType } from './types.js';
import { BUSINESS_PURPOSE_NAMES } from './types.js';

export interface ApplySealInput {
  readonly departmentId: string;
  readonly type: SealType;
  readonly purpose?: BusinessPurpose | null;
  /** Seal name, e.g. 西安市市场监督管理局 or 西安市市场监督管理局合同专用章. */
  readonly name: string;
  readonly owner:
    | { readonly kind: 'department' }
    | { readonly kind: 'enterprise'; readonly name: string; readonly code: string }
    | { readonly kind: 'person'; readonly name: string; readonly code: string };
  readonly keeperId: string;
  readonly reason: string;
  readonly algorithm?: SealAlgorithm;
  readonly image:
    | {
        readonly kind: 'generate';
        readonly shape?: 'round' | 'oval' | 'square';
        readonly bottomText?: string;
      }
    | {
        readonly kind: 'upload';
        readonly bytes: Uint8Array;
        readonly widthMm: number;
        readonly heightMm: number;
      };
  readonly attachments?: readonly {
    readonly name: string;
    readonly contentType: string;
    readonly bytes: Uint8Array;
  }[];
  /** Set by `changeSeal`: the seal this one replaces (revoked when this one is filed). */
  readonly replacesSealId?: string;
}

export const DEFAULT_APPROVAL_CHAIN: readonly ApprovalStep[] = [{ scope: 'department' }];

function defaultShape(type: SealType, purpose: BusinessPurpose | null): 'round' | 'oval' | 'square' {
  if (type === 'personal' || type === 'position') return 'square';
  if (type === 'business' && (purpose === 'finance' || purpose === 'invoice')) return 'oval';
  return 'round';
}

/** 申请: a seal administrator applies for a seal of a department, enterprise or person. */
export async function applySeal(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'> & {
    images: SealImageMaker;
    sha256: (b: Uint8Array) => Uint8Array;
  },
  { actor, meta, input }: Call<ApplySealInput>,
): Promise<Seal> {
  if (input.type === 'business' && !input.purpose) {
    throw new AppError('REQUEST_VALIDATION_FAILED', 'a business seal needs its purpose', {
      field: 'purpose',
    });
  }
  const purpose = input.type === 'business' ? (input.purpose ?? null) : null;
  const department = await deps.uow.run((r) => getDepartmentOrThrow(r.departments, input.departmentId));
  authorize(actor, 'seals.apply', { regionCode: department.regionCode, departmentId: department.id });
  if (!department.active) throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated');

  const owner =
    input.owner.kind === 'department'
      ? ({
          kind: 'department',
          departmentId: department.id,
          name: department.name,
          code: department.uscc,
        } as const)
      : input.owner;
  const personal = input.type === 'personal' || input.type === 'position';
  if (personal !== (owner.kind === 'person')) {
    throw new AppError(
      'SEALS_OWNER_INVALID',
      'personal and position seals belong to a person, other seals to a unit',
      {
        type: input.type,
        owner: owner.kind,
      },
    );
  }
  const check = owner.kind === 'person' ? validateCitizenId(owner.code) : validateUscc(owner.code);
  if (!check.valid) {
    throw new AppError('SEALS_OWNER_INVALID', `owner code ${owner.code} is invalid`, {
      reason: check.reason,
    });
  }

  const shape =
    input.image.kind === 'generate' ? (input.image.shape ?? defaultShape(input.type, purpose)) : 'uploaded';
  const image =
    input.image.kind === 'generate'
      ? await deps.images.generate(imageSpec(input, owner.name, purpose, shape as SealImageSpec['shape']))
      : await deps.images.fromUpload(input.image.bytes, {
          widthMm: input.image.widthMm,
          heightMm: input.image.heightMm,
        });

  return deps.uow.run(async (r) => {
    const keeper = await r.users.get(input.keeperId);
    const keeps =
      keeper?.active &&
      keeper.roles.some((g) => g.role === 'seal_keeper' && g.departmentId === department.id);
    if (!keeps) {
      throw new AppError(
        'SEALS_KEEPER_INVALID',
        'the keeper must be an active seal keeper of the department',
        {
          keeperId: input.keeperId,
        },
      );
    }
    const now = deps.clock.now();
    const code = formatSealCode(department.regionCode, await r.seals.nextSerial(department.regionCode));
    const steps = (await r.seals.approvalChain(department.regionCode)) ?? DEFAULT_APPROVAL_CHAIN;
    const seal: Seal = {
      id: deps.ids.uuid(),
      code,
      type: input.type,
      purpose,
      name: input.name,
      owner,
      departmentId: department.id,
      regionCode: department.regionCode,
      status: 'applied',
      algorithm: input.algorithm ?? 'sm2',
      keeperId: input.keeperId,
      applicantId: actor.kind === 'user' ? actor.id : 'system',
      reason: input.reason,
      approvalSteps: steps,
      approvalsDone: 0,
      image: { shape, ...image },
      keyRef: null,
      certificate: null,
      sesSeal: null,
      sealVersion: 0,
      validFrom: null,
      validTo: null,
      replacesSealId: input.replacesSealId ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await r.seals.insert(seal);
    for (const file of input.attachments ?? []) {
      await r.seals.addAttachment({
        id: deps.ids.uuid(),
        sealId: seal.id,
        name: file.name,
        contentType: file.contentType,
        sha256: bytesToHex(deps.sha256(file.bytes)),
        size: file.bytes.length,
        bytes: file.bytes,
      });
    }
    await r.seals.addStatusEvent({
      sealId: seal.id,
      status: 'applied',
      action: 'apply',
      reason: input.reason,
      actorId: seal.applicantId,
      at: now,
    });
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.applied', sealTarget(seal), {
        code,
        name: seal.name,
        type: seal.type,
        purpose,
        owner: { kind: owner.kind, code: owner.code },
        keeperId: seal.keeperId,
        algorithm: seal.algorithm,
        attachments: (input.attachments ?? []).length,
      }),
    );
    return seal;
  });
}

function imageSpec(
  input: ApplySealInput,
  ownerName: string,
  purpose: BusinessPurpose | null,
  shape: SealImageSpec['shape'],
): SealImageSpec {
  const bottomText =
    input.image.kind === 'generate' && input.image.bottomText !== undefined
      ? input.image.bottomText
      : purpose
        ? BUSINESS_PURPOSE_NAMES[purpose]
        : undefined;
  return { shape, text: ownerName, ...(bottomText ? { bottomText } : {}) };
}
