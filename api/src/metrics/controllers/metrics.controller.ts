import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { MetricsService } from '../services/metrics.service.js';

/**
 * Prometheus scrape endpoint. Meant for the internal network: the load balancer in front of the
 * replicas does not route it (deploy/nginx.conf), Prometheus scrapes each replica directly.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('content-type', this.metrics.contentType());
    return this.metrics.metrics();
  }
}
