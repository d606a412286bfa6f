import type { ComponentType, LazyExoticComponent } from 'react';
import { lazy } from 'react';
import { menu as admin } from './admin/menu';
import { menu as audit } from './audit/menu';
import { menu as catalog } from './catalog/menu';
import { menu as licenses } from './licenses/menu';
import { menu as metrics } from './metrics/menu';
import { menu as objections } from './objections/menu';
import { menu as seals } from './seals/menu';
import type { MenuEntry } from './types';
import { menu as use } from './use/menu';

export interface StaffArea {
  /** Path segment under /console. */
  readonly base: string;
  readonly menu: readonly MenuEntry[];
  /** The area's own routes (loaded on first visit). */
  readonly Routes: LazyExoticComponent<ComponentType>;
}

/** Every area of the staff console, in menu order. */
export const staffAreas: readonly StaffArea[] = [
  { base: 'catalog', menu: catalog, Routes: lazy(() => import('./catalog/routes')) },
  { base: 'licenses', menu: licenses, Routes: lazy(() => import('./licenses/routes')) },
  { base: 'use', menu: use, Routes: lazy(() => import('./use/routes')) },
  { base: 'objections', menu: objections, Routes: lazy(() => import('./objections/routes')) },
  { base: 'seals', menu: seals, Routes: lazy(() => import('./seals/routes')) },
  { base: 'metrics', menu: metrics, Routes: lazy(() => import('./metrics/routes')) },
  { base: 'audit', menu: audit, Routes: lazy(() => import('./audit/routes')) },
  { base: 'admin', menu: admin, Routes: lazy(() => import('./admin/routes')) },
];

export const HolderRoutes = lazy(() => import('./holder/routes'));
export const PublicRoutes = lazy(() => import('./public/routes'));
