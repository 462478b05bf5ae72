import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { MAX_PRESENTED_KEY_LENGTH, digestKey, parseSiteKeys } from './site-keys.service.js';

export const SITE_SERVER_KEY_HEADER = 'x-site-server-key';

/**
 * The server keys of each site (`SITE_SERVER_KEYS=<secret>:<site-slug>,…`; several per site for
 * rotation): held by the site's own servers, never by browsers, unlike the public `x-site-key`. Held
 * only as SHA-256 digests; a presented key is compared with every key of the site in constant time, so
 * neither timing nor a heap dump gives one away.
 */
@Injectable()
export class SiteServerKeysService {
  private readonly bySite = new Map<string, Buffer[]>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const { key, site } of parseSiteKeys(config.SITE_SERVER_KEYS, 'SITE_SERVER_KEYS')) {
      this.bySite.set(site, [...(this.bySite.get(site) ?? []), digestKey(key)]);
    }
  }

  /** Whether `presented` is a server key of `site`. */
  validFor(presented: string | string[] | undefined, site: string): boolean {
    if (typeof presented !== 'string' || presented.length === 0 || presented.length > MAX_PRESENTED_KEY_LENGTH) return false;
    const d = digestKey(presented);
    let ok = false;
    // No early exit: the time taken does not say which of the site's keys matched, or how many it has.
    for (const k of this.bySite.get(site) ?? []) ok = timingSafeEqual(k, d) || ok;
    return ok;
  }
}
