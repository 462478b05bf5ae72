import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { RedisConnectionService } from '../../redis/services/redis-connection.service.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';

interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

/** Liveness (the process answers) and readiness (Strapi reachable, Redis reachable when configured). */
@Controller('health')
export class HealthController {
  /** The last check, reused for READY_CACHE_MS: a flood of probes makes one upstream check, not one each. */
  private last: { at: number; check: Promise<Readiness> } | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const now = Date.now();
    if (!this.last || now - this.last.at >= this.config.READY_CACHE_MS) this.last = { at: now, check: this.check() };
    const { ready, body } = await this.last.check;
    reply.code(ready ? 200 : 503);
    return body;
  }

  private async check(): Promise<Readiness> {
    const strapiUp = await this.registry.refresh().then(
      () => true,
      () => false,
    );
    const redis = this.redis.client ? ((await this.redis.ping()) ? 'up' : 'down') : 'disabled';
    const ready = strapiUp && redis !== 'down';
    return {
      ready,
      body: {
        status: ready ? 'ready' : 'not-ready',
        components: {
          strapi: { status: strapiUp ? 'up' : 'down', circuit: this.strapi.breaker.state },
          redis: { status: redis },
          sites: { loaded: this.registry.all().length },
        },
      },
    };
  }
}
