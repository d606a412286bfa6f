/** esID (seal code): the owner's six-digit area code followed by an eight-digit serial. */
export function formatSealCode(regionCode: string, serial: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new TypeError('region code must have six digits');
  if (!Number.isInteger(serial) || serial < 1 || serial > 99_999_999)
    throw new RangeError('serial out of range');
  return `${regionCode}${String(serial).padStart(8, '0')}`;
}

export const SEAL_CODE_PATTERN = /^\d{14}$/;
