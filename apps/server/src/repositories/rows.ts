/** Small conversions shared by the repositories. */
export const toNumber = (v: string | number | bigint): number => Number(v);

export const json = (v: unknown): string => JSON.stringify(v);

/** Escapes LIKE wildcards in user search text. */
export const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function pageBounds(page: number, pageSize: number) {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

/** A PostgreSQL unique-constraint violation (SQLSTATE 23505), on either driver. */
export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
