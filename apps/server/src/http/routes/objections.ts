import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import {
  acknowledgeObjection,
  getNotificationSettings,
  getObjection,
  listCalendarDays,
  listHolderReminders,
  listObjections,
  objectionEvidenceFile,
  objectionFlags,
  raiseObjection,
  removeCalendarDay,
  resolveObjection,
  setCalendarDay,
  setNotificationSettings,
  type Notification,
  type Objection,
  type StoredCalendarDay,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentObjection = (o: Objection, now: Date) => {
  const flags = objectionFlags(o, now);
  return {
    id: o.id,
    licenseId: o.licenseId,
    licenseIdentifier: o.licenseIdentifier,
    typeName: o.typeName,
    regionCode: o.regionCode,
    departmentId: o.departmentId,
    requester: { kind: o.requester.kind, name: o.requester.name, departmentId: o.requester.departmentId },
    fields: [...o.fields],
    text: o.text,
    evidence: o.evidence.map((e) => ({ ...e })),
    status: o.status,
    submittedAt: o.submittedAt.toISOString(),
    acknowledgeDueAt: o.acknowledgeDueAt.toISOString(),
    resolveDueAt: o.resolveDueAt.toISOString(),
    acknowledgedAt: iso(o.acknowledgedAt),
    resolvedAt: iso(o.resolvedAt),
    resolution: o.resolution,
    correctedLicenseId: o.correctedLicenseId,
    correctedIdentifier: o.correctedIdentifier,
    overdue: flags.overdue,
    acknowledgeOverdue: flags.acknowledgeOverdue,
    resolveOverdue: flags.resolveOverdue,
    rowVersion: o.rowVersion,
  };
};

const presentDay = (d: StoredCalendarDay) => ({ ...d, updatedAt: d.updatedAt.toISOString() });

const presentReminder = (n: Notification) => ({
  id: n.id,
  licenseId: n.licenseId,
  identifier: n.reference,
  channel: n.channel,
  subject: n.subject,
  body: n.body,
  leadDay: typeof n.details['leadDay'] === 'number' ? n.details['leadDay'] : null,
  validTo: typeof n.details['validTo'] === 'string' ? n.details['validTo'] : null,
  status: n.status,
  createdAt: n.createdAt.toISOString(),
  sentAt: iso(n.sentAt),
});

const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** Calendar, holder notification settings and reminders, objections (异议). */
export function objectionRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const deps = {
    ...ctx.deps,
    licensing: ctx.licensing,
    sha256: ctx.licensing.sha256,
    evidenceLimits: {
      maxBytes: ctx.config.ZHENGYIN_OBJECTION_EVIDENCE_MAX_BYTES,
      maxFiles: ctx.config.ZHENGYIN_OBJECTION_EVIDENCE_MAX_FILES,
    },
  };
  const now = () => deps.clock.now();

  bind(app, ctx, endpoints.listCalendarDays, async ({ query }, { actor }) => ({
    items: (await listCalendarDays(deps, actor, query)).map(presentDay),
  }));
  bind(app, ctx, endpoints.setCalendarDay, async ({ params, body }, { actor, meta }) =>
    presentDay(await setCalendarDay(deps, { actor, meta, input: { date: params.date, ...body } })),
  );
  bind(app, ctx, endpoints.removeCalendarDay, ({ params }, { actor, meta }) =>
    removeCalendarDay(deps, { actor, meta, input: { date: params.date } }),
  );

  const presentSettings = (s: Awaited<ReturnType<typeof getNotificationSettings>>) => ({
    ...s,
    updatedAt: iso(s.updatedAt),
  });
  bind(app, ctx, endpoints.holderNotificationSettings, async (_input, { actor }) =>
    presentSettings(await getNotificationSettings(deps, actor)),
  );
  bind(app, ctx, endpoints.setHolderNotificationSettings, async ({ body }, { actor, meta }) =>
    presentSettings(await setNotificationSettings(deps, { actor, meta, input: body })),
  );
  bind(app, ctx, endpoints.holderReminders, async ({ query }, { actor }) => {
    const page = await listHolderReminders(deps, actor, query);
    return { ...page, items: page.items.map(presentReminder) };
  });

  const raise = async (
    body: {
      license: string;
      fields: string[];
      text: string;
      evidence?: { fileName: string; contentType: string; base64: string }[] | undefined;
      contactEmail?: string | undefined;
      departmentId?: string | undefined;
    },
    {
      actor,
      meta,
    }: { actor: AppEnv['Variables']['state']['actor']; meta: AppEnv['Variables']['state']['meta'] },
  ) => {
    const { evidence, contactEmail, departmentId, ...rest } = body;
    const o = await raiseObjection(deps, {
      actor,
      meta,
      input: {
        ...rest,
        ...(contactEmail ? { contactEmail } : {}),
        ...(departmentId ? { departmentId } : {}),
        evidence: (evidence ?? []).map((e) => ({
          fileName: e.fileName,
          contentType: e.contentType,
          bytes: fromBase64(e.base64),
        })),
      },
    });
    return presentObjection(o, now());
  };
  bind(app, ctx, endpoints.raiseObjection, ({ body }, state) => raise(body, state));
  bind(app, ctx, endpoints.holderRaiseObjection, ({ body }, state) => raise(body, state));

  const list = async (
    query: Parameters<typeof listObjections>[2],
    actor: AppEnv['Variables']['state']['actor'],
  ) => {
    const page = await listObjections(deps, actor, query);
    const at = now();
    return { ...page, items: page.items.map((o) => presentObjection(o, at)) };
  };
  bind(app, ctx, endpoints.listObjections, ({ query }, { actor }) => list(query, actor));
  bind(app, ctx, endpoints.holderObjections, ({ query }, { actor }) => list(query, actor));
  bind(app, ctx, endpoints.getObjection, async ({ params }, { actor }) =>
    presentObjection(await getObjection(deps, actor, params.id), now()),
  );
  bind(app, ctx, endpoints.objectionEvidence, async ({ params }, { actor }) => {
    const { file, bytes } = await objectionEvidenceFile(deps, actor, params.id, params.seq);
    return {
      fileName: file.fileName,
      contentType: file.contentType,
      sha256: file.sha256,
      base64: Buffer.from(bytes).toString('base64'),
    };
  });
  bind(app, ctx, endpoints.acknowledgeObjection, async ({ params, body }, { actor, meta }) =>
    presentObjection(
      await acknowledgeObjection(deps, { actor, meta, input: { id: params.id, ...body } }),
      now(),
    ),
  );
  bind(app, ctx, endpoints.resolveObjection, async ({ params, body }, { actor, meta }) =>
    presentObjection(await resolveObjection(deps, { actor, meta, input: { id: params.id, ...body } }), now()),
  );
}
