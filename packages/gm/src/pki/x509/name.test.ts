import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GmError } from '../../errors.js';
import { decodeName, encodeName, nameValue, namesMatch } from './name.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('X.509 names', () => {
  it('writes C as PrintableString and Chinese text as UTF8String', () => {
    const der = encodeName([
      { type: 'C', value: 'CN' },
      { type: 'CN', value: '张三' },
    ]);
    // SEQUENCE { SET { SEQ { 2.5.4.6, PrintableString "CN" } }, SET { SEQ { 2.5.4.3, UTF8String "张三" } } }
    expect(hex(der)).toBe(
      '301e' + '310b300906035504061302434e' + '310f300d06035504030c06' + Buffer.from('张三').toString('hex'),
    );
    const name = decodeName(der);
    expect(name.rdns.map((r) => r.map((a) => [a.shortName, a.value, a.stringType]))).toEqual([
      [['C', 'CN', 'PrintableString']],
      [['CN', '张三', 'UTF8String']],
    ]);
    expect(name.text).toBe('C=CN, CN=张三');
    expect(nameValue(name, 'CN')).toBe('张三');
  });

  it('keeps a multi-valued RDN together, members in DER order', () => {
    const name = decodeName(
      encodeName([
        [
          { type: 'OU', value: '电子证照' },
          { type: 'CN', value: '李四' },
        ],
      ]),
    );
    expect(name.rdns).toHaveLength(1);
    // CN (2.5.4.3) sorts before OU (2.5.4.11) by encoding.
    expect(name.rdns[0]?.map((a) => a.shortName)).toEqual(['CN', 'OU']);
    expect(name.text).toBe('CN=李四 + OU=电子证照');
  });

  it('escapes separators in the display form', () => {
    expect(decodeName(encodeName([{ type: 'O', value: 'A, B+C' }])).text).toBe('O=A\\, B\\+C');
  });

  it('decodes BMPString, UniversalString and TeletexString values', () => {
    const atv = (tag: number, value: Uint8Array) => {
      const body = Buffer.concat([Buffer.from('0603550403', 'hex'), Buffer.from([tag, value.length]), value]);
      const seq = Buffer.concat([Buffer.from([0x30, body.length]), body]);
      const set = Buffer.concat([Buffer.from([0x31, seq.length]), seq]);
      return new Uint8Array(Buffer.concat([Buffer.from([0x30, set.length]), set]));
    };
    expect(decodeName(atv(0x1e, new Uint8Array(Buffer.from('5f204e09', 'hex')))).rdns[0]?.[0]).toMatchObject({
      value: '张三',
      stringType: 'BMPString',
    });
    expect(
      decodeName(atv(0x1c, new Uint8Array(Buffer.from('00005f2000004e09', 'hex')))).rdns[0]?.[0]?.value,
    ).toBe('张三');
    expect(decodeName(atv(0x14, Uint8Array.of(0x4a, 0xe9))).rdns[0]?.[0]).toMatchObject({
      value: 'Jé',
      stringType: 'TeletexString',
    });
  });

  it('rejects invalid UTF-8, bad countries and unknown attribute types', () => {
    const body = Buffer.from('0603550403' + '0c02c328', 'hex');
    const seq = Buffer.concat([Buffer.from([0x30, body.length]), body]);
    const set = Buffer.concat([Buffer.from([0x31, seq.length]), seq]);
    const der = new Uint8Array(Buffer.concat([Buffer.from([0x30, set.length]), set]));
    expect(() => decodeName(der)).toThrow(expect.objectContaining({ code: 'GM_X509_INVALID_NAME' }));
    expect(() => encodeName([{ type: 'C', value: '中国' }])).toThrow(GmError);
    expect(() => encodeName([{ type: 'C', value: 'cn' }])).toThrow(
      expect.objectContaining({ code: 'GM_X509_INVALID_NAME' }),
    );
    expect(() => encodeName([{ type: 'XX', value: 'a' }])).toThrow(
      expect.objectContaining({ code: 'GM_X509_INVALID_NAME' }),
    );
    expect(() => encodeName([{ type: 'CN', value: '' }])).toThrow(
      expect.objectContaining({ code: 'GM_X509_INVALID_NAME' }),
    );
  });

  it('matches names across string types, case and whitespace, but not different values', () => {
    const a = decodeName(
      encodeName([
        { type: 'O', value: 'Zheng  Yin' },
        { type: 'CN', value: '张三' },
      ]),
    );
    const printable = decodeName(
      new Uint8Array(
        Buffer.from(
          '3026' +
            '31133011060355040a130a7a68656e672079696e20' +
            '310f300d06035504030c06' +
            Buffer.from('张三').toString('hex'),
          'hex',
        ),
      ),
    );
    expect(namesMatch(a, printable)).toBe(true);
    expect(
      namesMatch(
        a,
        decodeName(
          encodeName([
            { type: 'O', value: 'Zheng Yin' },
            { type: 'CN', value: '李四' },
          ]),
        ),
      ),
    ).toBe(false);
    expect(namesMatch(a, decodeName(encodeName([{ type: 'O', value: 'Zheng Yin' }])))).toBe(false);
  });

  it('round-trips arbitrary Unicode values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (values) => {
          const name = decodeName(encodeName(values.map((value) => ({ type: 'CN', value }))));
          expect(name.rdns.map((r) => r[0]?.value)).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });
});
