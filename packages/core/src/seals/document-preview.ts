import type { RenderedPdfPage } from '@zhengyin/documents';
import { AppError } from '../shared/app-error.js';
import type { Actor } from '../shared/actor.js';
import type { PdfSealer } from './ports.js';

/** Roles that may ask to use a seal (policy `seals.use.request`), in any scope. */
const PREVIEW_ROLES = new Set(['seal_admin', 'seal_keeper', 'issuer', 'user_operator']);

/** Resolution of the placement preview: sharp enough to aim, small enough to send back at once. */
export const SEAL_PREVIEW_DPI = 96;

/**
 * Page `page` of a PDF about to be sealed, as PNG with the page's displayed size in points, so that
 * the console can turn a click on the image into the `coordinates` placement of `sealDocument`.
 * Nothing is stored: the document stays with the caller until the sealing itself.
 */
export async function previewSealDocumentPage(
  deps: { readonly pdf: PdfSealer },
  actor: Actor,
  input: { readonly pdf: Uint8Array; readonly page: number },
): Promise<RenderedPdfPage> {
  const allowed =
    actor.kind === 'system' || (actor.kind === 'user' && actor.roles.some((g) => PREVIEW_ROLES.has(g.role)));
  if (!allowed) throw new AppError('AUTH_FORBIDDEN', 'not allowed: seals.use.request');
  try {
    return await deps.pdf.preview(input.pdf, { page: input.page, dpi: SEAL_PREVIEW_DPI });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof AppError) && typeof code === 'string' && code.startsWith('PDF_')) {
      const details = (error as { details?: Record<string, unknown> }).details ?? {};
      throw new AppError('SEALS_DOCUMENT_INVALID', (error as Error).message, { ...details, reason: code });
    }
    throw error;
  }
}
