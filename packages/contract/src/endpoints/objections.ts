import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { PageQuery, Uuid, pageOf } from '../common.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Email = z.string().min(3).max(254);

const CalendarDay = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const calendarEndpoints = {
  listCalendarDays: endpoint({
    id: 'listCalendarDays',
    method: 'GET',
    path: '/api/v1/calendar/days',
    summary: 'Working-day calendar overrides (holidays, 调休 make-up working days) between two dates',
    tag: 'calendar',
    auth: 'user',
    query: z.object({ from: IsoDate, to: IsoDate }).strict(),
    response: z.object({ items: z.array(CalendarDay) }),
  }),
  setCalendarDay: endpoint({
    id: 'setCalendarDay',
    method: 'PUT',
    path: '/api/v1/calendar/days/:date',
    summary:
      'Mark a weekday as a holiday or a weekend day as a make-up working day (platform / region admins)',
    tag: 'calendar',
    auth: 'user',
    params: z.object({ date: IsoDate }).strict(),
    body: z.object({ kind: z.enum(['holiday', 'workday']), name: z.string().min(1).max(50) }).strict(),
    response: CalendarDay,
  }),
  removeCalendarDay: endpoint({
    id: 'removeCalendarDay',
    method: 'DELETE',
    path: '/api/v1/calendar/days/:date',
    summary: 'Remove the override of a date (back to the weekday / weekend rule)',
    tag: 'calendar',
    auth: 'user',
    params: z.object({ date: IsoDate }).strict(),
    response: z.object({ ok: z.literal(true) }),
  }),
};

const NotificationSettings = z.object({
  email: z.string().nullable(),
  webhook: z.string().nullable(),
  leadDays: z.array(z.number().int()).nullable(),
  updatedAt: z.string().nullable(),
});

