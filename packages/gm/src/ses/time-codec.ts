import { GmError } from '../errors.js';
import { isUniversal, primitiveContent, readBits, TAG, type DerNode } from './der-reader.js';
import { derBits, tlv } from './der-writer.js';
import { bitStringTime, parseGeneralizedTime, parseUtcTime } from './time.js';
import type { SesTime } from './types.js';

/** Reads GeneralizedTime, UTCTime or a BIT STRING time (v1 timeInfo), keeping the text as on file. */
export function readTime(node: DerNode | undefined, path: string): SesTime {
  if (isUniversal(node, TAG.BIT_STRING)) return bitStringTime(readBits(node, path));
  for (const [tag, form, parse] of [
    [TAG.GENERALIZED_TIME, 'GeneralizedTime', parseGeneralizedTime],
    [TAG.UTC_TIME, 'UTCTime', parseUtcTime],
  ] as const) {
    if (node !== undefined && isUniversal(node, tag) && !node.idBlock.isConstructed) {
      const text = new TextDecoder('latin1').decode(primitiveContent(node));
      return { form, text, date: parse(text) };
    }
  }
  throw new GmError('GM_SES_MALFORMED', `${path}: expected GeneralizedTime, UTCTime or BIT STRING`, { path });
}

export function encodeTime(time: SesTime): Uint8Array {
  switch (time.form) {
    case 'GeneralizedTime':
      return tlv(0x18, ascii(time.text));
    case 'UTCTime':
      return tlv(0x17, ascii(time.text));
    case 'BitString':
      return derBits(time.bytes ?? ascii(time.text));
  }
}

function ascii(text: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(text))
    throw new GmError('GM_SES_INVALID_FIELD', 'time text must be printable ASCII');
  return new TextEncoder().encode(text);
}
