import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config/schema.js';
import { ConfigError } from './config/load.js';

/**
 * The master key seals secrets at rest (app secrets, TOTP seeds, later private keys). From config
 * in production; for the embedded default it is generated once into the data directory (mode 0600).
 */
export async function loadMasterKey(config: Config): Promise<{ key: Uint8Array; generated: boolean }> {
  if (config.ZHENGYIN_MASTER_KEY)
    return { key: Buffer.from(config.ZHENGYIN_MASTER_KEY, 'base64'), generated: false };
  if (config.DATABASE_URL) {
    throw new ConfigError([
      'ZHENGYIN_MASTER_KEY (or ZHENGYIN_MASTER_KEY_FILE) is required with DATABASE_URL',
    ]);
  }
  const path = join(config.ZHENGYIN_DATA_DIR, 'master.key');
  try {
    const text = (await readFile(path, 'utf8')).trim();
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new ConfigError([`${path} does not hold a 32-byte base64 key`]);
    return { key, generated: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(config.ZHENGYIN_DATA_DIR, { recursive: true });
  const key = randomBytes(32);
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}
