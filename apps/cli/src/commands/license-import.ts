import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError, SYSTEM_ACTOR, createLicenseImport, publishedType, runLicenseImport } from '@zhengyin/core';
import type { Io } from '../io.js';
import { CliExit } from '../io.js';
import { cliMeta, withPlatform } from '../platform.js';

async function sealPin(io: Io, pinFile: string | undefined): Promise<string | undefined> {
  if (pinFile) return (await readFile(pinFile, 'utf8')).trim();
  return io.env.ZHENGYIN_SEAL_PIN;
}

/**
 * `zhengyin license import FILE --type CODE --mapping MAP.json`: validates the file (report on
 * stdout, rejection report with --report), then issues the valid rows with progress. Running the
 * same command again after an interruption resumes the same job: no licence is issued twice.
 */
export function addLicenseImportCommand(license: Command, io: Io): void {
  license
    .command('import')
    .description('存量证照导入: bulk conversion of existing licences from CSV or XLSX')
    .argument('<file>', 'CSV or XLSX file')
    .requiredOption('--type <code>', 'licence type code (21 characters)')
    .requiredOption('--mapping <file>', 'JSON: { "columns": { "<item code or $holderName…>": "<header>" } }')
    .option('--department <id>', 'issuing department (default: the only one allowed for the type)')
    .option('--seal <id>', 'issuing seal (default: the type’s bound seal)')
    .option('--pin-file <file>', 'file holding the seal PIN (default: env ZHENGYIN_SEAL_PIN)')
    .option('--report <file>', 'write the rejection report (CSV, or XLSX when the name ends in .xlsx)')
    .option('--validate-only', 'stop after the validation report')
    .option('--takeover', 'resume a job another process left running (that process must be gone)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
      const bytes = new Uint8Array(await readFile(file));
      const mappingJson = JSON.parse(await readFile(String(opts.mapping), 'utf8')) as { columns?: unknown };
      const columns = (mappingJson.columns ?? mappingJson) as Record<string, string>;
      const pin = await sealPin(io, opts.pinFile as string | undefined);
      const failed = await withPlatform(io, async (deps, _config, _db, ctx) => {
        const call = <I>(input: I) => ({ actor: SYSTEM_ACTOR, meta: cliMeta(), input });
        const ideps = { ...deps, licensing: ctx.licensing };
        let departmentId = opts.department as string | undefined;
        if (!departmentId) {
          const type = await deps.uow.run((r) => publishedType(r, String(opts.type)));
          if (type.issuerDepartmentIds.length !== 1)
            throw new AppError('LICENSE_ISSUER_NOT_ALLOWED', 'name the issuing department with --department');
          departmentId = type.issuerDepartmentIds[0] as string;
        }
        const job = await createLicenseImport(
          ideps,
          call({
            departmentId,
            typeCode: String(opts.type),
            fileName: basename(file),
            file: bytes,
            mapping: columns,
          }),
        );
        const summary = {
          id: job.id,
          status: job.status,
          total: job.total,
          valid: job.valid,
          rejected: job.rejected.length,
        };
        if (opts.json) io.out(JSON.stringify({ validation: summary, rejected: job.rejected.slice(0, 100) }));
        else {
          io.out(`import ${job.id}: ${job.total} rows, ${job.valid} valid, ${job.rejected.length} rejected`);
          for (const r of job.rejected.slice(0, 20)) io.out(`  line ${r.line}: ${r.reasons.join('; ')}`);
        }
        if (opts.report) {
          const format = String(opts.report).endsWith('.xlsx') ? 'xlsx' : 'csv';
          await writeFile(
            String(opts.report),
            ctx.licensing.imports.report(job.rejected, job.headers, format),
          );
        }
        if (opts.validateOnly) return 0;
        const done = await runLicenseImport(
          ideps,
          call({
            id: job.id,
            ...(pin !== undefined ? { sealPin: pin } : {}),
            ...(opts.seal ? { sealId: String(opts.seal) } : {}),
          }),
          (p) => {
            const line = {
              issued: p.job.issued,
              failed: p.job.failed,
              of: p.job.valid,
              rate: p.rate,
              etaSeconds: p.etaSeconds,
            };
            io.out(
              opts.json
                ? JSON.stringify({ progress: line })
                : `  ${p.done}/${p.job.valid} (${(p.rate ?? 0).toFixed(1)}/s, ETA ${p.etaSeconds ?? '?'} s)`,
            );
          },
          opts.takeover ? { staleMs: 0 } : {},
        );
        const result = {
          id: done.job.id,
          status: done.job.status,
          issued: done.job.issued,
          failed: done.job.failed,
        };
        io.out(
          opts.json ? JSON.stringify({ result }) : `done: ${result.issued} issued, ${result.failed} failed`,
        );
        return done.job.failed;
      });
      if (failed > 0) throw new CliExit(1);
    });
}
