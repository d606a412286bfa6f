import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

export type Objection = EndpointOutput<Endpoints['getObjection']>;
export type ObjectionStatus = Objection['status'];
export type CalendarDay = EndpointOutput<Endpoints['listCalendarDays']>['items'][number];
