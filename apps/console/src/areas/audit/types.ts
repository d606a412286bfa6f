import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

export type AuditEvent = EndpointOutput<Endpoints['listAuditEvents']>['items'][number];
export type ChainReport = EndpointOutput<Endpoints['verifyAuditChain']>;
export type ApiCall = EndpointOutput<Endpoints['listApiCalls']>['items'][number];
export type ActorKind = AuditEvent['actor']['kind'];
