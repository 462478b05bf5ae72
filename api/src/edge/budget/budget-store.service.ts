import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { RedisConnectionService } from '../../redis/services/redis-connection.service.js';

interface Bucket {
  window: number;
  /** Units this replica spent in the current window. */
  count: number;
  /** Of those, how many were already added to the shared counter in Redis. */
  flushed: number;
  /** The fleet-wide count Redis last reported for this window. */
  global: number;
}

export interface BudgetDecision {
  allowed: boolean;
  retryAfterSeconds: number;
  remaining: number;
}

/** Buckets kept at most (client IPs are unbounded; the least recently used bucket goes first). */
export const MAX_BUCKETS = 100_000;

/**
 * Fixed-window counters of budget units, per bucket (a site key, a client IP under a key, an anonymous
 * client IP). Decisions are local and synchronous, so the edge stays fast; with Redis, each replica adds
 * its spending to a shared counter every FLUSH_MS and reads back the fleet's total, so replicas share one
 * budget (over-admitting at most one flush interval's worth). Without Redis budgets are per replica.
 * Buckets live in a bounded LRU: a flood of spoofed or rotating addresses cannot grow memory.
 */
@Injectable()
export class BudgetStoreService implements OnModuleDestroy {
  static readonly FLUSH_MS = 50;
  private readonly buckets = new LRUCache<string, Bucket>({ max: MAX_BUCKETS });
  private readonly timer: NodeJS.Timeout | undefined;
  private flushing = false;
  rejected = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnectionService,
  ) {
    if (redis.client) {
      this.timer = setInterval(() => void this.flush(), BudgetStoreService.FLUSH_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy() {
    clearInterval(this.timer);
  }

  get windowMs(): number {
    return this.config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Spends `units` when the bucket has any left (a costly miss may overdraw it once); refuses otherwise. */
  take(bucketId: string, limit: number, units = 1, now = Date.now()): BudgetDecision {
    const decision = this.check(bucketId, limit, now);
    if (decision.allowed) this.spend(bucketId, units, now);
    return decision;
  }

  /** Whether the bucket has budget left, spending nothing. */
  check(bucketId: string, limit: number, now = Date.now()): BudgetDecision {
    const window = Math.floor(now / this.windowMs);
    const b = this.buckets.get(bucketId);
    const used = b && b.window === window ? Math.max(b.count, b.global + (b.count - b.flushed)) : 0;
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * this.windowMs - now) / 1000));
    if (used >= limit) {
      this.rejected += 1;
      return { allowed: false, retryAfterSeconds, remaining: 0 };
    }
    return { allowed: true, retryAfterSeconds, remaining: limit - used };
  }

  spend(bucketId: string, units: number, now = Date.now()) {
    const window = Math.floor(now / this.windowMs);
    let b = this.buckets.get(bucketId);
    if (!b || b.window !== window) {
      b = { window, count: 0, flushed: 0, global: 0 };
      this.buckets.set(bucketId, b);
      // A bucket new to this replica may already be spent elsewhere: learn the fleet's count now.
      if (this.timer) queueMicrotask(() => void this.flush());
    }
    b.count += units;
  }

  /** Adds local spending to Redis and learns the fleet totals. Old windows are dropped. */
  async flush(now = Date.now()): Promise<void> {
    if (this.flushing || !this.redis.ready) return;
    this.flushing = true;
    try {
      const current = Math.floor(now / this.windowMs);
      const pending: Array<[string, Bucket, number]> = [];
      for (const [id, b] of this.buckets.entries()) {
        if (b.window < current) {
          this.buckets.delete(id);
          continue;
        }
        const n = b.count - b.flushed;
        if (n > 0 || b.global === 0) pending.push([id, b, n]);
      }
      if (!pending.length) return;
      const multi = this.redis.client!.multi();
      for (const [id, b, n] of pending) {
        const key = `${this.config.REDIS_KEY_PREFIX}rl:${id}:${b.window}`;
        multi.incrby(key, n).pexpire(key, this.windowMs * 2);
      }
      const results = await multi.exec();
      pending.forEach(([, b, n], i) => {
        const [err, total] = results?.[i * 2] ?? [];
        if (err || typeof total !== 'number') return;
        b.flushed += n;
        b.global = total;
      });
    } catch {
      // Redis down: budgets stay local until it returns.
    } finally {
      this.flushing = false;
    }
  }
}
