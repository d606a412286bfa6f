/**
 * A test seal picture: a red ring with a red disc near its top (so the tests can tell up from
 * down) on a transparent background.
 */
import { PNG } from 'pngjs';

export const SEAL_RED = [220, 30, 30] as const;

export function testSealPng(size = 300): Uint8Array {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const c = size / 2;
  const outer = size / 2 - 2;
  const inner = outer - size / 25;
  const markerY = size * 0.22;
  const markerR = size / 12;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const m = Math.hypot(x + 0.5 - c, y + 0.5 - markerY);
      const on = (d <= outer && d >= inner) || m <= markerR;
      const i = (y * size + x) * 4;
      png.data[i] = SEAL_RED[0];
      png.data[i + 1] = SEAL_RED[1];
      png.data[i + 2] = SEAL_RED[2];
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
