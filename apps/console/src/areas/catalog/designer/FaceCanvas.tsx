import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef } from 'react';
import { useI18n } from '../../../i18n';
import type { BoxKey, FaceTemplate, Rect } from './face-model';
import { boxKeys, rectOf } from './face-model';

/** Largest drawing of the page, in CSS pixels. */
const MAX_WIDTH_PX = 700;
const MAX_HEIGHT_PX = 620;
const MM_PER_PT = 25.4 / 72;
/** Dragging snaps to half millimetres. */
const SNAP_MM = 0.5;
const snap = (mm: number) => Math.round(mm / SNAP_MM) * SNAP_MM;

/** Pixels per millimetre for a page: the whole face fits the drawing area. */
export const scaleFor = (page: FaceTemplate['page']) =>
  Math.min(4, MAX_WIDTH_PX / page.widthMm, MAX_HEIGHT_PX / page.heightMm);

const STYLE: Record<'fixed' | 'text' | 'qr' | 'seal', { border: string; background: string }> = {
  fixed: { border: '#595959', background: 'rgba(255,255,255,0.55)' },
  text: { border: '#0958d9', background: 'rgba(230,244,255,0.75)' },
  qr: { border: '#237804', background: 'rgba(246,255,237,0.8)' },
  seal: { border: '#a8071a', background: 'rgba(255,241,240,0.7)' },
};

const kindOf = (key: BoxKey) =>
  key === 'qr' || key === 'seal' ? key : (key.split(':')[0] as 'fixed' | 'text');

interface Props {
  template: FaceTemplate;
  selected: BoxKey | null;
  readOnly: boolean;
  /** The accessible name of a box (kind and what it shows). */
  nameOf(key: BoxKey): string;
  /** What the box shows on the drawing. */
  captionOf(key: BoxKey): string;
  onSelect(key: BoxKey | null): void;
  onRect(key: BoxKey, rect: Rect): void;
}

interface Drag {
  readonly key: BoxKey;
  readonly pointerId: number;
  readonly startX: number;
  readonly startY: number;
  readonly rect: Rect;
}

/**
 * The face drawn to scale: every box is a button that the mouse drags and the keyboard moves
 * (arrows 1 mm, Shift + arrows 5 mm; Alt + arrows change the size).
 */
export function FaceCanvas({ template, selected, readOnly, nameOf, captionOf, onSelect, onRect }: Props) {
  const { t } = useI18n();
  const scale = scaleFor(template.page);
  const drag = useRef<Drag | null>(null);
  const px = (mm: number) => mm * scale;

  const onKeyDown = (key: BoxKey, e: KeyboardEvent) => {
    const step = e.shiftKey ? 5 : 1;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = delta[e.key];
    const rect = rectOf(template, key);
    if (!d || !rect || readOnly) return;
    e.preventDefault();
    onSelect(key);
    onRect(
      key,
      e.altKey
        ? { ...rect, widthMm: rect.widthMm + d[0], heightMm: rect.heightMm + d[1] }
        : { ...rect, xMm: rect.xMm + d[0], yMm: rect.yMm + d[1] },
    );
  };

  const onPointerDown = (key: BoxKey, e: PointerEvent<HTMLButtonElement>) => {
    onSelect(key);
    const rect = rectOf(template, key);
    if (readOnly || !rect || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { key, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, rect };
  };

  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    onRect(d.key, {
      ...d.rect,
      xMm: snap(d.rect.xMm + (e.clientX - d.startX) / scale),
      yMm: snap(d.rect.yMm + (e.clientY - d.startY) / scale),
    });
  };

  const endDrag = (e: PointerEvent<HTMLButtonElement>) => {
    if (drag.current?.pointerId === e.pointerId) drag.current = null;
  };

  return (
    <div>
      <p id="face-canvas-help" style={{ margin: '0 0 8px', color: '#434343' }}>
        {t(
          '比例 1 毫米 = {px} 像素。拖动框或选中后用方向键移动 1 毫米，Shift+方向键 5 毫米，Alt+方向键调整大小。',
          'Scale 1 mm = {px} px. Drag a box, or select it and move it with the arrow keys (1 mm; Shift: 5 mm; Alt: resize).',
          { px: scale.toFixed(2) },
        )}
      </p>
      <div
        role="group"
        aria-label={t('照面画布', 'Face canvas')}
        aria-describedby="face-canvas-help"
        data-testid="face-canvas"
        data-scale={scale}
        onPointerDown={(e) => e.target === e.currentTarget && onSelect(null)}
        style={{
          position: 'relative',
          width: px(template.page.widthMm),
          height: px(template.page.heightMm),
          background: '#fff',
          border: '1px solid #8c8c8c',
          boxShadow: '0 1px 4px rgba(0,0,0,0.15)',
          overflow: 'hidden',
          touchAction: 'none',
          userSelect: 'none',
        }}
      >
        {template.backgroundPngBase64 && (
          <img
            src={`data:image/png;base64,${template.backgroundPngBase64}`}
            alt=""
            aria-hidden
            draggable={false}
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}
          />
        )}
        {boxKeys(template).map((key) => {
          const rect = rectOf(template, key)!;
          const kind = kindOf(key);
          const fontPt =
            kind === 'fixed'
              ? template.fixedTexts[Number(key.split(':')[1])]!.fontSize
              : kind === 'text'
                ? template.textBoxes[Number(key.split(':')[1])]!.fontSize
                : 10;
          const isSelected = key === selected;
          return (
            <button
              key={key}
              type="button"
              aria-label={nameOf(key)}
              aria-pressed={isSelected}
              data-box={key}
              onKeyDown={(e) => onKeyDown(key, e)}
              onPointerDown={(e) => onPointerDown(key, e)}
              onPointerMove={onPointerMove}
              onPointerUp={endDrag}
              onPointerCancel={endDrag}
              onFocus={() => onSelect(key)}
              style={{
                position: 'absolute',
                left: px(rect.xMm),
                top: px(rect.yMm),
                width: px(rect.widthMm),
                height: px(rect.heightMm),
                padding: 0,
                border: `${isSelected ? 2 : 1}px ${isSelected ? 'solid' : 'dashed'} ${STYLE[kind].border}`,
                outlineOffset: 2,
                background: STYLE[kind].background,
                color: '#1f1f1f',
                fontSize: Math.max(9, Math.min(fontPt * MM_PER_PT * scale, 48)),
                lineHeight: 1.1,
                overflow: 'hidden',
                whiteSpace: 'nowrap',
                textOverflow: 'ellipsis',
                cursor: readOnly ? 'default' : 'move',
                zIndex: isSelected ? 2 : 1,
              }}
            >
              {captionOf(key)}
            </button>
          );
        })}
      </div>
    </div>
  );
}
