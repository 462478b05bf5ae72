import { DEV_DEFAULTS, parseIndexNowKeys } from '@clinic/shared';
import { z } from 'zod';

/** Which shared cache sits in front of the gateway (`CDN_PROVIDER`). */
export const CDN_PROVIDERS = ['none', 'varnish', 'fastly', 'cloudflare'] as const;
export type CdnProvider = (typeof CDN_PROVIDERS)[number];

/**
 * Every variable the gateway reads, validated once at start. Secrets have dev defaults that match
 * `.env.example`; in production a missing secret or a dev default stops the boot, naming the variable.
 */
export const DEV_SECRETS = {
  STRAPI_TOKEN: DEV_DEFAULTS.strapiToken,
  WEBHOOK_SECRET: DEV_DEFAULTS.webhookSecret,
  PREVIEW_SECRET: DEV_DEFAULTS.previewSecret,
  SITE_KEYS: DEV_DEFAULTS.siteKeysSetting,
  SITE_SERVER_KEYS: DEV_DEFAULTS.siteServerKeys,
} as const;
export type SecretName = keyof typeof DEV_SECRETS;
/** The website purge secret's dev default (`.env.example`); only required where WEB_PURGE_URLS is set. */
export const DEV_WEB_PURGE_SECRET = DEV_DEFAULTS.webPurgeSecret;

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
/** A comma-separated setting as its trimmed, non-empty items. */
const splitList = (v: string) =>
  v
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const commaList = () => z.string().default('').transform(splitList);

export const appConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Unset: 0.0.0.0 in production (behind a proxy or in a container), 127.0.0.1 elsewhere (a dev box). */
  HOST: z.string().optional(),
  /**
   * Which peers may name the client in X-Forwarded-For: `false` (default: the socket address is the
   * client), a hop count (`1` behind one proxy), or a comma list of proxy addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const t = v.trim();
      if (t === '' || t === 'false' || t === '0') return false as const;
      if (/^\d+$/.test(t)) return Number(t);
      const list = splitList(t);
      if (list.some((p) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p))) {
        ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY must be false, a hop count, or a comma list of IP addresses/CIDRs' });
        return z.NEVER;
      }
      return list;
    }),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().optional(),
  /** How long a readiness answer is reused, so that a flood of /health/ready never reaches Strapi. */
  READY_CACHE_MS: int(2000),
  PORT: int(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  STRAPI_URL: z.url().default('http://127.0.0.1:1337'),
  /** The Strapi admin's public origin: the only page allowed to frame draft previews. */
  CMS_PUBLIC_URL: z
    .url()
    .default('http://localhost:1337')
    .transform((u) => u.replace(/\/+$/, '')),
  STRAPI_TOKEN: z.string().optional(),
  UPSTREAM_TIMEOUT_MS: int(2000, 50),
  UPSTREAM_RETRIES: int(2),
  UPSTREAM_MAX_SOCKETS: int(32, 1),
  BREAKER_FAILURE_THRESHOLD: int(5, 1),
  BREAKER_COOLDOWN_MS: int(5000, 10),

  SITE_KEYS: z.string().optional(),
  /**
   * `<secret>:<site-slug>,…`: keys of a site's own servers (its website, static builds), never given to
   * browsers. A request holding one may name the visitor it serves (`x-visitor-ip`), who then pays the
   * per-client budgets instead of the server.
   */
  SITE_SERVER_KEYS: z.string().optional(),
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

  /** Per site: the byte share of L1 each site may hold (default: an equal share of CACHE_L1_MAX_BYTES). */
  CACHE_L1_SITE_MAX_BYTES: int(0),
  /** Per site: how many entries it may keep in Redis; past it, its own oldest go (no site evicts another). */
  CACHE_L2_SITE_MAX_ENTRIES: int(50_000, 1),
  /** After a purge, entries requested within this many seconds are recomputed in the background (refresh-ahead). */
  CACHE_REFRESH_AHEAD_SECONDS: int(600),
  CACHE_REFRESH_AHEAD_CONCURRENCY: int(2, 1),

  /** Per site: operations computed from Strapi at once; more wait up to MISS_QUEUE_TIMEOUT_MS, then 503. */
  SITE_MAX_CONCURRENT_MISSES: int(4, 1),
  MISS_QUEUE_MAX: int(64, 0),
  MISS_QUEUE_TIMEOUT_MS: int(2000, 1),

  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1),
  /** Upstream work (Strapi requests caused by misses) a site key may spend per window; hits are free. */
  RATE_LIMIT_MISS_UNITS_PER_WINDOW: int(12_000, 1),
  /** …and what one client IP may spend of it, so that one browser cannot exhaust its site's budget. */
  RATE_LIMIT_MISS_UNITS_PER_IP_PER_WINDOW: int(1_200, 1),
  RATE_LIMIT_ANON_PER_WINDOW: int(300, 1),
  RATE_LIMIT_OPS_PER_WINDOW: int(1_200, 1),

  /** `<site-slug>=<manifest.json>,…`: sites locked to their trusted (persisted) documents. */
  TRUSTED_DOCUMENTS: z.string().default(''),
  /** Automatic persisted queries remembered per site (sites without a manifest). */
  APQ_MAX_PER_SITE: int(1_000, 1),

  /** Extra browser origins allowed besides the sites' domains (comma separated), e.g. a local front end. */
  CORS_ORIGINS: commaList(),

  /** GraphQL query text longer than this is refused before parsing. */
  MAX_QUERY_LENGTH: int(8_000, 100),

  /** The shared cache in front (README "CDN"): purges follow every gateway purge. Credentials are secrets. */
  CDN_PROVIDER: z.enum(CDN_PROVIDERS).default('none'),
  /** Varnish: every node's purge URL (comma separated), e.g. http://varnish:8080/. */
  CDN_PURGE_URLS: commaList(),
  FASTLY_SERVICE_ID: z.string().optional(),
  FASTLY_API_TOKEN: z.string().optional(),
  FASTLY_API_URL: z.url().default('https://api.fastly.com'),
  CLOUDFLARE_ZONE_ID: z.string().optional(),
  CLOUDFLARE_API_TOKEN: z.string().optional(),
  CLOUDFLARE_API_URL: z.url().default('https://api.cloudflare.com/client/v4'),
  /** The website's page cache (web/src/server): each process's (or balancer's) URL; purged like the CDN. */
  WEB_PURGE_URLS: commaList(),
  /** Sent as `Authorization: Bearer …` with website purges; a secret, required in production with WEB_PURGE_URLS. */
  WEB_PURGE_SECRET: z.string().optional(),
  CDN_PURGE_TIMEOUT_MS: int(5_000, 50),
  CDN_PURGE_MAX_ATTEMPTS: int(6, 1),
  CDN_PURGE_RETRY_BASE_MS: int(500, 1),
  /**
   * IndexNow, opt-in per site: `<site-slug>=<key>,…` (a key is 8–128 letters, digits or dashes; the site's
   * website serves it at `/<key>.txt`). Unset: no site submits. Keys are never logged.
   */
  INDEXNOW_KEYS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return parseIndexNowKeys(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** Where IndexNow submissions go (any participating engine shares them with the others). */
  INDEXNOW_ENDPOINT: z.url().default('https://api.indexnow.org/indexnow'),
  /** A change's purges gather this long before their URLs are submitted: one submission per change, not per webhook. */
  INDEXNOW_DEBOUNCE_MS: int(5_000),
  INDEXNOW_MAX_ATTEMPTS: int(5, 1),
  INDEXNOW_RETRY_BASE_MS: int(2_000, 1),
  INDEXNOW_TIMEOUT_MS: int(10_000, 50),
});

