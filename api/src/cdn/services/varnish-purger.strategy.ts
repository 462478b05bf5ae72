import type { CdnPurgeLimits, CdnPurger, PurgeTarget } from '../types/cdn-purger.types.js';
import { sendPurgeRequest } from '../utils/cdn-request.util.js';

/**
 * Varnish with vmod xkey (varnish-modules), as configured by deploy/varnish/default.vcl: `PURGE /`
 * with `xkey-purge: <tags>` (or `xkey-softpurge`, which keeps objects for grace), or `x-purge-all: 1`
 * (a ban of every object). Sent to every Varnish node in `CDN_PURGE_URLS`; each must answer 2xx. The
 * VCL accepts purges only from its `purgers` ACL, i.e. the gateway's addresses.
 */
export class VarnishPurger implements CdnPurger {
  readonly provider: PurgeTarget = 'varnish';
  // xkey takes any number of keys; the request header must stay under Varnish's `http_req_hdr_len` (8 KB default).
  readonly limits: CdnPurgeLimits = { maxTags: 1000, maxBytes: 6000 };
  readonly softPurge = true;

  constructor(
    protected readonly urls: string[],
    protected readonly timeoutMs: number,
  ) {}

  purgeTags(tags: string[], soft: boolean): Promise<void> {
    return this.toEveryNode({ [soft ? 'xkey-softpurge' : 'xkey-purge']: tags.join(' ') });
  }

  purgeAll(): Promise<void> {
    return this.toEveryNode({ 'x-purge-all': '1' });
  }

  protected async toEveryNode(headers: Record<string, string>) {
    const results = await Promise.allSettled(
      this.urls.map((url) => sendPurgeRequest(`${this.provider} ${new URL(url).host}`, url, { method: 'PURGE', headers: { ...headers, ...this.extraHeaders() } }, this.timeoutMs)),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // Purges are idempotent: a retry resends to every node, the healthy ones included.
    if (failed) throw failed.reason;
  }

  protected extraHeaders(): Record<string, string> {
    return {};
  }
}
