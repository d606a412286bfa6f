import jsQR from 'jsqr';

/** Large photos are scaled down first: decoding stays fast and QR codes remain readable. */
const MAX_SIDE = 1600;

function decodeCanvas(source: CanvasImageSource, width: number, height: number): string | null {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, w, h);
  const image = ctx.getImageData(0, 0, w, h);
  return jsQR(image.data, w, h, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The text of the QR code in an image file (an upload or a photo), or null when none is found. */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decodeCanvas(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** The text of a QR code in the current frame of a playing video, or null. */
export function decodeQrFrame(video: HTMLVideoElement): string | null {
  if (!video.videoWidth || !video.videoHeight) return null;
  return decodeCanvas(video, video.videoWidth, video.videoHeight);
}

/**
 * The 亮证 token in a scanned text: the token itself, or a link carrying it as `token`, `t` or
 * `showToken`.
 */
export function extractShowToken(text: string): string {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      for (const key of ['token', 'showToken', 't']) {
        const value = url.searchParams.get(key);
        if (value) return value;
      }
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}
