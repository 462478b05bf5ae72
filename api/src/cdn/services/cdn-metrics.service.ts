import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../metrics/services/metrics.service.js';
import { CdnPurgeService } from './cdn-purge.service.js';

/** CDN purge figures in the gateway's /metrics, read from the service's counters at scrape time. */
@Injectable()
export class CdnMetricsService implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly cdn: CdnPurgeService,
  ) {}

  onModuleInit() {
    const registers = [this.metrics.registry];
    const provider = this.cdn.provider;
    const c = this.cdn.counters;
    new Counter({
      name: 'gateway_cdn_purge_requests_total',
      help: 'Purge requests sent to the CDN (every attempt), by provider and outcome',
      labelNames: ['provider', 'outcome'],
      registers,
      collect() {
        this.reset();
        this.inc({ provider, outcome: 'ok' }, c.requests.ok);
        this.inc({ provider, outcome: 'error' }, c.requests.error);
      },
    });
    new Counter({
      name: 'gateway_cdn_purged_tags_total',
      help: 'Tags purged on the CDN, by provider and mode (hard, soft)',
      labelNames: ['provider', 'mode'],
      registers,
      collect() {
        this.reset();
        this.inc({ provider, mode: 'hard' }, c.tags.hard);
        this.inc({ provider, mode: 'soft' }, c.tags.soft);
      },
    });
    const simple = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        labelNames: ['provider'],
        registers,
        collect() {
          this.reset();
          this.inc({ provider }, read());
        },
      });
    simple('gateway_cdn_purge_all_total', 'Purges of everything on the CDN (media changes, overflowing queues)', () => c.purgeAll);
    simple('gateway_cdn_purge_retries_total', 'CDN purge batches retried after a timeout, refused connection, 429 or 5xx', () => c.retries);
    simple('gateway_cdn_purge_failures_total', 'CDN purge batches given up on (permanent error or attempts exhausted)', () => c.failures);
    const cdn = this.cdn;
    new Gauge({
      name: 'gateway_cdn_purge_pending',
      help: 'CDN purge tags queued, plus batches in flight or waiting for a retry',
      labelNames: ['provider'],
      registers,
      collect() {
        this.set({ provider }, cdn.pending);
      },
    });
  }
}
