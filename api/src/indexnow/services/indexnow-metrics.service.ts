import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../../metrics/services/metrics.service.js';
import { counterFrom } from '../../metrics/utils/counter-from.util.js';
import { IndexNowSubmitterService } from './indexnow-submitter.service.js';

/** IndexNow figures in the gateway's /metrics, read from the submitter's counters at scrape time. */
@Injectable()
export class IndexNowMetricsService implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly submitter: IndexNowSubmitterService,
  ) {}

  onModuleInit() {
    const registers = [this.metrics.registry];
    const c = this.submitter.counters;
    const counter = (name: string, help: string, read: () => number) => counterFrom(registers, name, help, read);
    counter('gateway_indexnow_submitted_urls_total', 'URLs an IndexNow endpoint accepted (200/202)', () => c.submitted);
    counter('gateway_indexnow_failed_requests_total', 'IndexNow requests that failed (every attempt: timeout, refused connection, 4xx, 5xx)', () => c.failed);
    counter('gateway_indexnow_retries_total', 'IndexNow requests sent again after a timeout, refused connection, 429 or 5xx', () => c.retried);
    counter('gateway_indexnow_dropped_urls_total', 'URLs given up on (a permanent refusal, or attempts exhausted)', () => c.dropped);
  }
}
