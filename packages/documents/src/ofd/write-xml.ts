/**
 * Writing OFD XML parts as strings: elements in the `ofd:` prefix of the GB/T 33190 namespace,
 * every text and attribute value escaped, numbers through `fmt` (at most 4 decimals).
 */
import { ofdError } from './errors.js';
import { fmt } from './geometry.js';
import { OFD_NAMESPACE } from './xml.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Characters XML 1.0 cannot carry (lone surrogates too). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // Written as references so that a parser does not normalise them away.
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Escapes text or an attribute value; OFD_INPUT_INVALID for characters XML cannot carry. */
export function xmlEscape(text: string, attribute = false): string {
  if (NOT_XML_CHAR.test(text)) {
    throw ofdError('OFD_INPUT_INVALID', 'a value holds a character XML cannot carry', {
      value: text.slice(0, 80),
    });
  }
  return text.replace(attribute ? /[&<>"\r\n\t]/g : /[&<>\r]/g, (c) => ESCAPES[c] as string);
}

export type AttrValue = string | number | boolean | undefined;

function attributes(attrs: Readonly<Record<string, AttrValue>>): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    const text = typeof value === 'number' ? fmt(value) : String(value);
    out += ` ${name}="${xmlEscape(text, true)}"`;
  }
  return out;
}

/** `<ofd:name attrs>children</ofd:name>`, or self-closing without children. Children are XML. */
export function el(name: string, attrs: Readonly<Record<string, AttrValue>> = {}, ...children: string[]) {
  const open = `ofd:${name}${attributes(attrs)}`;
  const body = children.join('');
  return body === '' ? `<${open}/>` : `<${open}>${body}</ofd:${name}>`;
}

/** An element holding escaped text. */
export const textEl = (name: string, text: string, attrs: Readonly<Record<string, AttrValue>> = {}) =>
  `<ofd:${name}${attributes(attrs)}>${xmlEscape(text)}</ofd:${name}>`;

/** A whole part: declaration and root element declaring the `ofd` namespace, as UTF-8. */
export function xmlPart(
  root: string,
  attrs: Readonly<Record<string, AttrValue>> = {},
  ...children: string[]
): Uint8Array {
  const body = el(root, { 'xmlns:ofd': OFD_NAMESPACE, ...attrs }, ...children);
  return new TextEncoder().encode(XML_DECLARATION + body);
}

/** Numbers separated by spaces ("x y w h", matrices, colours). */
export const nums = (...values: number[]): string => values.map(fmt).join(' ');

/**
 * DeltaX/DeltaY offsets with the "g" compression of GB/T 33190 §11.3: a run of equal values is
 * written as "g count value".
 */
export function deltas(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    const v = fmt(values[i] as number);
    let n = 1;
    while (i + n < values.length && fmt(values[i + n] as number) === v) n++;
    parts.push(n > 1 ? `g ${n} ${v}` : v);
    i += n;
  }
  return parts.join(' ');
}
