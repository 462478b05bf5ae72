import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { PurgeEvents, type PurgeEvent } from '../../cache/services/purge-events.service.js';
import { CDN_PURGER, CdnPurgeError, type CdnPurger } from '../types/cdn-purger.types.js';
import { tagBatches } from '../utils/tag-batches.util.js';
import { OVERSIZE_TAG, entryEdgeTag } from '../utils/edge-tags.util.js';

export interface CdnPurgeCounters {
  /** Provider requests by outcome (each attempt counts). */
  requests: { ok: number; error: number };
  /** Tags purged successfully, by mode. */
  tags: { hard: number; soft: number };
  purgeAll: number;
  retries: number;
  /** Batches given up on (permanent error, or attempts exhausted). */
  failures: number;
}

type Job = { kind: 'tags'; tags: string[]; soft: boolean } | { kind: 'all' };

/** Past this many queued tags a purge-all is cheaper than the batches (and bounds the memory). */
export const MAX_QUEUED_TAGS = 10_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * How long the CDN purges of rebuilt entries wait to share a request: a wide soft purge lands its rebuilds
 * a few at a time (CACHE_REFRESH_AHEAD_CONCURRENCY), and one provider request per landed entry would be a
 * purge storm against the provider's rate limits. Short against the 2 s a rename may take to show.
 */
export const LANDED_PURGE_BATCH_MS = 100;

/**
 * The gateway's purges, forwarded to the shared cache in front of it: it follows the response cache's
 * PurgeEvents from module init. `purge` only queues: tags that
 * arrive in the same tick go out together, split into the provider's batches; a failed batch is retried
 * with exponential backoff (timeouts, refused connections, 429, 5xx) and given up on after
 * `CDN_PURGE_MAX_ATTEMPTS`. Nothing here blocks or fails the origin purge that called it.
 */
