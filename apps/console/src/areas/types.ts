import type { ReactNode } from 'react';
import type { RoleName } from '../session';

/** One entry of the staff menu: shown when the user holds one of `roles` (everyone when absent). */
export interface MenuEntry {
  /** Full path, e.g. /console/catalog */
  readonly path: string;
  readonly icon?: ReactNode;
  readonly label: readonly [zh: string, en: string];
  readonly roles?: readonly RoleName[];
}
