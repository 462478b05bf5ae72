import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { CacheEntry, CacheStatus, ExecutionOutcome, StoredRequest } from '../types/cache-entry.types.js';
import { L1Cache } from './l1-cache.js';
import { L2CacheService } from './l2-cache.service.js';
import { CdnPurgeService } from '../../cdn/services/cdn-purge.service.js';

/** The purge tag that means "every entry" (sent to other replicas when the cache is cleared). */
const ALL = '*';

export interface CacheCounters {
  hits: Record<'l1' | 'l2', number>;
  misses: number;
  stale: number;
  bypass: number;
  purges: number;
  purgedEntries: number;
  refreshes: number;
  refreshFailures: number;
}

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
 * Whole GraphQL responses in two tiers. Fresh entries answer at once; entries past the soft TTL answer
 * stale while one background refresh runs; past the hard TTL they are gone. Concurrent misses for one
 * key share one computation (single-flight). Purges go by tag, through every tier and every replica.
 */
@Injectable()
export class ResponseCacheService {
  private readonly logger = new Logger('ResponseCache');
  readonly l1: L1Cache;
  private readonly inflight = new Map<string, Promise<ExecutionOutcome>>();
  /**
   * Recent purges, numbered: a computation that started before a purge touching one of its tags may
   * have read the old content, so it is answered but not stored. `null` tags mean "everything".
   */
  private epoch = 0;
  private recentPurges: Array<{ epoch: number; at: number; tags: Set<string> | null }> = [];
  readonly counters: CacheCounters = {
    hits: { l1: 0, l2: 0 },
    misses: 0,
    stale: 0,
    bypass: 0,
    purges: 0,
    purgedEntries: 0,
    refreshes: 0,
    refreshFailures: 0,
  };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly l2: L2CacheService,
    @Optional() private readonly cdn?: CdnPurgeService,
  ) {
    this.l1 = new L1Cache(config.CACHE_L1_MAX_BYTES);
    l2.handleRemotePurges((tags) => this.purgeLocal(tags.includes(ALL) ? null : tags));
  }

  get enabled(): boolean {
    return this.config.CACHE_ENABLED;
  }

  /** The synchronous part of a lookup: a fresh L1 entry, or nothing. Keeps the hit path free of promises. */
  freshFromL1(key: string, now = Date.now()): CacheEntry | undefined {
    const e = this.l1.get(key);
    if (e && now < e.softExpiresAt) {
      this.counters.hits.l1 += 1;
      return e;
    }
    return undefined;
  }

  /** Full lookup (L1, then L2), computing on a miss and refreshing in the background when stale. */
  async answer(key: string, job: CacheJob, now = Date.now()): Promise<CacheAnswer> {
    let entry = this.l1.get(key);
    if (entry && now >= entry.hardExpiresAt) entry = undefined;
    if (!entry) {
      entry = await this.l2.get(key);
      if (entry && now < entry.hardExpiresAt) {
        this.l1.set(key, entry);
        if (now < entry.softExpiresAt) {
          this.counters.hits.l2 += 1;
          return { status: 'HIT', entry };
        }
      } else {
        entry = undefined;
      }
    } else if (now < entry.softExpiresAt) {
      this.counters.hits.l1 += 1;
      return { status: 'HIT', entry };
    }
    if (entry) {
      this.counters.stale += 1;
      this.refreshInBackground(key, job);
      return { status: 'STALE', entry };
    }
    this.counters.misses += 1;
    const outcome = await this.computeOnce(key, job);
    const stored = this.l1.get(key);
    return { status: 'MISS', outcome, entry: stored && stored.body === outcome.body ? stored : undefined };
  }

  /** Builds the entry for a computed outcome (used by the miss path and refreshes). */
  toEntry(site: string, request: StoredRequest, outcome: ExecutionOutcome, now = Date.now()): CacheEntry {
    return {
      body: outcome.body,
      etag: `"${createHash('sha1').update(outcome.body).digest('base64url')}"`,
      tags: outcome.tags,
      site,
      storedAt: now,
      softExpiresAt: now + this.config.CACHE_SOFT_TTL_SECONDS * 1000,
      hardExpiresAt: now + this.config.CACHE_HARD_TTL_SECONDS * 1000,
      request,
    };
  }

  async store(key: string, entry: CacheEntry): Promise<void> {
    this.l1.set(key, entry);
    await this.l2.set(key, entry);
  }

  /** Purges every tier on every replica; resolves once the other replicas confirmed (bounded wait). */
  async purge(tags: string[]) {
    const local = this.purgeLocal(tags);
    const remote = await this.l2.purge(tags);
    this.cdn?.purge(tags); // after the origin tiers, so a CDN refetch cannot find the old answer there
    return { l1Entries: local, l2Entries: remote.keys, replicasConfirmed: remote.replicasConfirmed, replicasExpected: remote.replicasExpected };
  }

  /** Drops everything, everywhere (media changes: images carry no back-references to pages). */
  async clear() {
    this.purgeLocal(null);
    await this.l2.clear();
    await this.l2.purge([ALL]);
    this.cdn?.purgeAll();
  }

  private purgedSince(epoch: number, tags: string[]): boolean {
    return this.recentPurges.some((p) => p.epoch > epoch && (!p.tags || tags.some((t) => p.tags!.has(t))));
  }

  private purgeLocal(tags: string[] | null): number {
    this.epoch += 1;
    const now = Date.now();
    // A computation is bounded by the upstream timeout; a minute of history is ample.
    this.recentPurges = this.recentPurges.filter((p) => now - p.at < 60_000);
    this.recentPurges.push({ epoch: this.epoch, at: now, tags: tags && new Set(tags) });
    if (!tags) {
      const size = this.l1.size;
      this.l1.clear();
      this.inflight.clear();
      return size;
    }
    const keys = this.l1.purge(tags);
    // A computation started before the purge would store what the purge just removed.
    for (const k of keys) this.inflight.delete(k);
    this.counters.purges += 1;
    this.counters.purgedEntries += keys.length;
    return keys.length;
  }

  private computeOnce(key: string, job: CacheJob): Promise<ExecutionOutcome> {
    let running = this.inflight.get(key);
    if (!running) {
      const epoch = this.epoch;
      running = job
        .execute()
        .then(async (outcome) => {
          if (outcome.cacheable && !this.purgedSince(epoch, outcome.tags)) await this.store(key, this.toEntry(job.site, job.request, outcome));
          return outcome;
        })
        .finally(() => {
        if (this.inflight.get(key) === running) this.inflight.delete(key);
      });
      this.inflight.set(key, running);
    }
    return running;
  }

  private refreshInBackground(key: string, job: CacheJob) {
    if (this.inflight.has(key)) return;
    this.counters.refreshes += 1;
    this.computeOnce(key, job)
      .then((o) => {
        if (!o.cacheable) this.counters.refreshFailures += 1;
      })
      .catch((e: Error) => {
        this.counters.refreshFailures += 1;
        this.logger.warn(`Background refresh failed: ${e.message}`);
      });
  }
}
