import { AppError } from '../shared/app-error.js';
import type { CatalogStatus } from './types.js';

export const CATALOG_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'publish', 'supersede'] as const;
export type CatalogAction = (typeof CATALOG_ACTIONS)[number];

/** draft → submitted → approved (by the region) → published; a rejection returns to draft. */
export const CATALOG_TRANSITIONS: Readonly<
  Record<CatalogAction, Partial<Record<CatalogStatus, CatalogStatus>>>
> = {
  edit: { draft: 'draft' },
  submit: { draft: 'submitted' },
  approve: { submitted: 'approved' },
  reject: { submitted: 'draft', approved: 'draft' },
  publish: { approved: 'published' },
  supersede: { published: 'superseded' },
};

export function nextCatalogStatus(status: CatalogStatus, action: CatalogAction): CatalogStatus {
  const next = CATALOG_TRANSITIONS[action][status];
  if (!next) {
    throw new AppError('CATALOG_INVALID_TRANSITION', `cannot ${action} a licence type that is ${status}`, {
      status,
      action,
    });
  }
  return next;
}
