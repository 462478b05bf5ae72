import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import { listResponseSchema } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode, gatewayError } from '../../common/errors/error-codes.js';
import { toQueryString, type QueryValue } from '../utils/query-string.util.js';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js';

const PAGE_SIZE = 100;

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Whether `e` says Strapi could not be read (after retries, or with the breaker open): a dependency's fault. */
export function isUpstreamUnavailable(e: unknown): boolean {
  return e instanceof UpstreamError || (e as { extensions?: { code?: unknown } } | undefined)?.extensions?.code === ErrorCode.UPSTREAM_UNAVAILABLE;
}

export interface UpstreamStats {
  requests: number;
  failures: number;
  lastLatencyMs: number;
}

/**
 * The only door to Strapi: REST GETs with the read-only token, a bounded keep-alive pool, a timeout,
 * retries with jittered backoff for idempotent reads, and a circuit breaker. Answers are parsed
 * with the shared zod schemas. The token and Strapi's URL never leave this class in errors.
 */
@Injectable()
export class StrapiHttpService implements OnModuleDestroy {
  private readonly logger = new Logger('StrapiHttp');
  private readonly base: URL;
  private readonly agent: http.Agent;
  readonly breaker: CircuitBreaker;
  readonly stats: UpstreamStats = { requests: 0, failures: 0, lastLatencyMs: 0 };
  /** Observers (metrics) of each upstream call: path label, duration, outcome. */
  readonly observers: Array<(durationMs: number, ok: boolean) => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.base = new URL(config.STRAPI_URL);
    const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: config.UPSTREAM_MAX_SOCKETS, maxFreeSockets: 16 });
    this.breaker = new CircuitBreaker(config.BREAKER_FAILURE_THRESHOLD, config.BREAKER_COOLDOWN_MS, (s: BreakerState) =>
      s === 'closed' ? this.logger.log('Strapi circuit closed') : this.logger.warn(`Strapi circuit ${s}`),
    );
  }

  onModuleDestroy() {
    this.agent.destroy();
  }

  /** Every item of a collection endpoint, page by page (Strapi caps a page at 100, `cms/config/api.ts`). */
  async getAll<T extends z.ZodTypeAny>(path: string, params: Record<string, QueryValue>, item: T): Promise<Array<z.output<T>>> {
    const out: Array<z.output<T>> = [];
    const schema = listResponseSchema(item);
    for (let page = 1; ; page += 1) {
      const res = await this.get(path, { ...params, pagination: { page, pageSize: PAGE_SIZE } }, schema);
      out.push(...(res.data as Array<z.output<T>>));
      if (page >= (res.meta?.pagination?.pageCount ?? 1)) return out;
    }
  }

  /** GET `/api/<path>?<params>` and parse the JSON answer with `schema`. */
  async get<T extends z.ZodTypeAny>(path: string, params: Record<string, QueryValue>, schema: T): Promise<z.output<T>> {
    const url = new URL(`/api/${path}`, this.base);
    url.search = toQueryString(params);
    const json = await this.withRetries(() => this.request(url));
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      this.logger.error(`Strapi answer for ${path} does not match the shared schema: ${parsed.error.issues[0]?.message}`);
      throw gatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'The content service answered in an unexpected shape');
    }
    return parsed.data;
  }

  private async withRetries<T>(call: () => Promise<T>): Promise<T> {
    let attempt = 0;
    for (;;) {
      if (!this.breaker.allow()) {
        throw gatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'The content service is unavailable; try again shortly');
      }
      const started = performance.now();
      try {
        this.stats.requests += 1;
        const result = await call();
        this.breaker.success();
        this.observe(started, true);
        return result;
      } catch (err) {
        this.stats.failures += 1;
        this.observe(started, false);
        const retryable = err instanceof UpstreamError && err.retryable;
        if (retryable) this.breaker.failure();
        else this.breaker.success(); // Strapi answered: it is up, the request was wrong.
        if (!retryable || attempt >= this.config.UPSTREAM_RETRIES || this.breaker.state === 'open') {
          this.logger.warn(`Strapi read failed: ${(err as Error).message}`);
          throw gatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'The content service is unavailable; try again shortly');
        }
        attempt += 1;
        // Full jitter keeps replicas from retrying in lockstep against a recovering CMS.
        await new Promise((r) => setTimeout(r, Math.random() * 50 * 2 ** attempt));
      }
    }
  }

  private observe(started: number, ok: boolean) {
    const ms = performance.now() - started;
    this.stats.lastLatencyMs = ms;
    for (const o of this.observers) o(ms, ok);
  }

  private request(url: URL): Promise<unknown> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'GET',
          agent: this.agent,
          headers: { authorization: `Bearer ${this.config.STRAPI_TOKEN}`, accept: 'application/json' },
          timeout: this.config.UPSTREAM_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new UpstreamError(e.message, true)));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 500 || status === 429) return reject(new UpstreamError(`HTTP ${status}`, true));
            if (status >= 400) return reject(new UpstreamError(`HTTP ${status}`, false));
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch {
              reject(new UpstreamError('invalid JSON', true));
            }
          });
        },
      );
      // The timeout covers the whole exchange, not just idle sockets: a slow CMS must not hold a page.
      const timer = setTimeout(() => req.destroy(new UpstreamError(`timeout after ${this.config.UPSTREAM_TIMEOUT_MS} ms`, true)), this.config.UPSTREAM_TIMEOUT_MS);
      req.on('close', () => clearTimeout(timer));
      req.on('timeout', () => req.destroy(new UpstreamError('socket timeout', true)));
      req.on('error', (e) => reject(e instanceof UpstreamError ? e : new UpstreamError(e.message, true)));
      req.end();
    });
  }
}
