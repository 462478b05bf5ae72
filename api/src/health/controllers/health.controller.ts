import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RedisConnectionService } from '../../cache/services/redis-connection.service.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';

/** Liveness (the process answers) and readiness (Strapi reachable, Redis reachable when configured). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly strapi: StrapiHttpService,
    private readonly redis: RedisConnectionService,
    private readonly registry: SiteRegistryService,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const strapiUp = await this.registry.refresh().then(
      () => true,
      () => false,
    );
    const redis = this.redis.client ? ((await this.redis.ping()) ? 'up' : 'down') : 'disabled';
    const ready = strapiUp && redis !== 'down';
    reply.code(ready ? 200 : 503);
    return {
      status: ready ? 'ready' : 'not-ready',
      components: {
        strapi: { status: strapiUp ? 'up' : 'down', circuit: this.strapi.breaker.state },
        redis: { status: redis },
        sites: { loaded: this.registry.all().length },
      },
    };
  }
}
