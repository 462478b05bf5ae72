import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ErrorCode, errorBody } from '../common/errors/error-codes.js';
import { SiteKeysService } from '../sites/services/site-keys.service.js';
import { RateLimiterService } from './services/rate-limiter.service.js';

/**
 * Budgets, checked before anything else runs (cache hits count too):
 * - GraphQL with a valid site key: per key (RATE_LIMIT_PER_WINDOW);
 * - requests without a valid key, and public pages (sitemaps, previews): per client IP
 *   (RATE_LIMIT_ANON_PER_WINDOW), which also slows key guessing;
 * - webhook, health and metrics: per client IP, their own budget (RATE_LIMIT_OPS_PER_WINDOW).
 */
@Injectable()
export class RateLimitHook {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiterService,
    private readonly keys: SiteKeysService,
  ) {}

  register(fastify: FastifyInstance) {
    if (!this.config.RATE_LIMIT_ENABLED) return;
    // Callback style: no promise per request on the hot path.
    fastify.addHook('onRequest', (req, reply, done) => {
      const decision = this.decide(req);
      if (decision.allowed) return done();
      reply
        .code(429)
        .header('retry-after', String(decision.retryAfterSeconds))
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(errorBody(ErrorCode.RATE_LIMITED, `Too many requests; retry after ${decision.retryAfterSeconds} s`));
    });
  }

  private decide(req: FastifyRequest) {
    const url = req.routeOptions.url ?? req.url;
    if (url.startsWith('/webhooks') || url.startsWith('/health') || url.startsWith('/metrics')) {
      return this.limiter.take(`ops:${req.ip}`, this.config.RATE_LIMIT_OPS_PER_WINDOW);
    }
    const caller = url === '/graphql' && req.method !== 'OPTIONS' ? this.keys.caller(req) : undefined;
    // The bucket is named by a digest: keys never appear in Redis or memory dumps in clear.
    if (caller) return this.limiter.take(`key:${caller.keyId}`, this.config.RATE_LIMIT_PER_WINDOW);
    return this.limiter.take(`ip:${req.ip}`, this.config.RATE_LIMIT_ANON_PER_WINDOW);
  }
}
