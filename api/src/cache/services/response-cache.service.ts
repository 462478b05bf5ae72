import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { CacheEntry, StoredRequestKind } from '../types/cache-entry.types.js';
import type { LocalCacheStore, PurgeOptions } from '../types/cache-store.types.js';
import type { CacheAnswer, CacheJob, JobFactory, PurgeReport } from '../types/cache-job.types.js';
import { CacheCountersService } from './cache-counters.service.js';
import { CacheTiersService } from './cache-tiers.service.js';
import { InflightComputationsService } from './inflight-computations.service.js';
import { PurgeEvents } from './purge-events.service.js';
import { RefreshAheadService } from './refresh-ahead.service.js';

export type { CacheAnswer, CacheJob, JobFactory, PurgeReport } from '../types/cache-job.types.js';

/**
 * Whole responses in two tiers. Fresh entries answer at once; entries past the soft TTL answer stale while
 * one background refresh runs; past the hard TTL they are gone. Concurrent misses for one key share one
 * computation (InflightComputationsService). Purges go by tag, through every tier and every replica, then
 * out as PurgeEvents (the CDN listens); purged entries that visitors used recently are recomputed at once
 * (RefreshAheadService).
 */
@Injectable()
export class ResponseCacheService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tiers: CacheTiersService,
    private readonly inflight: InflightComputationsService,
    private readonly refresh: RefreshAheadService,
    readonly counters: CacheCountersService,
    private readonly events: PurgeEvents,
  ) {
    tiers.l2.handleRemotePurges((tags, opts) => this.purgeLocal(tags, opts));
  }

  get enabled(): boolean {
    return this.config.CACHE_ENABLED;
  }

  get l1(): LocalCacheStore {
    return this.tiers.l1;
  }

  /** Refresh-ahead work not finished yet: queued plus running. */
  get refreshPending(): number {
    return this.refresh.pending;
  }

  /** Lets purges rebuild entries of one kind without a client request (see JobFactory). */
  useJobFactory<K extends StoredRequestKind>(kind: K, factory: JobFactory<K>) {
    this.refresh.useJobFactory(kind, factory);
  }

  /** The synchronous part of a lookup: a fresh L1 entry, or nothing. Keeps the hit path free of promises. */
  freshFromL1(key: string, now = Date.now()): CacheEntry | undefined {
    const e = this.tiers.l1.get(key);
    if (e && now < e.softExpiresAt) {
      this.counters.hits.l1 += 1;
      e.usedAt = now;
      return e;
    }
    return undefined;
  }

  /** Full lookup (L1, then L2), computing on a miss and refreshing in the background when stale. */
  async answer(key: string, job: CacheJob, now = Date.now()): Promise<CacheAnswer> {
    return (await this.lookup(key, job, now)) ?? this.compute(key, job, now);
  }

  /**
   * What the tiers hold for `key` without computing it: a HIT, or a STALE entry within its hard TTL
   * (refreshed in the background), else undefined. Separate from `compute` so that the edge can serve
   * what is cached to a caller whose budget only forbids new upstream work.
   */
  async lookup(key: string, job: CacheJob, now = Date.now()): Promise<CacheAnswer | undefined> {
    const { l1, l2 } = this.tiers;
    let entry = l1.get(key);
    if (entry && now >= entry.hardExpiresAt) entry = undefined;
    if (!entry) {
      entry = await l2.get(key);
      if (entry && now < entry.hardExpiresAt) {
        l1.set(key, entry);
        if (now < entry.softExpiresAt) {
          this.counters.hits.l2 += 1;
          entry.usedAt = now;
          return { status: 'HIT', entry };
        }
      } else {
        entry = undefined;
      }
    } else if (now < entry.softExpiresAt) {
      this.counters.hits.l1 += 1;
      entry.usedAt = now;
      return { status: 'HIT', entry };
    } else if (!this.inflight.has(key)) {
      // Stale here, but another replica may have rebuilt it already (it claimed the rebuild of a soft purge):
      // its copy is the new answer, and recomputing it here would be a second rebuild and a second CDN purge.
      const shared = await l2.get(key);
      if (shared && now < shared.softExpiresAt && shared.storedAt > entry.storedAt) {
        l1.set(key, shared);
        this.counters.hits.l2 += 1;
        this.counters.staleReplacedFromL2 += 1;
        shared.usedAt = now;
        return { status: 'HIT', entry: shared };
      }
    }
    if (!entry) return undefined;
    this.counters.stale += 1;
    entry.usedAt = now;
    this.refresh.refreshStale(key, job);
    return { status: 'STALE', entry };
  }

  /** A miss: computes `key` (or joins its computation under way) and stores it. */
  async compute(key: string, job: CacheJob, now = Date.now()): Promise<CacheAnswer> {
    this.counters.misses += 1;
    const outcome = await this.inflight.computeOnce(key, job);
    const stored = this.tiers.l1.get(key);
    if (stored) stored.usedAt = now;
    return { status: 'MISS', outcome, entry: stored && stored.body === outcome.body ? stored : undefined };
  }

  /**
   * Purges every tier on every replica; resolves once the other replicas confirmed (bounded wait).
   * `soft` keeps the entries serving (STALE) until their recomputation lands: for wide purges, where
   * deleting would send every visitor of every page to Strapi at once.
   */
  async purge(tags: string[], opts: PurgeOptions = {}): Promise<PurgeReport> {
    const id = opts.id ?? randomUUID();
    const local = this.purgeLocal(tags, { ...opts, id }, false);
    const remote = await this.tiers.l2.purge(tags, { ...opts, id });
    // Rebuilds start once the shared tier is purged: one stored before would be deleted with the old copy.
    this.refresh.drain();
    // After the origin tiers, so that a CDN refetch cannot find the old answer there.
    this.events.emit({ type: 'purged', tags, opts });
    return { l1Entries: local, l2Entries: remote.keys, replicasConfirmed: remote.replicasConfirmed, replicasExpected: remote.replicasExpected, refreshing: this.refresh.queued };
  }

  /** Drops everything, everywhere. */
  async clear() {
    this.purgeLocal(null);
    await this.tiers.l2.clear();
    this.events.emit({ type: 'cleared' });
  }

  private purgeLocal(tags: string[] | null, opts: PurgeOptions = {}, drain = true): number {
    this.inflight.notePurge(tags);
    const { l1 } = this.tiers;
    if (!tags) {
      const size = l1.size;
      l1.clear();
      return size;
    }
    const purged = l1.purge(tags, opts);
    this.counters.purges += 1;
    this.counters.purgedEntries += purged.size;
    this.refresh.enqueue(purged, opts.id);
    if (drain) this.refresh.drain();
    return purged.size;
  }
}
