/**
 * Reading a licence PDF's metadata back: the XMP stream and the JSON attachment of the newest
 * revision's catalog (so it works on a file with signature updates appended), through the
 * engine's own parser.
 */
import { DocumentError } from '../checks.js';
import { PdfFile } from '../pdf/parse-document.js';
import { decodeStream } from '../pdf/parse-filters.js';
import {
  PdfStream,
  PdfString,
  decodeTextString,
  isArray,
  isDict,
  isName,
  isNumber,
} from '../pdf/parse-objects.js';
import type { PdfDict, PdfObject } from '../pdf/parse-objects.js';
import { DEFAULT_MAX_PDF_BYTES } from '../pdf/seal-pdf.js';
import { ATTACHMENT_MIME, MAX_ATTACHMENT_BYTES } from './pdf-metadata.js';
import type { LicenseFileMetadata } from './types.js';
import { MAX_XMP_BYTES, metadataInvalid, parseXmpProperties } from './xmp.js';

function decode(stream: PdfStream, what: string, maxBytes: number): Uint8Array {
  let data: Uint8Array;
  try {
    data = decodeStream(stream);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    throw metadataInvalid(`${what} cannot be decoded: ${e.message}`, { reason: e.code });
  }
  if (data.length > maxBytes) throw metadataInvalid(`${what} is larger than ${maxBytes} bytes`);
  return data;
}

const textOf = (file: PdfFile, value: PdfObject | undefined): string | undefined => {
  const v = file.resolve(value);
  return v instanceof PdfString ? decodeTextString(v.bytes) : undefined;
};

/** The catalog's /AF file specifications with /AFRelationship /Data and a JSON embedded file. */
function dataAttachments(file: PdfFile): { spec: PdfDict; stream: PdfStream }[] {
  const af = file.resolve(file.catalog.get('AF'));
  if (af === null) return [];
  if (!isArray(af)) throw metadataInvalid('the catalog /AF is not an array');
  const found: { spec: PdfDict; stream: PdfStream }[] = [];
  for (const item of af.slice(0, 64)) {
    const spec = file.resolve(item);
    if (!isDict(spec) || !isName(file.resolve(spec.get('AFRelationship')), 'Data')) continue;
    const ef = file.resolve(spec.get('EF'));
    const stream = isDict(ef) ? file.resolve(ef.get('UF') ?? ef.get('F')) : null;
    if (!(stream instanceof PdfStream))
      throw metadataInvalid('an associated file has no embedded file stream');
    if (isName(file.resolve(stream.dict.get('Subtype')), ATTACHMENT_MIME)) found.push({ spec, stream });
  }
  return found;
}

function readAttachment(file: PdfFile): LicenseFileMetadata['attachment'] {
  const found = dataAttachments(file);
  if (found.length === 0) return null;
  if (found.length > 1) throw metadataInvalid(`the catalog has ${found.length} JSON data attachments`);
  const { spec, stream } = found[0]!;
  const name = textOf(file, spec.get('UF')) ?? textOf(file, spec.get('F'));
  if (!name) throw metadataInvalid('the JSON attachment has no file name');
  const bytes = decode(stream, `attachment ${name}`, MAX_ATTACHMENT_BYTES);
  const params = file.resolve(stream.dict.get('Params'));
  const size = isDict(params) ? file.resolve(params.get('Size')) : null;
  if (isNumber(size) && size !== bytes.length) {
    throw metadataInvalid(`attachment ${name} has ${bytes.length} bytes, its /Size says ${size}`, { name });
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { name, json: JSON.parse(text) as unknown };
  } catch (e) {
    throw metadataInvalid(`attachment ${name} is not UTF-8 JSON: ${(e as Error).message}`, { name });
  }
}

function readXmp(file: PdfFile): Record<string, string> {
  const metadata = file.resolve(file.catalog.get('Metadata'));
  if (metadata === null) return {};
  if (!(metadata instanceof PdfStream)) throw metadataInvalid('the catalog /Metadata is not a stream');
  return parseXmpProperties(decode(metadata, 'the XMP stream', MAX_XMP_BYTES));
}

/**
 * The licence metadata of a PDF written by `renderFace`: the `ecert` XMP properties of the catalog's
 * /Metadata and the JSON data attachment listed in its /AF (`{ xmp: {}, attachment: null }` when
 * there is none). Reads the newest revision, so signatures appended later do not matter.
 * Throws DocumentError LICENSE_METADATA_INVALID for malformed or hostile metadata; an unreadable file
 * keeps the parser's code (PDF_MALFORMED, PDF_TOO_LARGE, PDF_ENCRYPTED).
 */
export function readLicenseMetadata(
  pdf: Uint8Array,
  options: { maxBytes?: number } = {},
): LicenseFileMetadata {
  const file = PdfFile.open(pdf, { maxBytes: options.maxBytes ?? DEFAULT_MAX_PDF_BYTES });
  try {
    return { xmp: readXmp(file), attachment: readAttachment(file) };
  } catch (e) {
    // Objects are read lazily: a broken object under the catalog is a metadata problem.
    if (e instanceof DocumentError && e.code === 'PDF_MALFORMED') {
      throw metadataInvalid(`the metadata objects are malformed: ${e.message}`);
    }
    throw e;
  }
}
