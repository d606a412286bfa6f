export {
  RASTER_DEFAULT_DPI,
  RASTER_MAX_DPI,
  RASTER_MAX_PAGES,
  RASTER_MAX_PIXELS,
  RASTER_MIN_DPI,
  rasterizePdfPage,
  renderPdfPage,
  type RasterizeOptions,
  type RenderedPdfPage,
} from './rasterize.js';
