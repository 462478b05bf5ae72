import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { MetricsService } from '../../metrics/services/metrics.service.js';
import { RequestLoggerService } from '../../logging/services/request-logger.service.js';
import { requestId } from '../../logging/utils/request-info.js';
import { BudgetService } from '../budget/budget.service.js';
import { budgetAddress } from '../budget/client-address.util.js';
import { isGraphql } from '../http/edge-routes.util.js';
import { API_CSP, securityHeaders } from '../http/security-headers.util.js';
import type { EdgeStep } from '../types/edge-step.types.js';

/**
 * 0. Observation: the request id and the headers every answer carries; after the answer, its cost
 * charged (a non-hit costs at least one unit), its metrics, one log line.
 */
@Injectable()
export class ObservationStep implements EdgeStep {
  readonly name = 'observation';
  private readonly security: Record<string, string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly budget: BudgetService,
    private readonly metrics: MetricsService,
    private readonly requestLog: RequestLoggerService,
  ) {
    this.security = securityHeaders(config.isProduction);
  }

  register(fastify: FastifyInstance) {
    fastify.addHook('onRequest', this.observeRequest);
    fastify.addHook('onSend', this.observeHeaders);
    fastify.addHook('onResponse', this.observeResponse);
  }

  private readonly observeRequest = (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (this.requestLog.receivedEnabled) this.requestLog.received(req);
    done();
  };

  private readonly observeHeaders = (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, p: unknown) => void) => {
    this.finishHeaders(req, reply);
    done(null, payload);
  };

  private readonly observeResponse = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    done();
    this.afterResponse(req, reply);
  };

  private finishHeaders(req: FastifyRequest, reply: FastifyReply) {
    reply.headers(this.security);
    reply.header('x-request-id', requestId(req));
    // A handler that set its own CSP (the draft preview, framed by the Strapi admin) decides framing itself.
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('x-frame-options', 'DENY');
      const type = reply.getHeader('content-type');
      if (!(typeof type === 'string' && type.startsWith('text/html'))) reply.header('content-security-policy', API_CSP);
    }
    if (isGraphql(req) && !reply.hasHeader('x-cache')) reply.header('x-cache', 'BYPASS').header('cache-control', 'private, no-store');
    reply.removeHeader('x-powered-by');
  }

  private afterResponse(req: FastifyRequest, reply: FastifyReply) {
    const state = req.edge;
    const cache = reply.getHeader('x-cache');
    if (state?.keyId && state.site && cache !== 'HIT') this.budget.charge(state.keyId, state.client ?? budgetAddress(req.ip), Math.max(1, state.cost));
    const site = state?.site?.slug;
    this.metrics.observe(req, reply, site, isGraphql(req));
    this.requestLog.record(req, reply, site, isGraphql(req));
  }
}
