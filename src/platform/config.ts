import { z } from 'zod';
import path from 'node:path';

/** Runtime configuration, read once from the environment and validated. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  APP_DATABASE_URL: z.string().optional(),
  APP_DATABASE_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('turbota_app'),
  DATA_DIR: z.string().default('data'),
  SECRET_KEY: z.string().optional(),
  ENCRYPTION_KEYS: z.string().optional(),
  DEMO: z.string().optional(),
  DEMO_PASSWORD: z.string().optional(),
  DEMO_TOTP_SECRET: z.string().optional(),
  DEMO_API_TOKEN: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  API_RATE_PER_MINUTE: z.coerce.number().int().positive().default(300),
  // Requests per minute from one address to the whole app (pages, assets, API).
  RATE_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // Days an offline outreach package stays usable on a device before it is wiped and refused (decision 0036).
  OUTREACH_PACKAGE_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  // An API token's validity: the default when none is chosen, and the longest that may be chosen.
  API_TOKEN_DEFAULT_DAYS: z.coerce.number().int().positive().max(366).default(90),
  API_TOKEN_MAX_DAYS: z.coerce.number().int().positive().max(366).default(365),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  // Staff sign-in throttling (modules/auth/login-throttle.ts): failures allowed from one address
  // for all names before its waits start, and the longest wait.
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(50),
  LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().positive().default(900),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Турбота <no-reply@turbota.local>'),
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default('ID.GOV.UA'),
  LOG_LEVEL: z.string().default('info'),
});

export type Config = z.infer<typeof schema> & { dataDir: string; secure: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.parse(env);
  const dataDir = path.resolve(parsed.DATA_DIR);
  const secure = (parsed.PUBLIC_URL ?? '').startsWith('https://');
  return { ...parsed, dataDir, secure };
}
