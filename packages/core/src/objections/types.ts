/** 异议: an objection to a licence's data, handled by the issuing department within working-day limits. */
export const OBJECTION_STATUSES = ['submitted', 'acknowledged', 'rejected', 'corrected'] as const;
export type ObjectionState = (typeof OBJECTION_STATUSES)[number];
export const OPEN_OBJECTION_STATUSES: readonly ObjectionState[] = ['submitted', 'acknowledged'];

/** Working days the issuing department has to mark (异议标注) and to resolve an objection. */
export const ACKNOWLEDGE_WORKING_DAYS = 1;
export const RESOLVE_WORKING_DAYS = 5;

/** Licence fields an objection may name besides the type's data items. */
export const STANDARD_OBJECTION_FIELDS = [
  'holderName',
  'holderCode',
  'licenseNumber',
  'issueDate',
  'validFrom',
  'validTo',
] as const;

export interface ObjectionEvidence {
  readonly seq: number;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  /** SHA-256 (hex) of the file in the blob store. */
  readonly sha256: string;
}

export interface ObjectionRequester {
  /** holder: the licence's holder; department: a using department (staff or app). */
  readonly kind: 'holder' | 'department';
  readonly actorKind: 'holder' | 'user' | 'app' | 'system';
  readonly actorId: string | null;
  readonly name: string;
  readonly holderCodeType: string | null;
  readonly holderCode: string | null;
  readonly departmentId: string | null;
  /** Where results go besides the holder's own settings (optional e-mail). */
  readonly contactEmail: string | null;
}

export interface Objection {
  readonly id: string;
  readonly licenseId: string;
  readonly seriesId: string;
  readonly licenseIdentifier: string;
  readonly typeName: string;
  /** The issuing department and its region: who handles the objection. */
  readonly regionCode: string;
  readonly departmentId: string;
  readonly requester: ObjectionRequester;
  /** Data-item codes (or standard fields) said to be wrong. */
  readonly fields: readonly string[];
  readonly text: string;
  readonly evidence: readonly ObjectionEvidence[];
  readonly status: ObjectionState;
  readonly submittedAt: Date;
  readonly acknowledgeDueAt: Date;
  readonly resolveDueAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: string | null;
  /** Reasons of a rejection, or what was corrected. */
  readonly resolution: string | null;
  readonly correctedLicenseId: string | null;
  readonly correctedIdentifier: string | null;
  readonly rowVersion: number;
}

/** Deadline flags at `now`: passed while open, or met late. */
export function objectionFlags(o: Objection, now: Date) {
  const open = OPEN_OBJECTION_STATUSES.includes(o.status);
  const acknowledgeLate = (o.acknowledgedAt ?? now) > o.acknowledgeDueAt;
  const resolveLate = (o.resolvedAt ?? now) > o.resolveDueAt;
  return {
    open,
    acknowledgeOverdue: acknowledgeLate,
    resolveOverdue: resolveLate,
    /** Open with a deadline passed: the objections listed by `overdue=true`. */
    overdue: open && ((o.status === 'submitted' && now > o.acknowledgeDueAt) || now > o.resolveDueAt),
  };
}
