import { readFileSync } from 'node:fs';
import type { Config } from './schema.js';
import { SECRET_KEYS, configSchema } from './schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const KNOWN = new Set(Object.keys(configSchema.shape));

/**
 * Builds the configuration from a JSON file (ZHENGYIN_CONFIG_FILE), then environment variables
 * (which win), then KEY_FILE variants of secrets. Reports every problem at once.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  const file = env.ZHENGYIN_CONFIG_FILE;
  if (file) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not a JSON object');
      for (const [k, v] of Object.entries(parsed)) raw[k] = typeof v === 'string' ? v : String(v);
    } catch (e) {
      problems.push(`ZHENGYIN_CONFIG_FILE (${file}): ${(e as Error).message}`);
    }
  }
  for (const key of KNOWN) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of SECRET_KEYS) {
    const path = env[`${key}_FILE`];
    if (!path) continue;
    if (env[key]) problems.push(`${key} and ${key}_FILE are both set; use one`);
    try {
      raw[key] = readFileSync(path, 'utf8').trim();
    } catch (e) {
      problems.push(`${key}_FILE (${path}): ${(e as Error).message}`);
    }
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key =
        issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
      problems.push(`${key}: ${issue.message}`);
    }
  }
  if (problems.length || !result.success) throw new ConfigError(problems);
  return result.data;
}
