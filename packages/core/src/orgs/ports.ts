import type { Page, PageRequest } from '../shared/page.js';
import type { RegionLevel } from './region-code.js';

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
  readonly active: boolean;
}

export interface Contact {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly uscc: string;
  readonly regionCode: string;
  readonly parentId: string | null;
  readonly contact: Contact;
  readonly active: boolean;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Onboarding {
  readonly id: string;
  readonly departmentId: string;
  readonly onboardedOn: string;
  readonly systems: string[];
  readonly note: string | null;
  readonly createdAt: Date;
}

export interface RegionRepository {
  get(code: string): Promise<Region | null>;
  insert(region: Region, at: Date): Promise<void>;
  update(region: Region, at: Date): Promise<void>;
  list(
    q: { parentCode?: string; q?: string; prefixes?: string[] | null } & PageRequest,
  ): Promise<Page<Region>>;
}

export interface DepartmentRepository {
  get(id: string): Promise<Department | null>;
  getByUscc(uscc: string): Promise<Department | null>;
  insert(department: Department): Promise<void>;
  /** Writes when the stored version is `expectedVersion`; false when someone else changed it. */
  update(department: Department, expectedVersion: number): Promise<boolean>;
  list(
    q: { q?: string; regionCode?: string; active?: boolean; prefixes?: string[] | null } & PageRequest,
  ): Promise<Page<Department>>;
  insertOnboarding(onboarding: Onboarding): Promise<void>;
  listOnboardings(departmentId: string): Promise<Onboarding[]>;
}
