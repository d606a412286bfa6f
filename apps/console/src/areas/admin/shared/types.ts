import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

export type Region = EndpointOutput<Endpoints['listRegions']>['items'][number];
export type Department = EndpointOutput<Endpoints['getDepartment']>;
export type Onboarding = EndpointOutput<Endpoints['listOnboardings']>['items'][number];
export type Account = EndpointOutput<Endpoints['getUser']>;
export type RoleGrant = Account['roles'][number];
export type IntegratedApp = EndpointOutput<Endpoints['listApps']>['items'][number];
