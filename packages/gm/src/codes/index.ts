export type { CodeCheckResult } from './result.js';
export { validateUscc, usccCheckCharacter, USCC_ALPHABET, USCC_REGISTRATION_AUTHORITIES } from './uscc.js';
export type { UsccDetails, UsccOptions, UsccReason, UsccResult } from './uscc.js';
export { validateOrgCode, orgCodeCheckCharacter } from './org-code.js';
export type { OrgCodeReason, OrgCodeResult } from './org-code.js';
export { validateCitizenId, citizenIdCheckCharacter, convertCitizenId15To18 } from './citizen-id.js';
export type { CitizenIdDetails, CitizenIdOptions, CitizenIdReason, CitizenIdResult } from './citizen-id.js';
export { validateAreaCode, PROVINCES } from './area-code.js';
export type { AreaCodeDetails, AreaCodeLevel, AreaCodeReason, AreaCodeResult } from './area-code.js';
export { mod37_36CheckCharacter, mod37_36IsValid } from './mod37-36.js';
export {
  ECERT_IDENTIFIER_MAX_LENGTH,
  ECERT_IDENTIFIER_ROOT,
  buildEcertIdentifier,
  ecertIdentifierCheckCharacter,
  nextEcertIdentifierVersion,
  parseEcertIdentifier,
  validateEcertIdentifier,
} from './ecert-identifier.js';
export type {
  EcertIdentifierDetails,
  EcertIdentifierOptions,
  EcertIdentifierParts,
  EcertIdentifierReason,
  EcertIdentifierResult,
} from './ecert-identifier.js';
export { checkCode } from './detect.js';
export type { CodeCheck } from './detect.js';
