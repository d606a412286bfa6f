/**
 * What changed after a signed revision: compares every object redefined by the later
 * cross-reference sections with its value in the signed revision. Allowed ("signatures-only"):
 * new objects, and changes to existing objects that only add signature fields and their widgets
 * (catalog /AcroForm, /AcroForm /Fields, page /Annots, an unsigned signature field receiving its
 * /V and appearance), document security store (/DSS) data, /Info and XMP metadata. Everything else
 * — page content, the page tree, other annotations, deleted objects, a new /Root — is "other".
 */
import { DocumentError } from '../checks.js';
import type { ObjectState, PdfDocument } from './verify-document.js';
import { PdfDict, PdfRef, PdfStream, nameOf, valuesEqual } from './verify-objects.js';
import type { PdfValue } from './verify-objects.js';

export type ModifiedAfter = 'none' | 'signatures-only' | 'other';

export interface ModificationFinding {
  readonly object: number;
  readonly reason: string;
}

export interface ModificationResult {
  readonly modifiedAfter: ModifiedAfter;
  /** Objects changed after the signed revision that are not signature additions (at most 20). */
  readonly findings: readonly ModificationFinding[];
  /** How many objects later revisions define (changed, new or unchanged). */
  readonly objectsInLaterRevisions: number;
}

// Not /Metadata: licence metadata lives in the XMP, and a signed licence must not change it.
const CATALOG_KEYS = new Set(['AcroForm', 'DSS', 'Extensions']);
const ACROFORM_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances']);
const SIG_FIELD_KEYS = new Set(['V', 'AP', 'AS', 'F', 'MK', 'DA', 'P', 'Lock', 'SV']);
const WIDGET_KEYS = new Set(['AP', 'AS', 'F', 'MK', 'P']);
const MAX_FINDINGS = 20;
/** Larger signed revisions are not scanned for dangling references. */
const MAX_REFERENCE_SCAN = 50_000;

/** Compares the signed revision `signed` with the final state of `doc`. */
export function modificationsAfter(doc: PdfDocument, signed: ObjectState): ModificationResult {
  if (signed.from === 0) return { modifiedAfter: 'none', findings: [], objectsInLaterRevisions: 0 };
  const final = doc.final;
  const findings: ModificationFinding[] = [];
  const note = (object: number, reason: string): void => {
    if (findings.length < MAX_FINDINGS) findings.push({ object, reason });
  };
  const oldTrailer = doc.trailerOf(signed);
  const newTrailer = doc.trailer;
  if (!valuesEqual(oldTrailer.get('Root'), newTrailer.get('Root')))
    note(0, 'the document catalog was replaced');
  if (newTrailer.get('Encrypt') !== undefined && oldTrailer.get('Encrypt') === undefined) {
    note(0, 'encryption was added');
  }

  const ctx = new Context(doc, signed);
  const changed = doc.changedSince(signed);
  for (const num of changed.keys()) {
    if (doc.locationOf(num, signed) === doc.locationOf(num, final)) continue;
    let reason: string | null;
    try {
      reason = ctx.judge(num);
    } catch (error) {
      if (!(error instanceof DocumentError) || error.code === 'PDF_LIMIT_EXCEEDED') throw error;
      reason = `object cannot be read: ${error.message}`;
    }
    if (reason) note(num, reason);
  }
  return {
    modifiedAfter: findings.length ? 'other' : 'signatures-only',
    findings,
    objectsInLaterRevisions: changed.size,
  };
}

class Context {
  private readonly catalogNum: number | null;
  private readonly infoNum: number | null;
  private readonly acroFormNums = new Set<number>();
  private readonly dssNums = new Set<number>();

