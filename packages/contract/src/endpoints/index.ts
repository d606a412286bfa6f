import { appEndpoints, userEndpoints } from './users.js';
import { auditEndpoints } from './audit.js';
import { authEndpoints } from './auth.js';
import { orgEndpoints } from './orgs.js';
import { sealEndpoints } from './seals.js';
import { verifyEndpoints } from './verify.js';
import { catalogEndpoints } from './catalog.js';

export const endpoints = {
  ...authEndpoints,
  ...orgEndpoints,
  ...userEndpoints,
  ...appEndpoints,
  ...auditEndpoints,
  ...sealEndpoints,
  ...verifyEndpoints,
  ...catalogEndpoints,
};

export type Endpoints = typeof endpoints;
export type EndpointId = keyof Endpoints;
