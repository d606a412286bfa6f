import { auditEntry } from '../audit/entry.js';
import type { Department } from '../orgs/ports.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import {
  actingDepartment,
  actorRef,
  holderCodeProblem,
  holderCodeTypeOf,
  normalizeHolderCode,
} from './access.js';
import { consumeShowTokenIn } from './consume-show-token.js';
import { contextTarget, requireUseListCover } from './context-rules.js';
import type { UsePorts } from './ports.js';
import { withRefusalRecord } from './refusals.js';
import type { IssuedUseCode } from './use-code.js';
import { issueCodeIn } from './use-code.js';
import type { UsageContext, UseMode } from './types.js';

export interface CreateUsageContextInput {
  /** Needed only by staff who act for several departments. */
  readonly departmentId?: string;
  readonly cause: string;
  readonly itemCode: string;
  /** Defaults to the use list's name of the item. */
  readonly itemName?: string;
  readonly businessNumber: string;
  readonly holderCode: string;
  readonly holderCodeType: string;
  readonly licenseTypeCodes: readonly string[];
  readonly dataItems: readonly string[];
  readonly stage?: string | null;
  readonly place?: string | null;
  /** 经办人; defaults to the staff member's username (required from apps). */
  readonly operator?: string;
  readonly mode: UseMode;
  /** The holder's 亮证 token the counter scanned (mode show-code). */
  readonly showToken?: string;
}

function checkInput(input: CreateUsageContextInput) {
  const problems: { field: string; message: string }[] = [];
  const text = (field: string, value: string | undefined | null) => {
    const v = value?.trim() ?? '';
    if (!v) problems.push({ field, message: 'required' });
    return v;
  };
  const cause = text('cause', input.cause);
  const itemCode = text('itemCode', input.itemCode);
  const businessNumber = text('businessNumber', input.businessNumber);
  const holderCode = normalizeHolderCode(input.holderCode);
  const holderProblem = holderCodeProblem(input.holderCodeType, holderCode);
  if (holderProblem) problems.push({ field: 'holderCode', message: holderProblem });
  const licenseTypeCodes = input.licenseTypeCodes.map((t) => t.trim().toUpperCase());
  const dataItems = input.dataItems.map((d) => d.trim().toUpperCase());
  if (!licenseTypeCodes.length) problems.push({ field: 'licenseTypeCodes', message: 'name at least one' });
  if (new Set(licenseTypeCodes).size !== licenseTypeCodes.length)
    problems.push({ field: 'licenseTypeCodes', message: 'must be unique' });
  if (!dataItems.length) problems.push({ field: 'dataItems', message: 'name at least one' });
  if (new Set(dataItems).size !== dataItems.length)
    problems.push({ field: 'dataItems', message: 'must be unique' });
  if (input.mode === 'show-code' && !input.showToken?.trim())
    problems.push({ field: 'showToken', message: 'the scanned 亮证 code is required in show-code mode' });
  if (input.mode !== 'show-code' && input.showToken)
    problems.push({ field: 'showToken', message: 'only in show-code mode' });
  if (problems.length)
    throw new AppError('USE_CONTEXT_INVALID', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
      problems,
    });
  return { cause, itemCode, businessNumber, holderCode, licenseTypeCodes, dataItems };
}

/**
 * 用证上下文: a using department (its 用证人员 or business system with `licenses:use`) states why it
 * needs which licence data of which holder. It must be covered by the department's approved use list.
 * consent → waits for the holder; duty (依职能, where the list allows it) and show-code (the holder's
 * 亮证 code scanned at the counter binds the context to that holder) → approved at once, with a use-code.
 */
export async function createUsageContext(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  ports: UsePorts,
  { actor, meta, input }: Call<CreateUsageContextInput>,
): Promise<{ context: UsageContext; code: IssuedUseCode | null }> {
  const fields = checkInput(input);
  let department: Department | null = null;
  return withRefusalRecord(
    deps,
    ports.policy,
    {
      actor,
      meta,
      action: 'use.context.refused',
      details: { mode: input.mode, itemCode: fields.itemCode, businessNumber: fields.businessNumber },
    },
    () => ({
      subject: null,
      regionCode: department?.regionCode ?? null,
      details: { departmentId: department?.id ?? null },
    }),
    () =>
      deps.uow.run(async (r) => {
        department = await actingDepartment(r, actor, input.departmentId);
        const by = actorRef(actor);
        const entries = await requireUseListCover(r, {
          ...fields,
          departmentId: department.id,
          mode: input.mode,
        });
        const now = deps.clock.now();
        let shownLicenseId: string | null = null;
        if (input.mode === 'show-code') {
          const claims = await consumeShowTokenIn(r, ports, now, input.showToken!);
          if (claims.holderCodeType !== input.holderCodeType || claims.holderCode !== fields.holderCode)
            throw new AppError(
              'USE_HOLDER_MISMATCH',
              'the 亮证 code belongs to another holder than the context’s',
              {
                licenseId: claims.licenseId,
              },
            );
          shownLicenseId = claims.licenseId;
        }
        const approved = input.mode !== 'consent';
        const minutes = approved ? ports.policy.contextValidMinutes : ports.policy.consentTtlMinutes;
        const operator =
          input.operator?.trim() ||
          (actor.kind === 'user' ? actor.username : actor.kind === 'app' ? `app:${actor.id}` : by.id);
        const context: UsageContext = {
          id: deps.ids.uuid(),
          departmentId: department.id,
          regionCode: department.regionCode,
          cause: fields.cause,
          itemCode: fields.itemCode,
          itemName: input.itemName?.trim() || entries[0]!.itemName,
          businessNumber: fields.businessNumber,
          holderCode: fields.holderCode,
          holderCodeType: holderCodeTypeOf(input.holderCodeType),
          licenseTypeCodes: fields.licenseTypeCodes,
          dataItems: fields.dataItems,
          stage: input.stage?.trim() || null,
          place: input.place?.trim() || null,
          operator,
          mode: input.mode,
          status: approved ? 'approved' : 'pending_consent',
          shownLicenseId,
          decidedAt: approved ? now : null,
          decisionReason: null,
          createdAt: now,
          createdByKind: by.kind,
          createdBy: by.id,
          expiresAt: new Date(now.getTime() + minutes * 60_000),
        };
        await r.usageContexts.insert(context);
        await r.audit.append(
          auditEntry(actor, meta, now, 'use.context.created', contextTarget(context), {
            departmentId: context.departmentId,
            mode: context.mode,
            status: context.status,
            cause: context.cause,
            itemCode: context.itemCode,
            businessNumber: context.businessNumber,
            holderCodeType: context.holderCodeType,
            holderCode: context.holderCode,
            licenseTypeCodes: context.licenseTypeCodes,
            dataItems: context.dataItems,
            ...(shownLicenseId ? { shownLicenseId } : {}),
          }),
        );
        const code = approved ? await issueCodeIn(r, deps, ports.policy, actor, meta, context) : null;
        return { context, code };
      }),
  );
}
