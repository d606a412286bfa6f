import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, CoreDeps, FaceChecker, License, LicenseTypeVersion, Seal } from '@zhengyin/core';
import {
  advanceLicenseType,
  createLicenseType,
  downloadLicenseFile,
  fileFormatOf,
  issueLicenses,
  licenseFile,
} from '@zhengyin/core';
import type { ServerContext } from '@zhengyin/server';
import { cliMeta } from '../platform.js';
import type { DemoLicenseType } from './demo-license-types.js';
import { DEMO_LICENSE_TYPES, RARE_CANDIDATES } from './demo-license-types.js';

/** One line of DIR/licenses/index.json. */
export interface DemoLicenseEntry {
  readonly identifier: string;
  readonly type: string;
  readonly typeCode: string;
  readonly holder: string;
  readonly holderCode: string;
  readonly licenseNumber: string;
  readonly algorithm: string;
  /** Relative to the output directory. */
  readonly file: string;
  /** The OFD of the same licence (SM2 licences are issued as PDF and OFD), relative to the output directory. */
  readonly ofdFile?: string;
}

export interface DemoLicenseStaff {
  /** Issuer of the department: registers the types and issues. */
  readonly clerk: Actor;
  /** Catalogue administrator of the region: approves and publishes the types. */
  readonly catalogAdmin: Actor;
}

const codePoint = (c: string) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase()}`;

/** The first Extension-B candidate the configured fonts cover; refuses loudly when none is. */
export function coveredRareCharacter(faces: Pick<FaceChecker, 'missingGlyphs'>): string {
  for (const c of RARE_CANDIDATES) if (faces.missingGlyphs([c]).length === 0) return c;
  throw new Error(
    `no configured licence font covers ${RARE_CANDIDATES.map(codePoint).join(', ')}: point ` +
      'ZHENGYIN_FONT_DIRS at Noto CJK (Debian package fonts-noto-cjk, /usr/share/fonts/opentype/noto)',
  );
}

const as = <I>(actor: Actor, input: I) => ({ actor, meta: cliMeta(), input });

async function existingType(deps: CoreDeps, typeCode: string): Promise<LicenseTypeVersion | null> {
  return deps.uow.run(async (r) => {
    const published = await r.licenseTypes.published(typeCode);
    if (published) return published;
    const { items } = await r.licenseTypes.list({ q: typeCode, page: 1, pageSize: 50, prefixes: null });
    return items.find((t) => t.typeCode === typeCode) ?? null;
  });
}

/** The published type, created and taken through submit → approve → publish where a run left off. */
async function publishedDemoType(
  deps: CoreDeps,
  faces: FaceChecker,
  staff: DemoLicenseStaff,
  departmentId: string,
  spec: DemoLicenseType,
  sealId: string,
): Promise<LicenseTypeVersion> {
  const steps = { faces, ...deps };
  let type =
    (await existingType(deps, spec.typeCode)) ??
    (await createLicenseType(
      deps,
      as(staff.clerk, { departmentId, typeCode: spec.typeCode, content: spec.content(sealId, departmentId) }),
    ));
  while (type.status !== 'published') {
    const id = type.id;
    if (type.status === 'draft')
      type = await advanceLicenseType(steps, as(staff.clerk, { id, action: 'submit' as const }));
    else if (type.status === 'submitted')
      type = await advanceLicenseType(
        steps,
        as(staff.catalogAdmin, { id, action: 'approve' as const, comment: '演示：同意' }),
      );
    else if (type.status === 'approved')
      type = await advanceLicenseType(steps, as(staff.catalogAdmin, { id, action: 'publish' as const }));
    else throw new Error(`demo licence type ${spec.typeCode} is ${type.status}`);
  }
  return type;
}

/**
 * Publishes the demo licence types (bound to `seals.licence`, issued by the department) and issues
 * their sample licences, some with the ECDSA seal; writes DIR/licenses/<identifier>.pdf and
 * DIR/licenses/index.json. The SM2 ones are issued as PDF and OFD (an SES-signed OFD needs an SM2
 * seal): their OFD goes to DIR/ofd/<identifier>.ofd. Each sample has a fixed idempotency
 * reference, so a second run issues nothing new and writes the same files.
 */
export async function seedDemoLicenses(
  ctx: ServerContext,
  out: string,
  input: {
    readonly departmentId: string;
    readonly staff: DemoLicenseStaff;
    readonly seals: { readonly sm2: Seal; readonly ecdsa: Seal };
    readonly pin: string;
    readonly rare: string;
  },
): Promise<DemoLicenseEntry[]> {
  const deps = ctx.deps;
  const issueDeps = { ...deps, licensing: ctx.licensing };
  const { departmentId, staff } = input;
  const entries: DemoLicenseEntry[] = [];
  await mkdir(join(out, 'licenses'), { recursive: true });
  await mkdir(join(out, 'ofd'), { recursive: true });
  for (const spec of DEMO_LICENSE_TYPES) {
    const type = await publishedDemoType(
      deps,
      ctx.licensing.renderer,
      staff,
      departmentId,
      spec,
      input.seals.sm2.id,
    );
    const samples = spec.samples(input.rare);
    const issued = new Map<string, License>();
    for (const seal of [input.seals.sm2, input.seals.ecdsa]) {
      const group = samples.filter((s) => s.algorithm === seal.algorithm);
      if (group.length === 0) continue;
      const { results } = await issueLicenses(
        issueDeps,
        as(staff.clerk, {
          typeCode: type.typeCode,
          departmentId,
          sealId: seal.id,
          sealPin: input.pin,
          items: group.map((s) => s.item),
          refs: group.map((s) => `demo-seed:${type.typeCode}:${s.key}`),
          ...(seal.algorithm === 'sm2' ? { fileFormat: 'both' as const } : {}),
        }),
      );
      for (const r of results) {
        const key = group[r.index]!.key;
        if (!r.ok)
          throw new Error(
            `demo licence ${key}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details)}`,
          );
        issued.set(key, r.license);
      }
    }
    for (const sample of samples) {
      const license = issued.get(sample.key)!;
      const { pdf } = await licenseFile(deps, staff.clerk, license.id);
      const file = `licenses/${license.identifier}.pdf`;
      await writeFile(join(out, file), pdf);
      // A licence an earlier demo version issued as PDF only has no OFD: it is listed without one.
      let ofdFile: string | undefined;
      if (fileFormatOf(license) === 'both') {
        ofdFile = `ofd/${license.identifier}.ofd`;
        const { bytes } = await downloadLicenseFile(deps, staff.clerk, license.id, 'ofd');
        await writeFile(join(out, ofdFile), bytes);
      }
      entries.push({
        identifier: license.identifier,
        type: license.typeName,
        typeCode: license.typeCode,
        holder: license.holder.name,
        holderCode: license.holder.code,
        licenseNumber: license.licenseNumber,
        algorithm: license.algorithm,
        file,
        ...(ofdFile ? { ofdFile } : {}),
      });
    }
  }
  await writeFile(join(out, 'licenses', 'index.json'), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}
