import QRCode from 'qrcode';
import { useEffect, useRef } from 'react';

/** A QR code of `text`, drawn on a canvas (`label` is what screen readers hear). */
export function QrCanvas({ text, size, label }: { text: string; size: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current)
      void QRCode.toCanvas(canvas.current, text, { width: size, margin: 2, errorCorrectionLevel: 'M' });
  }, [text, size]);
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      data-testid="show-qr"
      style={{ width: size, maxWidth: '100%', height: 'auto', imageRendering: 'pixelated' }}
    />
  );
}
