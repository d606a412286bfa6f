import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { validateAreaCode } from './area-code.js';
import { citizenIdCheckCharacter, convertCitizenId15To18, validateCitizenId } from './citizen-id.js';
import { checkCode } from './detect.js';
import {
  buildEcertIdentifier,
  nextEcertIdentifierVersion,
  parseEcertIdentifier,
  validateEcertIdentifier,
} from './ecert-identifier.js';
import { mod37_36CheckCharacter, mod37_36IsValid } from './mod37-36.js';
import { orgCodeCheckCharacter, validateOrgCode } from './org-code.js';
import { USCC_ALPHABET, usccCheckCharacter, validateUscc } from './uscc.js';

interface Vectors {
  uscc: {
    alphabet: string;
    weights: number[];
    valid: Array<{ code: string }>;
    invalid: Array<{ code: string; expected_check_character: string | null }>;
  };
  citizen_id: {
    valid: Array<{ id: string }>;
    invalid: Array<{ id: string; checksum_ok: boolean; expected_check_character: string }>;
  };
  ecert_identifier: {
    algorithm_cross_check: { input: string; check_character: string };
    valid: Array<{
      identifier: string;
      type_code: string;
      issuer_code: string;
      serial: string;
      version: string;
      check_character: string;
      check_input: string;
    }>;
    invalid: Array<{ identifier: string; expected_check_character: string }>;
  };
}

const v = JSON.parse(
  readFileSync(new URL('../../../../../shared/fixtures/vectors/sm-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

const today = new Date(2026, 10, 1);

describe('统一社会信用代码 (GB 32100)', () => {
  it('uses the alphabet of the vector file', () => {
    expect(USCC_ALPHABET).toBe(v.uscc.alphabet);
  });

  it.each(v.uscc.valid.map((x) => x.code))('accepts %s', (code) => {
    const result = validateUscc(code);
    expect(result).toMatchObject({
      valid: true,
      code,
      areaCode: code.slice(2, 8),
      orgCode: code.slice(8, 17),
    });
    expect(validateOrgCode(code.slice(8, 17)).valid).toBe(true);
  });

  it.each(v.uscc.invalid.map((x) => [x.code, x.expected_check_character] as const))(
    'rejects %s',
    (code, expected) => {
      const result = validateUscc(code);
      expect(result.valid).toBe(false);
      if (expected === null) expect(result).toMatchObject({ reason: 'FORMAT' });
      else expect(result).toMatchObject({ reason: 'CHECK_CHARACTER', expected });
    },
  );

  it('reproduces the §15.1 worked example (Σ = 1261 → A) and names the parts', () => {
    const body = '91350200776049653';
    const sum = [...body].reduce(
      (s, c, i) => s + USCC_ALPHABET.indexOf(c) * (v.uscc.weights[i] as number),
      0,
    );
    expect(sum).toBe(1261);
    expect(usccCheckCharacter(body)).toBe('A');
    expect(validateUscc('91350200776049653A')).toMatchObject({
      registrationAuthorityName: '市场监管',
      categoryName: '企业',
      areaCode: '350200',
    });
    expect(validateUscc('11100000000013338W')).toMatchObject({
      registrationAuthorityName: '机构编制',
      categoryName: '机关',
    });
  });

  it('distinguishes format, authority, check and embedded organisation-code failures', () => {
    expect(validateUscc('9135020077604965')).toMatchObject({ valid: false, reason: 'FORMAT' });
    expect(validateUscc('91350200776049653I')).toMatchObject({ valid: false, reason: 'FORMAT' });
    expect(validateUscc('913502A0776049653A')).toMatchObject({ valid: false, reason: 'FORMAT' });
    const bBody = 'B1350200776049653';
    expect(validateUscc(bBody + usccCheckCharacter(bBody))).toMatchObject({
      valid: false,
      reason: 'REGISTRATION_AUTHORITY',
    });
    // Change the organisation-code check (position 17) and repair the USCC check character.
    const orgBroken = '91350200776049650';
    const code = orgBroken + usccCheckCharacter(orgBroken);
    expect(validateUscc(code)).toMatchObject({ valid: false, reason: 'ORG_CODE_CHECK', expected: '3' });
    expect(validateUscc(code, { checkOrgCode: false }).valid).toBe(true);
    expect(validateUscc(' 91350200776049653a ').valid).toBe(true);
  });

  it('detects every single-character substitution (property)', () => {
    const valid = v.uscc.valid.map((x) => x.code);
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(17), fc.nat(30), (code, at, shift) => {
        const old = USCC_ALPHABET.indexOf(code[at] as string);
        const replacement = USCC_ALPHABET[(old + 1 + (shift % 30)) % 31] as string;
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(validateUscc(changed).valid).toBe(false);
      }),
    );
  });
});

describe('组织机构代码 (GB 11714)', () => {
  it('computes check characters including X and 0', () => {
    expect(orgCodeCheckCharacter('77604965')).toBe('3');
    expect(validateOrgCode('77604965-3')).toEqual({ valid: true, code: '776049653' });
    expect(validateOrgCode('MA2EDMFU5').valid).toBe(true);
    // Σ = 6·2 = 12 ≡ 1 → 11 − 1 = 10 → X; Σ = 0 → 11 → 0.
    expect(orgCodeCheckCharacter('00000006')).toBe('X');
    expect(orgCodeCheckCharacter('00000000')).toBe('0');
    expect(orgCodeCheckCharacter('MA202UKD')).toBe('7');
    expect(validateOrgCode('776049654')).toEqual({
      valid: false,
      reason: 'CHECK_CHARACTER',
      expected: '3',
      message: expect.any(String),
    });
    expect(validateOrgCode('7760496')).toMatchObject({ valid: false, reason: 'FORMAT' });
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{8}$/), (body) => {
        const check = orgCodeCheckCharacter(body);
        expect(check).toMatch(/^[0-9X]$/);
        expect(validateOrgCode(body + check).valid).toBe(true);
      }),
    );
  });
});

