import type { AppConfig } from '../../config/app-config.schema.js';
import type { CdnPurger } from '../types/cdn-purger.types.js';
import { CloudflarePurger } from './cloudflare-purger.strategy.js';
import { FastlyPurger } from './fastly-purger.strategy.js';
import { NonePurger } from './none-purger.strategy.js';
import { VarnishPurger } from './varnish-purger.strategy.js';
import { CompositePurger } from './composite-purger.strategy.js';
import { WebsitePurger } from './website-purger.strategy.js';

/**
 * What every gateway purge is forwarded to: the CDN `CDN_PROVIDER` names and, with WEB_PURGE_URLS, the
 * website's page cache too. loadAppConfig has already checked that their settings are present.
 */
export function createCdnPurger(c: AppConfig): CdnPurger {
  const cdn = createProviderPurger(c);
  if (!c.WEB_PURGE_URLS.length) return cdn;
  const website = new WebsitePurger(c.WEB_PURGE_URLS, c.CDN_PURGE_TIMEOUT_MS, c.WEB_PURGE_SECRET);
  return cdn.provider === 'none' ? website : new CompositePurger([website, cdn]);
}

function createProviderPurger(c: AppConfig): CdnPurger {
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
