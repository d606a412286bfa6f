import { DocumentError } from '../checks.js';

/** Why an OFD file was refused. Every code is an AppError code too (packages/contract errors). */
export type OfdErrorCode =
  /** Not a readable OFD package: damaged zip, missing OFD.xml or Document.xml, bad XML. */
  | 'OFD_MALFORMED'
  /** A part the file names does not exist. */
  | 'OFD_PART_MISSING'
  /** Zip entry count, sizes or compression ratio beyond the limits. */
  | 'OFD_ZIP_BOMB'
  /** A zip entry name or a BaseLoc/FileLoc leaving the package (`..`, drive letters, NUL). */
  | 'OFD_PATH_TRAVERSAL'
  /** An XML part declares a DOCTYPE or entities. */
  | 'OFD_XXE'
  /** Encrypted zip entries, ZIP64, multi-part archives or unsupported compression. */
  | 'OFD_UNSUPPORTED'
  /** The root element is not in an OFD namespace. */
  | 'OFD_NAMESPACE_UNKNOWN'
  /** Pages, references, XML nodes or depth beyond the limits. */
  | 'OFD_LIMIT_EXCEEDED'
  /** The file is larger than the caller's byte limit. */
  | 'OFD_TOO_LARGE'
  /** A value the writer or sealer was given is not usable. */
  | 'OFD_INPUT_INVALID';

export function ofdError(code: OfdErrorCode, message: string, details: Record<string, unknown> = {}) {
  return new DocumentError(code, message, details);
}
