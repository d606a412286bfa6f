import { AppError } from '../shared/app-error.js';

/** Limits on evidence files (configuration). */
export interface EvidenceLimits {
  readonly maxFiles: number;
  readonly maxBytes: number;
}

export interface EvidenceUpload {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

const starts = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);

/** Accepted evidence types, recognised by their first bytes (the declared type must agree). */
const TYPES: Record<string, (b: Uint8Array) => boolean> = {
  'application/pdf': (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  'image/png': (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => starts(b, [0xff, 0xd8, 0xff]),
};
export const EVIDENCE_TYPES = Object.keys(TYPES);

/** Checks count, name, size and type of every file before anything is stored. */
export function checkEvidence(files: readonly EvidenceUpload[], limits: EvidenceLimits): void {
  if (files.length > limits.maxFiles)
    throw new AppError('OBJECTION_EVIDENCE_INVALID', `at most ${limits.maxFiles} evidence files`, {
      maxFiles: limits.maxFiles,
    });
  files.forEach((f, index) => {
    const name = f.fileName?.trim() ?? '';
    if (
      !name ||
      [...name].length > 200 ||
      /[\\/]/.test(name) ||
      [...name].some((c) => c.charCodeAt(0) < 0x20)
    )
      throw new AppError('OBJECTION_EVIDENCE_INVALID', 'a file name of 1–200 characters without paths', {
        index,
      });
    if (f.bytes.length === 0)
      throw new AppError('OBJECTION_EVIDENCE_INVALID', 'the file is empty', { index, fileName: name });
    if (f.bytes.length > limits.maxBytes)
      throw new AppError('OBJECTION_EVIDENCE_TOO_LARGE', `each file at most ${limits.maxBytes} bytes`, {
        index,
        fileName: name,
        size: f.bytes.length,
        maxBytes: limits.maxBytes,
      });
    const check = TYPES[f.contentType];
    if (!check || !check(f.bytes))
      throw new AppError(
        'OBJECTION_EVIDENCE_TYPE',
        `PDF, PNG or JPEG whose content matches the declared type`,
        {
          index,
          fileName: name,
          contentType: f.contentType,
          accepted: EVIDENCE_TYPES,
        },
      );
  });
}