const Reminder = z.object({
  id: Uuid,
  licenseId: z.string().nullable(),
  identifier: z.string().nullable(),
  channel: z.enum(['email', 'webhook', 'log']),
  subject: z.string(),
  body: z.string(),
  leadDay: z.number().int().nullable(),
  validTo: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const holderNotificationEndpoints = {
  holderNotificationSettings: endpoint({
    id: 'holderNotificationSettings',
    method: 'GET',
    path: '/api/v1/holder/notification-settings',
    summary: 'Where my reminders and objection results go, and my own reminder lead days',
    tag: 'holder',
    auth: 'holder',
    response: NotificationSettings,
  }),
  setHolderNotificationSettings: endpoint({
    id: 'setHolderNotificationSettings',
    method: 'PUT',
    path: '/api/v1/holder/notification-settings',
    summary:
      'Set my e-mail, webhook (https, delivered by the messaging gateway) and lead days (null: defaults)',
    tag: 'holder',
    auth: 'holder',
    body: z
      .object({
        email: Email.nullable(),
        webhook: z.string().max(500).nullable(),
        leadDays: z.array(z.number().int().min(1).max(365)).min(1).max(10).nullable(),
      })
      .strict(),
    response: NotificationSettings,
  }),
  holderReminders: endpoint({
    id: 'holderReminders',
    method: 'GET',
    path: '/api/v1/holder/reminders',
    summary: 'My expiry reminders (到期提醒), newest first',
    tag: 'holder',
    auth: 'holder',
    query: PageQuery,
    response: pageOf(Reminder),
  }),
};

const Evidence = z
  .object({
    fileName: z.string().min(1).max(200),
    contentType: z.string().min(1).max(100),
    base64: z.string().min(4),
  })
  .strict();

const RaiseBody = {
  /** Licence version id or GB/T 36904 identifier. */
  license: z.string().min(1).max(128),
  fields: z.array(z.string().min(1).max(64)).min(1).max(50),
  text: z.string().min(1).max(2000),
  evidence: z.array(Evidence).max(20).optional(),
  contactEmail: Email.optional(),
};

export const Objection = z.object({
  id: Uuid,
  licenseId: Uuid,
  licenseIdentifier: z.string(),
  typeName: z.string(),
  regionCode: z.string(),
  departmentId: Uuid,
  requester: z.object({
    kind: z.enum(['holder', 'department']),
    name: z.string(),
    departmentId: z.string().nullable(),
  }),
  fields: z.array(z.string()),
  text: z.string(),
  evidence: z.array(
    z.object({
      seq: z.number().int(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
    }),
  ),
  status: z.enum(['submitted', 'acknowledged', 'rejected', 'corrected']),
  submittedAt: z.string(),
  acknowledgeDueAt: z.string(),
  resolveDueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  correctedLicenseId: z.string().nullable(),
  correctedIdentifier: z.string().nullable(),
  /** Open with the acknowledge (1 working day) or resolve (5 working days) deadline passed. */
  overdue: z.boolean(),
  acknowledgeOverdue: z.boolean(),
  resolveOverdue: z.boolean(),
  rowVersion: z.number().int(),
});

const ListQuery = PageQuery.extend({
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  status: z.enum(['submitted', 'acknowledged', 'rejected', 'corrected']).optional(),
  licenseId: Uuid.optional(),
  departmentId: Uuid.optional(),
}).strict();

const IdParams = z.object({ id: Uuid }).strict();

export const objectionEndpoints = {
  raiseObjection: endpoint({
    id: 'raiseObjection',
    method: 'POST',
    path: '/api/v1/objections',
    summary: '异议: a using department objects to a licence’s data (fields, text, evidence files)',
    tag: 'objections',
    auth: 'staff-or-app',
    scope: 'licenses:use',
    upload: true,
    status: 201,
    body: z.object({ ...RaiseBody, departmentId: Uuid.optional() }).strict(),
    response: Objection,
  }),
  listObjections: endpoint({
    id: 'listObjections',
    method: 'GET',
    path: '/api/v1/objections',
    summary:
      'Objections in my region / department (handled or raised), newest first; overdue=true for late ones',
    tag: 'objections',
    auth: 'staff-or-app',
    scope: 'licenses:use',
    query: ListQuery,
    response: pageOf(Objection),
  }),
  getObjection: endpoint({
    id: 'getObjection',
    method: 'GET',
    path: '/api/v1/objections/:id',
    summary: 'One objection with its deadlines and flags',
    tag: 'objections',
    auth: 'staff-or-app',
    scope: 'licenses:use',
    params: IdParams,
    response: Objection,
  }),
  objectionEvidence: endpoint({
    id: 'objectionEvidence',
    method: 'GET',
    path: '/api/v1/objections/:id/evidence/:seq',
    summary: 'One evidence file of an objection',
    tag: 'objections',
    auth: 'staff-or-app',
    scope: 'licenses:use',
    params: z.object({ id: Uuid, seq: z.coerce.number().int().min(1).max(100) }).strict(),
    response: z.object({
      fileName: z.string(),
      contentType: z.string(),
      sha256: z.string(),
      base64: z.string(),
    }),
  }),
  acknowledgeObjection: endpoint({
    id: 'acknowledgeObjection',
    method: 'POST',
    path: '/api/v1/objections/:id/acknowledge',
    summary: '异议标注: the issuing department marks the objection (due within 1 working day)',
    tag: 'objections',
    auth: 'user',
    params: IdParams,
    body: z
      .object({ note: z.string().max(1000).optional(), rowVersion: z.number().int().min(1).optional() })
      .strict(),
    response: Objection,
  }),
  resolveObjection: endpoint({
    id: 'resolveObjection',
    method: 'POST',
    path: '/api/v1/objections/:id/resolve',
    summary: 'Resolve within 5 working days: rejected with reasons, or corrected by a new licence version',
    tag: 'objections',
    auth: 'user',
    params: IdParams,
    body: z
      .object({
        outcome: z.enum(['rejected', 'corrected']),
        reasons: z.string().max(1000),
        correction: z
          .object({
            changes: z
              .object({
                holderName: z.string().min(1).max(200).optional(),
                validTo: z.union([IsoDate, z.literal('长期')]).optional(),
                data: z.record(z.string(), z.unknown()).optional(),
              })
              .strict(),
            sealId: Uuid.optional(),
            sealPin: z.string().min(1).max(64).optional(),
            timestamp: z.boolean().optional(),
          })
          .strict()
          .optional(),
        rowVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    response: Objection,
  }),
  holderRaiseObjection: endpoint({
    id: 'holderRaiseObjection',
    method: 'POST',
    path: '/api/v1/holder/objections',
    summary: '异议: object to the data of one of my licences',
    tag: 'holder',
    auth: 'holder',
    upload: true,
    status: 201,
    body: z.object(RaiseBody).strict(),
    response: Objection,
  }),
  holderObjections: endpoint({
    id: 'holderObjections',
    method: 'GET',
    path: '/api/v1/holder/objections',
    summary: 'My objections and their status, newest first',
    tag: 'holder',
    auth: 'holder',
    query: ListQuery,
    response: pageOf(Objection),
  }),
};
