import type { CacheEntry } from './cache-entry.types.js';

/** How a purge treats what it finds: delete it, or (soft) keep serving it stale until it is recomputed. */
export interface PurgeOptions {
  soft?: boolean;
  /**
   * The purge's id, the same on every replica it reaches: each replica claims the rebuild of an entry
   * under it, so that one replica rebuilds it and the others find it in the shared tier.
   */
  id?: string;
}

/**
 * The in-process tier. Synchronous, because a hit must not wait for a promise. Keys start with
 * `<site>:`, which lets the store keep each site inside its own byte share.
 */
export interface LocalCacheStore {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry): void;
  /** Every entry carrying one of the tags is deleted (or marked stale); returns those entries by key. */
  purge(tags: Iterable<string>, opts?: PurgeOptions): Map<string, CacheEntry>;
  clear(): void;
  readonly size: number;
  readonly bytes: number;
  readonly maxBytes: number;
}

/** The shared tier (Redis): the same operations, asynchronous, plus the purge fan-out to other replicas. */
export interface SharedCacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
  /** Deletes the tagged entries and has every other replica purge its local tier (waiting, bounded). */
  purge(tags: string[], opts?: PurgeOptions): Promise<SharedPurgeReport>;
  clear(): Promise<void>;
  /** Called with every purge another replica made. */
  handleRemotePurges(fn: (tags: string[] | null, opts: PurgeOptions) => void): void;
  /** True for the first replica to claim `name` (for `ttlMs`); true as well when the shared tier is unreachable. */
  claim(name: string, ttlMs: number): Promise<boolean>;
}

export interface SharedPurgeReport {
  keys: number;
  replicasConfirmed: number;
  replicasExpected: number;
}

/** The site a cache key belongs to: keys are `<site>:<digest>`. */
export const siteOfKey = (key: string): string => {
  const i = key.indexOf(':');
  return i < 0 ? '' : key.slice(0, i);
};
