/**
 * Event parsing of the XML parts of an XLSX file. A DOCTYPE is refused outright (XXE and entity
 * expansion need one); saxes never fetches anything, and an undefined entity is a parse error.
 */
import { SaxesParser } from 'saxes';
import { DocumentError } from '../checks.js';
import { importError } from './errors.js';

export interface XmlHandlers {
  /** Element names without their namespace prefix; attributes by local name too. */
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

function withLocalNames(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) out[localName(key)] = value;
  return out;
}

function decodeXml(bytes: Uint8Array, part: string): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  try {
    return new TextDecoder(utf16 ? 'utf-16le' : 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw importError('MALFORMED_XLSX', `${part} is not valid UTF-8 text`, { part });
  }
}

export function parseXml(bytes: Uint8Array, part: string, handlers: XmlHandlers): void {
  const xml = decodeXml(bytes, part);
  const xxe = () => importError('XXE', `${part} declares a DOCTYPE or entities`, { part });
  // A DOCTYPE can only come before the root element: look at the prolog, not the whole part.
  const root = xml.search(/<[A-Za-z_]/);
  if (DOCTYPE.test(root < 0 ? xml : xml.slice(0, root))) throw xxe();
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('doctype', () => {
    throw xxe();
  });
  parser.on('error', (err) => {
    throw importError('MALFORMED_XLSX', `${part} is not well-formed XML: ${err.message}`, { part });
  });
  const { open, close, text } = handlers;
  if (open) {
    parser.on('opentag', (tag) => {
      const attributes = tag.attributes as Record<string, string>;
      for (const key in attributes) {
        if (key.includes(':')) {
          open(localName(tag.name), withLocalNames(attributes));
          return;
        }
      }
      open(localName(tag.name), attributes);
    });
  }
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw importError('MALFORMED_XLSX', `${part} is not well-formed XML`, { part });
  }
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_). */
export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}
