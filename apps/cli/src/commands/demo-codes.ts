import { citizenIdCheckCharacter, orgCodeCheckCharacter, usccCheckCharacter } from '@zhengyin/gm';

/** A valid 统一社会信用代码 built from registration type, area and an organisation-code body. */
export function demoUscc(prefix: string, area: string, orgBody: string): string {
  const org = `${orgBody}${orgCodeCheckCharacter(orgBody)}`;
  const first17 = `${prefix}${area}${org}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

/** A valid 公民身份号码: area, ISO birth date, a 3-digit sequence (odd for men, even for women). */
export function demoCitizenId(area: string, birthDate: string, sequence: string): string {
  const first17 = `${area}${birthDate.replaceAll('-', '')}${sequence}`;
  return `${first17}${citizenIdCheckCharacter(first17)}`;
}
