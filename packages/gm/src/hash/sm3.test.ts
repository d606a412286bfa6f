import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSm3, sm3, sm3Hex } from './sm3.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/fixtures/vectors/sm-vectors.json', import.meta.url), 'utf8'),
) as { sm3: Array<{ name: string; message_ascii: string; message_hex: string; digest_hex: string }> };

describe('SM3 (GB/T 32905 Annex A)', () => {
  it.each(vectors.sm3.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(sm3Hex(Buffer.from(v.message_hex, 'hex'))).toBe(v.digest_hex.toLowerCase());
    expect(sm3Hex(v.message_ascii)).toBe(v.digest_hex.toLowerCase());
    expect(Buffer.from(sm3(v.message_ascii)).toString('hex')).toBe(v.digest_hex.toLowerCase());
  });

  it('hashes split input the same as joined input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (data, cut) => {
        const at = cut % (data.length + 1);
        const whole = sm3Hex(data);
        expect(sm3Hex(data.subarray(0, at), data.subarray(at))).toBe(whole);
        expect(
          Buffer.from(createSm3().update(data.subarray(0, at)).update(data.subarray(at)).digest()).toString(
            'hex',
          ),
        ).toBe(whole);
      }),
    );
  });

  it('matches `openssl dgst -sm3` on a 1 MiB input and differs after one flipped bit', () => {
    const data = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 0xff);
    const out = execFileSync('openssl', ['dgst', '-sm3', '-r'], { input: data, encoding: 'utf8' });
    expect(sm3Hex(data)).toBe(out.split(' ')[0]);
    data[12345] = (data[12345] as number) ^ 1;
    expect(sm3Hex(data)).not.toBe(out.split(' ')[0]);
  });
});
