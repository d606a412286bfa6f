import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import {
  GmError,
  decodeSeal,
  decodeSesSignature,
  sm3,
  verifySeal,
  verifySesSignature,
  type SesCheck,
} from '@zhengyin/gm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { createFontSubsetter, harfbuzzSubsetWasmPath } from '../license-face/subset.js';
import { sampleFonts, sampleRequest } from '../license-face/testing/sample-licence.js';
import { makeTestPki } from '../pdf/testing/pki.js';
import { OfdPackage } from './package.js';
import { sealOfd, type SealOfdRequest } from './seal-ofd.js';
import {
  SEAL_VALID_END,
  SIGNING_TIME,
  makeOfdSealKit,
  parseIndependently,
  unzipOfd,
  walk,
  type OfdSealKit,
  type PlainElement,
} from './testing/seal-kit.js';
import { verifyOfd } from './verify-ofd.js';
import { renderFaceOfd } from './write-face.js';

const FIXTURES = '/work/shared/fixtures/ofd';
const fixture = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}/${name}`));
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const b64sm3 = (b: Uint8Array) => Buffer.from(sm3(b)).toString('base64');

let kit: OfdSealKit;
let face: Uint8Array;

beforeAll(async () => {
  kit = await makeOfdSealKit();
  const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
  face = await renderFaceOfd(sampleRequest(sampleFonts(), { subsetter }));
});

const request = (extra: Partial<SealOfdRequest> = {}): SealOfdRequest => ({
  ofd: face,
  sesSeal: kit.seal.der,
  signerCertificate: kit.issuer.certificate.der,
  sign: kit.issuer.sign,
  placement: { kind: 'box', page: 0, xMm: 230, yMm: 150 },
  signingTime: SIGNING_TIME,
  ...extra,
});

interface ReadSignature {
  readonly xml: Uint8Array;
  readonly root: PlainElement;
  readonly refs: Map<string, string>;
  readonly stamps: Record<string, string>[];
}

/** Reads Signature.xml of `part` independently (fflate + saxes). */
function readSignature(files: Record<string, Uint8Array>, part: string): ReadSignature {
  const xml = files[part]!;
  const root = parseIndependently(xml);
  const refs = new Map<string, string>();
  const stamps: Record<string, string>[] = [];
  for (const el of walk(root)) {
    if (el.local === 'Reference') refs.set(el.attrs.FileRef!, el.children[0]!.text);
    if (el.local === 'StampAnnot') stamps.push(el.attrs);
  }
  return { xml, root, refs, stamps };
}

/** Every reference of the signature still equals base64(SM3(part)) in `files`. */
function expectReferencesHold(files: Record<string, Uint8Array>, sig: ReadSignature): void {
  expect(sig.refs.size).toBeGreaterThan(0);
  for (const [ref, value] of sig.refs) {
    const bytes = files[ref.replace(/^\//, '')];
    expect(bytes, ref).toBeDefined();
    expect(b64sm3(bytes!), ref).toBe(value);
  }
}

const allValid = (checks: readonly SesCheck[]) =>
  expect(checks.filter((c) => c.status !== 'VALID').map((c) => `${c.name}:${c.code}`)).toEqual([]);

async function rejects(p: Promise<unknown>, type: typeof DocumentError | typeof GmError, code: string) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(type);
  expect((e as { code: string }).code).toBe(code);
  return e as { code: string; details?: Record<string, unknown> };
}

describe('sealOfd', () => {
  it('protects every part with base64(SM3) references and signs SM3(Signature.xml) with SES v4', async () => {
    const result = await sealOfd(request());
    const before = unzipOfd(face);
    const files = unzipOfd(result.ofd);
    expect(result.signaturePart).toBe('Doc_0/Signs/Sign_0/Signature.xml');
    expect(result.pages).toEqual([0]);

    // Every original part keeps its bytes except OFD.xml, which gains the Signatures element.
    for (const [name, bytes] of Object.entries(before)) {
      if (name === 'OFD.xml') continue;
      expect(Buffer.compare(files[name]!, bytes), name).toBe(0);
    }
    expect(decode(files['OFD.xml']!)).toBe(
      decode(before['OFD.xml']!).replace(
        '</ofd:DocBody>',
        '<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody>',
      ),
    );
    const signatures = parseIndependently(files['Doc_0/Signs/Signatures.xml']!);
    expect(signatures.children.map((c) => [c.local, c.text || c.attrs])).toEqual([
      ['MaxSignId', '2'],
      ['Signature', { ID: '1', Type: 'Seal', BaseLoc: '/Doc_0/Signs/Sign_0/Signature.xml' }],
    ]);

    const sig = readSignature(files, result.signaturePart);
    expectReferencesHold(files, sig);
    const expected = Object.keys(files)
      .filter(
        (n) =>
          ![
            'Doc_0/Signs/Signatures.xml',
            'Doc_0/Signs/Sign_0/Signature.xml',
            'Doc_0/Signs/Sign_0/SignedValue.dat',
          ].includes(n),
      )
      .map((n) => `/${n}`)
      .sort();
    expect([...sig.refs.keys()].sort()).toEqual(expected);
    expect(expected).toContain('/Doc_0/Signs/Sign_0/Seal.esl');
    expect(expected).toContain('/Doc_0/Annots/Annotations.xml');
    const info = sig.root.children.find((c) => c.local === 'SignedInfo')!;
    const text = (name: string) => info.children.find((c) => c.local === name)?.text;
    expect(text('SignatureMethod')).toBe('1.2.156.10197.1.501');
    expect(text('SignatureDateTime')).toBe('20260601083000Z');
    expect(info.children.find((c) => c.local === 'References')!.attrs.CheckMethod).toBe(
      '1.2.156.10197.1.401',
    );
    expect(sig.stamps).toEqual([{ ID: '2', PageRef: '1', Boundary: '230 150 40 40' }]);

    const signedValue = files['Doc_0/Signs/Sign_0/SignedValue.dat']!;
    expect(Buffer.compare(signedValue, result.signedValue)).toBe(0);
    const ses = decodeSesSignature(signedValue);
    expect(ses.version).toBe(4);
    expect(Buffer.from(ses.tbs.dataHash)).toEqual(Buffer.from(sm3(sig.xml)));
    expect(ses.tbs.propertyInfo).toBe('/Doc_0/Signs/Sign_0/Signature.xml');
    expect(ses.tbs.timeInfo.date).toEqual(SIGNING_TIME);
    expect(Buffer.compare(ses.signerCertificate, kit.issuer.certificate.der)).toBe(0);
    expect(Buffer.compare(files['Doc_0/Signs/Sign_0/Seal.esl']!, kit.seal.der)).toBe(0);
    allValid(verifySesSignature(ses, { dataHash: sm3(sig.xml) }));
    allValid(verifySeal(decodeSeal(files['Doc_0/Signs/Sign_0/Seal.esl']!), { at: SIGNING_TIME }));
    // The signature covers exactly Signature.xml: one more byte and dataHash no longer matches.
    const changed = new Uint8Array([...sig.xml, 0x20]);
    expect(verifySesSignature(ses, { dataHash: sm3(changed) }).some((c) => c.status === 'INVALID')).toBe(
      true,
    );
  });

  it('adds a second seal that leaves the first valid, and refuses one after whole protection', async () => {
    const first = await sealOfd(request());
    const second = await sealOfd(
      request({
        ofd: first.ofd,
        placement: { kind: 'box', page: 0, xMm: 10, yMm: 160, widthMm: 30, heightMm: 30 },
        signingTime: new Date(SIGNING_TIME.getTime() + 60_000),
        protection: 'whole',
      }),
    );
    expect(second.signatureId).toBe('3');
    expect(second.signaturePart).toBe('Doc_0/Signs/Sign_1/Signature.xml');
    const files = unzipOfd(second.ofd);
    const before = unzipOfd(first.ofd);
    for (const [name, bytes] of Object.entries(before)) {
      if (name === 'Doc_0/Signs/Signatures.xml') continue;
      expect(Buffer.compare(files[name]!, bytes), name).toBe(0);
    }
    expectReferencesHold(files, readSignature(files, first.signaturePart));
    const whole = readSignature(files, second.signaturePart);
    expectReferencesHold(files, whole);
    expect(whole.refs.has('/Doc_0/Signs/Signatures.xml')).toBe(true);
    expect(whole.refs.has('/Doc_0/Signs/Sign_0/SignedValue.dat')).toBe(true);
    expect(whole.stamps).toEqual([{ ID: '4', PageRef: '1', Boundary: '10 160 30 30' }]);
    expect(decode(files['Doc_0/Signs/Signatures.xml']!)).toContain('<ofd:MaxSignId>4</ofd:MaxSignId>');

    const report = await verifyOfd(second.ofd, { trustAnchors: [kit.root.der] });
    expect(report.signatures.map((s) => s.verdict)).toEqual(['VALID', 'VALID']);
    expect(report.verdict).toBe('VALID');

    const e = await rejects(sealOfd(request({ ofd: second.ofd })), DocumentError, 'OFD_INPUT_INVALID');
    expect(e.details).toMatchObject({ signature: '3', part: 'Doc_0/Signs/Signatures.xml' });
  });

  it('leaves the annotation index and page annotation files unprotected when told to', async () => {
    const result = await sealOfd(request({ coverAnnotations: false }));
    const files = unzipOfd(result.ofd);
    const sig = readSignature(files, result.signaturePart);
    expect(sig.refs.has('/Doc_0/Annots/Annotations.xml')).toBe(false);
    expect(sig.refs.has('/Doc_0/Document.xml')).toBe(true);
    expect(sig.refs.size).toBe(Object.keys(files).length - 4);
  });

  it('places a riding seal as one signature with one clipped slice per page at the right edge', async () => {
    // 999.ofd: a real five-page invoice with a signature (KingGrid, continue mode) of its own.
    const input = fixture('999.ofd');
    const result = await sealOfd(request({ ofd: input, placement: { kind: 'riding', yMm: 60 } }));
    expect(result.pages).toEqual([0, 1, 2, 3, 4]);
    const files = unzipOfd(result.ofd);
    const sig = readSignature(files, result.signaturePart);
    expectReferencesHold(files, sig);
    expect(sig.stamps).toHaveLength(5);
    const doc = parseIndependently(files['Doc_0/Document.xml']!);
    const pageIds = [...walk(doc)].filter((e) => e.local === 'Page').map((e) => e.attrs.ID);
    expect(sig.stamps.map((s) => s.PageRef)).toEqual(pageIds);
    const width = Number(
      doc.children[0]!.children.find((c) => c.local === 'PageArea')!.children[0]!.text.split(' ')[2],
    );
    const clips = sig.stamps.map((s) => s.Clip!.split(' ').map(Number));
    const boxes = sig.stamps.map((s) => s.Boundary!.split(' ').map(Number));
    clips.forEach((clip, i) => {
      expect(clip).toEqual([i * 8, 0, 8, 40]); // 40 mm seal over 5 pages
      // The visible slice ends exactly at the right edge of each page.
      expect(boxes[i]![0]! + clip[0]! + clip[2]!).toBeCloseTo(width, 6);
      expect(boxes[i]![1]).toBe(60);
    });
    // Slices do not overlap and together make the whole seal.
    expect(clips.reduce((sum, c) => sum + c[2]!, 0)).toBe(40);
    // The vendor's own signature still holds (its references are unchanged).
    const original = readSignature(files, 'Doc_0/Signs/Sign_0/Signature.xml');
    expectReferencesHold(files, original);
  });

  it('keeps the production seal of a real invoice intact while adding ours', async () => {
    const result = await sealOfd(
      request({ ofd: fixture('1.ofd'), placement: { kind: 'box', page: 0, xMm: 150, yMm: 90 } }),
    );
    const files = unzipOfd(result.ofd);
    expectReferencesHold(files, readSignature(files, 'Doc_0/Signs/Sign_0/Signature.xml'));
    // Unchanged parts are copied as stored: the other producer's compressed bytes, not deflated again.
    const [inPkg, outPkg] = [OfdPackage.open(fixture('1.ofd')), OfdPackage.open(result.ofd)];
    const unchanged = inPkg.files().filter((n) => n !== 'Doc_0/Signs/Signatures.xml');
    expect(unchanged.length).toBe(15);
    for (const name of unchanged)
      expect(Buffer.compare(outPkg.stored(name).data, inPkg.stored(name).data), name).toBe(0);
    expect(result.signatureId).toBe('3');
    expect(result.signaturePart).toBe('Doc_0/Signs/Sign_1/Signature.xml');
    const report = await verifyOfd(result.ofd, { trustAnchors: [kit.root.der] });
    expect(report.signatures.map((s) => s.checks.find((c) => c.name === 'REFERENCES')?.status)).toEqual([
      'VALID',
      'VALID',
    ]);
    expect(report.signatures[1]!.verdict).toBe('VALID');
  });

  it('centres the seal on a keyword of the page text', async () => {
    const result = await sealOfd(request({ placement: { kind: 'keyword', keyword: '许可证编号' } }));
    const sig = readSignature(unzipOfd(result.ofd), result.signaturePart);
    const [x, y, w, h] = sig.stamps[0]!.Boundary!.split(' ').map(Number) as [number, number, number, number];
    // The label box is at (20, 75) 40 × 8 mm, left aligned, 12 pt: five ideographs of 4.23 mm.
    expect(x + w / 2).toBeCloseTo(20 + (5 * 4.2333) / 2, 1);
    expect(y + h / 2).toBeCloseTo(79, 0);
    await rejects(
      sealOfd(request({ placement: { kind: 'keyword', keyword: '不存在的文字' } })),
      DocumentError,
      'OFD_INPUT_INVALID',
    );
  });

  it('adds an SES time-stamp without changing what was signed', async () => {
    const pki = await makeTestPki();
    const result = await sealOfd(request({ timestamp: (value) => pki.timestamp(value) }));
    const ses = decodeSesSignature(result.signedValue);
    expect(ses.timeStamp?.length).toBeGreaterThan(100);
    const files = unzipOfd(result.ofd);
    const checks = verifySesSignature(ses, { dataHash: sm3(files[result.signaturePart]!) });
    allValid(checks.filter((c) => c.name !== 'signature.timeStamp'));
    const report = await verifyOfd(result.ofd, { trustAnchors: [kit.root.der, pki.root.der] });
    const timestamp = report.signatures[0]!.checks.find((c) => c.name === 'TIMESTAMP')!;
    expect(`${timestamp.status}:${timestamp.code}`).toBe('VALID:OFD_TIMESTAMP_VALID');
    expect(report.signatures[0]!.timestampTime).toEqual(new Date(SIGNING_TIME.getTime() + 1000));
  });

  it('verifies VALID with the test root, and a changed byte anywhere fails with the right code', async () => {
    const result = await sealOfd(request());
    const ok = await verifyOfd(result.ofd, { trustAnchors: [kit.root.der] });
    expect(ok.verdict).toBe('VALID');
    const files = unzipOfd(result.ofd);
    const tamper = async (part: string, at: (b: Uint8Array) => number) => {
      const copy = { ...files, [part]: new Uint8Array(files[part]!) };
      const i = at(copy[part]!);
      copy[part]![i] = copy[part]![i]! ^ 0x01;
      const report = await verifyOfd(zipSync(copy), { trustAnchors: [kit.root.der] });
      return report.signatures[0]!.checks.filter((c) => c.status !== 'VALID' && c.status !== 'SKIPPED');
    };
    const content = await tamper('Doc_0/Pages/Page_0/Content.xml', (b) => b.length - 20);
    expect(content.map((c) => c.name)).toEqual(['REFERENCES']);
    const signatureXml = await tamper(result.signaturePart, (b) => decode(b).indexOf('Boundary="') + 10);
    expect(signatureXml.map((c) => c.name)).toContain('DATA_HASH');
    const signedValue = await tamper('Doc_0/Signs/Sign_0/SignedValue.dat', (b) => b.length - 5);
    expect(signedValue.map((c) => c.name)).toContain('SIGNATURE');
  });

  describe('refuses bad input and returns nothing', () => {
    it('not an OFD file', async () => {
      await rejects(
        sealOfd(request({ ofd: new Uint8Array([1, 2, 3, 4, 5]) })),
        DocumentError,
        'OFD_MALFORMED',
      );
      await rejects(
        sealOfd(request({ ofd: zipSync({ 'hello.txt': new Uint8Array([65]) }) })),
        DocumentError,
        'OFD_PART_MISSING',
      );
    });

    it('a v1 seal and a signer certificate that is not in the seal', async () => {
      // n.ofd carries a GM/T 0031 (v1) seal.
      const v1 = unzipOfd(fixture('n.ofd'))['Doc_0/Signs/Sign_0/Seal.esl']!;
      expect(decodeSeal(v1).version).toBe(1);
      await rejects(sealOfd(request({ sesSeal: v1 })), GmError, 'GM_SES_UNSUPPORTED_VERSION');
      await rejects(
        sealOfd(request({ signerCertificate: kit.stranger.certificate.der, sign: kit.stranger.sign })),
        GmError,
        'GM_SES_SIGNER_NOT_IN_SEAL',
      );
    });

    it('a page that does not exist, a seal outside the page, a malformed placement', async () => {
      const e = await rejects(
        sealOfd(request({ placement: { kind: 'box', page: 1, xMm: 10, yMm: 10 } })),
        DocumentError,
        'OFD_INPUT_INVALID',
      );
      expect(e.details).toMatchObject({ page: 1 });
      await rejects(
        sealOfd(request({ placement: { kind: 'box', page: 0, xMm: 270, yMm: 10 } })),
        DocumentError,
        'OFD_INPUT_INVALID',
      );
      await rejects(
        sealOfd(request({ placement: { kind: 'box', page: 0, xMm: 10, yMm: -1 } })),
        DocumentError,
        'OFD_INPUT_INVALID',
      );
      await rejects(
        sealOfd(request({ placement: { kind: 'box', page: 0, xMm: Number.NaN, yMm: 10 } })),
        DocumentError,
        'OFD_INPUT_INVALID',
      );
      await rejects(sealOfd(request({ placement: { kind: 'riding' } })), DocumentError, 'OFD_INPUT_INVALID');
    });

    it('a signing time outside the seal validity', async () => {
      const e = await rejects(
        sealOfd(request({ signingTime: new Date(SEAL_VALID_END.getTime() + 1000) })),
        GmError,
        'GM_SES_SEAL_NOT_USABLE',
      );
      expect(e.details?.codes).toBeDefined();
    });

    it('leaves the input bytes as they were', async () => {
      const copy = new Uint8Array(face);
      await sealOfd(request()).catch(() => undefined);
      await sealOfd(request({ placement: { kind: 'box', page: 3, xMm: 0, yMm: 0 } })).catch(() => undefined);
      expect(Buffer.compare(face, copy)).toBe(0);
    });
  });
});
