import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { operationName, requestId } from '../utils/request-info.js';

export const PINO = Symbol('PINO');
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * One JSON line per request: request id, site slug, route, operation, status, cache outcome, duration.
 * Headers are never logged (site keys, tokens and the webhook secret travel in them). The edge pipeline
 * calls it once each request is answered (api/src/edge).
 */
@Injectable()
export class RequestLoggerService {
  readonly enabled: boolean;
  /** At debug level, a line as each request arrives too (before any step can refuse it). */
  readonly receivedEnabled: boolean;

  constructor(@Inject(PINO) private readonly log: PinoLogger) {
    this.enabled = log.isLevelEnabled('info');
    this.receivedEnabled = log.isLevelEnabled('debug');
  }

  received(req: FastifyRequest) {
    this.log.debug({ reqId: requestId(req), method: req.method, path: req.url.split('?')[0] }, 'request received');
  }

  record(req: FastifyRequest, reply: FastifyReply, site: string | undefined, isGraphql: boolean) {
    if (!this.enabled) return;
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const line = {
      reqId: requestId(req),
      site: site ?? null,
      method: req.method,
      route,
      ...(isGraphql ? { operation: operationName(req), cache: reply.getHeader('x-cache') ?? null } : {}),
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (status >= 500) this.log.error(line, 'request completed');
    else if (QUIET_ROUTES.has(route)) this.log.debug(line, 'request completed');
    else this.log.info(line, 'request completed');
  }

  /** A hit the edge answered ahead of Fastify. */
  logFastHit(reqId: string, site: string, url: string, operation: string | undefined) {
    const route = url.startsWith('/sites/') ? '/sites/:site/graphql' : '/graphql';
    this.log.info({ reqId, site, method: 'GET', route, operation: operation ?? 'anonymous', cache: 'HIT', status: 200, fast: true }, 'request completed');
  }
}
