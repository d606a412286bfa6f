import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '@zhengyin/core';
import type { ServerContext } from '@zhengyin/server';
import { saveDevIdpUser } from '@zhengyin/server';
import { cliMeta } from '../platform.js';

/**
 * Password of every demo holder's development-IdP account (demo data for the built-in development
 * identity provider only; documented in docs/HOLDERS.md).
 */
export const DEMO_HOLDER_PASSWORD = 'Demo-Holder-2026';

/** One entry of DIR/holders.json. */
export interface DemoHolderEntry {
  readonly username: string;
  readonly password: string;
  readonly holderCode: string;
  readonly holderCodeType: string;
  readonly name: string;
  /** Licence ids (GET /api/v1/holder/licenses/:id). */
  readonly licences: string[];
}

/**
 * One development-IdP login per holder of the demo licences (`demo.holder01`, … in licence order,
 * password DEMO_HOLDER_PASSWORD), written to DIR/holders.json. Re-runs update the same accounts.
 */
export async function seedDemoHolders(
  ctx: ServerContext,
  out: string,
  licenses: readonly { readonly identifier: string }[],
): Promise<DemoHolderEntry[]> {
  const byHolder = new Map<
    string,
    { holderCode: string; holderCodeType: string; name: string; ids: string[] }
  >();
  for (const entry of licenses) {
    const license = await ctx.deps.uow.run((r) => r.licenses.byIdentifier(entry.identifier));
    if (!license) throw new Error(`demo licence ${entry.identifier} not found`);
    const { code, codeType, name } = license.holder;
    if (codeType !== '001' && codeType !== '111') continue;
    const key = `${codeType}:${code}`;
    const holder = byHolder.get(key) ?? { holderCode: code, holderCodeType: codeType, name, ids: [] };
    holder.ids.push(license.id);
    byHolder.set(key, holder);
  }
  const entries: DemoHolderEntry[] = [];
  let n = 0;
  for (const h of byHolder.values()) {
    const username = `demo.holder${String(++n).padStart(2, '0')}`;
    await saveDevIdpUser({ db: ctx.database.db, ...ctx.deps }, SYSTEM_ACTOR, cliMeta(), {
      username,
      password: DEMO_HOLDER_PASSWORD,
      holderCode: h.holderCode,
      holderCodeType: h.holderCodeType,
      name: h.name,
    });
    entries.push({
      username,
      password: DEMO_HOLDER_PASSWORD,
      holderCode: h.holderCode,
      holderCodeType: h.holderCodeType,
      name: h.name,
      licences: h.ids,
    });
  }
  await writeFile(join(out, 'holders.json'), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}
