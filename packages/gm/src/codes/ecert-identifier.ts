import { GmError } from '../errors.js';
import { validateAreaCode } from './area-code.js';
import { mod37_36CheckCharacter } from './mod37-36.js';
import type { CodeCheckResult } from './result.js';
import { invalid } from './result.js';
import { validateUscc } from './uscc.js';

/**
 * 电子证照标识 (GB/T 36904): 1.2.156.3005.2.{type 21}.{issuer}.{serial}.{version 3}.{check},
 * check = ISO/IEC 7064 MOD 37,36 over type ‖ issuer ‖ serial ‖ version (STANDARDS §6).
 */

export const ECERT_IDENTIFIER_ROOT = '1.2.156.3005.2';
export const ECERT_IDENTIFIER_MAX_LENGTH = 128;

export interface EcertIdentifierParts {
  /** 证照类型代码: defining authority's USCC (18) + 3-digit sequence. */
  readonly typeCode: string;
  /** 证照颁发机构代码: the issuer's USCC. */
  readonly issuerCode: string;
  /** 流水号, [0-9A-Z]+. */
  readonly serial: string;
  /** 版本号, 1–999 (written as 3 digits). */
  readonly version: number | string;
}

export type EcertIdentifierReason =
  'FORMAT' | 'ROOT' | 'TYPE_CODE' | 'ISSUER_CODE' | 'VERSION' | 'CHECK_CHARACTER';

export interface EcertIdentifierDetails {
  readonly identifier: string;
  readonly typeCode: string;
  /** First 18 characters of the type code (the defining authority's USCC). */
  readonly definerCode: string;
  readonly issuerCode: string;
  /** How the issuer is identified; an area code is seen in practice but does not conform. */
  readonly issuerCodeKind: 'uscc' | 'area-code' | 'other';
  readonly serial: string;
  readonly version: string;
  readonly checkCharacter: string;
  /** Non-conformities tolerated in non-strict mode (invalid USCCs, non-USCC issuer). */
  readonly warnings: readonly string[];
}

export type EcertIdentifierResult = CodeCheckResult<EcertIdentifierDetails, EcertIdentifierReason>;

export interface EcertIdentifierOptions {
  /** Require valid USCCs for the definer and the issuer (default false: report them as warnings). */
  readonly strict?: boolean;
}

const SEGMENT = /^[0-9A-Z]+$/;

function formatVersion(version: number | string): string {
  const text = typeof version === 'number' ? String(version).padStart(3, '0') : version;
  if (!/^\d{3}$/.test(text) || text === '000') {
    throw new GmError('GM_CODE_INVALID_SEGMENT', 'version must be 001–999', { segment: 'version' });
  }
  return text;
}

export function ecertIdentifierCheckCharacter(parts: EcertIdentifierParts): string {
  return mod37_36CheckCharacter(
    parts.typeCode + parts.issuerCode + parts.serial + formatVersion(parts.version),
  );
}

/** Builds an identifier; throws GM_CODE_INVALID_SEGMENT for a malformed part. */
export function buildEcertIdentifier(parts: EcertIdentifierParts): string {
  const version = formatVersion(parts.version);
  const segments: Array<[string, string]> = [
    ['typeCode', parts.typeCode],
    ['issuerCode', parts.issuerCode],
    ['serial', parts.serial],
  ];
  for (const [name, value] of segments) {
    if (!SEGMENT.test(value)) {
      throw new GmError('GM_CODE_INVALID_SEGMENT', `${name} must be [0-9A-Z]+`, { segment: name });
    }
  }
  if (parts.typeCode.length !== 21) {
    throw new GmError('GM_CODE_INVALID_SEGMENT', 'typeCode must be 21 characters', { segment: 'typeCode' });
  }
  const check = mod37_36CheckCharacter(parts.typeCode + parts.issuerCode + parts.serial + version);
  const identifier = [
    ECERT_IDENTIFIER_ROOT,
    parts.typeCode,
    parts.issuerCode,
    parts.serial,
    version,
    check,
  ].join('.');
  if (identifier.length > ECERT_IDENTIFIER_MAX_LENGTH) {
    throw new GmError('GM_CODE_INVALID_SEGMENT', 'identifier longer than 128 characters', {
      segment: 'serial',
    });
  }
  return identifier;
}

/** Parses and validates an identifier (STANDARDS §6.2 parsing rules). */
export function parseEcertIdentifier(
  input: string,
  opts: EcertIdentifierOptions = {},
): EcertIdentifierResult {
  const identifier = input.trim();
  if (identifier.length > ECERT_IDENTIFIER_MAX_LENGTH) {
    return invalid('FORMAT', `identifier longer than ${ECERT_IDENTIFIER_MAX_LENGTH} characters`);
  }
  if (!identifier.startsWith(ECERT_IDENTIFIER_ROOT + '.')) {
    return invalid('ROOT', `identifier must start with ${ECERT_IDENTIFIER_ROOT}.`);
  }
  const parts = identifier.split('.');
  if (parts.length !== 10) {
    return invalid(
      'FORMAT',
      'identifier needs exactly type, issuer, serial, version and check after the root',
    );
  }
  const [typeCode, issuerCode, serial, version, checkCharacter] = parts.slice(5) as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (parts.slice(5).some((p) => !SEGMENT.test(p)) || checkCharacter.length !== 1) {
    return invalid('FORMAT', 'every segment must be [0-9A-Z]+ and the check a single character');
  }
  if (typeCode.length !== 21 || !/^\d{3}$/.test(typeCode.slice(18))) {
    return invalid('TYPE_CODE', 'type code must be a USCC (18) and 3 digits');
  }
  if (!/^\d{3}$/.test(version) || version === '000')
    return invalid('VERSION', 'version must be 3 digits, 001–999');
  const warnings: string[] = [];
  const definerCode = typeCode.slice(0, 18);
  if (!validateUscc(definerCode).valid) {
    if (opts.strict) return invalid('TYPE_CODE', 'type code does not start with a valid USCC');
    warnings.push('type code does not start with a valid USCC');
  }
  const issuerCodeKind = validateUscc(issuerCode).valid
    ? 'uscc'
    : validateAreaCode(issuerCode).valid
      ? 'area-code'
      : 'other';
  if (issuerCodeKind !== 'uscc') {
    if (opts.strict) return invalid('ISSUER_CODE', 'issuer code is not a valid USCC');
    warnings.push(`issuer code is not a valid USCC (${issuerCodeKind})`);
  }
  const expected = mod37_36CheckCharacter(typeCode + issuerCode + serial + version);
  if (checkCharacter !== expected)
    return invalid('CHECK_CHARACTER', 'identifier check character mismatch', expected);
  return {
    valid: true,
    identifier,
    typeCode,
    definerCode,
    issuerCode,
    issuerCodeKind,
    serial,
    version,
    checkCharacter,
    warnings,
  };
}

export const validateEcertIdentifier = parseEcertIdentifier;

/** The identifier of the next version of the same licence (new version, new check character). */
export function nextEcertIdentifierVersion(identifier: string): string {
  const parsed = parseEcertIdentifier(identifier);
  if (!parsed.valid) {
    throw new GmError('GM_CODE_INVALID', `not a valid identifier: ${parsed.message}`, {
      reason: parsed.reason,
    });
  }
  const next = Number(parsed.version) + 1;
  if (next > 999)
    throw new GmError('GM_CODE_INVALID_SEGMENT', 'version 999 cannot be incremented', { segment: 'version' });
  return buildEcertIdentifier({ ...parsed, version: next });
}
