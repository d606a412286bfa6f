import { describe, expect, it } from 'vitest';
import { cssColor } from './render-color.js';
import type { OfdColorSpace } from './types.js';

const spaces = new Map<string, OfdColorSpace>([
  ['gray', { id: 'gray', type: 'GRAY' }],
  ['cmyk', { id: 'cmyk', type: 'CMYK' }],
  ['rgb4', { id: 'rgb4', type: 'RGB', bitsPerComponent: 4 }],
  [
    'pal',
    {
      id: 'pal',
      type: 'RGB',
      palette: [
        [0, 0, 0],
        [200, 10, 20],
      ],
    },
  ],
]);

describe('cssColor', () => {
  it('reads RGB, gray and CMYK components (by colour space or by count)', () => {
    expect(cssColor({ value: [156, 82, 35] }, 'x', spaces)).toBe('rgba(156,82,35,1)');
    expect(cssColor({ value: [128] }, 'x', spaces)).toBe('rgba(128,128,128,1)');
    expect(cssColor({ value: [10], colorSpace: 'gray' }, 'x', spaces)).toBe('rgba(10,10,10,1)');
    expect(cssColor({ value: [0, 255, 255, 0], colorSpace: 'cmyk' }, 'x', spaces)).toBe('rgba(255,0,0,1)');
    expect(cssColor({ value: [0, 0, 0, 255] }, 'x', spaces)).toBe('rgba(0,0,0,1)');
  });

  it('scales other bit depths, picks palette entries and applies Alpha', () => {
    expect(cssColor({ value: [15, 0, 15], colorSpace: 'rgb4' }, 'x', spaces)).toBe('rgba(255,0,255,1)');
    expect(cssColor({ index: 1, colorSpace: 'pal' }, 'x', spaces)).toBe('rgba(200,10,20,1)');
    expect(cssColor({ value: [255, 0, 0], alpha: 51 }, 'x', spaces)).toBe('rgba(255,0,0,0.2)');
  });

  it('falls back when the colour is absent or unreadable', () => {
    expect(cssColor(undefined, 'fallback', spaces)).toBe('fallback');
    expect(cssColor({}, 'fallback', spaces)).toBe('fallback');
    expect(cssColor({ index: 7, colorSpace: 'pal' }, 'fallback', spaces)).toBe('fallback');
    expect(cssColor({ value: [1, 2], colorSpace: 'rgb-missing' }, 'fallback', spaces)).toBe('fallback');
    expect(cssColor({ value: [Number.NaN, 0, 0] }, 'fallback', spaces)).toBe('fallback');
  });
});
