import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { SiteKeysService } from '../../sites/services/site-keys.service.js';
import { operationName, requestId } from '../utils/request-info.js';

export const PINO = Symbol('PINO');
const GRAPHQL_PATH = '/graphql';

/**
 * One JSON line per request: request id, site slug, route, operation, status, cache outcome, duration.
 * Headers are never logged (site keys, tokens and the webhook secret travel in them); the id is echoed
 * back as `x-request-id`. The hooks go onto Fastify when Nest builds the providers, i.e. ahead of the
 * cache edge, so that requests answered from the cache in `onRequest` are seen too.
 */
@Injectable()
export class RequestLoggerService {
  constructor(
    @Inject(PINO) private readonly log: PinoLogger,
    private readonly keys: SiteKeysService,
    adapterHost: HttpAdapterHost,
  ) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify) this.register(fastify);
  }

  register(fastify: FastifyInstance) {
    if (this.log.isLevelEnabled('debug')) {
      fastify.addHook('onRequest', (req, _reply, done) => {
        this.log.debug({ reqId: requestId(req), method: req.method, path: req.url.split('?')[0] }, 'request received');
        done();
      });
    }
    fastify.addHook('onSend', (req, reply, payload, done) => {
      reply.header('x-request-id', requestId(req));
      done(null, payload);
    });
    if (!this.log.isLevelEnabled('info')) return;
    fastify.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      const isGraphql = route === GRAPHQL_PATH;
      const status = reply.statusCode;
      const line = {
        reqId: requestId(req),
        site: this.keys.caller(req)?.site ?? null,
        method: req.method,
        route,
        ...(isGraphql ? { operation: operationName(req), cache: reply.getHeader('x-cache') ?? null } : {}),
        status,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      };
      if (status >= 500) this.log.error(line, 'request failed');
      else if (route === '/health/live' || route === '/health/ready' || route === '/metrics') this.log.debug(line, 'request completed');
      else this.log.info(line, 'request completed');
    });
  }
}
