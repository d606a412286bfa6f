import { Command, CommanderError } from 'commander';
import { AppError } from '@zhengyin/core';
import { ConfigError } from '@zhengyin/server';
import { registerKeyCommands } from './commands/keys.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerGmCommands } from './commands/gm.js';
import { registerLicenseCommands } from './commands/license.js';
import { addLicenseImportCommand } from './commands/license-import.js';
import { registerPlatformCommands } from './commands/platform.js';
import { registerSealCommands } from './commands/seal.js';
import { registerVerifyCommand } from './commands/verify.js';
import type { Io } from './io.js';
import { CliExit } from './io.js';

export function buildProgram(io: Io): Command {
  const program = new Command('zhengyin')
    .description('证印 zhengyin — electronic licences and seals')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerPlatformCommands(program, io);
  registerGmCommands(program, io);
  registerKeyCommands(program, io);
  registerSealCommands(program, io);
  registerVerifyCommand(program, io);
  registerDemoCommands(program, io);
  addLicenseImportCommand(registerLicenseCommands(program, io), io);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CliExit) return e.code;
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof AppError) {
      io.err(`${e.code}: ${e.message}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`);
      return 1;
    }
    io.err(`error: ${(e as Error).message}`);
    return 2;
  }
}
