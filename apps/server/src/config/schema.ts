import { availableParallelism } from 'node:os';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every configuration key, read from environment variables and an optional JSON config file
 * (ZHENGYIN_CONFIG_FILE, same key names). Secrets may also come from KEY_FILE (the file's content).
 * .env.example documents each key; a test keeps the two in step.
 */
export const configSchema = z
  .object({
    ZHENGYIN_HOST: z.string().min(1).default('127.0.0.1'),
    ZHENGYIN_PORT: int(0, 65535).default(8080),
    ZHENGYIN_DATA_DIR: z.string().min(1).default('./data'),
    /** Built console (Vite output) served at `/`; empty: apps/console/dist of this checkout. */
    ZHENGYIN_CONSOLE_DIR: z.string().default(''),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    ZHENGYIN_MASTER_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
      .optional(),
    ZHENGYIN_ADMIN_USERNAME: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{3,64}$/)
      .default('admin'),
    ZHENGYIN_ADMIN_PASSWORD: z.string().min(12).max(256).optional(),
    ZHENGYIN_PUBLIC_BASE_URL: z.url().optional(),
    ZHENGYIN_LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    ZHENGYIN_BODY_LIMIT_BYTES: int(1024, 1024 * 1024 * 1024).default(1024 * 1024),
    ZHENGYIN_UPLOAD_LIMIT_BYTES: int(1024, 1024 * 1024 * 1024).default(32 * 1024 * 1024),
    /** PEM file of extra roots POST /api/v1/verify trusts besides the platform's CAs. */
    ZHENGYIN_VERIFY_TRUST_ANCHORS_FILE: z.string().min(1).optional(),
    ZHENGYIN_SEAL_VALIDITY_DAYS: int(30, 3650).default(1095),
    ZHENGYIN_SEAL_RENEWAL_WINDOW_DAYS: int(1, 365).default(30),
    ZHENGYIN_SEAL_FONT_FILE: z.string().min(1).optional(),
    ZHENGYIN_FONT_DIRS: z.string().default('/usr/share/fonts/opentype/noto'),
    ZHENGYIN_ANNOTATION_MAX_VALIDITY_DAYS: int(1, 3650).default(90),
    ZHENGYIN_ANNOTATION_DEFAULT_VALIDITY_DAYS: int(1, 3650).default(30),
    ZHENGYIN_ANNOTATION_MAX_ACTIVE: int(1, 1000).default(3),
    ZHENGYIN_RENDER_WORKERS: int(0, 16).default(Math.min(4, Math.max(0, availableParallelism() - 1))),
    ZHENGYIN_LICENSE_EXPIRY_INTERVAL_MINUTES: int(1, 24 * 60).default(60),
    ZHENGYIN_LOGIN_RATE_PER_MINUTE: int(1, 100000).default(20),
    ZHENGYIN_PUBLIC_RATE_PER_MINUTE: int(1, 1000000).default(600),
    /** The API call log is written in batches this often (0: with each request). */
    ZHENGYIN_API_LOG_FLUSH_MS: int(0, 60_000).default(200),
    ZHENGYIN_TRUST_PROXY: bool.default(false),
    ZHENGYIN_COOKIE_SECURE: bool.default(true),
    ZHENGYIN_SESSION_TTL_MINUTES: int(5, 7 * 24 * 60).default(8 * 60),
    ZHENGYIN_SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
    ZHENGYIN_PASSWORD_MIN_LENGTH: int(8, 128).default(12),
    ZHENGYIN_LOCKOUT_THRESHOLD: int(1, 100).default(5),
    ZHENGYIN_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
    ZHENGYIN_SHUTDOWN_GRACE_MS: int(0, 120000).default(10000),
    // Use (用证): consent wait, approved-context validity, use-codes and their lockout, 亮证 tokens.
    ZHENGYIN_USE_CONSENT_TTL_MINUTES: int(1, 7 * 24 * 60).default(30),
    ZHENGYIN_USE_CONTEXT_VALID_MINUTES: int(1, 30 * 24 * 60).default(24 * 60),
    ZHENGYIN_USE_CODE_TTL_MINUTES: int(1, 24 * 60).default(10),
    ZHENGYIN_USE_CODE_LOCKOUT_THRESHOLD: int(1, 1000).default(10),
    ZHENGYIN_USE_CODE_LOCKOUT_WINDOW_MINUTES: int(1, 24 * 60).default(10),
    ZHENGYIN_USE_CODE_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
    ZHENGYIN_SHOW_TOKEN_TTL_SECONDS: int(10, 600).default(60),
    // Notifications (到期提醒, objection results): transport, outbox sender, reminder job, evidence limits.
    ZHENGYIN_NOTIFIER: z.enum(['log', 'webhook', 'smtp']).default('log'),
    ZHENGYIN_NOTIFIER_WEBHOOK_URL: z.url().optional(),
    ZHENGYIN_NOTIFIER_WEBHOOK_SECRET: z.string().min(16).max(512).optional(),
    ZHENGYIN_NOTIFIER_TIMEOUT_MS: int(100, 60_000).default(5000),
    ZHENGYIN_SMTP_HOST: z.string().min(1).optional(),
    ZHENGYIN_SMTP_PORT: int(1, 65535).default(25),
    ZHENGYIN_SMTP_SECURE: bool.default(false),
    ZHENGYIN_SMTP_FROM: z.string().min(3).optional(),
    ZHENGYIN_SMTP_USER: z.string().min(1).optional(),
    ZHENGYIN_SMTP_PASSWORD: z.string().min(1).optional(),
    ZHENGYIN_NOTIFICATION_INTERVAL_SECONDS: int(1, 3600).default(30),
    ZHENGYIN_NOTIFICATION_MAX_ATTEMPTS: int(1, 50).default(8),
    ZHENGYIN_REMINDER_LEAD_DAYS: z
      .string()
      .regex(/^\d{1,3}(,\d{1,3}){0,9}$/, 'comma-separated whole days, e.g. 30,7,1')
      .default('30,7,1'),
    ZHENGYIN_REMINDER_INTERVAL_MINUTES: int(1, 24 * 60).default(60),
    ZHENGYIN_OBJECTION_EVIDENCE_MAX_BYTES: int(1024, 100 * 1024 * 1024).default(10 * 1024 * 1024),
    ZHENGYIN_OBJECTION_EVIDENCE_MAX_FILES: int(0, 20).default(5),
    // Holder login (OIDC); without an issuer the built-in development IdP is used (docs/HOLDERS.md).
    ZHENGYIN_HOLDER_OIDC_ISSUER: z.url().optional(),
    ZHENGYIN_HOLDER_OIDC_CLIENT_ID: z.string().min(1).max(200).default('zhengyin-holder'),
    ZHENGYIN_HOLDER_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    ZHENGYIN_HOLDER_OIDC_REDIRECT_URI: z.url().optional(),
    ZHENGYIN_HOLDER_OIDC_SCOPE: z.string().min(6).default('openid profile'),
    ZHENGYIN_HOLDER_CLAIM_CODE: z.string().min(1).default('zhengyin_holder_code'),
    ZHENGYIN_HOLDER_CLAIM_CODE_TYPE: z.string().min(1).default('zhengyin_holder_code_type'),
    ZHENGYIN_HOLDER_CLAIM_NAME: z.string().min(1).default('name'),
    ZHENGYIN_HOLDER_DEFAULT_CODE_TYPE: z.enum(['001', '111']).optional(),
    ZHENGYIN_DEV_IDP: bool.default(true),
    ZHENGYIN_DEV_IDP_FORCE: bool.default(false),
    NODE_ENV: z.string().optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Keys whose value may be given through KEY_FILE instead. */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'ZHENGYIN_MASTER_KEY',
  'ZHENGYIN_ADMIN_PASSWORD',
  'ZHENGYIN_HOLDER_OIDC_CLIENT_SECRET',
  'ZHENGYIN_NOTIFIER_WEBHOOK_SECRET',
  'ZHENGYIN_SMTP_PASSWORD',
] as const;
