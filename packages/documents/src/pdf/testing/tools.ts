/**
 * The external PDF tools the sealing tests check with (Debian: poppler-utils, mupdf-tools, qpdf,
 * libnss3-tools, openssl), each run in a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], input?: Uint8Array): RunResult {
  const result = spawnSync(command, args, { input, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function runBytes(command: string, args: readonly string[]): Uint8Array {
  const result = spawnSync(command, args, { timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr?.toString()}`);
  return new Uint8Array(result.stdout);
}

export interface Workspace {
  readonly dir: string;
  write(name: string, data: Uint8Array | string): string;
  read(name: string): Uint8Array;
  path(name: string): string;
  remove(): void;
}

export function workspace(prefix = 'zhengyin-pdf-'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, data) {
      const file = join(dir, name);
      writeFileSync(file, data);
      return file;
    },
    read: (name) => new Uint8Array(readFileSync(join(dir, name))),
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh NSS database trusting `caPem` (for pdfsig -nssdir). Returns the "sql:DIR" argument. */
export function nssDatabase(ws: Workspace, caPem: string): string {
  const db = `sql:${ws.dir}`;
  const ca = ws.write('nss-ca.pem', caPem);
  for (const args of [
    ['-N', '--empty-password', '-d', db],
    ['-A', '-t', 'CT,C,C', '-n', 'ca', '-i', ca, '-d', db],
  ]) {
    const r = run('certutil', args);
    if (r.status !== 0) throw new Error(`certutil ${args.join(' ')}: ${r.stderr}`);
  }
  return db;
}

export interface PdfsigSignature {
  readonly index: number;
  readonly text: string;
  readonly valid: boolean;
  readonly trusted: boolean;
  readonly coversWholeFile: boolean;
}

/** Runs pdfsig and splits its report per signature. */
export function pdfsig(file: string, nssdir?: string): { result: RunResult; signatures: PdfsigSignature[] } {
  const result = run('pdfsig', [...(nssdir ? ['-nssdir', nssdir] : []), file]);
  const parts = result.stdout.split(/^Signature #/m).slice(1);
  return {
    result,
    signatures: parts.map((text, i) => ({
      index: i + 1,
      text,
      valid: /Signature Validation: Signature is Valid\./.test(text),
      trusted: /Certificate Validation: Certificate is Trusted\./.test(text),
      coversWholeFile: /Total document signed/.test(text),
    })),
  };
}

/** The bytes covered by a /ByteRange, concatenated. */
export function signedBytes(pdf: Uint8Array, range: readonly number[]): Uint8Array {
  const [a = 0, b = 0, c = 0, d = 0] = range;
  const out = new Uint8Array(b + d);
  out.set(pdf.subarray(a, a + b), 0);
  out.set(pdf.subarray(c, c + d), b);
  return out;
}

/** The CMS DER inside /Contents for a /ByteRange (the hex between < and >, zero padding removed). */
export function contentsOf(pdf: Uint8Array, range: readonly number[]): Uint8Array {
  const [, b = 0, c = 0] = range;
  const hex = Buffer.from(pdf.subarray(b + 1, c - 1)).toString('latin1');
  const bytes = new Uint8Array(Buffer.from(hex, 'hex'));
  // DER length of the outer SEQUENCE tells where the CMS ends.
  const first = bytes[1] as number;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (bytes[2 + i] as number);
    header = 2 + n;
  }
  return bytes.subarray(0, header + length);
}

/** Every /ByteRange in the file, in file order. */
export function byteRanges(pdf: Uint8Array): number[][] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[([\d\s]+)\]/g)].map((m) =>
    (m[1] as string).trim().split(/\s+/).map(Number),
  );
}

export interface RenderedPage {
  readonly width: number;
  readonly height: number;
  /** RGB samples, row-major from the top-left corner. */
  readonly rgb: Uint8Array;
  /** Pixels per point. */
  readonly scale: number;
}

/** Renders pages (their crop boxes, as viewers show them) with pdftoppm (PPM) at `dpi`. */
export function renderPages(
  ws: Workspace,
  pdf: Uint8Array,
  dpi = 50,
  first?: number,
  last?: number,
): RenderedPage[] {
  const file = ws.write('render.pdf', pdf);
  const prefix = ws.path('page');
  const args = [
    '-cropbox',
    '-r',
    String(dpi),
    ...(first ? ['-f', String(first)] : []),
    ...(last ? ['-l', String(last)] : []),
  ];
  const r = run('pdftoppm', [...args, file, prefix]);
  if (r.status !== 0) throw new Error(`pdftoppm: ${r.stderr}`);
  const pages: RenderedPage[] = [];
  const listing = readdirSync(ws.dir)
    .filter((n) => /^page-\d+\.ppm$/.test(n))
    .sort();
  for (const name of listing) {
    const data = ws.read(name);
    rmSync(ws.path(name));
    // P6\n<w> <h>\n255\n
    let pos = 0;
    const fields: string[] = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(data[pos] as number))) pos++;
      let token = '';
      while (!/\s/.test(String.fromCharCode(data[pos] as number)))
        token += String.fromCharCode(data[pos++] as number);
      fields.push(token);
    }
    pos++;
    pages.push({
      width: Number(fields[1]),
      height: Number(fields[2]),
      rgb: data.subarray(pos),
      scale: dpi / 72,
    });
  }
  return pages;
}

export interface RedArea {
  readonly count: number;
  /** Bounding box in points from the lower-left corner of the displayed page. */
  readonly box: readonly [number, number, number, number];
  /** Red pixels in the upper half of the box minus those in the lower half. */
  readonly upMinusDown: number;
}

/** Where the seal-red pixels are on a rendered page. */
export function redArea(page: RenderedPage): RedArea | undefined {
  let count = 0;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const red: [number, number][] = [];
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      const i = (y * page.width + x) * 3;
      const r = page.rgb[i] as number;
      const g = page.rgb[i + 1] as number;
      const b = page.rgb[i + 2] as number;
      if (r > 150 && g < 110 && b < 110 && r - g > 80) {
        count++;
        red.push([x, y]);
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x + 1);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  if (count === 0) return undefined;
  const midY = (y0 + y1) / 2;
  const up = red.filter(([, y]) => y < midY).length;
  const s = page.scale;
  return {
    count,
    box: [x0 / s, (page.height - y1) / s, x1 / s, (page.height - y0) / s],
    upMinusDown: up - (count - up),
  };
}
