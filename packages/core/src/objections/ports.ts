import type { Page, PageRequest } from '../shared/page.js';
import type { Objection, ObjectionState } from './types.js';

export interface ObjectionQuery extends PageRequest {
  /** Open objections with the acknowledge or resolve deadline passed at `now`. */
  readonly overdue?: boolean;
  readonly now: Date;
  readonly status?: ObjectionState;
  readonly licenseId?: string;
  readonly departmentId?: string;
  /** Visibility: null = everything; otherwise objections handled in these regions / departments or raised by these departments. */
  readonly scope: {
    readonly prefixes: readonly string[];
    readonly departmentIds: readonly string[];
  } | null;
  /** Only objections raised by this holder. */
  readonly holder?: { readonly codeType: string; readonly code: string };
}

export interface ObjectionRepository {
  insert(objection: Objection): Promise<void>;
  get(id: string): Promise<Objection | null>;
  getForUpdate(id: string): Promise<Objection | null>;
  /** False when the stored row version is not `expectedRowVersion`. */
  update(objection: Objection, expectedRowVersion: number): Promise<boolean>;
  search(query: ObjectionQuery): Promise<Page<Objection>>;
  /** Objections of the licence version still submitted or acknowledged. */
  openCountForLicense(licenseId: string): Promise<number>;
}