  constructor(
    private readonly doc: PdfDocument,
    private readonly signed: ObjectState,
  ) {
    const trailer = doc.trailerOf(signed);
    const root = trailer.get('Root');
    this.catalogNum = root instanceof PdfRef ? root.num : null;
    const info = trailer.get('Info');
    this.infoNum = info instanceof PdfRef ? info.num : null;
    // AcroForm and DSS objects of either state.
    for (const state of [signed, doc.final]) {
      const catalog = doc.resolve(doc.trailerOf(state).get('Root'), state);
      if (!(catalog instanceof PdfDict)) continue;
      const af = catalog.get('AcroForm');
      if (af instanceof PdfRef) this.acroFormNums.add(af.num);
      const dss = catalog.get('DSS');
      if (dss instanceof PdfRef) this.dssNums.add(dss.num);
      const dssDict = doc.resolve(dss, state);
      if (dssDict instanceof PdfDict) {
        for (const key of ['Certs', 'CRLs', 'OCSPs', 'VRI']) {
          const v = dssDict.get(key);
          if (v instanceof PdfRef) this.dssNums.add(v.num);
        }
      }
    }
  }

  private referenced: Set<number> | undefined;

  /** Object numbers referenced by the objects and trailer of the signed revision. */
  private referencedInSigned(): Set<number> {
    if (this.referenced) return this.referenced;
    const doc = this.doc;
    const refs = new Set<number>();
    const collect = (v: PdfValue | undefined, depth: number): void => {
      if (v instanceof PdfRef) refs.add(v.num);
      else if (Array.isArray(v)) for (const x of v) collect(x, depth + 1);
      else if (v instanceof PdfDict) for (const x of v.entries.values()) collect(x, depth + 1);
      else if (v instanceof PdfStream) collect(v.dict, depth + 1);
    };
    collect(doc.trailerOf(this.signed), 0);
    const nums = new Set<number>();
    for (let i = this.signed.from; i < doc.sections.length; i++) {
      for (const num of doc.sections[i]?.entries.keys() ?? []) nums.add(num);
    }
    if (nums.size <= MAX_REFERENCE_SCAN) {
      for (const num of nums) {
        try {
          collect(doc.object(num, this.signed), 0);
        } catch (error) {
          if (!(error instanceof DocumentError) || error.code === 'PDF_LIMIT_EXCEEDED') throw error;
        }
      }
    }
    this.referenced = refs;
    return refs;
  }

  /** null when the change of object `num` is allowed, else the reason. */
  judge(num: number): string | null {
    const doc = this.doc;
    const before = doc.object(num, this.signed);
    const after = doc.object(num);
    if (before === null) {
      // A new object matters only through changed old objects — unless the signed revision
      // already pointed at its number (a dangling reference filled in later: a shadow attack).
      return this.referencedInSigned().has(num)
        ? 'an object referenced but missing in the signed revision was added'
        : null;
    }
    if (after === null) return 'an object of the signed revision was deleted';
    if (before instanceof PdfStream) {
      const type = nameOf(before.dict.get('Type'));
      if (type === 'XRef' || type === 'ObjStm') return null; // containers, never referenced
      if (type === 'Metadata')
        return valuesEqual(before, after) ? null : 'the XMP metadata was changed after signing';
    }
    if (valuesEqual(before, after)) return null;
    if (num === this.infoNum) return null;
    if (this.dssNums.has(num) || (before instanceof PdfDict && nameOf(before.get('Type')) === 'DSS'))
      return null;
    if (num === this.catalogNum) return this.catalog(before, after);
    if (this.acroFormNums.has(num)) return this.acroForm(before, after);
    if (Array.isArray(before)) {
      return Array.isArray(after) && this.grows(before, after, (v) => this.isSignatureAddition(v))
        ? null
        : 'an array changed other than by adding signature fields or widgets';
    }
    if (!(before instanceof PdfDict) || !(after instanceof PdfDict)) return 'an object was replaced';
    const type = nameOf(before.get('Type'));
    if (type === 'Page') {
      const keys = diffKeys(before, after);
      if (keys.some((k) => k !== 'Annots')) return `page changed (${keys.join(', ')})`;
      return this.grows(
        this.arrayIn(before.get('Annots'), this.signed),
        this.arrayIn(after.get('Annots'), doc.final),
        (v) => this.isSignatureWidget(v),
      )
        ? null
        : 'annotations other than signature widgets were added or removed';
    }
    if (this.isSigField(before, this.signed)) {
      if (before.get('V') !== undefined) return 'a signed signature field was changed';
      const keys = diffKeys(before, after);
      const bad = keys.filter((k) => !SIG_FIELD_KEYS.has(k));
      return bad.length ? `signature field changed (${bad.join(', ')})` : null;
    }
    if (this.isSignatureWidget(before, this.signed)) {
      const bad = diffKeys(before, after).filter((k) => !WIDGET_KEYS.has(k));
      return bad.length ? `signature widget changed (${bad.join(', ')})` : null;
    }
    return `object changed (${type ?? nameOf(before.get('Subtype')) ?? 'untyped'})`;
  }

