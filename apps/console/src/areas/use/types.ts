import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

export type UseListEntry = EndpointOutput<Endpoints['getUseListEntry']>;
export type UseListStatus = UseListEntry['status'];
export type UsageContext = EndpointOutput<Endpoints['getUsageContext']>;
export type IssuedUseCode = EndpointOutput<Endpoints['issueUseCode']>;
export type RedeemResult = EndpointOutput<Endpoints['redeemUseCode']>;
export type ShownLicense = EndpointOutput<Endpoints['scanShowToken']>;
export type LicenseType = EndpointOutput<Endpoints['getLicenseType']>;
export type DataItem = LicenseType['dataItems'][number];
