import { appEndpoints, userEndpoints } from './users.js';
import { auditEndpoints } from './audit.js';
import { authEndpoints } from './auth.js';
import { orgEndpoints } from './orgs.js';
import { sealEndpoints } from './seals.js';
import { verifyEndpoints } from './verify.js';
import { catalogEndpoints } from './catalog.js';
import { obligatoryEndpoints } from './obligatory.js';
import { licenseEndpoints, licenseImportEndpoints, publicLicenseEndpoints } from './licenses.js';
import { annotatedCopyEndpoints } from './annotated.js';
import { holderEndpoints } from './holders.js';
import { useEndpoints } from './use.js';
import { sharingEndpoints } from './sharing.js';
import { calendarEndpoints, holderNotificationEndpoints, objectionEndpoints } from './objections.js';
import { metricsEndpoints } from './metrics.js';

export const endpoints = {
  ...authEndpoints,
  ...orgEndpoints,
  ...userEndpoints,
  ...appEndpoints,
  ...auditEndpoints,
  ...sealEndpoints,
  ...verifyEndpoints,
  ...catalogEndpoints,
  ...obligatoryEndpoints,
  ...licenseEndpoints,
  ...licenseImportEndpoints,
  ...publicLicenseEndpoints,
  ...annotatedCopyEndpoints,
  ...holderEndpoints,
  ...useEndpoints,
  ...sharingEndpoints,
  ...calendarEndpoints,
  ...holderNotificationEndpoints,
  ...objectionEndpoints,
  ...metricsEndpoints,
};

export type Endpoints = typeof endpoints;
export type EndpointId = keyof Endpoints;
