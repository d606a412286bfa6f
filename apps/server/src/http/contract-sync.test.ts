import { expect, test } from 'vitest';
import {
  BusinessPurpose,
  LICENSE_STATUS_VALUES,
  LicenseType,
  ROLES as CONTRACT_ROLES,
  SealStatus,
  SealType,
} from '@zhengyin/contract';
import {
  BUSINESS_PURPOSES,
  CATALOG_STATUSES,
  LICENSE_STATUSES,
  ROLES,
  SEAL_STATUSES,
  SEAL_TYPES,
} from '@zhengyin/core';

// The contract cannot import core (dependency rule), so it repeats the domain's enums; these must agree.
test('the contract’s enums equal the domain’s', () => {
  expect([...CONTRACT_ROLES]).toEqual([...ROLES]);
  expect(SealStatus.options).toEqual([...SEAL_STATUSES]);
  expect(SealType.options).toEqual([...SEAL_TYPES]);
  expect(BusinessPurpose.options).toEqual([...BUSINESS_PURPOSES]);
  expect(LicenseType.shape.status.options).toEqual([...CATALOG_STATUSES]);
  expect([...LICENSE_STATUS_VALUES]).toEqual([...LICENSE_STATUSES]);
});
