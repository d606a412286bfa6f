import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OfdPackage } from './package.js';
import { writeOfdZip } from './zip-write.js';

const enc = (s: string) => new TextEncoder().encode(s);
const AT = new Date('2026-06-01T08:30:10Z'); // 16:30:10 in China

describe('writeOfdZip', () => {
  const xml = enc('<a>'.repeat(200) + '证照'.repeat(100));
  const png = new Uint8Array(300).map((_, i) => (i * 7) % 256);
  const bytes = writeOfdZip(
    [
      { name: 'OFD.xml', data: xml },
      { name: 'Doc_0/附件/许可证.json', data: enc('{"a":1}') },
      { name: 'Doc_0/Res/x.png', data: png, deflate: false },
    ],
    AT,
  );

  it('writes entries fflate and the OFD package reader read back, UTF-8 names included', () => {
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['OFD.xml', 'Doc_0/附件/许可证.json', 'Doc_0/Res/x.png']);
    expect(Buffer.compare(files['OFD.xml']!, xml)).toBe(0);
    const pkg = OfdPackage.open(bytes);
    expect(new TextDecoder().decode(pkg.read('Doc_0/附件/许可证.json'))).toBe('{"a":1}');
    expect(pkg.stored('Doc_0/Res/x.png')).toMatchObject({ method: 0, size: 300 });
    expect(pkg.stored('OFD.xml').method).toBe(8);
    expect(pkg.stored('OFD.xml').data.length).toBeLessThan(xml.length / 4);
  });

  it('stamps every entry with the given time (China time, 2-second steps)', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const time = view.getUint16(10, true);
    const date = view.getUint16(12, true);
    expect([date >> 9, (date >> 5) & 15, date & 31]).toEqual([2026 - 1980, 6, 1]);
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([16, 30, 10]);
  });

  it('copies a stored entry without touching its compressed bytes', () => {
    const pkg = OfdPackage.open(bytes);
    const copy = writeOfdZip(
      pkg.names().map((name) => ({ name, stored: pkg.stored(name) })),
      new Date('2027-01-01T00:00:00Z'),
    );
    const again = OfdPackage.open(copy);
    for (const name of pkg.names()) {
      expect(Buffer.compare(again.stored(name).data, pkg.stored(name).data), name).toBe(0);
      expect(Buffer.compare(again.read(name), pkg.read(name)), name).toBe(0);
    }
    // A copied entry with a wrong CRC is caught when read.
    const broken = writeOfdZip([{ name: 'OFD.xml', stored: { ...pkg.stored('OFD.xml'), crc: 1 } }], AT);
    expect(() => OfdPackage.open(broken).read('OFD.xml')).toThrow(/checksum/);
  });
});
