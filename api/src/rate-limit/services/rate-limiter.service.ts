import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { RedisConnectionService } from '../../cache/services/redis-connection.service.js';

interface Bucket {
  window: number;
  /** Requests this replica let through in the current window. */
  count: number;
  /** Of those, how many were already added to the shared counter in Redis. */
  flushed: number;
  /** The fleet-wide count Redis last reported for this window. */
  global: number;
}

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
  remaining: number;
}

/**
 * Fixed-window budgets per bucket (a site key, or a client IP for unauthenticated and operational
 * endpoints). The decision is local and synchronous, so cache hits stay fast; with Redis, each replica
 * adds its counts to a shared counter every FLUSH_MS and reads back the fleet's total, so replicas share
 * one budget (over-admitting at most one flush interval's worth). Without Redis the budget is per replica.
 */
@Injectable()
export class RateLimiterService implements OnModuleDestroy {
  static readonly FLUSH_MS = 50;
  private readonly buckets = new Map<string, Bucket>();
  private readonly timer: NodeJS.Timeout | undefined;
  private flushing = false;
  rejected = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnectionService,
  ) {
    if (redis.client) {
      this.timer = setInterval(() => void this.flush(), RateLimiterService.FLUSH_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy() {
    clearInterval(this.timer);
  }

  get windowMs(): number {
    return this.config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  }

  take(bucketId: string, limit: number, now = Date.now()): RateDecision {
    const windowMs = this.windowMs;
    const window = Math.floor(now / windowMs);
    let b = this.buckets.get(bucketId);
    if (!b || b.window !== window) {
      b = { window, count: 0, flushed: 0, global: 0 };
      this.buckets.set(bucketId, b);
      // A bucket new to this replica may already be spent elsewhere: learn the fleet's count now.
      if (this.timer) queueMicrotask(() => void this.flush());
    }
    const used = Math.max(b.count, b.global + (b.count - b.flushed));
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    if (used >= limit) {
      this.rejected += 1;
      return { allowed: false, retryAfterSeconds, remaining: 0 };
    }
    b.count += 1;
    return { allowed: true, retryAfterSeconds, remaining: limit - used - 1 };
  }

  /** Adds local counts to Redis and learns the fleet totals. Old windows are dropped. */
  async flush(now = Date.now()): Promise<void> {
    if (this.flushing || !this.redis.ready) return;
    this.flushing = true;
    try {
      const current = Math.floor(now / this.windowMs);
      const pending: Array<[string, Bucket, number]> = [];
      for (const [id, b] of this.buckets) {
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
