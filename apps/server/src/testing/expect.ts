import { expect } from 'vitest';
import { ApiError } from '@zhengyin/sdk';

/** Awaits a call that must fail and returns the API error. */
export async function rejected(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail'),
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(ApiError);
  return outcome as ApiError;
}
