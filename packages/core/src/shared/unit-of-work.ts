import type { LicenseImportRepository } from '../licensing/import-ports.js';
import type { BlobRepository, IdempotencyRepository, LicenseRepository } from '../licensing/ports.js';
import type { AppRepository, NonceStore, SessionRepository, UserRepository } from '../accounts/ports.js';
import type { ApiCallLog, AuditLog, AuditReader } from '../audit/ports.js';
import type { LicenseTypeRepository } from '../catalog/ports.js';
import type { ObligatoryListRepository } from '../catalog/obligatory-list.js';
import type { KeyRepository } from '../keys/ports.js';
import type { DepartmentRepository, RegionRepository } from '../orgs/ports.js';
import type { CertificateAuthorityRepository, PlatformKeyRepository } from '../pki/ports.js';
import type {
  HolderLicenseRepository,
  HolderLoginRepository,
  HolderSessionRepository,
} from '../holders/ports.js';
import type {
  ShowTokenNonceRepository,
  UsageContextRepository,
  UseCodeRepository,
  UseGuardRepository,
  UseListRepository,
  UseRecordRepository,
} from '../use/ports.js';
import type { SealRepository, SealRevocationRepository, SealUseRepository } from '../seals/ports.js';
import type { AnnotatedCopyRepository } from '../use/annotated-copy-ports.js';
import type { CalendarRepository } from '../calendar/ports.js';
import type { HolderContactRepository, NotificationRepository } from '../notifications/ports.js';
import type { ObjectionRepository } from '../objections/ports.js';
import type { MetricsRepository, ServiceItemRepository } from '../metrics/ports.js';

/** Every repository, bound to one database transaction. */
export interface Repositories {
  readonly regions: RegionRepository;
  readonly departments: DepartmentRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly apps: AppRepository;
  readonly nonces: NonceStore;
  readonly audit: AuditLog;
  readonly auditReader: AuditReader;
  readonly apiCalls: ApiCallLog;
  readonly certificateAuthorities: CertificateAuthorityRepository;
  readonly platformKeys: PlatformKeyRepository;
  readonly seals: SealRepository;
  readonly sealUses: SealUseRepository;
  readonly sealRevocations: SealRevocationRepository;
  readonly licenseTypes: LicenseTypeRepository;
  readonly obligatoryList: ObligatoryListRepository;
  readonly licenses: LicenseRepository;
  readonly blobs: BlobRepository;
  readonly idempotency: IdempotencyRepository;
  readonly licenseImports: LicenseImportRepository;
  readonly keys: KeyRepository;
  readonly annotatedCopies: AnnotatedCopyRepository;
  readonly useLists: UseListRepository;
  readonly usageContexts: UsageContextRepository;
  readonly useCodes: UseCodeRepository;
  readonly useRecords: UseRecordRepository;
  readonly useGuard: UseGuardRepository;
  readonly showTokenNonces: ShowTokenNonceRepository;
  readonly calendar: CalendarRepository;
  readonly notifications: NotificationRepository;
  readonly holderContacts: HolderContactRepository;
  readonly objections: ObjectionRepository;
  readonly holderSessions: HolderSessionRepository;
  readonly holderLogins: HolderLoginRepository;
  readonly holderLicenses: HolderLicenseRepository;
  readonly serviceItems: ServiceItemRepository;
  readonly metrics: MetricsRepository;
}

/**
 * Runs `work` in one transaction: all its writes and its audit events commit together or not at
 * all. Use cases receive the repositories only through here.
 */
export interface UnitOfWork {
  run<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs read-only `work` without a transaction (each query on any pooled connection): for hot public
   * reads that need no snapshot across queries. Never write through it.
   */
  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
