/**
 * OFD AbbreviatedData (GB/T 33190 §9.3.2) → SVG path data, which the canvas Path2D understands.
 * The commands map one to one: S and M move, L line, Q quadratic, B cubic Bézier, A elliptical arc
 * with SVG's parameters (rx ry rotation large-arc sweep x y), C closes the subpath.
 */
import { Path2D } from '@napi-rs/canvas';

/** Operands of each command and its SVG letter. */
const COMMANDS: Readonly<Record<string, { readonly svg: string; readonly operands: number }>> = {
  S: { svg: 'M', operands: 2 },
  M: { svg: 'M', operands: 2 },
  L: { svg: 'L', operands: 2 },
  Q: { svg: 'Q', operands: 4 },
  B: { svg: 'C', operands: 6 },
  A: { svg: 'A', operands: 7 },
  C: { svg: 'Z', operands: 0 },
};

const TOKEN = /[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/**
 * SVG path data for AbbreviatedData, or undefined when the data is malformed (an unknown command,
 * a missing operand, a number where a command is due): such a path is not drawn at all, rather than
 * drawn half. Numbers after a command's operands repeat the command (as SVG does), except after C.
 */
export function abbreviatedToSvg(data: string): string | undefined {
  const tokens = data.match(TOKEN) ?? [];
  if (tokens.join('').length !== data.replace(/[\s,]+/g, '').length) return undefined;
  const out: string[] = [];
  let i = 0;
  let current: (typeof COMMANDS)[string] | undefined;
  let started = false;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const command = COMMANDS[token.toUpperCase()];
    if (/^[A-Za-z]$/.test(token)) {
      if (!command) return undefined;
      current = command;
      i++;
      if (command.operands === 0) {
        if (started) out.push('Z');
        current = undefined;
        continue;
      }
    } else if (!current) {
      return undefined;
    }
    const operands = tokens.slice(i, i + current!.operands);
    if (operands.length < current!.operands || operands.some((t) => !/^[-+.\d]/.test(t))) return undefined;
    if (current!.svg === 'A') {
      // Flags must be 0 or 1 for SVG; anything non-zero is "on".
      operands[3] = Number(operands[3]) !== 0 ? '1' : '0';
      operands[4] = Number(operands[4]) !== 0 ? '1' : '0';
    }
    // A path must start with a move; OFD producers sometimes begin with L.
    const svg = !started && current!.svg !== 'M' ? `M0 0 ${current!.svg}` : current!.svg;
    out.push(`${svg}${operands.map(Number).join(' ')}`);
    started = true;
    i += current!.operands;
  }
  return started ? out.join(' ') : undefined;
}

/** The path as a canvas Path2D, or undefined when malformed or empty. */
export function ofdPath2D(data: string): Path2D | undefined {
  const svg = abbreviatedToSvg(data);
  return svg === undefined ? undefined : new Path2D(svg);
}
