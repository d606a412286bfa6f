import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

/** One licence type version as the API shows it. */
export type LicenseTypeView = EndpointOutput<Endpoints['getLicenseType']>;
/** The editable part of a licence type (what create and update send). */
export type LicenseTypeContent = Omit<
  LicenseTypeView,
  | 'id'
  | 'typeCode'
  | 'version'
  | 'status'
  | 'departmentId'
  | 'regionCode'
  | 'reviewComment'
  | 'createdAt'
  | 'updatedAt'
  | 'publishedAt'
  | 'rowVersion'
  | 'fileFormat'
> & { fileFormat?: LicenseTypeView['fileFormat'] };
export type DataItem = LicenseTypeContent['dataItems'][number];
export type DataItemType = DataItem['type'];
export type CatalogStatus = LicenseTypeView['status'];
export type FileFormat = NonNullable<LicenseTypeContent['fileFormat']>;
export type HolderCodeType = LicenseTypeContent['holderCodeTypes'][number];

/** The content of a stored version, ready to be sent back with changes. */
export function contentOf(type: LicenseTypeView): LicenseTypeContent {
  return {
    name: type.name,
    definer: type.definer,
    holderCategory: type.holderCategory,
    holderCodeTypes: type.holderCodeTypes,
    validity: type.validity,
    dataItems: type.dataItems,
    faceTemplate: type.faceTemplate,
    sampleData: type.sampleData,
    sealId: type.sealId,
    fileFormat: type.fileFormat,
    serviceItems: type.serviceItems,
    sharing: type.sharing,
    issuerDepartmentIds: type.issuerDepartmentIds,
  };
}

export const typePath = (id: string) => `/console/catalog/${id}`;
export const designerPath = (id: string) => `/console/catalog/${id}/designer`;
