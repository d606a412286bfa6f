/**
 * The COVERAGE check: which files of the package no signature protects. An OFD signature covers
 * only the files its References list, so anything else could have been added or changed after
 * signing. Not a problem: the signature files themselves (Signatures.xml, Signature.xml,
 * SignedValue.dat, Seal.esl), OFD.xml when every Document.xml it names is signed (some producers
 * leave it out, e.g. 999.ofd), and an annotation index that lists no page (our licences are sealed
 * with it outside the issuer's references so that a 加注件 can be added later). Anything else —
 * pages, templates, resources, page annotations, attachments, tags, stray files — unsigned makes
 * the file INVALID (OFD_UNSIGNED_CONTENT), like unsigned changes after the last signature of a PDF.
 */
import type { Check } from '../checks.js';
import type { OfdSignatureEntry } from './types.js';
import type { OfdStructure } from './verify-structure.js';

const MAX_LISTED = 50;

export interface CoverageInput {
  readonly files: readonly string[];
  readonly structure: OfdStructure;
  readonly entries: readonly OfdSignatureEntry[];
}

/** Package paths of every signature file (never themselves referenced as content). */
export function signatureFiles(structure: OfdStructure, entries: readonly OfdSignatureEntry[]): Set<string> {
  const parts = new Set<string>();
  for (const body of structure.bodies) if (body.signaturesPart) parts.add(body.signaturesPart);
  for (const e of entries) {
    parts.add(e.part);
    parts.add(e.signedValuePart);
    if (e.sealPart) parts.add(e.sealPart);
  }
  return parts;
}

export function coverageCheck(input: CoverageInput): Check {
  const name = 'COVERAGE';
  const covered = new Set(input.entries.flatMap((e) => e.references.map((r) => r.part)));
  const infrastructure = signatureFiles(input.structure, input.entries);
  const emptyIndexes = new Set(
    input.structure.bodies.flatMap((b) =>
      b.annotationsPart && b.annotationFiles.length === 0 ? [b.annotationsPart] : [],
    ),
  );
  const documentsSigned = input.structure.bodies.every((b) => covered.has(b.documentPart));
  const unsigned: string[] = [];
  const harmless: { part: string; why: string }[] = [];
  for (const file of input.files) {
    if (covered.has(file) || infrastructure.has(file)) continue;
    if (file === 'OFD.xml' && documentsSigned) {
      harmless.push({ part: file, why: 'entry point; every Document.xml it names is signed' });
    } else if (emptyIndexes.has(file)) {
      harmless.push({ part: file, why: 'annotation index listing no page' });
    } else {
      unsigned.push(file);
    }
  }
  const details: Record<string, unknown> = {
    files: input.files.length,
    covered: covered.size,
    ...(harmless.length ? { notCoveredHarmless: harmless.slice(0, MAX_LISTED) } : {}),
    ...(unsigned.length ? { unsigned: unsigned.slice(0, MAX_LISTED), unsignedCount: unsigned.length } : {}),
  };
  if (unsigned.length > 0) {
    return {
      name,
      status: 'INVALID',
      code: 'OFD_UNSIGNED_CONTENT',
      message: `${unsigned.length} file(s) are protected by no signature and may have been added or changed after signing: ${unsigned.slice(0, 3).join(', ')}`,
      details,
    };
  }
  return {
    name,
    status: 'VALID',
    code: 'OFD_ALL_CONTENT_SIGNED',
    message:
      harmless.length > 0
        ? `every content file is signed (not signed, harmless: ${harmless.map((h) => h.part).join(', ')})`
        : 'every file is signed',
    details,
  };
}
