import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, AnnotatedCopyFormat } from '@zhengyin/core';
import { annotatedCopyFile, listAnnotatedCopies, makeAnnotatedCopy } from '@zhengyin/core';
import type { ServerContext } from '@zhengyin/server';
import { cliMeta } from '../platform.js';
import type { DemoLicenseEntry } from './demo-licenses.js';

/** One line of DIR/annotated/index.json (PDF copies), or the OFD copy (DIR/ofd/annotated-….ofd). */
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
  /** Absent in DIR/annotated/index.json, whose copies are all PDF. */
  readonly format?: AnnotatedCopyFormat;
}

const DEMO_CAUSE = '演示：办理企业开办，核验证照';
const DEMO_ITEM = { itemCode: 'DEMO-SX001', itemName: '企业开办（演示）' };

/**
 * A demo 加注件 of a licence in `format`: a copy an earlier run made while it is still in force (the
 * per-licence limit would refuse a fourth one), else a new one made by the demo issuer.
 */
async function demoCopy(ctx: ServerContext, clerk: Actor, licenseId: string, format: AnnotatedCopyFormat) {
  const deps = ctx.deps;
  const now = deps.clock.now();
  const earlier = (await listAnnotatedCopies(deps, clerk, licenseId)).find(
    (c) => c.cause === DEMO_CAUSE && c.format === format && c.expiresAt > now,
  );
  if (earlier) {
    const file = await annotatedCopyFile(deps, clerk, earlier.id);
    return { copyId: earlier.id, expiresAt: earlier.expiresAt, bytes: file.bytes };
  }
  return makeAnnotatedCopy(deps, ctx.annotation, {
    actor: clerk,
    meta: cliMeta(),
    input: { licenseId, cause: DEMO_CAUSE, ...DEMO_ITEM, format },
  });
}

/**
 * 加注件 of the first SM2 and the first ECDSA demo licence, made by the demo issuer, written to
 * DIR/annotated/<identifier>.pdf with DIR/annotated/index.json; and, when a demo licence was issued
 * as OFD too, an OFD 加注件 of the first such licence in DIR/ofd/annotated-<identifier>.ofd. Returns
 * the PDF entries, then the OFD one (format 'ofd').
 */
export async function seedDemoAnnotated(
  ctx: ServerContext,
  out: string,
  clerk: Actor,
  licenses: readonly DemoLicenseEntry[],
): Promise<DemoAnnotatedEntry[]> {
  const deps = ctx.deps;
  const rows = new Map<string, { id: string; hasPdf: boolean; hasOfd: boolean }>();
  for (const entry of licenses) {
    const license = await deps.uow.run((r) => r.licenses.byIdentifier(entry.identifier));
    if (!license) throw new Error(`demo licence ${entry.identifier} not found`);
    rows.set(entry.identifier, {
      id: license.id,
      hasPdf: license.fileSha256 !== null,
      hasOfd: license.ofdSha256 !== null,
    });
  }
  const picks = ['sm2', 'ecdsa-p256']
    .map((alg) => licenses.find((l) => l.algorithm === alg && rows.get(l.identifier)!.hasPdf))
    .filter((l): l is DemoLicenseEntry => l !== undefined);
  const entries: DemoAnnotatedEntry[] = [];
  await mkdir(join(out, 'annotated'), { recursive: true });
  for (const entry of picks) {
    const copy = await demoCopy(ctx, clerk, rows.get(entry.identifier)!.id, 'pdf');
    const file = `annotated/${entry.identifier}.pdf`;
    await writeFile(join(out, file), copy.bytes);
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

  const ofdLicense = licenses.find((l) => rows.get(l.identifier)!.hasOfd);
  if (ofdLicense) {
    const copy = await demoCopy(ctx, clerk, rows.get(ofdLicense.identifier)!.id, 'ofd');
    const file = `ofd/annotated-${ofdLicense.identifier}.ofd`;
    await mkdir(join(out, 'ofd'), { recursive: true });
    await writeFile(join(out, file), copy.bytes);
    entries.push({
      identifier: ofdLicense.identifier,
      algorithm: ofdLicense.algorithm,
      copyId: copy.copyId,
      cause: DEMO_CAUSE,
      ...DEMO_ITEM,
      expiresAt: copy.expiresAt.toISOString(),
      file,
      format: 'ofd',
    });
  }
  return entries;
}