/** What the chosen CDN provider needs; a provider without its settings is a boot error in every environment. */
const CDN_REQUIRED = {
  none: [],
  varnish: ['CDN_PURGE_URLS'],
  fastly: ['FASTLY_SERVICE_ID', 'FASTLY_API_TOKEN'],
  cloudflare: ['CLOUDFLARE_ZONE_ID', 'CLOUDFLARE_API_TOKEN'],
} as const;

function checkCdn(cfg: z.output<typeof appConfigSchema>) {
  const missing = CDN_REQUIRED[cfg.CDN_PROVIDER].filter((k) => {
    const v = cfg[k];
    return Array.isArray(v) ? v.length === 0 : !v;
  });
  if (missing.length) throw new ConfigError(`Invalid gateway configuration: CDN_PROVIDER=${cfg.CDN_PROVIDER} needs ${missing.join(', ')}`);
  for (const [name, urls] of [
    ['CDN_PURGE_URLS', cfg.CDN_PURGE_URLS],
    ['WEB_PURGE_URLS', cfg.WEB_PURGE_URLS],
  ] as const) {
    for (const u of urls) {
      if (!URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol)) throw new ConfigError(`Invalid gateway configuration: ${name} must be http(s) URLs`);
    }
  }
}

export type AppConfigInput = z.input<typeof appConfigSchema>;

export interface AppConfig extends Omit<z.output<typeof appConfigSchema>, SecretName | 'HOST' | 'WEB_PURGE_SECRET'> {
  HOST: string;
  WEB_PURGE_SECRET: string;
  STRAPI_TOKEN: string;
  WEBHOOK_SECRET: string;
  PREVIEW_SECRET: string;
  SITE_KEYS: string;
  SITE_SERVER_KEYS: string;
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
      throw new ConfigError(`Missing required secret ${name} (set it in the environment; dev defaults are refused in production)`);
    }
    secrets[name] = value || DEV_SECRETS[name];
  }
  if (cfg.CACHE_HARD_TTL_SECONDS < cfg.CACHE_SOFT_TTL_SECONDS) {
    throw new ConfigError('Invalid gateway configuration: CACHE_HARD_TTL_SECONDS must be ≥ CACHE_SOFT_TTL_SECONDS');
  }
  checkCdn(cfg);
  // Only needed when there is a website to purge; then it is a secret like the others.
  const webPurgeSecret = cfg.WEB_PURGE_SECRET || '';
  if (isProduction && cfg.WEB_PURGE_URLS.length && (!webPurgeSecret || webPurgeSecret === DEV_WEB_PURGE_SECRET)) {
    throw new ConfigError('Missing required secret WEB_PURGE_SECRET (WEB_PURGE_URLS is set; dev defaults are refused in production)');
  }
  return { ...cfg, ...secrets, WEB_PURGE_SECRET: webPurgeSecret || DEV_WEB_PURGE_SECRET, HOST: cfg.HOST || (isProduction ? '0.0.0.0' : '127.0.0.1'), isProduction };
}
