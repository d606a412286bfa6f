/**
 * XML parts of an OFD package as a small element tree. A DOCTYPE is refused outright (XXE and
 * entity bombs need one); saxes fetches nothing and an undefined entity is a parse error. Element
 * and attribute names are matched by local name, so the prefix a producer chose does not matter;
 * the namespace URI is kept for the root check.
 */
import { SaxesParser } from 'saxes';
import { DocumentError } from '../checks.js';
import { ofdError } from './errors.js';

export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string;
  /** Namespace URI ('' when none). */
  readonly ns: string;
  /** Attributes by local name. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (text and CDATA directly inside it, concatenated). */
  readonly text: string;
}

export interface XmlLimits {
  /** Elements in one part. */
  readonly maxNodes: number;
  readonly maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxNodes: 2_000_000, maxDepth: 64 };

export interface ParseXmlOptions {
  /**
   * false: names are split at the last ':' and no namespace is resolved, for parts some producers
   * write with undeclared or empty prefixes (custom tag files: `<:eInvoice xmlns:="">`, `ofd:` unbound).
   * Every `ns` is then ''. Default true.
   */
  readonly namespaces?: boolean;
}

/** Namespaces of GB/T 33190-2016 and of the 2012 pre-standard files. */
export const OFD_NAMESPACE = 'http://www.ofdspec.org/2016';
export const OFD_NAMESPACES: readonly string[] = [OFD_NAMESPACE, 'http://www.ofdspec.org'];

const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

interface Building {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(bytes: Uint8Array, part: string): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const encoding = utf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw ofdError('OFD_MALFORMED', `${part} is not valid UTF-8 text`, { part });
  }
}

export function parseXml(
  input: Uint8Array | string,
  part: string,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
  options: ParseXmlOptions = {},
): XmlElement {
  const namespaces = options.namespaces ?? true;
  const xml = typeof input === 'string' ? input : decode(input, part);
  const xxe = () => ofdError('OFD_XXE', `${part} declares a DOCTYPE or entities`, { part });
  const rootAt = xml.search(/<[A-Za-z_]/);
  if (DOCTYPE.test(rootAt < 0 ? xml : xml.slice(0, rootAt))) throw xxe();
  const parser = new SaxesParser({ xmlns: namespaces, position: false });
  const localOf = (name: string) => name.slice(name.lastIndexOf(':') + 1);
  const stack: Building[] = [];
  let root: XmlElement | null = null;
  let nodes = 0;
  parser.on('doctype', () => {
    throw xxe();
  });
  parser.on('error', (err) => {
    throw ofdError('OFD_MALFORMED', `${part} is not well-formed XML: ${err.message}`, { part });
  });
  parser.on('opentag', (tag) => {
    if (++nodes > limits.maxNodes) {
      throw ofdError('OFD_LIMIT_EXCEEDED', `${part} has more than ${limits.maxNodes} elements`, { part });
    }
    if (stack.length >= limits.maxDepth) {
      throw ofdError('OFD_LIMIT_EXCEEDED', `${part} nests deeper than ${limits.maxDepth}`, { part });
    }
    const attrs: Record<string, string> = {};
    for (const [key, a] of Object.entries(tag.attributes)) {
      if (typeof a === 'string') {
        if (!key.startsWith('xmlns')) attrs[localOf(key)] = a;
        continue;
      }
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.local] = a.value;
    }
    const name = namespaces ? (tag.local ?? tag.name) : localOf(tag.name);
    stack.push({ name, ns: namespaces ? (tag.uri ?? '') : '', attrs, children: [], text: '' });
  });
  parser.on('closetag', () => {
    const done = stack.pop() as Building;
    const parent = stack.at(-1);
    if (parent) parent.children.push(done);
    else root = done;
  });
  const onText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw ofdError('OFD_MALFORMED', `${part} is not well-formed XML`, { part });
  }
  if (!root) throw ofdError('OFD_MALFORMED', `${part} has no root element`, { part });
  return root;
}

export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name);

export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] =>
  el ? el.children.filter((c) => c.name === name) : [];

/** Trimmed text of the first child of that name, or undefined. */
export const childText = (el: XmlElement | undefined, name: string): string | undefined => {
  const c = child(el, name);
  return c ? c.text.trim() : undefined;
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text and attribute values for the writers. */
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
