/**
 * verifyOfd: verification of sealed OFD files (GB/T 33190 signatures holding GB/T 38540 or
 * GM/T 0031 SES signatures), ours or anyone's. One report per Signature element — a riding seal
 * with five StampAnnots is one signature —, each a list of typed checks: REFERENCES (every
 * CheckValue), DATA_HASH, SIGNATURE, SIGNER_CERTIFICATE, SIGNING_TIME, TIMESTAMP,
 * CERTIFICATE_CHAIN, SEAL, SEAL_FILE, SEAL_MAKER_CHAIN and STAMP_ANNOT; document checks FORMAT,
 * SIGNATURES and COVERAGE (content no signature protects). Verdicts as verifyPdf: any INVALID
 * wins, then any ERROR (INDETERMINATE: e.g. no trust anchors, or no signatures), else VALID.
 *
 * A file that is not a readable OFD package (not a zip, zip bomb, path traversal, XXE, missing
 * OFD.xml / Document.xml / Signatures.xml / Signature.xml, limits) throws DocumentError OFD_*;
 * faults of one signature's value (missing or undecodable SignedValue.dat) are checks.
 */
import type { ParsedCertificate } from '@zhengyin/gm';
import { check, verdictOf, type Check } from '../checks.js';
import { parseTrustAnchors } from '../verify-chain.js';
import { OfdPackage, ofdLimits } from './package.js';
import { readOfdSignatures } from './signatures.js';
import type { OfdSignatureEntry } from './types.js';
import { readAnnotationStatement } from './verify-annotation.js';
import { coverageCheck, signatureFiles } from './verify-coverage.js';
import { referencesCheck, type DigestCache } from './verify-references.js';
import { verifySes } from './verify-ses.js';
import { readOfdStructure, type OfdBodyStructure } from './verify-structure.js';
import type { OfdSignatureReport, OfdVerification, VerifyOfdOptions } from './verify-types.js';

const SKIPPED_FOR_SIGN = [
  'DATA_HASH',
  'SIGNER_CERTIFICATE',
  'SIGNING_TIME',
  'TIMESTAMP',
  'CERTIFICATE_CHAIN',
  'SEAL',
  'SEAL_FILE',
  'SEAL_MAKER_CHAIN',
];

function stampAnnotCheck(entry: OfdSignatureEntry, pageIndex: ReadonlyMap<string, number>): Check {
  const name = 'STAMP_ANNOT';
  if (entry.stampAnnots.length === 0) {
    return check(name, 'SKIPPED', 'OFD_NO_STAMP_ANNOT', 'the signature shows no seal appearance');
  }
  const unknown = entry.stampAnnots.map((s) => s.pageRef).filter((ref) => !pageIndex.has(ref));
  const details = { pageRefs: entry.stampAnnots.map((s) => s.pageRef) };
  if (unknown.length > 0) {
    return check(
      name,
      'INVALID',
      'OFD_STAMP_PAGE_MISSING',
      `a seal appearance names page ID ${unknown.join(', ')}, which the document does not have`,
      { ...details, unknown },
    );
  }
  return check(
    name,
    'VALID',
    'OFD_STAMP_ANNOTS_OK',
    `${entry.stampAnnots.length} seal appearance(s) on existing pages`,
    details,
  );
}

interface Context {
  readonly pkg: OfdPackage;
  readonly anchors: readonly ParsedCertificate[] | undefined;
  readonly at: Date | undefined;
  readonly digests: DigestCache;
}

