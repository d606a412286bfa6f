import type { Kysely } from 'kysely';
import type { Repositories, UnitOfWork } from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { appRepository, nonceStore } from './apps.js';
import { apiCallLog, auditLog, auditReader } from './audit.js';
import { certificateAuthorityRepository } from './certificate-authorities.js';
import { departmentRepository } from './departments.js';
import { licenseTypeRepository } from './license-types.js';
import { licenseImportRepository } from './license-imports.js';
import { blobRepository, idempotencyRepository, licenseRepository } from './licenses.js';
import { obligatoryListRepository } from './obligatory-list.js';
import { platformKeyRepository } from './platform-keys.js';
import { sealRepository, sealRevocationRepository, sealUseRepository } from './seals.js';
import { regionRepository } from './regions.js';
import { sessionRepository } from './sessions.js';
import {
  holderLicenseRepository,
  holderLoginRepository,
  holderSessionRepository,
} from './holder-sessions.js';
import { userRepository } from './users.js';
import { annotatedCopyRepository } from './annotated-copies.js';
import { showTokenNonceRepository, useCodeRepository, useGuardRepository } from './use-codes.js';
import { usageContextRepository } from './use-contexts.js';
import { useListRepository } from './use-lists.js';
import { useRecordRepository } from './use-records.js';
import { keyRepository } from './vault-keys.js';
import { calendarRepository } from './calendar.js';
import { holderContactRepository, notificationRepository } from './notifications.js';
import { objectionRepository } from './objections.js';
import { metricsRepository } from './metrics.js';
import { serviceItemRepository } from './service-items.js';

export function repositories(db: Kysely<DB>): Repositories {
  return {
    regions: regionRepository(db),
    departments: departmentRepository(db),
    users: userRepository(db),
    sessions: sessionRepository(db),
    apps: appRepository(db),
    nonces: nonceStore(db),
    audit: auditLog(db),
    auditReader: auditReader(db),
    apiCalls: apiCallLog(db),
    keys: keyRepository(db),
    annotatedCopies: annotatedCopyRepository(db),
    useLists: useListRepository(db),
    usageContexts: usageContextRepository(db),
    useCodes: useCodeRepository(db),
    useRecords: useRecordRepository(db),
    useGuard: useGuardRepository(db),
    showTokenNonces: showTokenNonceRepository(db),
    calendar: calendarRepository(db),
    notifications: notificationRepository(db),
    holderContacts: holderContactRepository(db),
    objections: objectionRepository(db),
    certificateAuthorities: certificateAuthorityRepository(db),
    platformKeys: platformKeyRepository(db),
    seals: sealRepository(db),
    sealUses: sealUseRepository(db),
    sealRevocations: sealRevocationRepository(db),
    licenseTypes: licenseTypeRepository(db),
    licenses: licenseRepository(db),
    blobs: blobRepository(db),
    idempotency: idempotencyRepository(db),
    licenseImports: licenseImportRepository(db),
    obligatoryList: obligatoryListRepository(db),
    holderSessions: holderSessionRepository(db),
    holderLogins: holderLoginRepository(db),
    holderLicenses: holderLicenseRepository(db),
    serviceItems: serviceItemRepository(db),
    metrics: metricsRepository(db),
  };
}

/** Each `run` is one database transaction over all repositories. */
export function kyselyUnitOfWork(db: Kysely<DB>): UnitOfWork {
  return {
    run: (work) => db.transaction().execute((trx) => work(repositories(trx))),
    read: (work) => work(repositories(db)),
  };
}
