import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, loadMasterKey, rotateMasterKey } from '@zhengyin/server';
import type { Io } from '../io.js';
import { CliExit } from '../io.js';
import { cliMeta, withPlatform } from '../platform.js';

const KEY_TEXT = /^[A-Za-z0-9+/]{43}=$/;

function fail(io: Io, message: string): never {
  io.err(message);
  throw new CliExit(2);
}

async function readKeyFile(io: Io, path: string): Promise<Uint8Array> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (e) {
    return fail(io, `cannot read ${path}: ${(e as Error).message}`);
  }
  if (!KEY_TEXT.test(text)) fail(io, `${path} must hold a 32-byte key in base64 (openssl rand -base64 32)`);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** The embedded default keeps its master key in the data directory: replace it atomically. */
async function replaceDataDirKey(io: Io, dataDir: string, newKey: Uint8Array, newKeyFile: string) {
  const path = join(dataDir, 'master.key');
  try {
    await writeFile(`${path}.new`, `${Buffer.from(newKey).toString('base64')}\n`, { mode: 0o600 });
    await rename(`${path}.new`, path);
  } catch (e) {
    io.err(`the database now uses the new key, but ${path} could not be replaced (${(e as Error).message});`);
    io.err(`copy ${newKeyFile} there before starting the server`);
    throw new CliExit(1);
  }
  io.out(`${path} now holds the new key`);
}

/** admin rotate-master-key: operator commands of the key vault. */
export function registerKeyCommands(program: Command, io: Io) {
  const admin =
    program.commands.find((c) => c.name() === 'admin') ??
    program.command('admin').description('administration');
  admin
    .command('rotate-master-key')
    .description(
      're-wrap every vault key and re-seal every secret under a new master key, in one transaction ' +
        '(stop the server first; the current key comes from the configuration)',
    )
    .requiredOption('--new-key-file <file>', 'file holding the new key: 32 bytes in base64')
    .action(async (o: { newKeyFile: string }) => {
      const newKey = await readKeyFile(io, o.newKeyFile);
      const config = loadConfig({ ...io.env, ZHENGYIN_LOG_LEVEL: io.env.ZHENGYIN_LOG_LEVEL ?? 'warn' });
      const { key: oldKey } = await loadMasterKey(config);
      if (Buffer.from(oldKey).equals(newKey)) fail(io, 'the new key is the current master key');
      const report = await withPlatform(io, (_deps, _config, database) =>
        rotateMasterKey(database, oldKey, newKey, { meta: cliMeta() }),
      );
      io.out(`master key ${report.previousMasterKeyId} → ${report.masterKeyId}`);
      io.out(
        `re-wrapped ${report.vaultKeys} vault key(s); re-sealed ${report.appSecrets} app secret(s) ` +
          `and ${report.totpSecrets} TOTP secret(s)`,
      );
      if (config.ZHENGYIN_MASTER_KEY) {
        io.out('now configure the new key (ZHENGYIN_MASTER_KEY or ZHENGYIN_MASTER_KEY_FILE) and restart');
      } else {
        await replaceDataDirKey(io, config.ZHENGYIN_DATA_DIR, newKey, o.newKeyFile);
      }
    });
}
