import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { decodeStream } from './parse-filters.js';
import { PdfLexer } from './parse-lexer.js';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  decodeTextString,
  encodeTextString,
} from './parse-objects.js';
import type { PdfObject } from './parse-objects.js';
import { ByteWriter, formatNumber, writeIndirect, writeObject } from './write-objects.js';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const parse = (text: string): PdfObject => new PdfLexer(bytes(text)).parseObject();
const text = (value: PdfString): string => Buffer.from(value.bytes).toString('latin1');

function written(value: PdfObject): string {
  const w = new ByteWriter();
  writeObject(w, value);
  return Buffer.from(w.toBytes()).toString('latin1');
}

describe('PdfLexer', () => {
  it('reads names with #xx escapes, numbers and references', () => {
    expect((parse('/A#20B#2F') as PdfName).name).toBe('A B/');
    expect(parse('-12.5')).toBe(-12.5);
    expect(parse('.5')).toBe(0.5);
    expect(parse('+7')).toBe(7);
    const ref = parse('12 0 R') as PdfRef;
    expect([ref.num, ref.gen]).toEqual([12, 0]);
    expect(parse('[1 2 3 0 R 4]')).toEqual([1, 2, new PdfRef(3, 0), 4]);
    expect(parse('[1 2]')).toEqual([1, 2]);
    expect([parse('true'), parse('false'), parse('null')]).toEqual([true, false, null]);
  });

  it('reads literal strings: nesting, escapes, octal, line continuation, CR LF → LF', () => {
    expect(text(parse('(a(b)c)') as PdfString)).toBe('a(b)c');
    expect(text(parse('(\\(\\)\\\\\\n\\r\\t\\b\\f)') as PdfString)).toBe('()\\\n\r\t\b\f');
    expect(text(parse('(\\101\\7\\0531)') as PdfString)).toBe('A\x07+1');
    expect(text(parse('(one\\\ntwo)') as PdfString)).toBe('onetwo');
    expect(text(parse('(a\r\nb\rc)') as PdfString)).toBe('a\nb\nc');
  });

  it('reads hex strings with whitespace and an odd final digit', () => {
    const s = parse('<48 65 6C6C 6F7>') as PdfString;
    expect(text(s)).toBe('Hellop');
    expect(s.hex).toBe(true);
  });

  it('reads dictionaries in order, with comments', () => {
    const dict = parse('<< /Type /Page % comment\n /Kids [1 0 R] /N << /X 1 >> >>') as PdfDict;
    expect([...dict.entries.keys()]).toEqual(['Type', 'Kids', 'N']);
    expect((dict.get('N') as PdfDict).get('X')).toBe(1);
  });

  it('reads indirect objects and streams with direct and indirect /Length', () => {
    const lexer = new PdfLexer(bytes('7 0 obj\n<< /Length 5 >>\nstream\r\nhello\nendstream\nendobj\n'));
    const object = lexer.parseIndirectObject();
    expect(object.ref.num).toBe(7);
    expect(Buffer.from((object.value as PdfStream).data).toString()).toBe('hello');
    const indirect = new PdfLexer(bytes('8 0 obj << /Length 9 0 R >> stream\nabc\nendstream endobj'));
    const value = indirect.parseIndirectObject((ref) => (ref.num === 9 ? 3 : undefined)).value as PdfStream;
    expect(Buffer.from(value.data).toString()).toBe('abc');
  });

  it('refuses malformed syntax with PDF_MALFORMED and an offset', () => {
    for (const bad of [
      '<< /A >>',
      '<< 1 2 >>',
      '(unterminated',
      '[1 2',
      '<12 zz>',
      '/A#zz',
      'bogus',
      '1.2.3',
      '',
    ]) {
      let error: unknown;
      try {
        parse(bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(DocumentError);
      expect((error as DocumentError).code).toBe('PDF_MALFORMED');
    }
    const deep = '['.repeat(100) + ']'.repeat(100);
    expect(() => parse(deep)).toThrow(DocumentError);
    // A stream whose /Length does not end at "endstream".
    expect(() =>
      new PdfLexer(bytes('1 0 obj << /Length 2 >> stream\nabcdef\nendstream endobj')).parseIndirectObject(),
    ).toThrow(/Length/);
    expect(() => new PdfLexer(bytes('1 0 obj << >> 2 0 obj')).parseIndirectObject()).toThrow(/endobj/);
  });
});

describe('writer', () => {
  it('writes names, strings and numbers that read back the same', () => {
    const value = new PdfDict([
      ['Name', new PdfName('A B/#(x)')],
      ['Lit', new PdfString(bytes('a(b)\\c\r\n\x01'))],
      ['Hex', new PdfString(Uint8Array.of(0, 255, 16), true)],
      ['Num', [1, -2.5, 0.000001, 1e-9, 123456789]],
      ['Ref', new PdfRef(12, 3)],
      [
        'Nested',
        new PdfDict([
          ['Bool', true],
          ['Null', null],
        ]),
      ],
    ]);
    const out = written(value);
    expect(out).toContain('/A#20B#2F#23#28x#29');
    expect(out).toContain('<00FF10>');
    expect(out).not.toContain('e-');
    const back = parse(out) as PdfDict;
    expect((back.get('Name') as PdfName).name).toBe('A B/#(x)');
    expect((back.get('Lit') as PdfString).bytes).toEqual(bytes('a(b)\\c\r\n\x01'));
    expect((back.get('Hex') as PdfString).bytes).toEqual(Uint8Array.of(0, 255, 16));
    expect(back.get('Num')).toEqual([1, -2.5, 0.000001, 0, 123456789]);
    expect((back.get('Ref') as PdfRef).key).toBe('12 3');
    expect(formatNumber(-0.0000001)).toBe('0');
  });

  it('writes streams with their /Length', () => {
    const w = new ByteWriter();
    writeIndirect(w, new PdfRef(4, 0), new PdfStream(new PdfDict([['Length', 999]]), bytes('xyz')));
    const object = new PdfLexer(w.toBytes()).parseIndirectObject();
    expect(Buffer.from((object.value as PdfStream).data).toString()).toBe('xyz');
  });

  it('encodes text strings as PDFDocEncoding-compatible ASCII or UTF-16BE with BOM', () => {
    expect(encodeTextString('Seal 1').hex).toBe(false);
    const chinese = encodeTextString('合同专用章');
    expect([...chinese.bytes.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(decodeTextString(chinese.bytes)).toBe('合同专用章');
    expect(decodeTextString(Uint8Array.of(0xef, 0xbb, 0xbf, 0xe7, 0xab, 0xa0))).toBe('章');
  });
});

describe('stream filters', () => {
  it('inflates and undoes PNG predictors (None, Sub, Up, Average, Paeth)', () => {
    const columns = 4;
    const rows = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 9, 9, 9],
      [200, 100, 50, 25],
      [0, 255, 1, 254],
    ];
    const paeth = (a: number, b: number, c: number): number => {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    };
    const encoded: number[] = [];
    rows.forEach((row, r) => {
      const type = r % 5;
      encoded.push(type);
      const prev = rows[r - 1] ?? [0, 0, 0, 0];
      row.forEach((x, i) => {
        const left = i > 0 ? (row[i - 1] as number) : 0;
        const up = prev[i] as number;
        const upLeft = i > 0 ? (prev[i - 1] as number) : 0;
        const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type] as number;
        encoded.push((x - predicted) & 0xff);
      });
    });
    const stream = new PdfStream(
      new PdfDict([
        ['Filter', new PdfName('FlateDecode')],
        [
          'DecodeParms',
          new PdfDict([
            ['Predictor', 12],
            ['Columns', columns],
          ]),
        ],
      ]),
      new Uint8Array(deflateSync(Uint8Array.from(encoded))),
    );
    expect([...decodeStream(stream)]).toEqual(rows.flat());
  });

  it('refuses unsupported filters and corrupt data', () => {
    const lzw = new PdfStream(new PdfDict([['Filter', new PdfName('LZWDecode')]]), Uint8Array.of(1));
    expect(() => decodeStream(lzw)).toThrow(expect.objectContaining({ code: 'PDF_UNSUPPORTED' }));
    const corrupt = new PdfStream(
      new PdfDict([['Filter', new PdfName('FlateDecode')]]),
      Uint8Array.of(1, 2, 3),
    );
    expect(() => decodeStream(corrupt)).toThrow(expect.objectContaining({ code: 'PDF_MALFORMED' }));
  });
});
