import type { LicenseFileFormat } from '../catalog/types.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { IssueItem } from './prepare.js';

/** A spreadsheet row turned into an issuance item (before schema checks). */
export interface ImportRow {
  readonly line: number;
  readonly item: IssueItem;
}

export interface ImportProblem {
  readonly line: number;
  readonly column?: string;
  readonly item?: string;
  readonly problem: string;
  readonly message: string;
}

/** Reads uploaded CSV / XLSX files safely and maps columns to data items (documents adapter). */
export interface ImportFiles {
  parse(
    bytes: Uint8Array,
    mapping: Readonly<Record<string, string>>,
    items: readonly { readonly code: string; readonly type: string }[],
  ): Promise<{
    readonly headers: readonly string[];
    readonly rows: readonly ImportRow[];
    readonly problems: readonly ImportProblem[];
    /** Original cells of a line, by header (for the rejection report). */
    cells(line: number): Record<string, string>;
  }>;
  report(
    rejected: readonly { line: number; cells: Record<string, string>; reasons: readonly string[] }[],
    headers: readonly string[],
    format: 'csv' | 'xlsx',
  ): Uint8Array;
}

export const IMPORT_STATUSES = ['validated', 'running', 'finished'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface RejectedImportRow {
  readonly line: number;
  readonly cells: Record<string, string>;
  readonly reasons: readonly string[];
}

/** A bulk conversion job (存量证照导入). */
export interface LicenseImport {
  readonly id: string;
  readonly departmentId: string;
  readonly regionCode: string;
  readonly typeCode: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly mapping: Record<string, string>;
  readonly status: ImportStatus;
  readonly headers: readonly string[];
  readonly total: number;
  readonly valid: number;
  readonly rejected: readonly RejectedImportRow[];
  readonly issued: number;
  readonly failed: number;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  /** Last sign of life of the worker; a running job without one for a minute was interrupted. */
  readonly heartbeatAt: Date | null;
  readonly finishedAt: Date | null;
  /** The file format the first run chose for every row; null: the licence type's. */
  readonly fileFormat: LicenseFileFormat | null;
}

export interface ImportRowState {
  readonly line: number;
  readonly item: IssueItem;
  readonly status: 'pending' | 'issued' | 'failed';
  readonly licenseId: string | null;
  readonly error: { code: string; message: string; details?: unknown } | null;
}

export interface LicenseImportRepository {
  get(id: string): Promise<LicenseImport | null>;
  getForUpdate(id: string): Promise<LicenseImport | null>;
  byDedupeKey(key: string): Promise<LicenseImport | null>;
  insert(
    job: LicenseImport,
    dedupeKey: string,
    rows: readonly { line: number; item: IssueItem }[],
  ): Promise<void>;
  update(job: LicenseImport): Promise<void>;
  pendingRows(id: string, limit: number): Promise<ImportRowState[]>;
  markRows(
    id: string,
    rows: readonly Pick<ImportRowState, 'line' | 'status' | 'licenseId' | 'error'>[],
  ): Promise<void>;
  failedRows(id: string, page: PageRequest): Promise<Page<ImportRowState>>;
}
