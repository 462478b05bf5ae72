import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { CacheEntry, StoredRequest, StoredRequestKind } from '../types/cache-entry.types.js';
import type { CacheJob, JobFactory } from '../types/cache-job.types.js';
import { CacheCountersService } from './cache-counters.service.js';
import { CacheTiersService } from './cache-tiers.service.js';
import { InflightComputationsService } from './inflight-computations.service.js';

/** How long a replica's claim to rebuild a purged entry holds: far longer than a purge takes to reach every replica. */
const REBUILD_CLAIM_MS = 60_000;

/**
 * Recomputation without a visitor waiting: purged entries that visitors used recently are rebuilt at once
 * (refresh-ahead), so that the next visitor gets the new content as a HIT instead of paying the miss; stale
 * entries are refreshed in the background. Rebuilds go through a queue, CACHE_REFRESH_AHEAD_CONCURRENCY at a
 * time, and each is claimed in the shared tier so that one replica rebuilds it for all.
 */
@Injectable()
export class RefreshAheadService {
  private readonly logger = new Logger('ResponseCache');
  private readonly factories = new Map<StoredRequestKind, JobFactory>();
  /** Entries to rebuild, with the purge that dropped them (its id is what replicas claim the rebuild under). */
  private readonly queue = new Map<string, { job: CacheJob; purge?: string }>();
  private workers = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tiers: CacheTiersService,
    private readonly inflight: InflightComputationsService,
    private readonly counters: CacheCountersService,
  ) {
    inflight.listen({
      // A visitor asking for a queued key computes it now rather than wait for its turn.
      started: (key) => this.queue.delete(key),
      overtaken: (key, job) => this.again(key, job),
    });
  }

  /** Rebuilds queued, not started yet. */
  get queued(): number {
    return this.queue.size;
  }

  /** Work not finished yet: queued plus running. */
  get pending(): number {
    return this.queue.size + this.workers;
  }

  /** Lets purges rebuild entries of one kind without a client request (see JobFactory). */
  useJobFactory<K extends StoredRequestKind>(kind: K, factory: JobFactory<K>) {
    // Kept under its own kind, so it is only ever handed requests of that kind (jobFor).
    this.factories.set(kind, factory as unknown as JobFactory);
  }

  private jobFor(site: string, request: StoredRequest): CacheJob | undefined {
    return this.factories.get(request.kind)?.(site, request);
  }

  /** Queues the purged entries used within CACHE_REFRESH_AHEAD_SECONDS; the others stay gone until asked for. */
  enqueue(purged: Map<string, CacheEntry>, purge: string | undefined, now = Date.now()) {
    const recent = now - this.config.CACHE_REFRESH_AHEAD_SECONDS * 1000;
    const used: Array<[string, number, CacheEntry]> = [];
    for (const [key, entry] of purged) if ((entry.usedAt ?? 0) >= recent) used.push([key, entry.usedAt ?? 0, entry]);
    // Most recently used first: the page a visitor is likeliest to ask for next is rebuilt before the others.
    used.sort((a, b) => b[1] - a[1]);
    for (const [key, , entry] of used) {
      const job = this.jobFor(entry.site, entry.request);
      if (job) this.queue.set(key, { job, purge });
    }
  }

  /** Recomputes queued entries, CACHE_REFRESH_AHEAD_CONCURRENCY at a time: a wide purge never floods Strapi. */
  drain() {
    while (this.workers < this.config.CACHE_REFRESH_AHEAD_CONCURRENCY && this.queue.size) {
      const [key, { job, purge }] = this.queue.entries().next().value as [string, { job: CacheJob; purge?: string }];
      this.queue.delete(key);
      this.workers += 1;
      void this.rebuild(key, job, purge).finally(() => {
        this.workers -= 1;
        this.drain();
      });
    }
  }

  /** A stale entry was served: one background recomputation replaces it (none if one is under way). */
  refreshStale(key: string, job: CacheJob) {
    if (this.inflight.has(key)) return;
    this.counters.refreshes += 1;
    void this.recompute(key, job, 'Background refresh');
  }

  /**
   * Every replica that had the entry lost it to the same purge; the first to claim it rebuilds it into
   * both tiers, the others' visitors then read it from the shared tier (one rebuild per entry, not one
   * per replica).
   */
  private async rebuild(key: string, job: CacheJob, purge: string | undefined) {
    if (purge && !(await this.tiers.l2.claim(`${purge}:${key}`, REBUILD_CLAIM_MS))) {
      this.counters.refreshLeftToPeer += 1;
      return;
    }
    this.counters.refreshAhead += 1;
    await this.recompute(key, job, 'Refresh-ahead');
  }

  /** A computation a purge overtook was in use a moment ago: it is rebuilt like any recently used purged entry. */
  private again(key: string, job: CacheJob) {
    if (this.config.CACHE_REFRESH_AHEAD_SECONDS <= 0 || this.inflight.has(key)) return;
    const again = this.jobFor(job.site, job.request);
    if (!again) return;
    this.queue.set(key, { job: again });
    this.drain();
  }

  /** A computation nobody waits for: its failure is counted and logged, never thrown. */
  private recompute(key: string, job: CacheJob, what: string): Promise<void> {
    return this.inflight.computeOnce(key, job).then(
      (o) => {
        if (!o.cacheable) this.counters.refreshFailures += 1;
      },
      (e: Error) => {
        this.counters.refreshFailures += 1;
        this.logger.warn(`${what} failed: ${e.message}`);
      },
    );
  }
}
