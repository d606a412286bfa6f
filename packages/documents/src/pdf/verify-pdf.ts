/**
 * verifyPdf: verification of signed / sealed PDFs (PAdES, adbe.pkcs7.detached, document
 * timestamps), ours or anyone's. For every signature: the byte range against the file and its
 * revisions, integrity, signature, signer certificate, signing time, timestamp, certificate chain
 * at signing time, changes made after signing, and the electronic seal. The result is a list of
 * typed checks per signature and for the document, and verdicts computed from them.
 *
 * The file is parsed lazily (cross-reference sections, then only the objects needed), nothing is
 * rendered, and hostile input is bounded: size limit before parsing, nesting, object, entry and
 * section limits, /Prev loops detected.
 */
import type { ParsedCertificate } from '@zhengyin/gm';
import { check, DocumentError, verdictOf, type Check } from '../checks.js';
import { parseTrustAnchors } from '../verify-chain.js';
import { openPdf, readSignatures } from './read-signatures.js';
import type { RawPdfSignature } from './read-signatures.js';
import type { PdfSignatureReport, PdfVerification, VerifyPdfOptions } from './types.js';
import type { PdfDocument, Revision } from './verify-document.js';
import { modificationsAfter } from './verify-modifications.js';
import type { ModificationResult } from './verify-modifications.js';
import { sealCheck } from './verify-seal.js';
import { verifySignatureValue } from './verify-signature.js';

/** Default upper bound on the size of a PDF to verify (64 MiB). */
export const VERIFY_PDF_DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const parseAnchors = (anchors: readonly Uint8Array[] | undefined) => parseTrustAnchors(anchors, 'PDF');

function documentOnly(checks: Check[]): PdfVerification {
  return { signatures: [], checks, verdict: verdictOf(checks) };
}

/**
 * Verifies every signature of `pdf`. Never throws for bad input (it becomes a document-level
 * ERROR check); throws DocumentError PDF_TRUST_ANCHOR_INVALID when an option is unusable.
 */
export async function verifyPdf(pdf: Uint8Array, options: VerifyPdfOptions = {}): Promise<PdfVerification> {
  const anchors = parseAnchors(options.trustAnchors);
  const maxBytes = options.maxBytes ?? VERIFY_PDF_DEFAULT_MAX_BYTES;
  if (pdf.length > maxBytes) {
    return documentOnly([
      check('FORMAT', 'ERROR', 'PDF_TOO_LARGE', `the file has ${pdf.length} bytes, more than ${maxBytes}`, {
        size: pdf.length,
        maxBytes,
      }),
    ]);
  }
  let doc: PdfDocument;
  let raws: RawPdfSignature[];
  const docChecks: Check[] = [];
  try {
    doc = openPdf(pdf);
    if (doc.trailer.get('Encrypt') !== undefined) {
      return documentOnly([
        check('FORMAT', 'VALID', 'PDF_WELL_FORMED', 'the file structure is readable'),
        check('ENCRYPTION', 'ERROR', 'PDF_ENCRYPTED', 'encrypted PDFs are not verified'),
      ]);
    }
    raws = readSignatures(doc);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return documentOnly([check('FORMAT', 'ERROR', error.code, error.message, error.details)]);
  }
  docChecks.push(
    check('FORMAT', 'VALID', 'PDF_WELL_FORMED', 'the file structure is readable', {
      revisions: doc.revisions.length,
      crossReferenceSections: doc.sections.length,
      ...(doc.repairedObjects ? { repairedObjects: doc.repairedObjects } : {}),
    }),
    check('ENCRYPTION', 'VALID', 'PDF_NOT_ENCRYPTED', 'the file is not encrypted'),
  );
  if (raws.length === 0) {
    docChecks.push(check('SIGNATURES', 'ERROR', 'PDF_NO_SIGNATURES', 'the file contains no signature'));
    return documentOnly(docChecks);
  }
  docChecks.push(
    check('SIGNATURES', 'VALID', 'PDF_SIGNATURES_FOUND', `${raws.length} signature(s)`, {
      count: raws.length,
    }),
  );

  const ordered = raws
    .map((raw, i) => ({ raw, i, end: signedEnd(raw.byteRange) }))
    .sort((a, b) => a.end - b.end || a.i - b.i);
  const modificationCache = new Map<number, ModificationResult>();
  const reports: PdfSignatureReport[] = [];
  for (const [k, { raw }] of ordered.entries()) {
    try {
      reports.push(verifyOne(doc, raw, k + 1, anchors, options.at, modificationCache));
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      // The structure around this signature is unreadable (e.g. a limit was reached).
      const checks = [check('FORMAT', 'ERROR', error.code, error.message, error.details)];
      reports.push({
        fieldName: raw.fieldName,
        index: k + 1,
        subFilter: raw.subFilter,
        byteRange: raw.byteRange ?? [],
        coversRevision: false,
        modifiedAfter: 'other',
        signingTime: raw.m,
        timestampTime: null,
        signer: null,
        seal: null,
        annotation: raw.annotation,
        reason: raw.reason,
        location: raw.location,
        name: raw.name,
        pages: raw.pages,
        checks,
        verdict: verdictOf(checks),
      });
    }
  }
  docChecks.push(documentModificationCheck(doc, reports, modificationCache));
  const all = [...docChecks, ...reports.flatMap((r) => r.checks)];
  return { signatures: reports, checks: docChecks, verdict: verdictOf(all) };
}

