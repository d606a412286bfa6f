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
import { userRepository } from './users.js';
import { keyRepository } from './vault-keys.js';

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
  };
}

/** Each `run` is one database transaction over all repositories. */
export function kyselyUnitOfWork(db: Kysely<DB>): UnitOfWork {
  return {
    run: (work) => db.transaction().execute((trx) => work(repositories(trx))),
  };
}
