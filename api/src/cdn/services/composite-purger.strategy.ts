import type { CdnPurgeLimits, CdnPurger, PurgeTarget } from '../types/cdn-purger.types.js';

/**
 * Several caches purged as one, in order, inner first (the website's page cache, then the CDN in front of
 * it): were the CDN purged first, a visitor's refetch could find the old page still in the website's cache
 * and store it at the edge as fresh. A batch fits the smallest limits, soft purges stay soft only if every
 * cache has them, and a failure retries the batch on all (purges are idempotent).
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
    for (const p of this.purgers) await fn(p);
  }
}