function signedEnd(br: readonly number[] | null): number {
  if (!br || br.length !== 4) return Number.MAX_SAFE_INTEGER;
  return (br[2] as number) + (br[3] as number);
}

interface ByteRangeResult {
  readonly check: Check;
  readonly content: Uint8Array | null;
  readonly revision: Revision | undefined;
}

function byteRangeCheck(doc: PdfDocument, raw: RawPdfSignature): ByteRangeResult {
  const name = 'BYTE_RANGE';
  const br = raw.byteRange;
  const size = doc.bytes.length;
  if (!br || br.length !== 4 || !br.every((x) => Number.isSafeInteger(x) && x >= 0)) {
    return {
      check: check(
        name,
        'INVALID',
        'PDF_BYTE_RANGE_MALFORMED',
        '/ByteRange is not four non-negative integers',
        {
          byteRange: br,
        },
      ),
      content: null,
      revision: undefined,
    };
  }
  const [o1, l1, o2, l2] = br as [number, number, number, number];
  if (o1 + l1 > o2 || o2 + l2 > size) {
    return {
      check: check(
        name,
        'INVALID',
        'PDF_BYTE_RANGE_MALFORMED',
        '/ByteRange overlaps itself or exceeds the file',
        {
          byteRange: br,
          size,
        },
      ),
      content: null,
      revision: undefined,
    };
  }
  const content = new Uint8Array(l1 + l2);
  content.set(doc.bytes.subarray(o1, o1 + l1), 0);
  content.set(doc.bytes.subarray(o2, o2 + l2), l1);
  const details = { byteRange: br, size };
  const fail = (code: string, message: string, extra?: Record<string, unknown>): ByteRangeResult => ({
    check: check(name, 'INVALID', code, message, { ...details, ...extra }),
    content,
    revision: undefined,
  });
  const contents = raw.contents;
  if (!contents) return fail('PDF_CONTENTS_MISSING', 'the signature has no /Contents string');
  if (o1 !== 0)
    return fail('PDF_BYTE_RANGE_NOT_FROM_START', 'the signed range does not start at the file start');
  if (contents.start !== o1 + l1 || contents.end !== o2) {
    return fail('PDF_BYTE_RANGE_GAP_MISMATCH', 'the unsigned gap is not exactly the /Contents hex string', {
      contentsAt: [contents.start, contents.end],
    });
  }
  if (!contents.hex) return fail('PDF_BYTE_RANGE_GAP_MISMATCH', '/Contents is not a hex string');
  const revision = doc.revisionEndingAt(o2 + l2);
  if (!revision) {
    return fail('PDF_BYTE_RANGE_NOT_REVISION_END', 'the signed range does not end at the end of a revision');
  }
  return {
    check: check(name, 'VALID', 'PDF_BYTE_RANGE_OK', 'the signature covers its whole revision', {
      ...details,
      revisionEnd: revision.end,
      coversWholeFile: doc.revisionEndingAt(size) === revision || o2 + l2 === size,
    }),
    content,
    revision,
  };
}

