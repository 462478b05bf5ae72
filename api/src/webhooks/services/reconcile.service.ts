import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { z } from 'zod';
import { CONTENT_TYPES, purgeTagsFor, type ContentTypeName } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';

const versionSchema = z
  .object({ documentId: z.string(), updatedAt: z.string(), slug: z.string().nullish(), locale: z.string().nullish() })
  .passthrough();

/** What one published document looked like at the last pass. */
interface Version {
  documentId: string;
  updatedAt: string;
  slug?: string | null;
}
/** Per content type: `documentId:locale` → version. */
type Snapshot = Map<ContentTypeName, Map<string, Version>>;

export interface ReconcileResult {
  changed: number;
  vanished: number;
}

/**
 * Strapi does not retry webhooks. Every RECONCILE_INTERVAL_SECONDS this lists what is published (ids,
 * `updatedAt`, slugs only) and compares it with the previous pass: a document that changed, appeared or
 * vanished (unpublished, deleted) is purged, so a lost webhook costs at most one interval, for
 * removals too. The first pass purges what changed since the gateway booted.
 */
@Injectable()
export class ReconcileService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reconcile');
  private timer: NodeJS.Timeout | undefined;
  private readonly bootedAt = new Date().toISOString();
  private previous: Snapshot | undefined;
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

  /** One pass; returns how many documents it purged (0 when a pass is already running or Strapi fails). */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const current = await this.snapshot();
      const { changed, vanished } = await this.purgeDifferences(current);
      this.previous = current;
      this.runs += 1;
      this.lastPurged = changed + vanished;
      if (this.lastPurged) {
        this.logger.log(`Reconciliation purged ${changed} changed and ${vanished} removed document(s) a webhook may have missed`);
      }
      return this.lastPurged;
    } catch (e) {
      // The previous snapshot stays: the next pass compares against it and misses nothing.
      this.logger.warn(`Reconciliation skipped: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }

  private async snapshot(): Promise<Snapshot> {
    const snap: Snapshot = new Map();
    for (const type of Object.keys(CONTENT_TYPES) as ContentTypeName[]) {
      const ct = CONTENT_TYPES[type];
      const fields = ['updatedAt', ...(ct.slug ? ['slug'] : []), ...(ct.localized ? ['locale'] : [])];
      const docs = await this.http.getAll(
        ct.rest,
        { fields, status: 'published', ...(ct.localized ? { locale: '*' } : {}) },
        versionSchema,
      );
      snap.set(type, new Map(docs.map((d) => [`${d.documentId}:${d.locale ?? ''}`, d])));
    }
    return snap;
  }

  private async purgeDifferences(current: Snapshot): Promise<ReconcileResult> {
    let changed = 0;
    let vanished = 0;
    for (const [type, now] of current) {
      const before = this.previous?.get(type);
      const stale: Version[] = [];
      for (const [key, v] of now) {
        const old = before?.get(key);
        const isChange = before ? !old || old.updatedAt !== v.updatedAt : v.updatedAt > this.bootedAt;
        if (isChange) {
          stale.push(v);
          if (old && old.slug !== v.slug) stale.push(old); // pages under the old slug go too
          changed += 1;
        }
      }
      for (const [key, old] of before ?? []) {
        if (now.has(key)) continue;
        stale.push(old);
        vanished += 1;
      }
      if (!stale.length) continue;
      if (type === 'site' || type === 'location') await this.registry.refresh().catch(() => undefined);
      await this.cache.purge([...new Set(stale.flatMap((d) => purgeTagsFor(type, d.documentId, d.slug)))]);
    }
    return { changed, vanished };
  }
}
