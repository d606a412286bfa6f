import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '@zhengyin/core';
import { annotatedCopyFile, listAnnotatedCopies, makeAnnotatedCopy } from '@zhengyin/core';
import type { ServerContext } from '@zhengyin/server';
import { cliMeta } from '../platform.js';
import type { DemoLicenseEntry } from './demo-licenses.js';

/** One line of DIR/annotated/index.json. */
export interface DemoAnnotatedEntry {
  readonly identifier: string;
  readonly algorithm: string;
  readonly copyId: string;
  readonly cause: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly expiresAt: string;
  /** Relative to the output directory. */
  readonly file: string;
}

const DEMO_CAUSE = '演示：办理企业开办，核验证照';
const DEMO_ITEM = { itemCode: 'DEMO-SX001', itemName: '企业开办（演示）' };

/**
 * 加注件 of the first SM2 and the first ECDSA demo licence, made by the demo issuer, written to
 * DIR/annotated/<identifier>.pdf with DIR/annotated/index.json. A run reuses a copy an earlier run
 * made while it is still in force (the per-licence limit would refuse a fourth one).
 */
export async function seedDemoAnnotated(
  ctx: ServerContext,
  out: string,
  clerk: Actor,
  licenses: readonly DemoLicenseEntry[],
): Promise<DemoAnnotatedEntry[]> {
  const deps = ctx.deps;
  const picks = ['sm2', 'ecdsa-p256']
    .map((alg) => licenses.find((l) => l.algorithm === alg))
    .filter((l): l is DemoLicenseEntry => l !== undefined);
  const entries: DemoAnnotatedEntry[] = [];
  await mkdir(join(out, 'annotated'), { recursive: true });
  for (const entry of picks) {
    const license = await deps.uow.run((r) => r.licenses.byIdentifier(entry.identifier));
    if (!license) throw new Error(`demo licence ${entry.identifier} not found`);
    const now = deps.clock.now();
    const earlier = (await listAnnotatedCopies(deps, clerk, license.id)).find(
      (c) => c.cause === DEMO_CAUSE && c.expiresAt > now,
    );
    const copy = earlier
      ? {
          copyId: earlier.id,
          expiresAt: earlier.expiresAt,
          ...(await annotatedCopyFile(deps, clerk, earlier.id)),
        }
      : await makeAnnotatedCopy(deps, ctx.annotation, {
          actor: clerk,
          meta: cliMeta(),
          input: { licenseId: license.id, cause: DEMO_CAUSE, ...DEMO_ITEM },
        });
    const file = `annotated/${entry.identifier}.pdf`;
    await writeFile(join(out, file), copy.pdf);
    entries.push({
      identifier: entry.identifier,
      algorithm: entry.algorithm,
      copyId: copy.copyId,
      cause: DEMO_CAUSE,
      ...DEMO_ITEM,
      expiresAt: copy.expiresAt.toISOString(),
      file,
    });
  }
  await writeFile(join(out, 'annotated', 'index.json'), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}