function modificationCheck(result: ModificationResult | null, docMdp: number | null): Check {
  const name = 'MODIFICATION';
  if (!result) {
    return check(name, 'ERROR', 'PDF_REVISION_UNKNOWN', 'the signed revision cannot be identified');
  }
  if (docMdp === 1 && result.modifiedAfter !== 'none') {
    return check(
      name,
      'INVALID',
      'PDF_DOCMDP_VIOLATION',
      'the certification signature allows no changes, yet there are',
      {
        docMdp,
        modifiedAfter: result.modifiedAfter,
      },
    );
  }
  switch (result.modifiedAfter) {
    case 'none':
      return check(name, 'VALID', 'PDF_NOT_MODIFIED', 'nothing was changed after signing');
    case 'signatures-only':
      return check(name, 'VALID', 'PDF_SIGNATURES_ADDED', 'only signatures were added after signing', {
        objects: result.objectsInLaterRevisions,
      });
    default:
      return check(name, 'INVALID', 'PDF_MODIFIED_AFTER_SIGNING', 'the document was changed after signing', {
        findings: result.findings,
      });
  }
}

function modifications(
  doc: PdfDocument,
  revision: Revision,
  cache: Map<number, ModificationResult>,
): ModificationResult {
  const known = cache.get(revision.section);
  if (known) return known;
  const result = modificationsAfter(doc, { from: revision.section });
  cache.set(revision.section, result);
  return result;
}

function verifyOne(
  doc: PdfDocument,
  raw: RawPdfSignature,
  index: number,
  anchors: readonly ParsedCertificate[] | undefined,
  at: Date | undefined,
  cache: Map<number, ModificationResult>,
): PdfSignatureReport {
  const range = byteRangeCheck(doc, raw);
  const value = verifySignatureValue({
    content: range.content,
    contents: raw.contents?.bytes ?? new Uint8Array(0),
    subFilter: raw.subFilter,
    type: raw.type,
    m: raw.m,
    trustAnchors: anchors,
    at,
  });
  const mod = range.revision ? modifications(doc, range.revision, cache) : null;
  const seal = sealCheck(raw.sealCode, raw.sesSeal, value.certificate?.der, value.validationTime);
  const checks = [range.check, ...value.checks, modificationCheck(mod, raw.docMdp), seal.check];
  const sealCode = raw.sealCode ?? seal.info?.esId ?? null;
  return {
    fieldName: raw.fieldName,
    index,
    subFilter: raw.subFilter,
    byteRange: raw.byteRange ?? [],
    coversRevision: range.check.status === 'VALID',
    modifiedAfter: mod?.modifiedAfter ?? 'other',
    signingTime: value.signingTime,
    timestampTime: value.timestampTime,
    signer: value.signer,
    seal: sealCode !== null ? { code: sealCode, sesSeal: raw.sesSeal } : null,
    ...(seal.info ? { sealInfo: seal.info } : {}),
    annotation: raw.annotation,
    reason: raw.reason,
    location: raw.location,
    name: raw.name,
    pages: raw.pages,
    checks,
    verdict: verdictOf(checks),
  };
}

/** Changes after the last signature, and bytes after the last revision. */
function documentModificationCheck(
  doc: PdfDocument,
  reports: readonly PdfSignatureReport[],
  cache: Map<number, ModificationResult>,
): Check {
  const name = 'MODIFICATION';
  if (doc.hasTrailingData()) {
    return check(name, 'INVALID', 'PDF_UNSIGNED_TRAILING_DATA', 'data follows the end of the last revision');
  }
  const covered = [...cache.entries()].sort((a, b) => a[0] - b[0])[0];
  if (!covered) {
    return check(name, 'ERROR', 'PDF_REVISION_UNKNOWN', 'no signature covers an identifiable revision');
  }
  const [section, result] = covered;
  const last = reports.filter((r) => r.coversRevision).at(-1);
  const details = { lastSignature: last?.fieldName ?? null, revisionsAfter: section };
  switch (result.modifiedAfter) {
    case 'none':
      return check(
        name,
        'VALID',
        'PDF_NOT_MODIFIED',
        'nothing was changed after the last signature',
        details,
      );
    case 'signatures-only':
      return check(
        name,
        'VALID',
        'PDF_SIGNATURES_ADDED',
        'only signature data follows the last signature',
        details,
      );
    default:
      return check(
        name,
        'INVALID',
        'PDF_MODIFIED_AFTER_SIGNING',
        'unsigned changes follow the last signature',
        {
          ...details,
          findings: result.findings,
        },
      );
  }
}
