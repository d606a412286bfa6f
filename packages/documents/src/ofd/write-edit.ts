/**
 * Edits of existing XML parts as text, so that everything not edited keeps its exact bytes (the
 * producer's prefixes, attribute order, whitespace). Tags are found by a small scanner that skips
 * comments, CDATA sections and processing instructions; elements are addressed by a path of local
 * names from the root. Callers re-parse the result when they depend on it.
 */
import { ofdError } from './errors.js';

interface Tag {
  readonly start: number;
  readonly end: number;
  readonly local: string;
  /** "ofd:" or "" */
  readonly prefix: string;
  readonly kind: 'open' | 'close' | 'empty';
  /** Nesting depth of the element (root 0). */
  readonly depth: number;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\s(?:[^>"'/]|"[^"]*"|'[^']*'|\/(?!>))*)?(\/?)>/g;

function scan(xml: string): Tag[] {
  const out: Tag[] = [];
  let depth = 0;
  for (const m of xml.matchAll(TOKEN)) {
    if (m[3] === undefined) continue;
    const start = m.index;
    const common = { start, end: start + m[0].length, local: m[3], prefix: m[2] ?? '' };
    if (m[1] === '/') out.push({ ...common, kind: 'close', depth: --depth });
    else if (m[4] === '/') out.push({ ...common, kind: 'empty', depth });
    else out.push({ ...common, kind: 'open', depth: depth++ });
  }
  return out;
}

export class XmlTextPart {
  private xml: string;
  /** Tags of `xml`, scanned on demand and dropped on every edit. */
  private scanned: Tag[] | undefined;

  constructor(
    readonly part: string,
    bytes: Uint8Array,
  ) {
    if (bytes[0] === 0xfe || bytes[0] === 0xff) {
      throw ofdError('OFD_UNSUPPORTED', `${part} is UTF-16; only UTF-8 parts can be updated`, { part });
    }
    try {
      this.xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw ofdError('OFD_MALFORMED', `${part} is not valid UTF-8 text`, { part });
    }
  }

  /** Prefix of the root element ("ofd:" or ""), used for the elements added. */
  get prefix(): string {
    return this.tags().find((t) => t.kind !== 'close')?.prefix ?? '';
  }

  /** Start and end tag of the first element at `path` (local names from the root). */
  private locate(path: readonly string[]): { open: Tag; close: Tag | undefined } | undefined {
    const tags = this.tags();
    let from = 0;
    let open: Tag | undefined;
    for (let level = 0; level < path.length; level++) {
      const limit = open ? closingIndex(tags, from - 1) : tags.length;
      let found = -1;
      for (let i = from; i < limit; i++) {
        const t = tags[i] as Tag;
        if (t.depth === level && t.kind !== 'close' && t.local === path[level]) {
          found = i;
          break;
        }
      }
      if (found < 0) return undefined;
      open = tags[found] as Tag;
      from = found + 1;
    }
    if (!open) return undefined;
    return { open, close: open.kind === 'open' ? tags[closingIndex(tags, from - 1)] : undefined };
  }

  has(path: readonly string[]): boolean {
    return this.locate(path) !== undefined;
  }

  /** Appends `fragment` as the last content of the element (an empty element is opened up). */
  append(path: readonly string[], fragment: string): void {
    const at = this.required(path);
    if (at.close) {
      this.splice(at.close.start, at.close.start, fragment);
    } else {
      const tag = this.xml.slice(at.open.start, at.open.end).replace(/\s*\/>$/, '>');
      this.splice(at.open.start, at.open.end, `${tag}${fragment}</${at.open.prefix}${at.open.local}>`);
    }
  }

  /** Inserts `fragment` as the first content of the element. */
  prepend(path: readonly string[], fragment: string): void {
    const at = this.required(path);
    if (!at.close) return this.append(path, fragment);
    this.splice(at.open.end, at.open.end, fragment);
  }

  /** Inserts `fragment` right before the element. */
  before(path: readonly string[], fragment: string): void {
    const at = this.required(path);
    this.splice(at.open.start, at.open.start, fragment);
  }

  /** Replaces the content of the element with `escapedText`. */
  setText(path: readonly string[], escapedText: string): void {
    const at = this.required(path);
    if (!at.close) return this.append(path, escapedText);
    this.splice(at.open.end, at.close.start, escapedText);
  }

  bytes(): Uint8Array {
    return new TextEncoder().encode(this.xml);
  }

  private required(path: readonly string[]) {
    const at = this.locate(path);
    if (!at) {
      throw ofdError('OFD_MALFORMED', `${this.part} has no ${path.join('/')} element`, { part: this.part });
    }
    return at;
  }

  private tags(): Tag[] {
    this.scanned ??= scan(this.xml);
    return this.scanned;
  }

  private splice(from: number, to: number, text: string): void {
    this.xml = this.xml.slice(0, from) + text + this.xml.slice(to);
    this.scanned = undefined;
  }
}

/** Index of the end tag matching the start tag at `openIndex`. */
function closingIndex(tags: readonly Tag[], openIndex: number): number {
  const open = tags[openIndex] as Tag;
  if (open.kind === 'empty') return openIndex + 1;
  for (let i = openIndex + 1; i < tags.length; i++) {
    const t = tags[i] as Tag;
    if (t.kind === 'close' && t.depth === open.depth) return i;
  }
  return tags.length;
}
