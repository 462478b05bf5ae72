import type { CdnPurgeLimits, CdnPurger, PurgeTarget } from '../types/cdn-purger.types.js';

/**
 * Several caches purged as one (the CDN and the website's page cache): a batch fits the smallest limits,
 * soft purges stay soft only if every cache has them, and a failure of one retries the batch on all
 * (purges are idempotent; the healthy cache is purged twice, never left behind).
 */
export class CompositePurger implements CdnPurger {
  readonly provider: PurgeTarget;
  readonly limits: CdnPurgeLimits;
  readonly softPurge: boolean;

  constructor(private readonly purgers: CdnPurger[]) {
    this.provider = purgers.map((p) => p.provider).join('+') as PurgeTarget;
    this.limits = {
      maxTags: Math.min(...purgers.map((p) => p.limits.maxTags)),
      maxBytes: Math.min(...purgers.map((p) => p.limits.maxBytes)),
    };
    this.softPurge = purgers.every((p) => p.softPurge);
  }

  purgeTags(tags: string[], soft: boolean): Promise<void> {
    return this.all((p) => p.purgeTags(tags, soft));
  }

  purgeAll(): Promise<void> {
    return this.all((p) => p.purgeAll());
  }

  private async all(fn: (p: CdnPurger) => Promise<void>) {
    const failed = (await Promise.allSettled(this.purgers.map(fn))).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