describe('公民身份号码 (GB 11643)', () => {
  it.each(v.citizen_id.valid.map((x) => x.id))('accepts %s', (id) => {
    expect(validateCitizenId(id, { today })).toMatchObject({ valid: true, id, areaCode: id.slice(0, 6) });
  });

  it.each(v.citizen_id.invalid.map((x) => [x.id, x] as const))('rejects %s', (id, x) => {
    const result = validateCitizenId(id, { today });
    if (x.checksum_ok) expect(result).toMatchObject({ valid: false, reason: 'BIRTH_DATE' });
    else
      expect(result).toMatchObject({
        valid: false,
        reason: 'CHECK_CHARACTER',
        expected: x.expected_check_character,
      });
    expect(citizenIdCheckCharacter(id.slice(0, 17))).toBe(x.expected_check_character);
  });

  it('reports sex, birth date and lower-case x; reproduces §15.2 (Σ = 167, r = 2 → X)', () => {
    expect(validateCitizenId('11010519491231002x', { today })).toMatchObject({
      valid: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(validateCitizenId('440524188001010014', { today })).toMatchObject({
      sex: 'male',
      birthDate: '1880-01-01',
    });
  });

  it('rejects impossible, future and too-early birth dates, unknown provinces and bad formats', () => {
    const make = (first17: string) => first17 + citizenIdCheckCharacter(first17);
    expect(validateCitizenId(make('11010520000229001'), { today }).valid).toBe(true);
    expect(validateCitizenId(make('11010519000229001'), { today })).toMatchObject({ reason: 'BIRTH_DATE' });
    expect(validateCitizenId(make('11010520270101001'), { today })).toMatchObject({ reason: 'BIRTH_DATE' });
    expect(validateCitizenId(make('11010517991231001'), { today })).toMatchObject({ reason: 'BIRTH_DATE' });
    expect(validateCitizenId(make('11010519491300001'), { today })).toMatchObject({ reason: 'BIRTH_DATE' });
    expect(validateCitizenId(make('99010519491231001'), { today })).toMatchObject({ reason: 'AREA_CODE' });
    expect(validateCitizenId('1101051949123100', { today })).toMatchObject({ reason: 'FORMAT' });
    expect(validateCitizenId('11010519491231002Y', { today })).toMatchObject({ reason: 'FORMAT' });
  });

  it('converts legacy 15-digit numbers to 18 digits', () => {
    expect(convertCitizenId15To18('110105491231002')).toBe('11010519491231002X');
    expect(convertCitizenId15To18('440524800101001')).toBe('440524198001010013');
    expect(validateCitizenId('110105491231002', { today, allowLegacy15: true })).toMatchObject({
      valid: true,
      id: '11010519491231002X',
      convertedFrom15: true,
    });
    expect(validateCitizenId('110105491231002', { today }).valid).toBe(false);
    expect(() => convertCitizenId15To18('110105490231002')).toThrow(GmError);
    expect(() => convertCitizenId15To18('11010549123100')).toThrow(GmError);
  });
});

describe('ISO/IEC 7064 MOD 37,36 and GB/T 36904 identifiers', () => {
  it('reproduces the GRid cross-check example', () => {
    const { input, check_character } = v.ecert_identifier.algorithm_cross_check;
    expect(mod37_36CheckCharacter(input)).toBe(check_character);
    expect(mod37_36IsValid(input + check_character)).toBe(true);
    expect(mod37_36IsValid(input + 'N')).toBe(false);
  });

  it.each(v.ecert_identifier.valid.map((x) => [x.identifier, x] as const))(
    'parses and rebuilds %s',
    (identifier, x) => {
      expect(mod37_36CheckCharacter(x.check_input)).toBe(x.check_character);
      const parsed = parseEcertIdentifier(identifier);
      expect(parsed).toMatchObject({
        valid: true,
        typeCode: x.type_code,
        issuerCode: x.issuer_code,
        serial: x.serial,
        version: x.version,
        checkCharacter: x.check_character,
      });
      expect(
        buildEcertIdentifier({
          typeCode: x.type_code,
          issuerCode: x.issuer_code,
          serial: x.serial,
          version: x.version,
        }),
      ).toBe(identifier);
    },
  );

  it('flags the Hefei area-code issuer as non-conformant (warning; invalid when strict)', () => {
    const hefei = '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9';
    const parsed = parseEcertIdentifier(hefei);
    expect(parsed).toMatchObject({ valid: true, issuerCodeKind: 'area-code' });
    expect(parsed.valid && parsed.warnings.length).toBe(1);
    expect(parseEcertIdentifier(hefei, { strict: true })).toMatchObject({
      valid: false,
      reason: 'ISSUER_CODE',
    });
    const jilin = '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F';
    expect(parseEcertIdentifier(jilin, { strict: true })).toMatchObject({ valid: true, warnings: [] });
  });

  it.each(v.ecert_identifier.invalid.map((x) => [x.identifier, x.expected_check_character] as const))(
    'rejects %s',
    (identifier, expected) => {
      expect(validateEcertIdentifier(identifier)).toMatchObject({
        valid: false,
        reason: 'CHECK_CHARACTER',
        expected,
      });
    },
  );

  it('rejects the public-code bugs listed in §6 and malformed identifiers', () => {
    const good = '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U';
    expect(parseEcertIdentifier(good.replace('3005', '3003'))).toMatchObject({ reason: 'ROOT' });
    expect(parseEcertIdentifier(good.replace('.001.U', '.01.U'))).toMatchObject({ reason: 'VERSION' });
    expect(parseEcertIdentifier(good.replace('.001.U', '.000.U'))).toMatchObject({ reason: 'VERSION' });
    expect(parseEcertIdentifier(good.replace('W011', 'W01'))).toMatchObject({ reason: 'TYPE_CODE' });
    expect(parseEcertIdentifier(good.replace('20230000403', '2023.0000403'))).toMatchObject({
      reason: 'FORMAT',
    });
    expect(parseEcertIdentifier(good.replace('20230000403', '2023000040a'))).toMatchObject({
      reason: 'FORMAT',
    });
    expect(parseEcertIdentifier(good.replace('.U', '.UU'))).toMatchObject({ reason: 'FORMAT' });
    expect(parseEcertIdentifier(good + '.X')).toMatchObject({ reason: 'FORMAT' });
    expect(parseEcertIdentifier(good.replace('20230000403', 'A'.repeat(80)))).toMatchObject({
      reason: 'FORMAT',
    });
    expect(parseEcertIdentifier('')).toMatchObject({ reason: 'ROOT' });
  });

  it('builds the next version with a new check character, and refuses bad segments', () => {
    expect(
      nextEcertIdentifierVersion('1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U'),
    ).toBe('1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S');
    const parts = {
      typeCode: '11100000000013338W011',
      issuerCode: '11430000006122244L',
      serial: '1',
      version: 1,
    };
    expect(buildEcertIdentifier(parts)).toMatch(/\.001\.[0-9A-Z]$/);
    for (const bad of [
      { serial: 'a1' },
      { serial: '' },
      { version: 0 },
      { version: 1000 },
      { typeCode: '111' },
    ]) {
      expect(() => buildEcertIdentifier({ ...parts, ...bad })).toThrow(GmError);
    }
    expect(() => nextEcertIdentifierVersion(buildEcertIdentifier({ ...parts, version: 999 }))).toThrow(
      GmError,
    );
  });

  it('detects any single substitution in built identifiers (property)', () => {
    const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,20}$/), fc.nat(), fc.nat(34), (serial, at, shift) => {
        const id = buildEcertIdentifier({
          typeCode: '11100000000013338W011',
          issuerCode: '11430000006122244L',
          serial,
          version: 1,
        });
        expect(parseEcertIdentifier(id).valid).toBe(true);
        const start = id.length - 6 - serial.length;
        const i = start + (at % serial.length);
        const replacement = alnum[(alnum.indexOf(id[i] as string) + 1 + shift) % 36] as string;
        expect(parseEcertIdentifier(id.slice(0, i) + replacement + id.slice(i + 1)).valid).toBe(false);
      }),
    );
  });
});

