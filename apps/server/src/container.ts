import { createHash } from 'node:crypto';
import { ApiCallWriter } from './http/api-call-writer.js';
import { VerificationTallyWriter } from './http/verification-tally-writer.js';
import { join } from 'node:path';
import type { CoreDeps } from '@zhengyin/core';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { scryptPasswordHasher } from './adapters/password-hasher.js';
import { cryptoIds, systemClock } from './adapters/runtime.js';
import { documentPdfSealer } from './adapters/pdf-sealer.js';
import { documentOfdSealer } from './adapters/ofd-sealer.js';
import { documentOfdDocumentSealer } from './adapters/ofd-document-sealer.js';
import { documentPdfAnnotator } from './adapters/pdf-annotator.js';
import { documentOfdAnnotator } from './adapters/ofd-annotator.js';
import { documentOfdPageImages } from './adapters/ofd-page-images.js';
import { loadLicenseFonts } from './adapters/license-fonts.js';
import { documentLicenseRenderer } from './adapters/license-renderer.js';
import { documentImportFiles } from './adapters/license-imports.js';
import { hmacLicenseTokens } from './adapters/license-tokens.js';
import { documentSealCertificates } from './adapters/seal-certificates.js';
import { documentSealImages } from './adapters/seal-images.js';
import { aesGcmSecretBox } from './adapters/secret-box.js';
import { softwareKeyVault } from './adapters/software-key-vault.js';
import { rfc6238Totp } from './adapters/totp.js';
import { holderServices } from './adapters/oidc-holder-services.js';
import { configuredNotifier } from './adapters/notifier-config.js';
import { usePorts } from './adapters/use-ports.js';
import type { Config } from './config/schema.js';
import type { Database } from './db/database.js';
import { openPglite, openPostgres } from './db/database.js';
import { migrate } from './db/migrate.js';
import type { ServerContext } from './http/context.js';
import { kyselyUnitOfWork } from './repositories/unit-of-work.js';

export const VERSION = '0.1.0';

export async function openDatabase(config: Config, logger?: Logger): Promise<Database> {
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE, (err) =>
        logger?.warn({ err }, 'an idle database connection was lost'),
      )
    : openPglite(join(config.ZHENGYIN_DATA_DIR, 'pglite'));
}

export function coreDeps(
  config: Config,
  database: Database,
  masterKey: Uint8Array,
  overrides: Partial<CoreDeps> = {},
): CoreDeps {
  const uow = overrides.uow ?? kyselyUnitOfWork(database.db);
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? cryptoIds;
  return {
    uow,
    clock,
    ids,
    keys: softwareKeyVault({ uow, masterKey, clock, ids }),
    passwords: scryptPasswordHasher(),
    secrets: aesGcmSecretBox(masterKey),
    totp: rfc6238Totp(),
    policy: {
      passwordMinLength: config.ZHENGYIN_PASSWORD_MIN_LENGTH,
      lockoutThreshold: config.ZHENGYIN_LOCKOUT_THRESHOLD,
      lockoutMinutes: config.ZHENGYIN_LOCKOUT_MINUTES,
      sessionTtlMinutes: config.ZHENGYIN_SESSION_TTL_MINUTES,
      sessionIdleMinutes: config.ZHENGYIN_SESSION_IDLE_MINUTES,
    },
    ...overrides,
  };
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.ZHENGYIN_LOG_LEVEL,
    base: { service: 'zhengyin' },
    redact: { paths: ['*.password', '*.secret', '*.token', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

const renderers = new Map<string, ReturnType<typeof documentLicenseRenderer>>();
const fontSets = new Map<string, ReturnType<typeof loadLicenseFonts>>();

/** One licence font chain (tens of megabytes) per font configuration per process. */
export function licenseFonts(fontDirs: string) {
  let fonts = fontSets.get(fontDirs);
  if (!fonts) fontSets.set(fontDirs, (fonts = loadLicenseFonts(fontDirs.split(':'))));
  return fonts;
}

/** One renderer per font configuration and worker count per process. */
function licenseRenderer(fontDirs: string, workers: number) {
  const key = `${workers}:${fontDirs}`;
  let renderer = renderers.get(key);
  if (!renderer) renderers.set(key, (renderer = documentLicenseRenderer(licenseFonts(fontDirs), workers)));
  return renderer;
}

export const sha256 = (bytes: Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha256').update(bytes).digest());

/** Builds the server context on an already migrated database. */
export function createContext(
  config: Config,
  database: Database,
  masterKey: Uint8Array,
  options: { logger?: Logger; overrides?: Partial<CoreDeps> } = {},
): ServerContext {
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const deps = coreDeps(config, database, masterKey, options.overrides);
  const logger = options.logger ?? createLogger(config);
  return {
    config,
    database,
    deps,
    apiCalls: new ApiCallWriter(deps.uow, logger, config.ZHENGYIN_API_LOG_FLUSH_MS),
    verificationTally: new VerificationTallyWriter(deps, logger, config.ZHENGYIN_API_LOG_FLUSH_MS),
    seals: {
      images: documentSealImages(config.ZHENGYIN_SEAL_FONT_FILE),
      pdf: documentPdfSealer,
      ofd: documentOfdDocumentSealer,
      renderer: documentSealCertificates(),
      sha256,
    },
    licensing: {
      renderer: licenseRenderer(config.ZHENGYIN_FONT_DIRS, config.ZHENGYIN_RENDER_WORKERS),
      pdf: documentPdfSealer,
      ofd: documentOfdSealer,
      tokens: hmacLicenseTokens(masterKey),
      imports: documentImportFiles,
      sha256,
      verifyBaseUrl:
        config.ZHENGYIN_PUBLIC_BASE_URL ?? `http://${config.ZHENGYIN_HOST}:${config.ZHENGYIN_PORT}`,
    },
    use: usePorts(config, masterKey),
    sharing: { ofdImages: documentOfdPageImages(() => licenseFonts(config.ZHENGYIN_FONT_DIRS)) },
    annotation: {
      pdf: documentPdfAnnotator(),
      ofd: documentOfdAnnotator(),
      sha256,
      rules: {
        maxValidityDays: config.ZHENGYIN_ANNOTATION_MAX_VALIDITY_DAYS,
        maxActivePer90Days: config.ZHENGYIN_ANNOTATION_MAX_ACTIVE,
        defaultValidityDays: config.ZHENGYIN_ANNOTATION_DEFAULT_VALIDITY_DAYS,
      },
    },
    logger,
    notifier: configuredNotifier(config, logger),
    holders: holderServices(config, {
      db: database.db,
      passwords: deps.passwords,
      clock: deps.clock,
      ids: deps.ids,
    }),
    metrics,
    version: VERSION,
  };
}

export { migrate };
