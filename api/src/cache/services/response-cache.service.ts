import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { CacheEntry, CacheStatus, ExecutionOutcome, StoredRequest } from '../types/cache-entry.types.js';
import type { LocalCacheStore, PurgeOptions, SharedCacheStore } from '../types/cache-store.types.js';
import { L1Cache } from './l1-cache.js';
import { L2CacheService } from './l2-cache.service.js';
import { CdnPurgeService } from '../../cdn/services/cdn-purge.service.js';
import { OVERSIZE_TAG, entryEdgeTag } from '../../cdn/utils/edge-tags.util.js';

/** How long a replica's claim to rebuild a purged entry holds: far longer than a purge takes to reach every replica. */
const REBUILD_CLAIM_MS = 60_000;

/**
 * How long the CDN purges of rebuilt entries wait to share a request: a wide soft purge lands its rebuilds
 * a few at a time (CACHE_REFRESH_AHEAD_CONCURRENCY), and one provider request per landed entry would be a
 * purge storm against the provider's rate limits. Short against the 2 s a rename may take to show.
 */
export const LANDED_PURGE_BATCH_MS = 100;

/** Replaces the per-site in-process LRU (unit tests hand in a typed fake). */
export const L1_STORE = Symbol('L1_STORE');

export interface CacheCounters {
  hits: Record<'l1' | 'l2', number>;
  misses: number;
  stale: number;
  bypass: number;
  purges: number;
  purgedEntries: number;
  refreshes: number;
  refreshFailures: number;
  /** Purged entries recomputed in the background so that their next visitor gets a HIT. */
  refreshAhead: number;
  /** Operations actually run upstream (misses that joined a computation under way are not counted). */
  computations: number;
  /** Computations a purge overtook: not stored (they may have read the old content), rebuilt. */
  overtaken: number;
  /** Purged entries another replica claimed to rebuild (this one then reads them from the shared tier). */
  refreshLeftToPeer: number;
  /** Stale entries replaced by a newer copy another replica stored in the shared tier (no recomputation here). */
  staleReplacedFromL2: number;
  /** Recomputed entries whose answer changed, purged at the CDN by their entry tag (the CDN may hold the old one). */
  landedCdnPurges: number;
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
 * Rebuilds a stored entry's job, or answers undefined when the entry is not its kind (the execution step
 * registers one for GraphQL operations, the sitemap service one for its files).
 */
export type JobFactory = (site: string, request: StoredRequest) => CacheJob | undefined;

export interface PurgeReport {
  l1Entries: number;
  l2Entries: number;
  replicasConfirmed: number;
  replicasExpected: number;
  /** Recently used entries queued for recomputation (refresh-ahead). */
  refreshing: number;
}

/**
 * Whole GraphQL responses in two tiers. Fresh entries answer at once; entries past the soft TTL answer
 * stale while one background refresh runs; past the hard TTL they are gone. Concurrent misses for one
 * key share one computation (single-flight). Purges go by tag, through every tier and every replica;
 * purged entries that visitors used recently are recomputed at once (refresh-ahead), so that the next
 * visitor gets the new content as a HIT instead of paying the miss.
 */