  private catalog(before: PdfValue, after: PdfValue): string | null {
    if (!(before instanceof PdfDict) || !(after instanceof PdfDict)) return 'the catalog was replaced';
    const keys = diffKeys(before, after);
    const bad = keys.filter((k) => !CATALOG_KEYS.has(k));
    if (bad.length) return `catalog changed (${bad.join(', ')})`;
    if (keys.includes('AcroForm')) {
      return this.acroForm(
        this.doc.resolve(before.get('AcroForm'), this.signed),
        this.doc.resolve(after.get('AcroForm')),
      );
    }
    return null;
  }

  private acroForm(before: PdfValue, after: PdfValue): string | null {
    if (!(after instanceof PdfDict)) return 'the interactive form was removed';
    const old = before instanceof PdfDict ? before : new PdfDict(new Map());
    const bad = diffKeys(old, after).filter((k) => !ACROFORM_KEYS.has(k));
    if (bad.length) return `interactive form changed (${bad.join(', ')})`;
    const ok = this.grows(
      this.arrayIn(old.get('Fields'), this.signed),
      this.arrayIn(after.get('Fields'), this.doc.final),
      (v) => this.isSigField(this.doc.resolve(v), this.doc.final),
    );
    return ok ? null : 'form fields other than signature fields were added or removed';
  }

  private arrayIn(value: PdfValue | undefined, state: ObjectState): PdfValue[] {
    const v = this.doc.resolve(value, state);
    return Array.isArray(v) ? v : [];
  }

  /** `after` keeps every element of `before` and every added element passes `accept`. */
  private grows(
    before: readonly PdfValue[],
    after: readonly PdfValue[],
    accept: (v: PdfValue) => boolean,
  ): boolean {
    if (!before.every((b) => after.some((a) => valuesEqual(a, b)))) return false;
    return after.every((a) => before.some((b) => valuesEqual(a, b)) || accept(a));
  }

  private isSignatureAddition(v: PdfValue): boolean {
    return this.isSignatureWidget(v) || this.isSigField(this.doc.resolve(v), this.doc.final);
  }

  /** A widget annotation of a signature field (merged or a kid of one), in `state`. */
  private isSignatureWidget(v: PdfValue, state: ObjectState = this.doc.final): boolean {
    const node = this.doc.resolve(v, state);
    return (
      node instanceof PdfDict && nameOf(node.get('Subtype')) === 'Widget' && this.isSigField(node, state)
    );
  }

  /** /FT /Sig on the node or inherited from its /Parent chain. */
  private isSigField(node: PdfValue, state: ObjectState): boolean {
    let current: PdfValue = node;
    for (let depth = 0; depth < 16 && current instanceof PdfDict; depth++) {
      const ft = nameOf(this.doc.resolve(current.get('FT'), state));
      if (ft) return ft === 'Sig';
      current = this.doc.resolve(current.get('Parent'), state);
    }
    return false;
  }
}

function diffKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  return [...keys].filter((k) => !valuesEqual(a.get(k), b.get(k)));
}
