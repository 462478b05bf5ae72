import type { AppConfig } from '../../config/app-config.schema.js';
import type { CdnPurger } from '../types/cdn-purger.types.js';
import { CloudflarePurger } from './cloudflare-purger.strategy.js';
import { FastlyPurger } from './fastly-purger.strategy.js';
import { NonePurger } from './none-purger.strategy.js';
import { VarnishPurger } from './varnish-purger.strategy.js';

/** The strategy `CDN_PROVIDER` names; loadAppConfig has already checked that its settings are present. */
export function createCdnPurger(c: AppConfig): CdnPurger {
  switch (c.CDN_PROVIDER) {
    case 'varnish':
      return new VarnishPurger(c.CDN_PURGE_URLS, c.CDN_PURGE_TIMEOUT_MS);
    case 'fastly':
      return new FastlyPurger(c.FASTLY_API_URL, c.FASTLY_SERVICE_ID!, c.FASTLY_API_TOKEN!, c.CDN_PURGE_TIMEOUT_MS);
    case 'cloudflare':
      return new CloudflarePurger(c.CLOUDFLARE_API_URL, c.CLOUDFLARE_ZONE_ID!, c.CLOUDFLARE_API_TOKEN!, c.CDN_PURGE_TIMEOUT_MS);
    default:
      return new NonePurger();
  }
}
