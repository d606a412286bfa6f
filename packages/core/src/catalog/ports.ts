import type { Page, PageRequest } from '../shared/page.js';
import type { CatalogStatus, LicenseTypeVersion } from './types.js';

export interface LicenseTypeRepository {
  get(id: string): Promise<LicenseTypeVersion | null>;
  getForUpdate(id: string): Promise<LicenseTypeVersion | null>;
  /** Only the data items of a version (what masking needs), without reading the face template. */
  dataItems(id: string): Promise<LicenseTypeVersion['dataItems'] | null>;
  /** The published version of a type code, if any. */
  published(typeCode: string): Promise<LicenseTypeVersion | null>;
  latestVersion(typeCode: string): Promise<number>;
  insert(version: LicenseTypeVersion): Promise<void>;
  /** False when the stored row version is not `expectedRowVersion`. */
  update(version: LicenseTypeVersion, expectedRowVersion: number): Promise<boolean>;
  list(
    query: { q?: string; status?: CatalogStatus; prefixes?: string[] | null } & PageRequest,
  ): Promise<Page<LicenseTypeVersion>>;
}
