import { Inject, Injectable } from '@nestjs/common';
import { hash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ConfigError } from '../../config/app-config.schema.js';
import { isValidSlug } from '@clinic/shared';

// One-shot hashing: this runs for every request, hits included.
export const digestKey = (key: string) => hash('sha256', key, 'buffer');
const digest = digestKey;
/** Longer presented keys are refused unhashed (no configured key is that long). */
export const MAX_PRESENTED_KEY_LENGTH = 256;

export interface KeyCheck {
  site: string;
  keyId: string;
}
const callers = new WeakMap<object, KeyCheck | null>();
export const SITE_KEY_HEADER = 'x-site-key';

/**
 * Maps secret site keys (`SITE_KEYS=<key>:<site-slug>,…`; several keys per site allow rotation) to
 * site slugs. Keys are held only as SHA-256 digests and compared with timingSafeEqual, so neither a
 * lookup's timing nor a heap dump gives a key away.
 */
@Injectable()
export class SiteKeysService {
  private readonly entries: Array<{ digest: Buffer; site: string }>;
  private readonly byDigest: Map<string, string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.entries = parseSiteKeys(config.SITE_KEYS).map(({ key, site }) => ({ digest: digest(key), site }));
    this.byDigest = new Map(this.entries.map((e) => [e.digest.toString('hex'), e.site]));
  }

  /** The site slug for a presented key, or undefined. */
  siteFor(presented: string | string[] | undefined): string | undefined {
    return this.check(presented)?.site;
  }

  /**
   * The caller of one request, worked out once however many hooks ask (rate limit, cache edge, logs,
   * metrics): `site` for a valid key, and `keyId`, a digest naming the key without revealing it.
   */
  caller(req: { headers: Record<string, string | string[] | undefined> }): KeyCheck | undefined {
    let found = callers.get(req);
    if (found === undefined) {
      found = this.check(req.headers[SITE_KEY_HEADER]) ?? null;
      callers.set(req, found);
    }
    return found ?? undefined;
  }

  private check(presented: string | string[] | undefined): KeyCheck | undefined {
    if (typeof presented !== 'string' || presented.length === 0 || presented.length > MAX_PRESENTED_KEY_LENGTH) return undefined;
    const d = digest(presented);
    const hex = d.toString('hex');
    const site = this.byDigest.get(hex);
    if (!site) return undefined;
    const entry = this.entries.find((e) => e.site === site && timingSafeEqual(e.digest, d));
    return entry ? { site: entry.site, keyId: hex.slice(0, 32) } : undefined;
  }

  get siteSlugs(): string[] {
    return [...new Set(this.entries.map((e) => e.site))];
  }
}

/** Parses `<key>:<site-slug>,…` (SITE_KEYS, SITE_SERVER_KEYS); errors name the variable, never a key. */
export function parseSiteKeys(raw: string, name = 'SITE_KEYS'): Array<{ key: string; site: string }> {
  const pairs = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((pair) => {
      const i = pair.lastIndexOf(':');
      const key = pair.slice(0, i).trim();
      const site = pair.slice(i + 1).trim();
      if (i <= 0 || key.length < 8 || !isValidSlug(site)) {
        // Never echo the key itself: only its position.
        throw new ConfigError(`Invalid ${name}: every entry must be <key of ≥ 8 chars>:<site-slug>`);
      }
      return { key, site };
    });
  if (pairs.length === 0) throw new ConfigError(`Invalid ${name}: no keys configured`);
  return pairs;
}
