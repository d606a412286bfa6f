import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

/** One line of the 应开通证照目录, with whether its type is opened (published for its department). */
export type ObligatoryEntry = EndpointOutput<Endpoints['listObligatoryEntries']>['items'][number];
export type ObligatoryCoverage = EndpointOutput<Endpoints['obligatoryCoverage']>;
/** One line of the 事项清单, with whether it accepts electronic licences. */
export type ServiceItem = EndpointOutput<Endpoints['listServiceItems']>['items'][number];

/** A service item code as the server accepts it (trimmed). */
export const SERVICE_ITEM_CODE = /^\s*[0-9A-Za-z][0-9A-Za-z._-]{0,63}\s*$/;

/** A yes / no filter of a list: all, only true, only false. */
export type Flag = 'all' | 'true' | 'false';

export const flagQuery = (flag: Flag): 'true' | 'false' | undefined => (flag === 'all' ? undefined : flag);

export interface Paging {
  readonly page: number;
  readonly pageSize: number;
}
