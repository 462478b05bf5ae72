import type { PurgeTarget } from '../types/cdn-purger.types.js';
import { VarnishPurger } from './varnish-purger.strategy.js';

/**
 * The clinic website's page cache (web/src/server): it takes Varnish's purge protocol (`PURGE /` with
 * `xkey-purge`, `xkey-softpurge` or `x-purge-all`), so the pages built from a fact go with the gateway's
 * answers of that fact. Not behind an address ACL like Varnish: authenticated with WEB_PURGE_SECRET.
 * Each URL in WEB_PURGE_URLS is one website process, or a balancer whose processes relay over Redis.
 */
export class WebsitePurger extends VarnishPurger {
  override readonly provider: PurgeTarget = 'website';

  constructor(
    urls: string[],
    timeoutMs: number,
    private readonly secret: string,
  ) {
    super(urls, timeoutMs);
  }

  protected override extraHeaders(): Record<string, string> {
    return { authorization: `Bearer ${this.secret}` };
  }
}
