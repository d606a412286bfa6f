import { GmError } from '../errors.js';

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

export interface PemDecodeOptions {
  /** Largest accepted text, in characters (default 16 MiB). */
  readonly maxChars?: number;
  /** Most blocks accepted (default 1,000). */
  readonly maxBlocks?: number;
}

const LABEL = /^[A-Z0-9][A-Z0-9 #-]{0,62}$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

const malformed = (message: string, details?: Record<string, unknown>): never => {
  throw new GmError('GM_PEM_MALFORMED', `PEM: ${message}`, details);
};

/**
 * Every PEM block in `text`, in order (RFC 7468, lax on whitespace; text between blocks is
 * ignored). Line-based, so hostile input costs linear time.
 */
export function decodePemBlocks(text: string, options: PemDecodeOptions = {}): PemBlock[] {
  const maxChars = options.maxChars ?? 16 * 1024 * 1024;
  const maxBlocks = options.maxBlocks ?? 1000;
  if (typeof text !== 'string') return malformed('input is not text');
  if (text.length > maxChars) {
    throw new GmError('GM_PEM_TOO_LARGE', `PEM: ${text.length} characters exceed ${maxChars}`, {
      size: text.length,
      maxChars,
    });
  }
  const blocks: PemBlock[] = [];
  let label: string | undefined;
  let body: string[] = [];
  let lineNo = 0;
  for (const rawLine of text.split('\n')) {
    lineNo += 1;
    const line = rawLine.trim();
    if (label === undefined) {
      const begin = /^-----BEGIN (.*)-----$/.exec(line);
      if (!begin) continue;
      const name = begin[1] ?? '';
      if (!LABEL.test(name)) malformed('invalid label', { line: lineNo });
      label = name;
      body = [];
      continue;
    }
    const end = /^-----END (.*)-----$/.exec(line);
    if (end) {
      if (end[1] !== label) malformed('END label does not match BEGIN', { line: lineNo, label });
      blocks.push({ label, der: decodeBody(body, label) });
      if (blocks.length > maxBlocks) malformed('too many PEM blocks', { maxBlocks });
      label = undefined;
      continue;
    }
    if (line.startsWith('-----')) malformed('nested or broken boundary', { line: lineNo });
    if (line.includes(':')) {
      if (/^Proc-Type:\s*4,\s*ENCRYPTED/i.test(line)) {
        throw new GmError(
          'GM_PEM_ENCRYPTED',
          'PEM: legacy OpenSSL-encrypted PEM is not supported; use PKCS#8',
          {
            label,
          },
        );
      }
      continue; // RFC 1421 header line
    }
    body.push(line);
  }
  if (label !== undefined) malformed('missing END line', { label });
  return blocks;
}

function decodeBody(lines: readonly string[], label: string): Uint8Array {
  const joined = lines.join('');
  if (joined.length === 0) malformed('empty block', { label });
  if (!BASE64_LINE.test(joined) || joined.length % 4 !== 0) malformed('invalid base64', { label });
  return new Uint8Array(Buffer.from(joined, 'base64'));
}

/** The single block with one of `labels`; GM_PEM_NO_BLOCK when there is none. */
export function decodePem(text: string, labels: readonly string[], options?: PemDecodeOptions): PemBlock {
  const found = decodePemBlocks(text, options).find((b) => labels.includes(b.label));
  if (!found) throw new GmError('GM_PEM_NO_BLOCK', `PEM: no ${labels.join(' / ')} block`, { labels });
  return found;
}

export function encodePem(label: string, der: Uint8Array): string {
  if (!LABEL.test(label)) throw new GmError('GM_INVALID_ARGUMENT', `invalid PEM label ${label}`);
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** True when the input is text or bytes that contain a PEM boundary (DER never starts with text). */
export function looksLikePem(input: Uint8Array | string): boolean {
  if (typeof input === 'string') return true;
  if (input[0] === 0x30) return false;
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength).includes('-----BEGIN ');
}

/** PEM text of bytes that {@link looksLikePem} accepted. */
export const pemText = (input: Uint8Array | string): string =>
  typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