@Injectable()
export class ResponseCacheService {
  private readonly logger = new Logger('ResponseCache');
  readonly l1: LocalCacheStore;
  /** Computations under way, with the purge epoch they started in. */
  private readonly inflight = new Map<string, { running: Promise<ExecutionOutcome>; epoch: number }>();
  /**
   * Recent purges, numbered: a computation that started before a purge touching one of its tags may
   * have read the old content, so it is answered but not stored. `null` tags mean "everything".
   */
  private epoch = 0;
  private recentPurges: Array<{ epoch: number; at: number; tags: Set<string> | null }> = [];
  private readonly jobFactories: JobFactory[] = [];
  /** Entries to rebuild, with the purge that dropped them (its id is what replicas claim the rebuild under). */
  private readonly refreshQueue = new Map<string, { job: CacheJob; purge?: string }>();
  private refreshWorkers = 0;
  readonly counters: CacheCounters = {
    hits: { l1: 0, l2: 0 },
    misses: 0,
    stale: 0,
    bypass: 0,
    purges: 0,
    purgedEntries: 0,
    refreshes: 0,
    refreshFailures: 0,
    refreshAhead: 0,
    computations: 0,
    overtaken: 0,
    refreshLeftToPeer: 0,
    staleReplacedFromL2: 0,
    landedCdnPurges: 0,
  };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(L2CacheService) private readonly l2: SharedCacheStore,
    @Optional() @Inject(L1_STORE) l1?: LocalCacheStore,
    @Optional() private readonly cdn?: CdnPurgeService,
  ) {
    this.l1 = l1 ?? new L1Cache(config.CACHE_L1_MAX_BYTES, siteShare(config));
    l2.handleRemotePurges((tags, opts) => this.purgeLocal(tags, opts));
  }

  get enabled(): boolean {
    return this.config.CACHE_ENABLED;
  }

  /** Refresh-ahead work not finished yet: queued plus running. */
  get refreshPending(): number {
    return this.refreshQueue.size + this.refreshWorkers;
  }

  /** Lets purges rebuild entries without a client request: one factory per kind of entry (see JobFactory). */
  useJobFactory(factory: JobFactory) {
    this.jobFactories.push(factory);
  }

  private jobFor(site: string, request: StoredRequest): CacheJob | undefined {
    for (const factory of this.jobFactories) {
      const job = factory(site, request);
      if (job) return job;
    }
    return undefined;
  }

  /** The synchronous part of a lookup: a fresh L1 entry, or nothing. Keeps the hit path free of promises. */
  freshFromL1(key: string, now = Date.now()): CacheEntry | undefined {
    const e = this.l1.get(key);
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
    let entry = this.l1.get(key);
    if (entry && now >= entry.hardExpiresAt) entry = undefined;
    if (!entry) {
      entry = await this.l2.get(key);
      if (entry && now < entry.hardExpiresAt) {
        this.l1.set(key, entry);
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
      const shared = await this.l2.get(key);
      if (shared && now < shared.softExpiresAt && shared.storedAt > entry.storedAt) {
        this.l1.set(key, shared);
        this.counters.hits.l2 += 1;
        this.counters.staleReplacedFromL2 += 1;
        shared.usedAt = now;
        return { status: 'HIT', entry: shared };
      }
    }
    if (!entry) return undefined;
    this.counters.stale += 1;
    entry.usedAt = now;
    this.refreshInBackground(key, job);
    return { status: 'STALE', entry };
  }

  /** A miss: computes `key` (or joins its computation under way) and stores it. */
  async compute(key: string, job: CacheJob, now = Date.now()): Promise<CacheAnswer> {
    this.counters.misses += 1;
    const outcome = await this.computeOnce(key, job);
    const stored = this.l1.get(key);
    if (stored) stored.usedAt = now;
    return { status: 'MISS', outcome, entry: stored && stored.body === outcome.body ? stored : undefined };
  }

  /** Builds the entry for a computed outcome (used by the miss path and refreshes). */
  toEntry(site: string, request: StoredRequest, outcome: ExecutionOutcome, now = Date.now()): CacheEntry {
    return {
      ...(outcome.status !== 200 ? { status: outcome.status } : {}),
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
    entry.key = key;
    this.l1.set(key, entry);
    await this.l2.set(key, entry);
  }

  /**
   * A recomputation replaced `before` with `after`. If the answer changed, a CDN may still hold the old
   * one: typically a soft purge, sent to the CDN before this rebuild landed, whose refetch found the
   * gateway's STALE copy. Purged by the entry's own edge tag (only the objects made from this entry), hard:
   * the origin holds the new answer now, so the next request through the CDN must not be served the old one
   * again. Only the replica that recomputed sends it (one rebuild per purge across replicas: the claim);
   * purges landing together share a provider request (LANDED_PURGE_BATCH_MS).
   */
  private landed(key: string, before: CacheEntry | undefined, after: CacheEntry) {
    if (!this.cdn || !before || before.body === after.body) return;
    this.counters.landedCdnPurges += 1;
    this.cdn.purge([entryEdgeTag(key)], { batchMs: LANDED_PURGE_BATCH_MS });
  }

  /**
   * Purges every tier on every replica; resolves once the other replicas confirmed (bounded wait).
   * `soft` keeps the entries serving (STALE) until their recomputation lands: for wide purges, where
   * deleting would send every visitor of every page to Strapi at once.
   */
  async purge(tags: string[], opts: PurgeOptions = {}): Promise<PurgeReport> {
    const id = opts.id ?? randomUUID();
    const local = this.purgeLocal(tags, { ...opts, id }, false);
    const remote = await this.l2.purge(tags, { ...opts, id });
    // Rebuilds start once the shared tier is purged: one stored before would be deleted with the old copy.
    this.drainRefreshQueue();
    // After the origin tiers, so that a CDN refetch cannot find the old answer there. Answers whose tags did
    // not fit a header carry OVERSIZE_TAG at the edge instead: every purge takes them along.
    this.cdn?.purge([...tags, OVERSIZE_TAG], opts);
    return { l1Entries: local, l2Entries: remote.keys, replicasConfirmed: remote.replicasConfirmed, replicasExpected: remote.replicasExpected, refreshing: this.refreshQueue.size };
  }

  /** Drops everything, everywhere. */
  async clear() {
    this.purgeLocal(null);
    await this.l2.clear();
    this.cdn?.purgeAll();
  }

  /** Whether a purge after `epoch` (and up to `until`) touched one of `tags`. */
  private purgedSince(epoch: number, tags: string[], until = Infinity): boolean {
    return this.recentPurges.some((p) => p.epoch > epoch && p.epoch <= until && (!p.tags || tags.some((t) => p.tags!.has(t))));
  }

  private purgeLocal(tags: string[] | null, opts: PurgeOptions = {}, drain = true): number {
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
    const purged = this.l1.purge(tags, opts);
    this.counters.purges += 1;
    this.counters.purgedEntries += purged.size;
    const recent = now - this.config.CACHE_REFRESH_AHEAD_SECONDS * 1000;
    const used: Array<[string, number, CacheEntry]> = [];
    for (const [key, entry] of purged) if ((entry.usedAt ?? 0) >= recent) used.push([key, entry.usedAt ?? 0, entry]);
    // Most recently used first: the page a visitor is likeliest to ask for next is rebuilt before the others.
    used.sort((a, b) => b[1] - a[1]);
    for (const [key, , entry] of used) {
      const job = this.jobFor(entry.site, entry.request);
      if (job) this.refreshQueue.set(key, { job, purge: opts.id });
    }
    if (drain) this.drainRefreshQueue();
    return purged.size;
  }

  /** Recomputes queued entries, CACHE_REFRESH_AHEAD_CONCURRENCY at a time: a wide purge never floods Strapi. */
  private drainRefreshQueue() {
    while (this.refreshWorkers < this.config.CACHE_REFRESH_AHEAD_CONCURRENCY && this.refreshQueue.size) {
      const [key, { job, purge }] = this.refreshQueue.entries().next().value as [string, { job: CacheJob; purge?: string }];
      this.refreshQueue.delete(key);
      this.refreshWorkers += 1;
      void this.rebuild(key, job, purge).finally(() => {
        this.refreshWorkers -= 1;
        this.drainRefreshQueue();
      });
    }
  }

  /**
   * Every replica that had the entry lost it to the same purge; the first to claim it rebuilds it into
   * both tiers, the others' visitors then read it from the shared tier (one rebuild per entry, not one
   * per replica).
   */
  private async rebuild(key: string, job: CacheJob, purge: string | undefined) {
    if (purge && !(await this.l2.claim(`${purge}:${key}`, REBUILD_CLAIM_MS))) {
      this.counters.refreshLeftToPeer += 1;
      return;
    }
    this.counters.refreshAhead += 1;
    await this.recompute(key, job, 'Refresh-ahead');
  }

  /**
   * Runs `job` for `key`, or joins the computation of `key` under way (a visitor arriving while
   * refresh-ahead runs waits for it). A computation that a purge overtook may have read the old content:
   * it is not stored, and whoever joined it after that purge gets a computation of their own, so that
   * nobody who asks after a publish is answered from before it.
   */
  private computeOnce(key: string, job: CacheJob): Promise<ExecutionOutcome> {
    const underway = this.inflight.get(key);
    if (underway) {
      const joinedAt = this.epoch;
      return underway.running.then((o) => (o.cacheable && this.purgedSince(underway.epoch, o.tags, joinedAt) ? this.computeOnce(key, job) : o));
    }
    // A visitor asking for a queued key computes it now rather than wait for its turn.
    this.refreshQueue.delete(key);
    this.counters.computations += 1;
    const epoch = this.epoch;
    let overtaken = false;
    const running: Promise<ExecutionOutcome> = job
      .execute()
      .then(async (outcome) => {
        if (!outcome.cacheable) return outcome;
        overtaken = this.purgedSince(epoch, outcome.tags);
        if (overtaken) {
          this.counters.overtaken += 1;
          return outcome;
        }
        const before = this.l1.get(key);
        const after = this.toEntry(job.site, job.request, outcome);
        await this.store(key, after);
        this.landed(key, before, after);
        return outcome;
      })
      .finally(() => {
        if (this.inflight.get(key)?.running === running) this.inflight.delete(key);
        if (overtaken) this.refreshAgain(key, job);
      });
    this.inflight.set(key, { running, epoch });
    return running;
  }

  /** A computation a purge overtook was in use a moment ago: it is rebuilt like any recently used purged entry. */
  private refreshAgain(key: string, job: CacheJob) {
    if (this.config.CACHE_REFRESH_AHEAD_SECONDS <= 0 || this.inflight.has(key)) return;
    const again = this.jobFor(job.site, job.request);
    if (!again) return;
    this.refreshQueue.set(key, { job: again });
    this.drainRefreshQueue();
  }

  private refreshInBackground(key: string, job: CacheJob) {
    if (this.inflight.has(key)) return;
    this.counters.refreshes += 1;
    void this.recompute(key, job, 'Background refresh');
  }

  /** A computation nobody waits for: its failure is counted and logged, never thrown. */
  private recompute(key: string, job: CacheJob, what: string): Promise<void> {
    return this.computeOnce(key, job).then(
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

/** Each site's byte share of L1: CACHE_L1_SITE_MAX_BYTES, else an equal share among the configured sites. */
function siteShare(config: AppConfig): number {
  if (config.CACHE_L1_SITE_MAX_BYTES) return Math.min(config.CACHE_L1_SITE_MAX_BYTES, config.CACHE_L1_MAX_BYTES);
  const sites = new Set(config.SITE_KEYS.split(',').map((p) => p.slice(p.lastIndexOf(':') + 1).trim()).filter(Boolean));
  return Math.floor(config.CACHE_L1_MAX_BYTES / Math.max(1, sites.size));
}
