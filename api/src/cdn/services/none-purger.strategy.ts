import type { CdnPurger } from '../types/cdn-purger.types.js';

/** No shared cache in front (`CDN_PROVIDER=none`): purges stop at the gateway's own tiers. */
export class NonePurger implements CdnPurger {
  readonly provider = 'none' as const;
  readonly limits = { maxTags: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER };
  readonly softPurge = true;
  async purgeTags(): Promise<void> {}
  async purgeAll(): Promise<void> {}
}
