import { appEndpoints, userEndpoints } from './users.js';
import { auditEndpoints } from './audit.js';
import { authEndpoints } from './auth.js';
import { orgEndpoints } from './orgs.js';

export const endpoints = {
  ...authEndpoints,
  ...orgEndpoints,
  ...userEndpoints,
  ...appEndpoints,
  ...auditEndpoints,
};

export type Endpoints = typeof endpoints;
export type EndpointId = keyof Endpoints;
