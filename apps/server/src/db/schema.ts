import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Json<T> = ColumnType<T, string, string>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  uscc: string;
  region_code: string;
  parent_id: string | null;
  contact: Json<Record<string, string>>;
  active: boolean;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OnboardingsTable {
  id: string;
  department_id: string;
  onboarded_on: ColumnType<Date | string, string, string>;
  systems: Json<string[]>;
  note: string | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: Timestamp | null;
  totp_secret_sealed: string | null;
  totp_enabled: boolean;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  position: number;
  role: string;
  region_code: string | null;
  department_id: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AppsTable {
  id: string;
  name: string;
  app_key: string;
  department_id: string;
  scopes: Json<string[]>;
  ip_allow_list: Json<string[]>;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Timestamp | null;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppNoncesTable {
  app_id: string;
  nonce: string;
  expires_at: Timestamp;
}

export interface ApiCallsTable {
  id: Generated<string | number>;
  at: Timestamp;
  request_id: string;
  actor_kind: string;
  actor_id: string | null;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  client_ip: string | null;
}

export interface AuditEventsTable {
  seq: ColumnType<string | number, number, never>;
  at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  region_code: string | null;
  details: Json<Record<string, unknown>>;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: ColumnType<string | number, number, number>;
  hash: string;
}

export interface VaultKeysTable {
  key_ref: string;
  alg: 'sm2' | 'ecdsa-p256' | 'rsa2048';
  label: string;
  public_key: Uint8Array;
  wrapped: Uint8Array | null;
  master_key_id: string | null;
  pin_kdf: string | null;
  failed_pin_attempts: number;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  destroyed_at: Timestamp | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface CertificateAuthoritiesTable {
  id: string;
  name: string;
  certificate: Uint8Array;
  key_ref: string | null;
  development_only: boolean;
  active: boolean;
  created_at: Timestamp;
}

export interface PlatformKeysTable {
  purpose: 'seal-maker' | 'tsa' | 'annotation' | 'annotation-ecdsa';
  key_ref: string;
  certificate: Uint8Array;
  created_at: Timestamp;
}

export interface AnnotatedCopiesTable {
  id: string;
  license_id: string;
  license_identifier: string;
  use_context_id: string | null;
  cause: string;
  item_code: string | null;
  item_name: string | null;
  producer: string;
  algorithm: 'sm2' | 'ecdsa-p256';
  file_format: Generated<'pdf' | 'ofd'>;
  created_at: Timestamp;
  expires_at: Timestamp;
  file_sha256: string;
  file_size: number;
  actor_id: string | null;
}

export interface SealsTable {
  id: string;
  code: string;
  type: string;
  purpose: string | null;
  name: string;
  owner: Json<Record<string, string>>;
  department_id: string;
  region_code: string;
  status: string;
  algorithm: string;
  keeper_id: string;
  applicant_id: string;
  reason: string;
  approval_steps: Json<({ scope: 'department' } | { scope: 'region'; regionCode: string })[]>;
  approvals_done: number;
  image_shape: string | null;
  image_png: Uint8Array | null;
  image_svg: string | null;
  image_width_mm: number | null;
  image_height_mm: number | null;
  key_ref: string | null;
  certificate: Uint8Array | null;
  ses_seal: Uint8Array | null;
  seal_version: number;
  valid_from: Timestamp | null;
  valid_to: Timestamp | null;
  replaces_seal_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SealCodeSerialsTable {
  region_code: string;
  last_serial: number;
}

export interface SealApprovalChainsTable {
  region_code: string;
  steps: Json<({ scope: 'department' } | { scope: 'region'; regionCode: string })[]>;
}

export interface SealReviewsTable {
  seal_id: string;
  step: number;
  reviewer_id: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  at: Timestamp;
}

export interface SealStatusEventsTable {
  id: Generated<string | number>;
  seal_id: string;
  status: string;
  action: string;
  reason: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface SealFilingsTable {
  seal_id: string;
  made_at: Timestamp;
  filed_at: Timestamp | null;
  filing_number: string | null;
  authority: string | null;
  filed_by: string | null;
}

export interface SealVersionsTable {
  seal_id: string;
  version: number;
  certificate: Uint8Array;
  ses_seal: Uint8Array;
  valid_from: Timestamp;
  valid_to: Timestamp;
  created_at: Timestamp;
}

export interface SealAttachmentsTable {
  id: string;
  seal_id: string;
  name: string;
  content_type: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

export interface SealUseRequestsTable {
  id: string;
  seal_id: string;
  requester_id: string;
  reason: string;
  document_name: string;
  document_sha256: string | null;
  uses_allowed: number;
  uses_done: number;
  status: string;
  approver_id: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SealUsagesTable {
  id: string;
  seal_id: string;
  use_request_id: string;
  signer_id: string;
  approver_id: string | null;
  reason: string;
  document_sha256: string;
  sealed_sha256: string;
  at: Timestamp;
}

export interface SealRevocationsTable {
  seal_id: string;
  pdf: Uint8Array;
  created_at: Timestamp;
}

export interface LicenseTypesTable {
  id: string;
  type_code: string;
  version: number;
  name: string;
  status: string;
  department_id: string;
  region_code: string;
  content: Json<Record<string, unknown>>;
  file_format: Generated<string>;
  review_comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
  row_version: number;
}

export interface LicensesTable {
  id: string;
  series_id: string;
  identifier: string;
  version: number;
  serial: string;
  type_code: string;
  type_version_id: string;
  department_id: string;
  issuer_code: string;
  region_code: string;
  license_number: string;
  holder_name: string;
  holder_code: string;
  holder_code_type: string;
  issue_date: string;
  valid_from: string | null;
  valid_to: string | null;
  long_term: boolean;
  status: string;
  file_sha256: string | null;
  ofd_sha256: string | null;
  ofd_signed_value_sha256: string | null;
  seal_id: string;
  issue_ref: string | null;
  content: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
  row_version: number;
}

export interface LicenseEventsTable {
  id: string;
  seq: Generated<string>;
  license_id: string;
  series_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  reason_code: string | null;
  reason: string | null;
  actor_id: string | null;
  details: Json<Record<string, unknown>>;
  at: Timestamp;
}

export interface LicenseSerialsTable {
  type_code: string;
  issuer_code: string;
  next_value: ColumnType<string | number, number, number>;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  content: Uint8Array;
  created_at: Generated<Timestamp>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  created_at: Timestamp;
}

export interface LicenseImportsTable {
  id: string;
  dedupe_key: string;
  department_id: string;
  region_code: string;
  type_code: string;
  file_name: string;
  file_sha256: string;
  status: string;
  total: number;
  valid: number;
  issued: number;
  failed: number;
  content: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface LicenseImportRowsTable {
  import_id: string;
  line: number;
  item: Json<Record<string, unknown>>;
  status: string;
  license_id: string | null;
  error: Json<Record<string, unknown>> | null;
}

export interface HolderSessionsTable {
  id: string;
  token_hash: string;
  csrf_token: string;
  holder_code_type: string;
  holder_code: string;
  holder_name: string;
  issuer: string;
  subject: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface HolderLoginsTable {
  state_hash: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface DevIdpUsersTable {
  id: string;
  username: string;
  password_hash: string;
  holder_code_type: string;
  holder_code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DevIdpCodesTable {
  code_hash: string;
  user_id: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  nonce: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface DB {
  regions: RegionsTable;
  departments: DepartmentsTable;
  onboardings: OnboardingsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  apps: AppsTable;
  app_nonces: AppNoncesTable;
  api_calls: ApiCallsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  vault_keys: VaultKeysTable;
  schema_migrations: SchemaMigrationsTable;
  certificate_authorities: CertificateAuthoritiesTable;
  platform_keys: PlatformKeysTable;
  annotated_copies: AnnotatedCopiesTable;
  seals: SealsTable;
  seal_code_serials: SealCodeSerialsTable;
  seal_approval_chains: SealApprovalChainsTable;
  seal_reviews: SealReviewsTable;
  seal_status_events: SealStatusEventsTable;
  seal_filings: SealFilingsTable;
  seal_versions: SealVersionsTable;
  seal_attachments: SealAttachmentsTable;
  seal_use_requests: SealUseRequestsTable;
  seal_usages: SealUsagesTable;
  seal_revocations: SealRevocationsTable;
  license_types: LicenseTypesTable;
  licenses: LicensesTable;
  license_events: LicenseEventsTable;
  license_serials: LicenseSerialsTable;
  blobs: BlobsTable;
  idempotency_keys: IdempotencyKeysTable;
  license_imports: LicenseImportsTable;
  license_import_rows: LicenseImportRowsTable;
  holder_sessions: HolderSessionsTable;
  holder_logins: HolderLoginsTable;
  dev_idp_users: DevIdpUsersTable;
  dev_idp_codes: DevIdpCodesTable;
}
