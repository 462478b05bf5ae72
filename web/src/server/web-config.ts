import { DEV_DEFAULTS, parseIndexNowKeys } from '@clinic/shared';
import { checkSites, type SiteConfig } from '../lib/sites';

export class WebConfigError extends Error {}

/** The variables the server reads: process.env, or a plain object (Next types process.env with a required NODE_ENV). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The dev purge secret `.env.example` ships: refused in production. */
export const DEV_WEB_PURGE_SECRET = DEV_DEFAULTS.webPurgeSecret;

export interface WebConfig {
  port: number;
  host: string;
  production: boolean;
  allowDevKeys: boolean;
  sites: SiteConfig[];
  defaultSite?: string;
  purgeSecret: string;
  trustProxy: false | number | string[];
  cacheMaxBytes: number;
  ttlSeconds: number;
  graceSeconds: number;
  redisUrl?: string;
  redisPrefix: string;
  metricsToken?: string;
  rendersPerVisitorPerMinute: number;
  /** The sites that opted in to IndexNow, by slug, with their keys (INDEXNOW_KEYS, the gateway's setting). */
  indexNowKeys: Map<string, string>;
}

const int = (env: Environment, name: string, fallback: number, min = 0): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new WebConfigError(`${name} must be an integer ≥ ${min}`);
  return n;
};

function indexNowKeys(value: string | undefined): Map<string, string> {
  try {
    return parseIndexNowKeys(value);
  } catch (e) {
    throw new WebConfigError((e as Error).message);
  }
}

/**
 * Every variable the front server reads, checked once at start (messages name variables and hosts, never
 * values). Throws WebConfigError, or SitesConfigError for SITES / SITE_SERVER_KEYS.
 */
export function loadWebConfig(env: Environment): WebConfig {
  const production = env.NODE_ENV === 'production';
  const allowDevKeys = /^(1|true|yes)$/i.test(env.SITES_ALLOW_DEV_KEYS ?? '');
  const purgeSecret = env.WEB_PURGE_SECRET || '';
  if (production && !allowDevKeys && (!purgeSecret || purgeSecret === DEV_WEB_PURGE_SECRET)) {
    throw new WebConfigError('Missing required secret WEB_PURGE_SECRET (dev defaults are refused in production)');
  }
  const trust = (env.TRUST_PROXY ?? 'false').trim();
  let trustProxy: WebConfig['trustProxy'] = false;
  if (/^\d+$/.test(trust)) trustProxy = Number(trust) || false;
  else if (trust && trust !== 'false') {
    const list = trust
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (list.some((p) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p))) throw new WebConfigError('TRUST_PROXY must be false, a hop count, or a comma list of IP addresses/CIDRs');
    trustProxy = list;
  }
  return {
    port: int(env, 'PORT', 3000, 0),
    host: env.HOSTNAME_BIND || env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    production,
    allowDevKeys,
    // Production refuses the dev keys unless SITES_ALLOW_DEV_KEYS (`npm start` runs Next as production).
    sites: checkSites(env.SITES, production && !allowDevKeys, env.SITE_SERVER_KEYS),
    defaultSite: env.DEFAULT_SITE || undefined,
    purgeSecret: purgeSecret || DEV_WEB_PURGE_SECRET,
    trustProxy,
    cacheMaxBytes: int(env, 'PAGE_CACHE_MAX_BYTES', 128 * 1024 * 1024, 1024 * 1024),
    ttlSeconds: int(env, 'PAGE_CACHE_TTL_SECONDS', 300, 1),
    graceSeconds: int(env, 'PAGE_CACHE_GRACE_SECONDS', 86_100, 0),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_KEY_PREFIX || 'clinic-gw:',
    metricsToken: env.METRICS_TOKEN || undefined,
    rendersPerVisitorPerMinute: int(env, 'PAGE_RENDERS_PER_VISITOR_PER_MINUTE', 120, 0),
    indexNowKeys: indexNowKeys(env.INDEXNOW_KEYS),
  };
}
