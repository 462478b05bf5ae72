import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { IndexNowCounters, IndexNowSubmission } from '../types/indexnow.types.js';

const MAX_BACKOFF_MS = 60_000;

/** Why a request failed, and whether sending it again may help (timeouts, refused connections, 429, 5xx). */
class SubmitError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Sends IndexNow requests to `INDEXNOW_ENDPOINT`: a failure that may pass is retried with exponential
 * backoff, at most `INDEXNOW_MAX_ATTEMPTS` attempts; a refusal (400 bad request, 403 key not valid, 422 URLs
 * not of the host) is given up at once. Logs name the host and counts, never the key.
 */
@Injectable()
export class IndexNowSubmitterService implements OnModuleDestroy {
  private readonly logger = new Logger('IndexNow');
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];
  readonly counters: IndexNowCounters = { submitted: 0, failed: 0, retried: 0, dropped: 0 };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Queues one request; never throws. */
  submit(submission: IndexNowSubmission): void {
    if (this.stopped || !submission.urlList.length) return;
    void this.attempt(submission, 1);
  }

  /** Requests in flight or waiting for a retry. */
  get pending(): number {
    return this.running + this.timers.size;
  }

  /** Resolves once nothing is in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  onModuleDestroy() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    if (this.timers.size) this.logger.warn(`Shutting down with ${this.timers.size} IndexNow request(s) waiting for a retry`);
    this.timers.clear();
    this.settle();
  }

  private async attempt(submission: IndexNowSubmission, n: number): Promise<void> {
    this.running += 1;
    try {
      await this.send(submission);
      this.counters.submitted += submission.urlList.length;
    } catch (e) {
      this.counters.failed += 1;
      const err = e instanceof SubmitError ? e : new SubmitError((e as Error).message, true);
      const what = `${submission.urlList.length} URL(s) of ${submission.host}`;
      if (err.retryable && n < this.config.INDEXNOW_MAX_ATTEMPTS && !this.stopped) {
        const delay = Math.min(this.config.INDEXNOW_RETRY_BASE_MS * 2 ** (n - 1), MAX_BACKOFF_MS);
        this.logger.warn(`IndexNow submission of ${what} failed (${err.message}); attempt ${n + 1} in ${delay} ms`);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.counters.retried += 1;
          void this.attempt(submission, n + 1);
        }, delay);
        timer.unref();
        this.timers.add(timer);
      } else {
        this.counters.dropped += submission.urlList.length;
        this.logger.error(`IndexNow submission of ${what} given up after ${n} attempt(s): ${err.message}`);
      }
    } finally {
      this.running -= 1;
      this.settle();
    }
  }

  private async send(submission: IndexNowSubmission): Promise<void> {
    let res: Response;
    try {
      res = await fetch(this.config.INDEXNOW_ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(submission),
        signal: AbortSignal.timeout(this.config.INDEXNOW_TIMEOUT_MS),
      });
    } catch (e) {
      // The endpoint is configuration: its address may be logged, the body (with the key) never is.
      throw new SubmitError((e as Error).name === 'TimeoutError' ? `no answer within ${this.config.INDEXNOW_TIMEOUT_MS} ms` : 'connection failed', true);
    }
    await res.body?.cancel();
    if (res.status === 200 || res.status === 202) return;
    throw new SubmitError(`HTTP ${res.status}`, res.status === 429 || res.status >= 500);
  }

  private settle() {
    if (this.pending) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
