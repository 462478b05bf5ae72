import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';

/** Thrown to a miss that found its site's upstream share in use past MISS_QUEUE_TIMEOUT_MS (or the queue full). */
export class SiteBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('This site has too many requests in progress; retry shortly');
  }
}

interface Lane {
  running: number;
  /** Visitors' computations: served first. */
  waiting: Array<() => void>;
  /** Refresh-ahead's: a freed slot goes to them only when no visitor waits. */
  background: Array<() => void>;
}

/**
 * At most SITE_MAX_CONCURRENT_MISSES computations per site go to Strapi at once; more wait in that
 * site's own queue (bounded in length and time), so one site's flood of misses queues behind itself
 * and never takes Strapi from the others. Hand-written rather than a library: it is a counter and a
 * FIFO per site, and the bound on waiting must answer 503 with Retry-After, not reject silently.
 */
@Injectable()
export class MissGateService {
  private readonly lanes = new Map<string, Lane>();
  rejected = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Runs `work` in the site's lane; `background` work (refresh-ahead) yields to visitors' misses. */
  async run<T>(site: string, work: () => Promise<T>, background = false): Promise<T> {
    let lane = this.lanes.get(site);
    if (!lane) this.lanes.set(site, (lane = { running: 0, waiting: [], background: [] }));
    // A woken waiter inherits the finishing computation's slot, so no newcomer slips in between.
    if (lane.running >= this.config.SITE_MAX_CONCURRENT_MISSES) await this.wait(lane, background);
    else lane.running += 1;
    try {
      return await work();
    } finally {
      const next = lane.waiting.shift() ?? lane.background.shift();
      if (next) next();
      else lane.running -= 1;
    }
  }

  inUse(site: string): number {
    return this.lanes.get(site)?.running ?? 0;
  }

  private wait(lane: Lane, background: boolean): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(this.config.MISS_QUEUE_TIMEOUT_MS / 1000));
    const queue = background ? lane.background : lane.waiting;
    if (queue.length >= this.config.MISS_QUEUE_MAX) {
      this.rejected += 1;
      return Promise.reject(new SiteBusyError(retryAfter));
    }
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = queue.indexOf(go);
        if (i >= 0) queue.splice(i, 1);
        this.rejected += 1;
        reject(new SiteBusyError(retryAfter));
      }, this.config.MISS_QUEUE_TIMEOUT_MS);
      queue.push(go);
    });
  }
}