describe('GB/T 2260 area codes', () => {
  it('derives level and parent', () => {
    expect(validateAreaCode('110105')).toMatchObject({
      valid: true,
      level: 'county',
      parent: '110100',
      provinceName: '北京市',
    });
    expect(validateAreaCode('340100')).toMatchObject({ valid: true, level: 'city', parent: '340000' });
    expect(validateAreaCode('220000')).toMatchObject({ valid: true, level: 'province', parent: null });
  });

  it('rejects bad formats, unknown provinces and county parts without a city', () => {
    expect(validateAreaCode('11010')).toMatchObject({ valid: false, reason: 'FORMAT' });
    expect(validateAreaCode('1101a5')).toMatchObject({ valid: false, reason: 'FORMAT' });
    expect(validateAreaCode('990000')).toMatchObject({ valid: false, reason: 'PROVINCE' });
    expect(validateAreaCode('100000')).toMatchObject({ valid: false, reason: 'PROVINCE' });
    expect(validateAreaCode('110005')).toMatchObject({ valid: false, reason: 'STRUCTURE' });
  });
});

describe('checkCode', () => {
  it('identifies each kind of code', () => {
    expect(checkCode('91350200776049653A')[0]).toMatchObject({ kind: 'uscc', result: { valid: true } });
    expect(checkCode('11010519491231002X', { today })[0]).toMatchObject({
      kind: 'citizen-id',
      result: { valid: true },
    });
    expect(checkCode('913502000728319549', { today })[0]).toMatchObject({
      kind: 'uscc',
      result: { valid: true },
    });
    expect(
      checkCode('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F')[0],
    ).toMatchObject({
      kind: 'ecert-identifier',
      result: { valid: true },
    });
    expect(checkCode('776049653')[0]).toMatchObject({ kind: 'org-code', result: { valid: true } });
    expect(checkCode('110105')[0]).toMatchObject({ kind: 'area-code', result: { valid: true } });
    expect(checkCode('91350200776049653B').every((c) => !c.result.valid)).toBe(true);
    expect(checkCode('hello')).toEqual([]);
  });
});
