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
    ZHENGYIN_SEAL_VALIDITY_DAYS: int(30, 3650).default(1095),
    ZHENGYIN_SEAL_RENEWAL_WINDOW_DAYS: int(1, 365).default(30),
    ZHENGYIN_SEAL_FONT_FILE: z.string().min(1).optional(),
    ZHENGYIN_FONT_DIRS: z.string().default('/usr/share/fonts/opentype/noto'),
    ZHENGYIN_RENDER_WORKERS: int(0, 16).default(Math.min(4, Math.max(0, availableParallelism() - 1))),
    ZHENGYIN_LICENSE_EXPIRY_INTERVAL_MINUTES: int(1, 24 * 60).default(60),
    ZHENGYIN_LOGIN_RATE_PER_MINUTE: int(1, 100000).default(20),
    ZHENGYIN_PUBLIC_RATE_PER_MINUTE: int(1, 1000000).default(600),
    ZHENGYIN_TRUST_PROXY: bool.default(false),
    ZHENGYIN_COOKIE_SECURE: bool.default(true),
    ZHENGYIN_SESSION_TTL_MINUTES: int(5, 7 * 24 * 60).default(8 * 60),
    ZHENGYIN_SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
    ZHENGYIN_PASSWORD_MIN_LENGTH: int(8, 128).default(12),
    ZHENGYIN_LOCKOUT_THRESHOLD: int(1, 100).default(5),
    ZHENGYIN_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
    ZHENGYIN_SHUTDOWN_GRACE_MS: int(0, 120000).default(10000),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Keys whose value may be given through KEY_FILE instead. */
export const SECRET_KEYS = ['DATABASE_URL', 'ZHENGYIN_MASTER_KEY', 'ZHENGYIN_ADMIN_PASSWORD'] as const;
