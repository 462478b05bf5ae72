import { Injectable } from '@nestjs/common';

/** What the response cache did, read by /metrics and the tests: one instance shared by its parts. */
@Injectable()
export class CacheCountersService {
  hits: Record<'l1' | 'l2', number> = { l1: 0, l2: 0 };
  misses = 0;
  stale = 0;
  bypass = 0;
  purges = 0;
  purgedEntries = 0;
  refreshes = 0;
  refreshFailures = 0;
  /** Purged entries recomputed in the background so that their next visitor gets a HIT. */
  refreshAhead = 0;
  /** Operations actually run upstream (misses that joined a computation under way are not counted). */
  computations = 0;
  /** Computations a purge overtook: not stored (they may have read the old content), rebuilt. */
  overtaken = 0;
  /** Purged entries another replica claimed to rebuild (this one then reads them from the shared tier). */
  refreshLeftToPeer = 0;
  /** Stale entries replaced by a newer copy another replica stored in the shared tier (no recomputation here). */
  staleReplacedFromL2 = 0;
  /** Recomputed entries whose answer changed, announced for a purge at the CDN by their entry tag (the CDN may hold the old one). */
  landedCdnPurges = 0;
}
