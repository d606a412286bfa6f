/**
 * The one error type of the domain. `code` is a namespaced UPPER_SNAKE code from the registry in
 * packages/contract/src/errors.ts (docs/ERRORS.md); the HTTP layer maps it to a status.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: string,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? code);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
