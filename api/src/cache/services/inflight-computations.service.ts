import { Injectable } from '@nestjs/common';
import type { ExecutionOutcome } from '../types/cache-entry.types.js';
import type { CacheJob } from '../types/cache-job.types.js';
import { CacheCountersService } from './cache-counters.service.js';
import { CacheTiersService } from './cache-tiers.service.js';
import { PurgeEvents } from './purge-events.service.js';

/** What refresh-ahead hears of computations (it depends on this service, not the other way round). */
export interface ComputationListener {
  /** A computation of `key` starts: a queued rebuild of it would be a second one. */
  started(key: string): void;
  /** A purge overtook the computation of `key`: it was not stored, and was in use a moment ago. */
  overtaken(key: string, job: CacheJob): void;
}

/**
 * The computations under way, one per key (single-flight), and the purge epochs that decide whether their
 * results may be stored: a computation that started before a purge touching one of its tags may have read
 * the old content, so it is answered but not stored.
 */
@Injectable()
export class InflightComputationsService {
  /** Computations under way, with the purge epoch they started in. */
  private readonly inflight = new Map<string, { running: Promise<ExecutionOutcome>; epoch: number }>();
  /** Recent purges, numbered. `null` tags mean "everything". */
  private epoch = 0;
  private recentPurges: Array<{ epoch: number; at: number; tags: Set<string> | null }> = [];
  private listener: ComputationListener = { started: () => undefined, overtaken: () => undefined };

  constructor(
    private readonly tiers: CacheTiersService,
    private readonly counters: CacheCountersService,
    private readonly events: PurgeEvents,
  ) {}

  listen(listener: ComputationListener) {
    this.listener = listener;
  }

  has(key: string): boolean {
    return this.inflight.has(key);
  }

  /** Starts a new epoch for a purge of `tags` (null: everything, which also forgets every computation under way). */
  notePurge(tags: string[] | null) {
    this.epoch += 1;
    const now = Date.now();
    // A computation is bounded by the upstream timeout; a minute of history is ample.
    this.recentPurges = this.recentPurges.filter((p) => now - p.at < 60_000);
    this.recentPurges.push({ epoch: this.epoch, at: now, tags: tags && new Set(tags) });
    if (!tags) this.inflight.clear();
  }

  /** Whether a purge after `epoch` (and up to `until`) touched one of `tags`. */
  private purgedSince(epoch: number, tags: string[], until = Infinity): boolean {
    return this.recentPurges.some((p) => p.epoch > epoch && p.epoch <= until && (!p.tags || tags.some((t) => p.tags!.has(t))));
  }

  /**
   * Runs `job` for `key`, or joins the computation of `key` under way (a visitor arriving while
   * refresh-ahead runs waits for it). A computation that a purge overtook may have read the old content:
   * it is not stored, and whoever joined it after that purge gets a computation of their own, so that
   * nobody who asks after a publish is answered from before it.
   */
  computeOnce(key: string, job: CacheJob): Promise<ExecutionOutcome> {
    const underway = this.inflight.get(key);
    if (underway) {
      const joinedAt = this.epoch;
      return underway.running.then((o) => (o.cacheable && this.purgedSince(underway.epoch, o.tags, joinedAt) ? this.computeOnce(key, job) : o));
    }
    this.listener.started(key);
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
        const before = this.tiers.l1.get(key);
        const after = this.tiers.toEntry(job.site, job.request, outcome);
        await this.tiers.store(key, after);
        // The answer changed: a CDN may still hold the old one (typically a soft purge whose refetch found
        // the STALE copy). Only the replica that recomputed says so: one rebuild per purge across replicas.
        if (before && before.body !== after.body) {
          this.counters.landedCdnPurges += 1;
          this.events.emit({ type: 'landed', key });
        }
        return outcome;
      })
      .finally(() => {
        if (this.inflight.get(key)?.running === running) this.inflight.delete(key);
        if (overtaken) this.listener.overtaken(key, job);
      });
    this.inflight.set(key, { running, epoch });
    return running;
  }
}