function verifyEntry(
  ctx: Context,
  body: OfdBodyStructure,
  entry: OfdSignatureEntry,
  index: number,
): OfdSignatureReport {
  const { pkg } = ctx;
  const pageIndex = new Map(body.pages.map((p, i) => [p.id, i]));
  const stamp = stampAnnotCheck(entry, pageIndex);
  const base = {
    format: 'ofd' as const,
    index,
    id: entry.id,
    fieldName: `Signature ${entry.id}`,
    type: entry.type,
    part: entry.part,
    provider: entry.provider ?? null,
    checkMethod: entry.checkMethod ?? null,
    signatureDateTime: entry.signatureDateTime ?? null,
    stampAnnots: entry.stampAnnots,
    pages: [
      ...new Set(
        entry.stampAnnots.flatMap((s) => (pageIndex.has(s.pageRef) ? [pageIndex.get(s.pageRef)! + 1] : [])),
      ),
    ],
    references: entry.references.map((r) => r.part),
  };
  const signedValue = pkg.has(entry.signedValuePart) ? pkg.read(entry.signedValuePart) : null;
  if (entry.type === 'Sign') {
    const refs = referencesCheck(pkg, entry, undefined, ctx.digests);
    const checks = [
      refs.check,
      check(
        'SIGNATURE',
        'ERROR',
        'OFD_SIGN_TYPE_UNSUPPORTED',
        'Type="Sign" (GB/T 35275 signed data without a seal) is not verified',
      ),
      ...SKIPPED_FOR_SIGN.map((n) => check(n, 'SKIPPED', 'OFD_SIGN_TYPE_UNSUPPORTED', 'not verified')),
      stamp,
    ];
    return {
      ...base,
      sesVersion: null,
      signingTime: null,
      timestampTime: null,
      signer: null,
      seal: null,
      signedValue,
      annotation: null,
      checks,
      verdict: verdictOf(checks),
    };
  }
  const ses = verifySes({
    part: entry.part,
    signatureXml: pkg.read(entry.part),
    signedValue,
    signedValuePart: entry.signedValuePart,
    sealFile: entry.sealPart
      ? { part: entry.sealPart, bytes: pkg.has(entry.sealPart) ? pkg.read(entry.sealPart) : null }
      : undefined,
    anchors: ctx.anchors,
    at: ctx.at,
  });
  const refs = referencesCheck(pkg, entry, ses.signerPublicKey, ctx.digests);
  const covered = new Set(base.references);
  let annotation = null;
  for (const file of body.annotationFiles) {
    if (!covered.has(file.part) || !pkg.has(file.part)) continue;
    annotation = readAnnotationStatement(pkg, file.part);
    if (annotation) break;
  }
  const checks = [refs.check, ...ses.checks, stamp];
  return {
    ...base,
    sesVersion: ses.sesVersion,
    signingTime: ses.signingTime,
    timestampTime: ses.timestampTime,
    signer: ses.signer,
    seal: ses.seal,
    ...(ses.sealInfo ? { sealInfo: ses.sealInfo } : {}),
    signedValue,
    annotation,
    checks,
    verdict: verdictOf(checks),
  };
}

/**
 * Verifies every signature of `ofd`. Throws DocumentError OFD_* for a file that is not a readable
 * OFD package, and OFD_TRUST_ANCHOR_INVALID for an unusable trust anchor.
 */
export async function verifyOfd(ofd: Uint8Array, options: VerifyOfdOptions = {}): Promise<OfdVerification> {
  const anchors = parseTrustAnchors(options.trustAnchors, 'OFD');
  const limits = ofdLimits({
    ...options.limits,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  });
  const pkg = OfdPackage.open(ofd, limits);
  const structure = readOfdStructure(pkg);
  const files = pkg.files();
  const lists = structure.bodies.flatMap((body) =>
    body.signaturesPart ? [{ body, signatures: readOfdSignatures(pkg, body.signaturesPart) }] : [],
  );
  const entries = lists.flatMap((l) => l.signatures.entries);
  const parts = {
    signatures: [...signatureFiles(structure, entries)],
    annotations: structure.bodies.flatMap((b) => [
      ...(b.annotationsPart ? [b.annotationsPart] : []),
      ...b.annotationFiles.map((f) => f.part),
    ]),
  };
  const docChecks: Check[] = [
    check('FORMAT', 'VALID', 'OFD_WELL_FORMED', 'the OFD package is readable', {
      files: files.length,
      documents: structure.bodies.length,
      pages: structure.bodies.reduce((n, b) => n + b.pages.length, 0),
      namespace: structure.namespace,
    }),
  ];
  if (entries.length === 0) {
    docChecks.push(check('SIGNATURES', 'ERROR', 'OFD_NO_SIGNATURES', 'the file contains no signature'));
    return { format: 'ofd', signatures: [], checks: docChecks, verdict: verdictOf(docChecks), parts };
  }
  docChecks.push(
    check('SIGNATURES', 'VALID', 'OFD_SIGNATURES_FOUND', `${entries.length} signature(s)`, {
      count: entries.length,
    }),
  );
  const ctx: Context = { pkg, anchors, at: options.at, digests: new Map() };
  const reports: OfdSignatureReport[] = [];
  for (const { body, signatures } of lists) {
    for (const entry of signatures.entries) reports.push(verifyEntry(ctx, body, entry, reports.length + 1));
  }
  docChecks.push(coverageCheck({ files, structure, entries }));
  const all = [...docChecks, ...reports.flatMap((r) => r.checks)];
  return { format: 'ofd', signatures: reports, checks: docChecks, verdict: verdictOf(all), parts };
}
