import type { Command } from 'commander';
import { Option } from 'commander';
import type { Role } from '@zhengyin/core';
import {
  AppError,
  ROLES,
  SYSTEM_ACTOR,
  createApp,
  createUser,
  resetPassword,
  rotateAppSecret,
  verifyAuditChainUnchecked,
} from '@zhengyin/core';
import { loadConfig, migrate, openDatabase, startServer } from '@zhengyin/server';
import type { Io } from '../io.js';
import { CliExit } from '../io.js';
import { cliMeta, withPlatform } from '../platform.js';

const collect = (value: string, previous: string[]) => [...previous, value];

async function findUserId(deps: Parameters<Parameters<typeof withPlatform>[1]>[0], username: string) {
  const user = await deps.uow.run((r) => r.users.getByUsername(username.toLowerCase()));
  if (!user) throw new AppError('ACCOUNTS_USER_NOT_FOUND', `no user ${username}`);
  return user.id;
}

/** serve, migrate, admin, app, audit: operator commands on the configured database. */
export function registerPlatformCommands(program: Command, io: Io) {
  program
    .command('serve')
    .description('start the server and console (embedded PGlite in ./data unless DATABASE_URL is set)')
    .action(async () => {
      const server = await startServer(loadConfig(io.env), io.out);
      io.out(`证印 zhengyin: ${server.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.stop().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const database = await openDatabase(loadConfig(io.env));
      try {
        const applied = await migrate(database);
        io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await database.close();
      }
    });

  const admin = program.command('admin').description('staff accounts');
  admin
    .command('create-user')
    .description('create a staff account; prints its one-time password')
    .requiredOption('--username <name>')
    .requiredOption('--display-name <name>')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--region <code>', 'region scope (GB/T 2260)')
    .option('--department <id>', 'department scope (id)')
    .action(
      async (o: {
        username: string;
        displayName: string;
        role: Role;
        region?: string;
        department?: string;
      }) => {
        await withPlatform(io, async (deps) => {
          const { user, initialPassword } = await createUser(deps, {
            actor: SYSTEM_ACTOR,
            meta: cliMeta(),
            input: {
              username: o.username,
              displayName: o.displayName,
              roles: [{ role: o.role, regionCode: o.region ?? null, departmentId: o.department ?? null }],
            },
          });
          io.out(`created ${user.username} (${user.id})`);
          io.out(`one-time password: ${initialPassword}`);
        });
      },
    );
  admin
    .command('reset-password')
    .description('set a one-time password, unlock the account and end its sessions')
    .requiredOption('--username <name>')
    .action(async (o: { username: string }) => {
      await withPlatform(io, async (deps) => {
        const id = await findUserId(deps, o.username);
        const { temporaryPassword } = await resetPassword(deps, {
          actor: SYSTEM_ACTOR,
          meta: cliMeta(),
          input: { id },
        });
        io.out(`one-time password: ${temporaryPassword}`);
      });
    });

  const app = program.command('app').description('integrating systems (apps)');
  app
    .command('create')
    .description('register an app of a department; prints AppKey and secret (shown once)')
    .requiredOption('--name <name>')
    .requiredOption('--department <id>', 'department id')
    .option('--scope <scope>', 'scope (repeatable)', collect, [])
    .option('--ip <cidr>', 'allowed client address or CIDR (repeatable)', collect, [])
    .action(async (o: { name: string; department: string; scope: string[]; ip: string[] }) => {
      await withPlatform(io, async (deps) => {
        const { app: created, secret } = await createApp(deps, {
          actor: SYSTEM_ACTOR,
          meta: cliMeta(),
          input: { name: o.name, departmentId: o.department, scopes: o.scope, ipAllowList: o.ip },
        });
        io.out(`AppKey: ${created.appKey}`);
        io.out(`secret: ${secret}`);
      });
    });
  app
    .command('rotate-secret')
    .description('issue a new secret; the old one stays valid for the overlap')
    .requiredOption('--app-key <key>')
    .option('--overlap-minutes <n>', 'minutes the previous secret stays valid', '1440')
    .action(async (o: { appKey: string; overlapMinutes: string }) => {
      await withPlatform(io, async (deps) => {
        const found = await deps.uow.run((r) => r.apps.getByKey(o.appKey));
        if (!found) throw new AppError('ACCOUNTS_APP_NOT_FOUND', `no app ${o.appKey}`);
        const { app: rotated, secret } = await rotateAppSecret(deps, {
          actor: SYSTEM_ACTOR,
          meta: cliMeta(),
          input: { id: found.id, overlapMinutes: Number(o.overlapMinutes) },
        });
        io.out(`secret: ${secret}`);
        io.out(
          `previous secret valid until: ${rotated.previousSecretExpiresAt?.toISOString() ?? 'now (no overlap)'}`,
        );
      });
    });

  program
    .command('audit')
    .description('audit trail')
    .command('verify')
    .description('verify the SM3 hash chain of the audit trail (exit 0 intact, 1 broken)')
    .option('--json', 'print the report as JSON')
    .action(async (o: { json?: boolean }) => {
      const report = await withPlatform(io, (deps) => verifyAuditChainUnchecked(deps));
      if (o.json) io.out(JSON.stringify(report, null, 2));
      else {
        io.out(report.intact ? `intact: ${report.checked} events, head ${report.headSeq}` : 'BROKEN');
        for (const p of report.problems) io.out(`  ${p.kind} ${p.seq ?? ''} ${p.message}`);
      }
      if (!report.intact) throw new CliExit(1);
    });
}
