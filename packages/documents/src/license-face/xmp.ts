/**
 * The XMP packet of a licence PDF: dc:title, xmp:CreateDate, pdf:Producer and one simple property
 * per licence metadata element in the `ecert` namespace. Written by hand (every value escaped) and
 * read back with saxes, refusing any DOCTYPE, so no entity is ever expanded.
 */
import { SaxesParser } from 'saxes';
import type { SaxesTagNS } from 'saxes';
import { DocumentError } from '../checks.js';

/** Namespace of the licence metadata properties (GB/T 36903 pinyin codes and KZ_* item codes). */
export const ECERT_NAMESPACE = 'https://zhengyin.dev/ns/ecert/1.0/';
export const ECERT_PREFIX = 'ecert';
/** Largest XMP packet written or read. */
export const MAX_XMP_BYTES = 1024 * 1024;
const MAX_KEY_LENGTH = 128;

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const NAMESPACES = {
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  [ECERT_PREFIX]: ECERT_NAMESPACE,
} as const;

export const metadataInvalid = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('LICENSE_METADATA_INVALID', message, details);

const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/** XML 1.0 NCName (a name without a colon). */
// The class holds the range U+0300–U+036F of combining marks, not a combined sequence.
// eslint-disable-next-line no-misleading-character-class
const NC_NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
/** Characters XML 1.0 cannot carry (also lone surrogates). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Property names: XML NCNames, not starting with the reserved "xml". */
export function isXmpKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && NC_NAME.test(key) && !/^xml/i.test(key);
}

function escapeText(text: string, what: string): string {
  if (NOT_XML_CHAR.test(text)) throw metadataInvalid(`${what} has a character XML cannot carry`, { what });
  // A raw CR would be normalised to LF by any XML parser: write it as a character reference.
  return text.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!);
}

/** XMP date: ISO 8601 in UTC, whole seconds. */
export const xmpDate = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

export interface XmpInput {
  readonly title: string;
  readonly createdAt: Date;
  readonly properties: Readonly<Record<string, string>>;
}

/** The XMP packet (UTF-8). Throws LICENSE_METADATA_INVALID for a bad key or value. */
export function buildXmpPacket(input: XmpInput): Uint8Array {
  if (Number.isNaN(input.createdAt.getTime())) throw metadataInvalid('createdAt is not a valid date');
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    `<rdf:RDF xmlns:rdf="${RDF}">`,
    `<rdf:Description rdf:about=""${Object.entries(NAMESPACES)
      .map(([prefix, uri]) => `\n    xmlns:${prefix}="${uri}"`)
      .join('')}>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeText(input.title, 'title')}</rdf:li></rdf:Alt></dc:title>`,
    `<xmp:CreateDate>${xmpDate(input.createdAt)}</xmp:CreateDate>`,
    '<pdf:Producer>zhengyin</pdf:Producer>',
  ];
  for (const [key, value] of Object.entries(input.properties)) {
    if (!isXmpKey(key))
      throw metadataInvalid(`metadata key ${JSON.stringify(key)} is not an XML name`, { key });
    if (typeof value !== 'string') throw metadataInvalid(`metadata value of ${key} is not a string`, { key });
    lines.push(`<${ECERT_PREFIX}:${key}>${escapeText(value, key)}</${ECERT_PREFIX}:${key}>`);
  }
  lines.push('</rdf:Description>', '</rdf:RDF>', '</x:xmpmeta>', '<?xpacket end="r"?>');
  const bytes = new TextEncoder().encode(lines.join('\n'));
  if (bytes.length > MAX_XMP_BYTES) {
    throw metadataInvalid(`the XMP packet is larger than ${MAX_XMP_BYTES} bytes`, { size: bytes.length });
  }
  return bytes;
}

/**
 * The `ecert` properties of an XMP packet: simple properties written as elements or as attributes
 * of an rdf:Description. Refuses a DOCTYPE (hence any entity), malformed XML, structured or
 * repeated `ecert` properties.
 */
export function parseXmpProperties(packet: Uint8Array): Record<string, string> {
  if (packet.length > MAX_XMP_BYTES) {
    throw metadataInvalid(`the XMP packet is larger than ${MAX_XMP_BYTES} bytes`, { size: packet.length });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(packet);
  } catch {
    throw metadataInvalid('the XMP packet is not UTF-8');
  }
  const properties: Record<string, string> = Object.create(null) as Record<string, string>;
  const put = (key: string, value: string): void => {
    if (Object.hasOwn(properties, key)) throw metadataInvalid(`XMP property ${key} is repeated`, { key });
    properties[key] = value;
  };
  const stack: SaxesTagNS[] = [];
  /** The ecert property element being read, and its text so far. */
  let open: { key: string; depth: number; text: string } | undefined;
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('doctype', () => {
    throw metadataInvalid('the XMP packet has a DOCTYPE (entities are not allowed)');
  });
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1);
    stack.push(tag);
    if (open) throw metadataInvalid(`XMP property ${open.key} is not a simple property`, { key: open.key });
    if (tag.uri === RDF && tag.local === 'Description') {
      for (const attr of Object.values(tag.attributes))
        if (attr.uri === ECERT_NAMESPACE) put(attr.local, attr.value);
    }
    if (tag.uri === ECERT_NAMESPACE) {
      if (!(parent?.uri === RDF && parent.local === 'Description')) {
        throw metadataInvalid(`XMP property ${tag.local} is outside an rdf:Description`, { key: tag.local });
      }
      if (Object.values(tag.attributes).some((a) => a.uri !== 'http://www.w3.org/XML/1998/namespace')) {
        throw metadataInvalid(`XMP property ${tag.local} is not a simple property`, { key: tag.local });
      }
      open = { key: tag.local, depth: stack.length, text: '' };
    }
  });
  const onText = (t: string): void => {
    if (open) open.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (open && open.depth === stack.length) {
      put(open.key, open.text);
      open = undefined;
    }
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    throw metadataInvalid(`the XMP packet is not well-formed XML: ${(e as Error).message}`);
  }
  return { ...properties };
}
