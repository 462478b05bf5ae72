import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, CorsPolicy } from '../http/cors.util.js';
import { sendRejection } from '../http/rejection.util.js';
import type { EdgeStep } from '../types/edge-step.types.js';

/** 1. CORS: the sites' own origins only; preflights answered before anything needs a key. */
@Injectable()
export class CorsStep implements EdgeStep {
  readonly name = 'cors';
  /** Also what the fast path asks. */
  readonly policy: CorsPolicy;

  constructor(@Inject(APP_CONFIG) config: AppConfig, registry: SiteRegistryService) {
    this.policy = new CorsPolicy(registry, config.CORS_ORIGINS);
  }

  register(fastify: FastifyInstance) {
    fastify.addHook('onRequest', this.cors);
  }

  // Callback style: no promise per request where none is needed.
  private readonly cors = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!this.answer(req, reply)) done();
  };

  /** True when it answered (a preflight). */
  private answer(req: FastifyRequest, reply: FastifyReply): boolean {
    const origin = req.headers.origin;
    if (!origin) return false;
    const allowed = this.policy.allows(origin);
    if (allowed) reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', CORS_EXPOSE_HEADERS);
    reply.header('vary', 'origin, x-site-key');
    if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
    if (allowed) reply.header('access-control-allow-methods', 'GET, POST, OPTIONS').header('access-control-allow-headers', CORS_ALLOW_HEADERS).header('access-control-max-age', '600');
    if (allowed) reply.code(204).send();
    else void sendRejection(reply, { status: 403, code: ErrorCode.FORBIDDEN, message: 'This origin may not call the gateway' });
    return true;
  }
}
