import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GmError } from '../errors.js';
import {
  bitStringTime,
  formatGeneralizedTime,
  generalizedTime,
  parseGeneralizedTime,
  parseTextTime,
  parseUtcTime,
} from './time.js';

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

describe('SES time texts', () => {
  test.each([
    ['20191024000000Z', '2019-10-24T00:00:00.000Z'],
    ['20200723130907.763Z', '2020-07-23T13:09:07.763Z'],
    ['20200723130907,5Z', '2020-07-23T13:09:07.500Z'],
    // No zone: read as UTC (real seals write local time; the text on file is what is compared).
    ['20221031141634', '2022-10-31T14:16:34.000Z'],
    ['20200101120000+0800', '2020-01-01T04:00:00.000Z'],
    ['20200101000000-0130', '2020-01-01T01:30:00.000Z'],
    ['2020013112Z', '2020-01-31T12:00:00.000Z'],
    ['20240229000000Z', '2024-02-29T00:00:00.000Z'],
  ])('GeneralizedTime %s → %s', (text, expected) => {
    expect(iso(parseGeneralizedTime(text))).toBe(expected);
  });

  test.each([
    '20230229000000Z',
    '20240231000000Z',
    '20201301000000Z',
    '20200100000000Z',
    '20200101240000Z',
    '20200101006000Z',
    '2020',
    '',
    'yesterday',
    '20200101000000+2400',
    '2020-01-01T00:00:00Z',
  ])('GeneralizedTime %j is not a time', (text) => {
    expect(parseGeneralizedTime(text)).toBeUndefined();
  });

  test.each([
    ['191218125346Z', '2019-12-18T12:53:46.000Z'],
    ['491231235959Z', '2049-12-31T23:59:59.000Z'],
    ['500101000000Z', '1950-01-01T00:00:00.000Z'],
    ['1912181253Z', '2019-12-18T12:53:00.000Z'],
    ['191218125346+0800', '2019-12-18T04:53:46.000Z'],
  ])('UTCTime %s → %s (YY < 50 is 20YY)', (text, expected) => {
    expect(iso(parseUtcTime(text))).toBe(expected);
  });

  test.each(['19121812534', '191318125346Z', '20191218125346Z', 'abc'])(
    'UTCTime %j is not a time',
    (text) => {
      expect(parseUtcTime(text)).toBeUndefined();
    },
  );

  test.each([
    ['2020-01-25T07:31:56.377Z', '2020-01-25T07:31:56.377Z'],
    ['2021-05-19 20:53:44', '2021-05-19T20:53:44.000Z'],
    ['2020-01-25T15:31:56+08:00', '2020-01-25T07:31:56.000Z'],
    ['2020-01-25T15:31', '2020-01-25T15:31:00.000Z'],
    [' 20200723130907.763Z ', '2020-07-23T13:09:07.763Z'],
  ])('text time %j → %s', (text, expected) => {
    expect(iso(parseTextTime(text))).toBe(expected);
  });

  test('a BIT STRING time keeps text and bytes; binary content has no text or date', () => {
    const text = bitStringTime(new TextEncoder().encode('2020-01-25T07:31:56.377Z'));
    expect(text).toMatchObject({ form: 'BitString', text: '2020-01-25T07:31:56.377Z' });
    expect(iso(text.date)).toBe('2020-01-25T07:31:56.377Z');
    const binary = bitStringTime(Uint8Array.of(0x30, 0x82, 0x01, 0x00));
    expect(binary).toMatchObject({ form: 'BitString', text: '', date: undefined });
    expect(binary.bytes).toEqual(Uint8Array.of(0x30, 0x82, 0x01, 0x00));
  });

  test('formatGeneralizedTime writes whole seconds in UTC and rejects impossible dates', () => {
    expect(formatGeneralizedTime(new Date('2020-07-23T13:09:07.763Z'))).toBe('20200723130907Z');
    expect(formatGeneralizedTime(new Date('0099-01-02T03:04:05Z'))).toBe('00990102030405Z');
    expect(generalizedTime(new Date('2026-08-04T02:08:09.999Z'))).toEqual({
      form: 'GeneralizedTime',
      text: '20260804020809Z',
      date: new Date('2026-08-04T02:08:09Z'),
    });
    expect(() => formatGeneralizedTime(new Date(Number.NaN))).toThrow(GmError);
    expect(() => formatGeneralizedTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'GM_SES_INVALID_FIELD' }),
    );
  });

  test('property: format then parse is the identity to the second', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
          expect(parseGeneralizedTime(formatGeneralizedTime(d))).toEqual(whole);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('property: arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        for (const parse of [parseGeneralizedTime, parseUtcTime, parseTextTime]) {
          const d = parse(s);
          if (d !== undefined) expect(Number.isNaN(d.getTime())).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
