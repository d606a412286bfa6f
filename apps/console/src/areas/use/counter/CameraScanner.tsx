import { Alert, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n';
import { decodeQrFrame } from './qrDecode';

/** Whether the browser can offer a camera (secure context with media devices). */
export const cameraAvailable = () =>
  typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

/** Reads a QR code through the device camera; calls `onText` with the first code it sees. */
export function CameraScanner({
  open,
  onClose,
  onText,
}: {
  open: boolean;
  onClose(): void;
  onText(text: string): void;
}) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let live = true;
    setProblem(null);
    const scan = () => {
      if (!live || !video.current) return;
      const text = decodeQrFrame(video.current);
      if (text) onText(text);
      else frame = requestAnimationFrame(scan);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!live || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        frame = requestAnimationFrame(scan);
      })
      .catch((e: unknown) =>
        setProblem(
          t('无法打开摄像头：{m}', 'The camera cannot be opened: {m}', {
            m: e instanceof Error ? e.message : String(e),
          }),
        ),
      );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [open, onText, t]);

  return (
    <Modal
      open={open}
      title={t('用摄像头扫描亮证二维码', 'Scan the code with the camera')}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem ? (
        <Alert type="error" showIcon message={problem} />
      ) : (
        <video
          ref={video}
          muted
          playsInline
          style={{ width: '100%' }}
          aria-label={t('摄像头画面', 'Camera view')}
        />
      )}
    </Modal>
  );
}
