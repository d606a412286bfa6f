import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { XmlTextPart } from './write-edit.js';
import { childText, childrenNamed, parseXml } from './xml.js';

const enc = (s: string) => new TextEncoder().encode(s);
const text = (p: XmlTextPart) => new TextDecoder().decode(p.bytes());

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return (e as DocumentError).code;
  }
  throw new Error('no error');
}

describe('XmlTextPart', () => {
  const signatures =
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- <ofd:Signatures> in a comment -->' +
    '<x:Signatures xmlns:x="http://www.ofdspec.org/2016">\n  <x:MaxSignId>2</x:MaxSignId>' +
    '<x:Signature ID="1" BaseLoc="/a/b.xml"/><x:Signature ID="2" BaseLoc=\'c/d.xml\' />' +
    '<![CDATA[</x:Signatures>]]>\n</x:Signatures>\n';

  it('appends, sets and prepends by path, keeping every other byte and the producer prefix', () => {
    const part = new XmlTextPart('S.xml', enc(signatures));
    expect(part.prefix).toBe('x:');
    part.setText(['Signatures', 'MaxSignId'], '7');
    part.append(['Signatures'], '<x:Signature ID="7" BaseLoc="/n.xml"/>');
    const out = text(part);
    expect(out).toBe(
      signatures
        .replace('<x:MaxSignId>2<', '<x:MaxSignId>7<')
        .replace(/<\/x:Signatures>\n$/, '<x:Signature ID="7" BaseLoc="/n.xml"/></x:Signatures>\n'),
    );
    const root = parseXml(out, 'S.xml');
    expect(childText(root, 'MaxSignId')).toBe('7');
    expect(childrenNamed(root, 'Signature').map((s) => s.attrs.ID)).toEqual(['1', '2', '7']);

    const other = new XmlTextPart('S.xml', enc(signatures.replace(/<x:MaxSignId>2<\/x:MaxSignId>/, '')));
    expect(other.has(['Signatures', 'MaxSignId'])).toBe(false);
    other.prepend(['Signatures'], '<x:MaxSignId>3</x:MaxSignId>');
    expect(childText(parseXml(text(other), 'S.xml'), 'MaxSignId')).toBe('3');
  });

  it('opens up an empty element and finds nested elements only at their depth', () => {
    const part = new XmlTextPart('A.xml', enc('<Annotations xmlns="http://www.ofdspec.org/2016"/>'));
    expect(part.prefix).toBe('');
    part.append(['Annotations'], '<Page PageID="1"/>');
    expect(text(part)).toBe(
      '<Annotations xmlns="http://www.ofdspec.org/2016"><Page PageID="1"/></Annotations>',
    );

    const doc = new XmlTextPart(
      'D.xml',
      enc(
        '<ofd:Document xmlns:ofd="u"><ofd:CommonData><ofd:Pages/></ofd:CommonData><ofd:Pages><ofd:Page ID="1"/></ofd:Pages><ofd:CustomTags>t</ofd:CustomTags></ofd:Document>',
      ),
    );
    doc.append(['Document', 'Pages'], '<ofd:Page ID="2"/>');
    doc.before(['Document', 'CustomTags'], '<ofd:Annotations>a.xml</ofd:Annotations>');
    expect(text(doc)).toBe(
      '<ofd:Document xmlns:ofd="u"><ofd:CommonData><ofd:Pages/></ofd:CommonData><ofd:Pages><ofd:Page ID="1"/><ofd:Page ID="2"/></ofd:Pages><ofd:Annotations>a.xml</ofd:Annotations><ofd:CustomTags>t</ofd:CustomTags></ofd:Document>',
    );
  });

  it('refuses missing elements, UTF-16 and broken UTF-8', () => {
    const part = new XmlTextPart('S.xml', enc(signatures));
    expect(code(() => part.append(['Signatures', 'Nothing'], '<a/>'))).toBe('OFD_MALFORMED');
    expect(code(() => part.append(['Other'], '<a/>'))).toBe('OFD_MALFORMED');
    expect(text(part)).toBe(signatures);
    expect(code(() => new XmlTextPart('U.xml', new Uint8Array([0xff, 0xfe, 0x3c, 0x00])))).toBe(
      'OFD_UNSUPPORTED',
    );
    expect(code(() => new XmlTextPart('B.xml', new Uint8Array([0x3c, 0xc3, 0x28])))).toBe('OFD_MALFORMED');
  });
});
