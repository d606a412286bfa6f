import { Alert, Flex, InputNumber, Pagination, Space, Spin, Typography } from 'antd';
import type { MouseEvent } from 'react';
import { api } from '../../../api';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { clickToPoints, pointsToPercent, PT_PER_MM } from './placement';

export interface ClickPlacement {
  readonly page: number;
  readonly x: number;
  readonly y: number;
}

/**
 * The PDF page drawn by the server (POST /seal-documents/preview); a click places the seal centre
 * there. The X / Y fields show the point and let keyboard users set it.
 */
export function PdfPagePicker({
  pdfBase64,
  page,
  value,
  sealSizeMm,
  onPage,
  onChange,
}: {
  pdfBase64: string;
  page: number;
  value: ClickPlacement | null;
  sealSizeMm: { widthMm: number; heightMm: number } | null;
  onPage(page: number): void;
  onChange(value: ClickPlacement): void;
}) {
  const { t } = useI18n();
  const preview = useRequest(
    () => api.previewSealDocumentPage({ body: { pdfBase64, page } }),
    [pdfBase64, page],
  );
  const box = preview.data;
  const here = value && value.page === page ? value : null;

  const place = (e: MouseEvent<HTMLImageElement>) => {
    if (!box) return;
    // Offsets and client size both exclude the border, so the page edge is exactly 0 and the size.
    const image = e.currentTarget;
    const point = clickToPoints(
      { x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY },
      { width: image.clientWidth, height: image.clientHeight },
      box,
    );
    onChange({ page, ...point });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex gap={16} wrap align="center">
        {box && box.pageCount > 1 && (
          <Pagination
            simple
            current={page}
            total={box.pageCount}
            pageSize={1}
            onChange={onPage}
            aria-label={t('选择页面', 'Choose the page')}
          />
        )}
        <Typography.Text>
          {box
            ? t('第 {page} 页，共 {n} 页（{w} × {h} pt）', 'Page {page} of {n} ({w} × {h} pt)', {
                page,
                n: box.pageCount,
                w: Math.round(box.widthPt),
                h: Math.round(box.heightPt),
              })
            : t('正在绘制页面…', 'Drawing the page…')}
        </Typography.Text>
        <label>
          {t('X（pt，距左边）', 'X (pt from the left)')}{' '}
          <InputNumber
            aria-label={t('印章中心 X（pt）', 'Seal centre X (pt)')}
            min={0}
            max={box?.widthPt}
            step={1}
            value={here?.x ?? null}
            onChange={(x) => x !== null && onChange({ page, x, y: here?.y ?? (box?.heightPt ?? 0) / 2 })}
          />
        </label>
        <label>
          {t('Y（pt，距底边）', 'Y (pt from the bottom)')}{' '}
          <InputNumber
            aria-label={t('印章中心 Y（pt）', 'Seal centre Y (pt)')}
            min={0}
            max={box?.heightPt}
            step={1}
            value={here?.y ?? null}
            onChange={(y) => y !== null && onChange({ page, x: here?.x ?? (box?.widthPt ?? 0) / 2, y })}
          />
        </label>
      </Flex>
      {preview.error && !box ? (
        <Alert type="error" showIcon title={t('无法绘制此页面', 'This page cannot be drawn')} />
      ) : null}
      <Spin spinning={preview.loading}>
        {box && (
          <div style={{ position: 'relative', display: 'inline-block', maxWidth: '100%', lineHeight: 0 }}>
            <img
              src={`data:image/png;base64,${box.pngBase64}`}
              alt={t('第 {page} 页预览：点击放置印章中心', 'Page {page}: click to place the seal centre', {
                page,
              })}
              data-testid="seal-page-preview"
              data-width-pt={box.widthPt}
              data-height-pt={box.heightPt}
              onClick={place}
              style={{ maxWidth: '100%', width: 720, border: '1px solid #8c8c8c', cursor: 'crosshair' }}
            />
            {here && sealSizeMm && <SealMarker point={here} box={box} sizeMm={sealSizeMm} />}
          </div>
        )}
      </Spin>
    </Space>
  );
}

/** The seal's outline, centred on the chosen point, at its real size relative to the page. */
function SealMarker({
  point,
  box,
  sizeMm,
}: {
  point: { x: number; y: number };
  box: { widthPt: number; heightPt: number };
  sizeMm: { widthMm: number; heightMm: number };
}) {
  const { left, top } = pointsToPercent(point, box);
  const width = ((sizeMm.widthMm * PT_PER_MM) / box.widthPt) * 100;
  const height = ((sizeMm.heightMm * PT_PER_MM) / box.heightPt) * 100;
  return (
    <div
      aria-hidden
      data-testid="seal-marker"
      style={{
        position: 'absolute',
        left: `${left - width / 2}%`,
        top: `${top - height / 2}%`,
        width: `${width}%`,
        height: `${height}%`,
        border: '2px dashed #b71c1c',
        borderRadius: '50%',
        pointerEvents: 'none',
      }}
    />
  );
}
