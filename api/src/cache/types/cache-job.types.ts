import type { CacheEntry, CacheStatus, ExecutionOutcome, StoredRequest, StoredRequestKind } from './cache-entry.types.js';

export interface CacheAnswer {
  status: CacheStatus;
  entry?: CacheEntry;
  outcome?: ExecutionOutcome;
}

/** How to (re)build one entry: the operation, and the function that runs it. */
export interface CacheJob {
  site: string;
  request: StoredRequest;
  execute: () => Promise<ExecutionOutcome>;
}

/**
 * Rebuilds a stored entry's job from its request, or answers undefined when it cannot (an unknown site, a
 * file that names none). One per kind of request: the execution step registers the GraphQL one, the
 * sitemap service the one for its files.
 */
export type JobFactory<K extends StoredRequestKind = StoredRequestKind> = (site: string, request: Extract<StoredRequest, { kind: K }>) => CacheJob | undefined;

export interface PurgeReport {
  l1Entries: number;
  l2Entries: number;
  replicasConfirmed: number;
  replicasExpected: number;
  /** Recently used entries queued for recomputation (refresh-ahead). */
  refreshing: number;
}
