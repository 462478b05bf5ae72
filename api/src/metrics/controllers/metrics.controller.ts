import { Controller, Get, Header, Headers, HttpException, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { constantTimeEqual } from '../../common/utils/hash.util.js';
import { MetricsService } from '../services/metrics.service.js';

/**
 * Prometheus scrape endpoint. Meant for the internal network: the load balancer in front of the
 * replicas does not route it (deploy/nginx.conf), Prometheus scrapes each replica directly. With
 * METRICS_TOKEN set, a scrape must present it as a bearer token (for networks that are not private).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const token = this.config.METRICS_TOKEN;
    if (token) {
      const presented = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
      if (!constantTimeEqual(presented, token)) {
        throw new HttpException({ errors: [{ message: 'A valid metrics token is required', extensions: { code: ErrorCode.UNAUTHENTICATED } }] }, 401);
      }
    }
    reply.header('content-type', this.metrics.contentType());
    return this.metrics.metrics();
  }
}
