import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { z } from 'zod';
import { CONTENT_TYPES, listResponseSchema, purgeTagsFor, type ContentTypeName } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';

const changedSchema = listResponseSchema(
  z.object({ documentId: z.string(), updatedAt: z.string(), slug: z.string().nullish() }).passthrough(),
);

/**
 * Strapi does not retry webhooks. Every RECONCILE_INTERVAL_SECONDS this asks Strapi which documents
 * changed since the last look and purges them, so a lost webhook costs at most one interval.
 * (A deletion leaves nothing to find; the next webhook or the hard TTL covers it.)
 */
@Injectable()
export class ReconcileService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reconcile');
  private timer: NodeJS.Timeout | undefined;
  private since = new Date().toISOString();
  /** documentId@updatedAt already purged: the overlap between passes must not purge twice. */
  private seen = new Set<string>();
  private running = false;
  runs = 0;
  lastPurged = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: StrapiHttpService,
    private readonly cache: ResponseCacheService,
    private readonly registry: SiteRegistryService,
  ) {}

  onApplicationBootstrap() {
    const seconds = this.config.RECONCILE_INTERVAL_SECONDS;
    if (!seconds) return;
    this.timer = setInterval(() => void this.runOnce(), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy() {
    clearInterval(this.timer);
  }

  /** One pass; returns how many changed documents it purged. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    // Look back one extra second: a write committed while the previous pass ran is still seen.
    const startedAt = new Date(Date.now() - 1000).toISOString();
    try {
      let purged = 0;
      const seenNow = new Set<string>();
      for (const type of Object.keys(CONTENT_TYPES) as ContentTypeName[]) {
        const ct = CONTENT_TYPES[type];
        const res = await this.http.get(
          ct.rest,
          {
            filters: { updatedAt: { $gt: this.since } },
            fields: ct.slug ? ['updatedAt', 'slug'] : ['updatedAt'],
            status: 'published',
            ...(ct.localized ? { locale: '*' } : {}),
            pagination: { pageSize: 100 },
          },
          changedSchema,
        );
        const fresh = res.data.filter((d) => {
          const id = `${d.documentId}@${d.updatedAt}`;
          seenNow.add(id);
          return !this.seen.has(id);
        });
        if (!fresh.length) continue;
        const tags = fresh.flatMap((d) => purgeTagsFor(type, d.documentId, d.slug));
        if (type === 'site' || type === 'location') await this.registry.refresh().catch(() => undefined);
        await this.cache.purge([...new Set(tags)]);
        purged += fresh.length;
      }
      this.since = startedAt;
      this.seen = seenNow;
      this.runs += 1;
      this.lastPurged = purged;
      if (purged) this.logger.log(`Reconciliation purged ${purged} changed document(s) a webhook may have missed`);
      return purged;
    } catch (e) {
      this.logger.warn(`Reconciliation skipped: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
