/** OFD colours (GB/T 33190 §8.3) as CSS colour strings for the canvas. */
import type { OfdColor, OfdColorSpace } from './types.js';

const clamp = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));

/** Components scaled to 0–255 from `bits` per component. */
function scaled(components: readonly number[], bits: number): number[] {
  const max = 2 ** bits - 1;
  return components.map((c) => (bits === 8 ? c : (c * 255) / max));
}

function toRgb(components: readonly number[], type: string): [number, number, number] | undefined {
  const [a = 0, b = 0, c = 0, d = 0] = components;
  switch (type.toUpperCase()) {
    case 'GRAY':
      return [a, a, a];
    case 'CMYK': {
      const k = 1 - d / 255;
      return [255 * (1 - a / 255) * k, 255 * (1 - b / 255) * k, 255 * (1 - c / 255) * k];
    }
    case 'RGB':
      return components.length >= 3 ? [a, b, c] : undefined;
    default:
      return undefined;
  }
}

/**
 * `color` as `rgba(…)`, or `fallback` when it is absent or cannot be read. A colour naming a colour
 * space uses its type (GRAY, RGB, CMYK), bits per component and palette (`Index`); without one, the
 * number of components decides (1 gray, 3 RGB, 4 CMYK).
 */
export function cssColor(
  color: OfdColor | undefined,
  fallback: string,
  colorSpaces: ReadonlyMap<string, OfdColorSpace>,
): string {
  if (!color) return fallback;
  const space = color.colorSpace !== undefined ? colorSpaces.get(color.colorSpace) : undefined;
  let components = color.value;
  if (color.index !== undefined && space?.palette) components = space.palette[color.index];
  if (!components || components.length === 0 || components.some((c) => !Number.isFinite(c))) return fallback;
  const type = space?.type ?? (components.length === 1 ? 'GRAY' : components.length === 4 ? 'CMYK' : 'RGB');
  const rgb = toRgb(scaled(components, space?.bitsPerComponent ?? 8), type);
  if (!rgb) return fallback;
  const alpha = color.alpha === undefined ? 1 : Math.min(1, Math.max(0, color.alpha / 255));
  return `rgba(${rgb.map(clamp).join(',')},${alpha})`;
}
