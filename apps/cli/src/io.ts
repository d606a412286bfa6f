/** Where a command writes and what it reads from the environment (injected for tests). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  readonly env: Record<string, string | undefined>;
}

/** Thrown by a command to end with a specific exit code. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};
