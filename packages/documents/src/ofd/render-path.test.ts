import { describe, expect, it } from 'vitest';
import { abbreviatedToSvg, ofdPath2D } from './render-path.js';

describe('abbreviatedToSvg', () => {
  it('maps every OFD command to its SVG counterpart', () => {
    expect(abbreviatedToSvg('S 0 0 L 10 0 Q 12 1 14 5 B 1 2 3 4 5 6 A 5 4 30 1 0 20 20 C')).toBe(
      'M0 0 L10 0 Q12 1 14 5 C1 2 3 4 5 6 A5 4 30 1 0 20 20 Z',
    );
  });

  it('reads the numbers real files write (decimals, exponents, signs, commas, no spaces)', () => {
    expect(abbreviatedToSvg('M 10.07 5.54 L-1.5,2e-1 L .5 +3')).toBe('M10.07 5.54 L-1.5 0.2 L0.5 3');
  });

  it('repeats a command for extra operand pairs, as SVG does', () => {
    expect(abbreviatedToSvg('M 0 0 L 1 1 2 2 3 3')).toBe('M0 0 L1 1 L2 2 L3 3');
  });

  it('normalises arc flags to 0/1 and starts a path without a move at the origin', () => {
    expect(abbreviatedToSvg('A 5 5 0 2 -1 10 0')).toBe('M0 0 A5 5 0 1 1 10 0');
    expect(abbreviatedToSvg('L 3 4')).toBe('M0 0 L3 4');
  });

  it('refuses malformed data instead of drawing half a path', () => {
    for (const bad of [
      'M 0 0 L 1',
      'M 0 0 X 1 1',
      'M 0 0 L a b',
      '1 2 3',
      'M 0 0 L 1 1 #',
      'M 0 0 B 1 2 3 4 5',
    ]) {
      expect(abbreviatedToSvg(bad), bad).toBeUndefined();
    }
    expect(abbreviatedToSvg('')).toBeUndefined();
    expect(abbreviatedToSvg('C')).toBeUndefined();
    expect(ofdPath2D('M 0 0 L 1')).toBeUndefined();
  });

  it('gives a Path2D covering what the data describes', () => {
    const path = ofdPath2D('M 0 0 L 10 0 L 10 5 L 0 5 C');
    expect(path).toBeDefined();
    const bounds = path!.getBounds();
    expect([bounds[0], bounds[1], bounds[2], bounds[3]]).toEqual([0, 0, 10, 5]);
  });
});