@Injectable()
export class CdnPurgeService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CdnPurge');
  private hard = new Set<string>();
  private soft = new Set<string>();
  private all = false;
  private scheduled = false;
  /** A flush held back to gather more tags (`batchMs`); an immediate purge sends them along earlier. */
  private lingering: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private unsubscribe: (() => void) | undefined;
  readonly counters: CdnPurgeCounters = { requests: { ok: 0, error: 0 }, tags: { hard: 0, soft: 0 }, purgeAll: 0, retries: 0, failures: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CDN_PURGER) readonly purger: CdnPurger,
    private readonly events: PurgeEvents,
  ) {}

  onModuleInit() {
    this.unsubscribe = this.events.subscribe((e) => this.follow(e));
  }

  /** What each response-cache event means at the CDN. */
  private follow(e: PurgeEvent) {
    switch (e.type) {
      // Answers whose tags did not fit a header carry OVERSIZE_TAG at the edge instead: every purge takes them along.
      case 'purged':
        return this.purge([...e.tags, OVERSIZE_TAG], e.opts);
      case 'cleared':
        return this.purgeAll();
      // The origin holds the new answer now: hard, by the entry's own edge tag (only the objects made from it),
      // so the next request through the CDN is not served the old one again; landings share requests.
      case 'landed':
        return this.purge([entryEdgeTag(e.key)], { batchMs: LANDED_PURGE_BATCH_MS });
    }
  }

  get provider() {
    return this.purger.provider;
  }

  /** Tags queued or waiting for a retry. */
  get pending(): number {
    return this.hard.size + this.soft.size + (this.all ? 1 : 0) + this.running;
  }

  /**
   * Queues a purge of `tags` (soft: mark stale, keep for grace, where the provider can). Never throws.
   * `batchMs`: the purge may wait that long for others to share its request (a stream of small purges,
   * such as rebuilt entries landing one by one); without it, it leaves on the next turn of the event loop.
   */
  purge(tags: readonly string[], opts: { soft?: boolean; batchMs?: number } = {}): void {
    if (this.purger.provider === 'none' || this.stopped || !tags.length) return;
    const soft = opts.soft === true && this.purger.softPurge;
    for (const t of tags) {
      if (soft) {
        if (!this.hard.has(t)) this.soft.add(t);
      } else {
        this.hard.add(t);
        this.soft.delete(t);
      }
    }
    if (this.hard.size + this.soft.size > MAX_QUEUED_TAGS) {
      this.logger.warn(`More than ${MAX_QUEUED_TAGS} tags queued for the CDN: purging everything instead`);
      this.all = true;
    }
    if (opts.batchMs && opts.batchMs > 0) this.linger(opts.batchMs);
    else this.schedule();
  }

  /** Queues a purge of everything the CDN holds for this origin. */
  purgeAll(): void {
    if (this.purger.provider === 'none' || this.stopped) return;
    this.all = true;
    this.schedule();
  }

  /** Resolves once nothing is queued, in flight or waiting for a retry (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (!this.pending && !this.scheduled && !this.lingering) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  onModuleDestroy() {
    this.unsubscribe?.();
    this.stopped = true;
    clearTimeout(this.lingering);
    this.lingering = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.running -= this.timers.size; // retries that will not run
    const dropped = this.hard.size + this.soft.size + this.timers.size;
    this.timers.clear();
    this.hard.clear();
    this.soft.clear();
    this.all = false;
    if (dropped) this.logger.warn(`Shutting down with ${dropped} CDN purge tag(s) or batch(es) unsent`);
    this.settle();
  }

  private linger(ms: number) {
    if (this.lingering || this.scheduled) return;
    this.lingering = setTimeout(() => {
      this.lingering = undefined;
      this.schedule();
    }, ms);
    this.lingering.unref();
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // Next turn of the event loop: purges made by one webhook or one reconciliation pass share a batch.
    setImmediate(() => {
      this.scheduled = false;
      clearTimeout(this.lingering);
      this.lingering = undefined;
      this.flush();
    });
  }

  private flush() {
    if (this.stopped) return;
    const jobs: Job[] = [];
    if (this.all) {
      jobs.push({ kind: 'all' });
    } else {
      const { limits } = this.purger;
      for (const [set, soft] of [
        [this.hard, false],
        [this.soft, true],
      ] as const) {
        const { batches, dropped } = tagBatches(set, limits);
        if (dropped.length) this.logger.error(`${dropped.length} tag(s) longer than ${limits.maxBytes} bytes cannot be purged on ${this.provider}`);
        for (const tags of batches) jobs.push({ kind: 'tags', tags, soft });
      }
    }
    this.all = false;
    this.hard = new Set();
    this.soft = new Set();
    for (const job of jobs) void this.attempt(job, 1);
    this.settle();
  }

  private async attempt(job: Job, n: number): Promise<void> {
    this.running += 1;
    try {
      if (job.kind === 'all') await this.purger.purgeAll();
      else await this.purger.purgeTags(job.tags, job.soft);
      this.counters.requests.ok += 1;
      if (job.kind === 'all') this.counters.purgeAll += 1;
      else this.counters.tags[job.soft ? 'soft' : 'hard'] += job.tags.length;
    } catch (e) {
      this.counters.requests.error += 1;
      const err = e instanceof CdnPurgeError ? e : new CdnPurgeError((e as Error).message, false);
      const what = job.kind === 'all' ? 'purge of everything' : `${job.soft ? 'soft ' : ''}purge of ${job.tags.length} tag(s)`;
      if (err.retryable && n < this.config.CDN_PURGE_MAX_ATTEMPTS && !this.stopped) {
        const delay = this.backoff(n);
        this.counters.retries += 1;
        this.logger.warn(`CDN ${what} failed (${err.message}); retry ${n}/${this.config.CDN_PURGE_MAX_ATTEMPTS - 1} in ${delay} ms`);
        this.running += 1; // the retry keeps the job pending
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.running -= 1;
          void this.attempt(job, n + 1);
        }, delay);
        timer.unref();
        this.timers.add(timer);
      } else {
        this.counters.failures += 1;
        this.logger.error(`CDN ${what} failed for good after ${n} attempt(s): ${err.message}`);
      }
    } finally {
      this.running -= 1;
      this.settle();
    }
  }

  /** Exponential, with ±20 % jitter so that replicas retrying together spread out. */
  private backoff(n: number): number {
    const base = Math.min(MAX_BACKOFF_MS, this.config.CDN_PURGE_RETRY_BASE_MS * 2 ** (n - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private settle() {
    if (this.pending || this.scheduled || this.lingering) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
