import { budgetAddress } from '@clinic/shared';
import { LRUCache } from 'lru-cache';

/**
 * Renders each visitor may cause per minute (a token bucket per address, IPv6 per /64): what is in the page
 * cache is free, and so is joining a render already under way, but a visitor making up URLs renders at most
 * this many pages a minute, so one visitor cannot spend the website's CPU for everyone.
 */
export class RenderBudget {
  private readonly buckets: LRUCache<string, { tokens: number; at: number }>;
  private readonly perMs: number;

  constructor(private readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
    // A visitor forgotten when the table is full starts afresh: at worst one more burst.
    this.buckets = new LRUCache({ max: 100_000 });
  }

  /** Takes one render for `visitor`: undefined when allowed, else the seconds until the next one is. */
  take(visitor: string, now = Date.now()): number | undefined {
    if (this.perMinute <= 0) return undefined;
    const key = budgetAddress(visitor);
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }
}
