import { describe, expect, test } from 'vitest';
import { DocumentError } from '../checks.js';
import { readOfdFixture, rezip, sampleOfdParts, type OfdParts } from './testing/ofd-files.js';
import { readSignedOfdMetadata } from './verify-metadata.js';

const NS = 'http://www.ofdspec.org/2016';
const LICENSE = {
  schema: 'https://zhengyin.dev/ns/ecert/1.0/license.json',
  metadata: { certificateIdentifier: 'ID-1' },
};

/** A sample with CustomDatas and a license.json attachment (as the face writer lays them out). */
function licenceParts(json = JSON.stringify(LICENSE)): OfdParts {
  const parts = sampleOfdParts({ customData: { ZZBS: 'ID-1', ZZMC: '营业执照' } });
  parts['Doc_0/Attachs/Attachments.xml'] =
    `<ofd:Attachments xmlns:ofd="${NS}"><ofd:Attachment ID="90" Name="license.json" Format="json">` +
    `<ofd:FileLoc>license.json</ofd:FileLoc></ofd:Attachment></ofd:Attachments>`;
  parts['Doc_0/Attachs/license.json'] = json;
  const doc = parts['Doc_0/Document.xml'] as string;
  parts['Doc_0/Document.xml'] = doc.replace(
    '</ofd:Document>',
    '<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments></ofd:Document>',
  );
  return parts;
}

const ALL = ['OFD.xml', 'Doc_0/Attachs/Attachments.xml', 'Doc_0/Attachs/license.json'];

describe('readSignedOfdMetadata', () => {
  test('reads CustomDatas and the JSON attachment when the signature protects them', () => {
    const meta = readSignedOfdMetadata(rezip(licenceParts()), ALL);
    expect(meta.customData).toEqual({ ZZBS: 'ID-1', ZZMC: '营业执照' });
    expect(meta.attachment).toEqual({ name: 'license.json', json: LICENSE });
  });

  test('never reads what the signature does not protect', () => {
    const ofd = rezip(licenceParts());
    expect(readSignedOfdMetadata(ofd, ALL.slice(1)).customData).toBeNull();
    expect(readSignedOfdMetadata(ofd, ['OFD.xml', 'Doc_0/Attachs/Attachments.xml']).attachment).toBeNull();
    expect(readSignedOfdMetadata(ofd, ['OFD.xml', 'Doc_0/Attachs/license.json']).attachment).toBeNull();
  });

  test('a file without metadata: empty CustomDatas, no attachment', () => {
    const meta = readSignedOfdMetadata(readOfdFixture('V4RideRight.ofd'), ['OFD.xml']);
    expect(meta).toEqual({ customData: {}, attachment: null });
  });

  test('a signed attachment that is not JSON is OFD_MALFORMED', () => {
    let error: unknown;
    try {
      readSignedOfdMetadata(rezip(licenceParts('{not json')), ALL);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('OFD_MALFORMED');
  });
});
