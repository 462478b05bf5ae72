import { z } from 'zod';

/**
 * Every variable the gateway reads, validated once at start. Secrets have dev defaults that match
 * `.env.example`; in production a missing secret or a dev default stops the boot, naming the variable.
 */
export const DEV_SECRETS = {
  STRAPI_TOKEN: 'dev-gateway-read-token-0123456789abcdef0123456789abcdef',
  WEBHOOK_SECRET: 'dev-webhook-secret',
  PREVIEW_SECRET: 'dev-preview-secret',
  SITE_KEYS: 'dev-lakeshore-key:lakeshore-spine,dev-northshore-key:northshore-spine-partners',
} as const;
export type SecretName = keyof typeof DEV_SECRETS;

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

export const appConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  STRAPI_URL: z.url().default('http://127.0.0.1:1337'),
  /** The Strapi admin's public origin: the only page allowed to frame draft previews. */
  CMS_PUBLIC_URL: z.url().default('http://localhost:1337').transform((u) => u.replace(/\/+$/, '')),
  STRAPI_TOKEN: z.string().optional(),
  UPSTREAM_TIMEOUT_MS: int(2000, 50),
  UPSTREAM_RETRIES: int(2),
  UPSTREAM_MAX_SOCKETS: int(32, 1),
  BREAKER_FAILURE_THRESHOLD: int(5, 1),
  BREAKER_COOLDOWN_MS: int(5000, 10),

  SITE_KEYS: z.string().optional(),
  WEBHOOK_SECRET: z.string().optional(),
  PREVIEW_SECRET: z.string().optional(),

  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().default('clinic-gw:'),
  CACHE_ENABLED: bool(true),
  CACHE_L1_MAX_BYTES: int(64 * 1024 * 1024, 1024),
  CACHE_SOFT_TTL_SECONDS: int(300, 1),
  CACHE_HARD_TTL_SECONDS: int(86_400, 1),
  RECONCILE_INTERVAL_SECONDS: int(30),
  /** Every Nth reconciliation pass lists every type in full (0: only when a count drops). */
  RECONCILE_FULL_EVERY: int(120),
  /** URLs per sitemap file; past it /sitemap.xml becomes a sitemap index of child sitemaps. */
  SITEMAP_MAX_URLS: int(50_000, 1),
  PURGE_ACK_TIMEOUT_MS: int(500),

  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1),
  RATE_LIMIT_PER_WINDOW: int(12_000, 1),
  RATE_LIMIT_ANON_PER_WINDOW: int(300, 1),
  RATE_LIMIT_OPS_PER_WINDOW: int(1_200, 1),

  /** Extra browser origins allowed besides the sites' domains (comma separated), e.g. a local front end. */
  CORS_ORIGINS: z.string().default('').transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),

  /** GraphQL query text longer than this is refused before parsing. */
  MAX_QUERY_LENGTH: int(8_000, 100),
});

export type AppConfigInput = z.input<typeof appConfigSchema>;

export interface AppConfig extends Omit<z.output<typeof appConfigSchema>, SecretName> {
  STRAPI_TOKEN: string;
  WEBHOOK_SECRET: string;
  PREVIEW_SECRET: string;
  SITE_KEYS: string;
  isProduction: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment (or test overrides) into the typed config; throws ConfigError naming the bad variables. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = appConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid gateway configuration: ${issues}`);
  }
  const cfg = parsed.data;
  const isProduction = cfg.NODE_ENV === 'production';
  const secrets = {} as Record<SecretName, string>;
  for (const name of Object.keys(DEV_SECRETS) as SecretName[]) {
    const value = cfg[name];
    if (isProduction && (!value || value === DEV_SECRETS[name])) {
      throw new ConfigError(
        `Missing required secret ${name} (set it in the environment; dev defaults are refused in production)`,
      );
    }
    secrets[name] = value || DEV_SECRETS[name];
  }
  if (cfg.CACHE_HARD_TTL_SECONDS < cfg.CACHE_SOFT_TTL_SECONDS) {
    throw new ConfigError('Invalid gateway configuration: CACHE_HARD_TTL_SECONDS must be ≥ CACHE_SOFT_TTL_SECONDS');
  }
  return { ...cfg, ...secrets, isProduction };
}
