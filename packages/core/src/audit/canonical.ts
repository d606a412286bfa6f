/**
 * Canonical JSON (sorted object keys, no insignificant white space, RFC 8785 style for the value
 * types we allow). The audit hash is computed over these bytes, so the same event always hashes the
 * same, whichever database returned it.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown, numbers: 'integers' | 'finite' = 'integers'): string {
  const recurse = (v: unknown) => canonicalJson(v, numbers);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // `finite`: ECMAScript number formatting, as RFC 8785 prescribes (signed forms). The audit trail
      // allows safe integers only, so an event hashes the same whatever database stored it.
      if (numbers === 'integers' ? !Number.isSafeInteger(value) : !Number.isFinite(value)) {
        throw new TypeError(`number not allowed in canonical JSON: ${value}`);
      }
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(recurse).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recurse(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`value not allowed in canonical JSON: ${typeof value}`);
  }
}
