/**
 * Writing a licence's metadata into the pdfkit document: the XMP stream on the catalog and the
 * JSON attachment (EmbeddedFiles name tree + catalog /AF, /AFRelationship /Data).
 */
import type { FaceMetadata } from './types.js';
import { buildXmpPacket, metadataInvalid } from './xmp.js';

/** Largest JSON attachment written or read (UTF-8 bytes). */
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;
export const ATTACHMENT_MIME = 'application/json';

export interface PreparedMetadata {
  readonly title: string;
  readonly createdAt: Date;
  readonly xmp: Uint8Array;
  readonly attachment?: { readonly name: string; readonly bytes: Uint8Array };
}

/** pdfkit keeps the catalog private; it has no API to add a catalog entry. */
interface PdfkitInternals {
  readonly _root: { readonly data: Record<string, unknown> };
}

/** File names: what `pdfdetach -save` can write as is. */
function checkAttachmentName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 255 ||
    name === '.' ||
    name === '..' ||
    /[\p{Cc}/\\\uD800-\uDFFF]/u.test(name)
  ) {
    throw metadataInvalid(`attachment name ${JSON.stringify(name)} is not a plain file name`);
  }
  return name;
}

/** Validates the metadata and encodes the XMP packet and the attachment before anything is drawn. */
export function prepareMetadata(metadata: FaceMetadata): PreparedMetadata {
  const createdAt = metadata.createdAt ?? new Date();
  if (typeof metadata.title !== 'string') throw metadataInvalid('title must be a string');
  if (typeof metadata.xmp !== 'object' || metadata.xmp === null)
    throw metadataInvalid('xmp must be an object');
  const xmp = buildXmpPacket({ title: metadata.title, createdAt, properties: metadata.xmp });
  if (!metadata.attachment) return { title: metadata.title, createdAt, xmp };
  const name = checkAttachmentName(metadata.attachment.name);
  let text: string | undefined;
  try {
    text = JSON.stringify(metadata.attachment.json);
  } catch (e) {
    throw metadataInvalid(`attachment ${name} cannot be written as JSON: ${(e as Error).message}`);
  }
  if (text === undefined) throw metadataInvalid(`attachment ${name} has no JSON value`);
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw metadataInvalid(`attachment ${name} is larger than ${MAX_ATTACHMENT_BYTES} bytes`, {
      size: bytes.length,
    });
  }
  return { title: metadata.title, createdAt, xmp, attachment: { name, bytes } };
}

/** Embeds the attachment now and writes the XMP stream (instead of pdfkit's own) when the document ends. */
export function attachMetadata(doc: PDFKit.PDFDocument, metadata: PreparedMetadata | undefined): void {
  // pdfkit writes its own XMP packet (values not escaped) for PDF ≥ 1.4: always replaced.
  doc.endMetadata = () => {
    if (!metadata) return;
    const stream = doc.ref({ Type: 'Metadata', Subtype: 'XML' });
    // Uncompressed, so that tools reading XMP without a PDF parser find the packet.
    stream.compress = false;
    stream.end(Buffer.from(metadata.xmp));
    (doc as unknown as PdfkitInternals)._root.data.Metadata = stream;
  };
  if (!metadata?.attachment) return;
  const { name, bytes } = metadata.attachment;
  // `relationship` is supported by pdfkit but missing from @types/pdfkit.
  const options: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
    name,
    type: ATTACHMENT_MIME,
    description: 'Licence data (JSON)',
    relationship: 'Data',
    creationDate: metadata.createdAt,
    modifiedDate: metadata.createdAt,
  };
  doc.file(Buffer.from(bytes), options);
}

/** Info dictionary entries. */
export function documentInfo(metadata: PreparedMetadata | undefined): PDFKit.DocumentInfo {
  const info = { Producer: 'zhengyin', Creator: 'zhengyin' };
  return metadata ? { ...info, Title: metadata.title, CreationDate: metadata.createdAt } : info;
}
