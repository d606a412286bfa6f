import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

export type License = EndpointOutput<Endpoints['getLicense']>;
export type LicenseStatus = License['status'];
export type LicenseEvent = EndpointOutput<Endpoints['licenseHistory']>['events'][number];
export type LicenseType = EndpointOutput<Endpoints['getLicenseType']>;
export type DataItem = LicenseType['dataItems'][number];
export type ImportJob = EndpointOutput<Endpoints['getLicenseImport']>;
export type ImportColumns = EndpointOutput<Endpoints['licenseImportColumns']>;
export type AnnotatedCopy = EndpointOutput<Endpoints['listAnnotatedCopies']>['items'][number];
export type FileFormat = License['fileFormat'];
export type FileKind = 'pdf' | 'ofd';

/** The signed files a licence version has. */
export const fileKinds = (format: FileFormat): FileKind[] => (format === 'both' ? ['pdf', 'ofd'] : [format]);

export const LONG_TERM = '长期';
