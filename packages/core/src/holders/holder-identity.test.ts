import { describe, expect, test } from 'vitest';
import { citizenIdCheckCharacter, orgCodeCheckCharacter, usccCheckCharacter } from '@zhengyin/gm';
import type { AppError } from '../shared/app-error.js';
import { checkHolderIdentity, safeReturnTo } from './holder-identity.js';

const first17 = '61010219900307011';
const citizenId = `${first17}${citizenIdCheckCharacter(first17)}`;
const org = `MA6T0A01${orgCodeCheckCharacter('MA6T0A01')}`;
const uscc = `91610100${org}${usccCheckCharacter(`91610100${org}`)}`;

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'accepted';
};

describe('safeReturnTo', () => {
  test.each(['/', '/holder/licences', '/holder?tab=1#x', '/a/b%20c'])('%s is kept', (path) => {
    expect(safeReturnTo(path)).toBe(path);
  });
  test('missing → /', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo('')).toBe('/');
  });
  test.each([
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'holder',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '/a\nb',
    '/%E0%A4%A',
    `/${'a'.repeat(512)}`,
  ])('%j is refused', (path) => {
    expect(code(() => safeReturnTo(path))).toBe('HOLDER_RETURN_TO_INVALID');
  });
});

describe('checkHolderIdentity', () => {
  test('valid citizen ID and USCC are accepted and normalised', () => {
    expect(
      checkHolderIdentity({ holderCodeType: '111', holderCode: citizenId.toLowerCase(), name: ' 王小明 ' }),
    ).toEqual({
      holderCodeType: '111',
      holderCode: citizenId.toUpperCase(),
      name: '王小明',
    });
    expect(
      checkHolderIdentity({ holderCodeType: '001', holderCode: uscc, name: '示例公司' }).holderCode,
    ).toBe(uscc);
  });
  test.each([
    [
      'wrong check character',
      {
        holderCodeType: '111',
        holderCode: `${first17}${citizenIdCheckCharacter(first17) === '1' ? '2' : '1'}`,
        name: 'x',
      },
    ],
    ['USCC given as a citizen ID', { holderCodeType: '111', holderCode: uscc, name: 'x' }],
    ['unsupported type', { holderCodeType: '414', holderCode: 'E12345678', name: 'x' }],
    ['no type', { holderCodeType: null, holderCode: citizenId, name: 'x' }],
    ['no code', { holderCodeType: '001', holderCode: null, name: 'x' }],
    ['no name', { holderCodeType: '111', holderCode: citizenId, name: '  ' }],
  ])('%s is refused', (_n, identity) => {
    expect(code(() => checkHolderIdentity(identity))).toBe('HOLDER_IDENTITY_INVALID');
  });
});
