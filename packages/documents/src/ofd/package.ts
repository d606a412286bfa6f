/**
 * The OFD container: a zip opened with the checks of the spreadsheet reader (entry count, sizes,
 * compression ratio, overlapping entries, unsafe names — all before inflating anything), parts read
 * on demand and XML parts parsed with DOCTYPEs refused.
 */
import { DocumentError } from '../checks.js';
import { openZip, type ZipArchive } from '../tabular/zip-read.js';
import type { ZipLimits } from '../tabular/types.js';
import { ofdError, type OfdErrorCode } from './errors.js';
import { resolveOfdPath } from './paths.js';
import { DEFAULT_XML_LIMITS, parseXml, type XmlElement, type XmlLimits } from './xml.js';

export interface OfdLimits {
  /** Size of the OFD file itself. */
  readonly maxBytes: number;
  readonly zip: ZipLimits;
  readonly xml: XmlLimits;
  /** Pages of one document. */
  readonly maxPages: number;
  /** References of one signature. */
  readonly maxReferences: number;
  /** Signatures of one document. */
  readonly maxSignatures: number;
}

export const DEFAULT_OFD_LIMITS: OfdLimits = {
  maxBytes: 256 * 1024 * 1024,
  zip: {
    maxEntries: 50_000,
    maxEntryBytes: 128 * 1024 * 1024,
    maxTotalBytes: 1024 * 1024 * 1024,
    maxRatio: 200,
    ratioGraceBytes: 1024 * 1024,
  },
  xml: DEFAULT_XML_LIMITS,
  maxPages: 20_000,
  maxReferences: 50_000,
  maxSignatures: 1_000,
};

export function ofdLimits(
  overrides: Partial<Omit<OfdLimits, 'zip' | 'xml'>> & {
    zip?: Partial<ZipLimits>;
    xml?: Partial<XmlLimits>;
  } = {},
): OfdLimits {
  return {
    ...DEFAULT_OFD_LIMITS,
    ...overrides,
    zip: { ...DEFAULT_OFD_LIMITS.zip, ...overrides.zip },
    xml: { ...DEFAULT_OFD_LIMITS.xml, ...overrides.xml },
  };
}

const ZIP_REASONS: Record<string, OfdErrorCode> = {
  ZIP_BOMB: 'OFD_ZIP_BOMB',
  PATH_TRAVERSAL: 'OFD_PATH_TRAVERSAL',
  ENCRYPTED: 'OFD_UNSUPPORTED',
  UNSUPPORTED_ZIP: 'OFD_UNSUPPORTED',
};

/** The zip reader speaks in spreadsheet-import reasons; OFD callers get OFD codes. */
function asOfdError(e: unknown): unknown {
  if (!(e instanceof DocumentError) || e.code !== 'IMPORT_FILE_INVALID') return e;
  const { reason, ...details } = e.details ?? {};
  const code = ZIP_REASONS[String(reason)] ?? 'OFD_MALFORMED';
  return ofdError(code, e.message.replace('damaged or truncated zip', 'not a readable OFD package'), details);
}

/** A zip entry as stored: `method` 0 (stored) or 8 (deflate), `data` the compressed bytes. */
export interface StoredOfdPart {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
}

export class OfdPackage {
  private constructor(
    private readonly zip: ZipArchive,
    readonly limits: OfdLimits,
    /** Size of the whole file. */
    readonly byteLength: number,
  ) {}

  static open(bytes: Uint8Array, limits: OfdLimits = DEFAULT_OFD_LIMITS): OfdPackage {
    if (bytes.length > limits.maxBytes) {
      throw ofdError('OFD_TOO_LARGE', `the file has ${bytes.length} bytes, more than ${limits.maxBytes}`, {
        size: bytes.length,
        maxBytes: limits.maxBytes,
      });
    }
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw ofdError('OFD_MALFORMED', 'not an OFD file (no zip signature)');
    }
    try {
      return new OfdPackage(openZip(bytes, limits.zip), limits, bytes.length);
    } catch (e) {
      throw asOfdError(e);
    }
  }

  /** Entry names as stored (directories included when the producer wrote them). */
  names(): string[] {
    return this.zip.names();
  }

  /** Files only, without directory entries. */
  files(): string[] {
    return this.zip.names().filter((n) => !n.endsWith('/'));
  }

  has(path: string): boolean {
    return this.zip.has(path.replace(/^\/+/, ''));
  }

  /** Bytes of a part; OFD_PART_MISSING when it does not exist. */
  read(path: string): Uint8Array {
    const name = path.replace(/^\/+/, '');
    if (!this.zip.has(name))
      throw ofdError('OFD_PART_MISSING', `the package has no part ${name}`, { part: name });
    try {
      return this.zip.read(name);
    } catch (e) {
      throw asOfdError(e);
    }
  }

  /**
   * A part as stored in the zip (compressed bytes, method, CRC-32, uncompressed size), so writers
   * copy unchanged parts without inflating and deflating them again. The CRC is not checked here.
   */
  stored(path: string): StoredOfdPart {
    const name = path.replace(/^\/+/, '');
    if (!this.zip.has(name))
      throw ofdError('OFD_PART_MISSING', `the package has no part ${name}`, { part: name });
    const { entry, data } = this.zip.stored(name);
    return { name: entry.name, method: entry.method, crc: entry.crc, size: entry.size, data };
  }

  readXml(path: string): XmlElement {
    return parseXml(this.read(path), path.replace(/^\/+/, ''), this.limits.xml);
  }

  /** Resolves `location` against the XML part `fromPart` (see resolveOfdPath). */
  resolve(fromPart: string, location: string): string {
    return resolveOfdPath(fromPart, location);
  }
}
