import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RedisConnectionService, type RedisState } from '../../redis/services/redis-connection.service.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import type { BreakerState } from '../../strapi/services/circuit-breaker.js';
import { operationName } from '../../logging/utils/request-info.js';
import { counterFrom } from '../utils/counter-from.util.js';

/** Operation names are chosen by clients: past this many distinct ones, new names count as `other`. */
export const MAX_OPERATION_LABELS = 200;
const REDIS_STATES: RedisState[] = ['disabled', 'connecting', 'ready', 'down'];
const BREAKER_STATES: BreakerState[] = ['closed', 'open', 'half-open'];

/**
 * Prometheus metrics of one gateway instance, in its own Registry (several gateways in one process —
 * the tests — do not collide). Request metrics come from Fastify hooks (so cache hits answered before
 * Apollo count too); cache, L1, Redis and breaker figures are read at scrape time from the services
 * that own them; upstream calls are observed through `StrapiHttpService.observers`.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  /**
   * GraphQL requests by `operation \0 status \0 cache \0 site`: plain increments on the request path
   * (the fast path's hits included), turned into the labelled counter at scrape time.
   */
  private readonly graphqlCounts = new Map<string, number>();
  private readonly graphqlDuration: Histogram<'operation' | 'cache'>;
  private readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  private readonly upstreamDuration: Histogram<'outcome'>;
  private readonly upstreamErrors: Counter;

  constructor(
    private readonly cache: ResponseCacheService,
    private readonly redis: RedisConnectionService,
    private readonly strapi: StrapiHttpService,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });

    const counts = this.graphqlCounts;
    new Counter({
      name: 'gateway_graphql_requests_total',
      help: 'GraphQL requests by operation name, HTTP status, cache outcome (x-cache) and site',
      labelNames: ['operation', 'status', 'cache', 'site'],
      registers,
      collect() {
        this.reset();
        for (const [k, n] of counts) {
          const [operation, status, cache, site] = k.split('\u0000');
          this.inc({ operation, status, cache, site }, n);
        }
      },
    });
    this.graphqlDuration = new Histogram({
      name: 'gateway_graphql_request_duration_seconds',
      help: 'GraphQL request latency (first byte in to last byte out) by operation and cache outcome',
      labelNames: ['operation', 'cache'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'gateway_http_requests_total',
      help: 'All HTTP requests by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.upstreamDuration = new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'Strapi REST calls (each attempt, retries included) by outcome',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'gateway_upstream_errors_total',
      help: 'Failed Strapi REST attempts (timeouts, 5xx, refused connections, 4xx)',
      registers,
    });
    strapi.observers.push((ms, ok) => {
      this.upstreamDuration.observe({ outcome: ok ? 'ok' : 'error' }, ms / 1000);
      if (!ok) this.upstreamErrors.inc();
    });

    const c = cache.counters;
    const fromCounters = (name: string, help: string, read: () => number) => counterFrom(registers, name, help, read);
    new Counter({
      name: 'gateway_cache_hits_total',
      help: 'Cache hits by tier (l1: in-process, l2: Redis)',
      labelNames: ['tier'],
      registers,
      collect() {
        this.reset();
        this.inc({ tier: 'l1' }, c.hits.l1);
        this.inc({ tier: 'l2' }, c.hits.l2);
      },
    });
    fromCounters('gateway_cache_misses_total', 'Cache misses (computed from Strapi, single-flight per key)', () => c.misses);
    fromCounters('gateway_cache_stale_total', 'Entries served stale while a background refresh runs', () => c.stale);
    fromCounters('gateway_cache_bypass_total', 'Requests not cached by design (preview, cache disabled, no operation hash)', () => c.bypass);
    fromCounters('gateway_cache_purges_total', 'Tag purges applied to this replica (local and fanned-out)', () => c.purges);
    fromCounters('gateway_cache_purged_entries_total', 'L1 entries removed by purges', () => c.purgedEntries);
    fromCounters('gateway_cache_refreshes_total', 'Background refreshes of stale entries', () => c.refreshes);
    fromCounters('gateway_cache_refresh_failures_total', 'Background refreshes that failed', () => c.refreshFailures);
    fromCounters('gateway_cache_refresh_ahead_total', 'Purged entries recomputed ahead of their next visitor', () => c.refreshAhead);
    fromCounters('gateway_cache_computations_total', 'Operations run upstream (concurrent misses of one key share one)', () => c.computations);
    fromCounters('gateway_cache_overtaken_total', 'Computations a purge overtook (not stored, rebuilt)', () => c.overtaken);
    fromCounters('gateway_cache_refresh_left_to_peer_total', 'Purged entries another replica claimed to rebuild', () => c.refreshLeftToPeer);

    const l1 = cache.l1;
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('gateway_cache_l1_bytes', 'Bytes held by the in-process cache', () => l1.bytes);
    gauge('gateway_cache_l1_max_bytes', 'Byte bound of the in-process cache (CACHE_L1_MAX_BYTES)', () => l1.maxBytes);
    gauge('gateway_cache_l1_entries', 'Entries in the in-process cache', () => l1.size);
    gauge('gateway_redis_up', '1 when the Redis command connection is ready (0 when down or not configured)', () => (redis.ready ? 1 : 0));
    new Gauge({
      name: 'gateway_redis_state',
      help: 'Redis connection state (one-hot): disabled, connecting, ready, down',
      labelNames: ['state'],
      registers,
      collect() {
        for (const s of REDIS_STATES) this.set({ state: s }, redis.state === s ? 1 : 0);
      },
    });
    new Gauge({
      name: 'gateway_upstream_circuit_state',
      help: 'Strapi circuit breaker state (one-hot): closed, open, half-open',
      labelNames: ['state'],
      registers,
      collect() {
        for (const s of BREAKER_STATES) this.set({ state: s }, strapi.breaker.state === s ? 1 : 0);
      },
    });
  }

  /** Called by the edge once a request was answered. */
  observe(req: FastifyRequest, reply: FastifyReply, site: string | undefined, isGraphql: boolean) {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    this.httpRequests.inc({ route, method: req.method, status });
    if (!isGraphql) return;
    const operation = this.operationLabel(operationName(req));
    const cache = String(reply.getHeader('x-cache') ?? 'NONE');
    this.countGraphql(`${operation}\u0000${status}\u0000${cache}\u0000${site ?? 'unknown'}`);
    this.graphqlDuration.observe({ operation, cache }, reply.elapsedTime / 1000);
  }

  /** A hit answered by the edge's fast path: a plain increment under a label key made once per operation. */
  countFastHit(site: string, operation: string | undefined) {
    const label = `${site}\u0000${operation ?? ''}`;
    let key = this.fastKeys.get(label);
    if (!key) this.fastKeys.set(label, (key = `${this.operationLabel(operation ?? 'anonymous')}\u0000200\u0000HIT\u0000${site}`));
    this.countGraphql(key);
  }

  private readonly fastKeys = new Map<string, string>();

  private countGraphql(key: string) {
    this.graphqlCounts.set(key, (this.graphqlCounts.get(key) ?? 0) + 1);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private operationLabel(name: string): string {
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }
}
