import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CONTENT_TYPES, type ContentTypeName } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { CatalogueIndexService } from './catalogue-index.service.js';
import { rowKey } from '../../invalidation/utils/catalogue-facts.util.js';

const TYPES = Object.keys(CONTENT_TYPES) as ContentTypeName[];

export interface ReconcilePass {
  /** Documents (rows) found changed or removed that the index did not know of yet. */
  changed: number;
  vanished: number;
  /** Types re-listed in full (a count dropped, or the periodic full check). */
  fullLists: number;
  /** Strapi requests this pass made. */
  upstreamRequests: number;
}

/**
 * Strapi does not retry webhooks. Every RECONCILE_INTERVAL_SECONDS this catches what a lost webhook
 * missed, at a cost that follows the changes, not the catalogue: per type, the rows updated since
 * the newest one the index holds (an `updatedAt` cursor) and Strapi's count of published rows. Only
 * when that count differs from the index (something was unpublished or deleted) is the type listed
 * in full, ids and versions only; RECONCILE_FULL_EVERY passes list every type in full regardless.
 * What it finds goes through the catalogue index, which purges exactly what moved.
 */
@Injectable()
export class ReconcileService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reconcile');
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  runs = 0;
  lastPurged = 0;
  last: ReconcilePass = { changed: 0, vanished: 0, fullLists: 0, upstreamRequests: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: StrapiHttpService,
    private readonly catalogue: CatalogueIndexService,
  ) {}

  onApplicationBootstrap() {
    // The index is the previous state every webhook diffs against: read it now, not on the first publish.
    void this.catalogue.ensureLoaded().catch((e: Error) => this.logger.warn(`Catalogue index not loaded yet: ${e.message}`));
    const seconds = this.config.RECONCILE_INTERVAL_SECONDS;
    if (!seconds) return;
    this.timer = setInterval(() => void this.runOnce(), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy() {
    clearInterval(this.timer);
  }

  /** One pass; returns how many rows it found changed or removed (0 when a pass is already running or Strapi fails). */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    const requestsBefore = this.http.stats.requests;
    try {
      const firstLoad = !this.catalogue.isLoaded;
      await this.catalogue.ensureLoaded();
      const full = !firstLoad && this.config.RECONCILE_FULL_EVERY > 0 && (this.runs + 1) % this.config.RECONCILE_FULL_EVERY === 0;
      const pass = { changed: 0, vanished: 0, fullLists: 0, upstreamRequests: 0 };
      if (!firstLoad) for (const type of TYPES) await this.reconcileType(type, full, pass);
      pass.upstreamRequests = this.http.stats.requests - requestsBefore;
      this.last = pass;
      this.runs += 1;
      this.lastPurged = pass.changed + pass.vanished;
      if (this.lastPurged) {
        this.logger.log(`Reconciliation found ${pass.changed} changed and ${pass.vanished} removed row(s) a webhook may have missed`);
      }
      return this.lastPurged;
    } catch (e) {
      // The index keeps its state: the next pass compares against it and misses nothing.
      this.logger.warn(`Reconciliation skipped: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }

  private async reconcileType(type: ContentTypeName, forceFull: boolean, pass: ReconcilePass) {
    const cursor = this.catalogue.newestUpdatedAt(type);
    // `$gte`: rows sharing the cursor's millisecond are re-read (and skipped when already known).
    const recent = await this.catalogue.read(type, cursor ? { updatedAt: { $gte: cursor } } : undefined, { sort: ['updatedAt:asc'] });
    const changed = recent.filter((r) => this.catalogue.rowOf(type, rowKey(r.documentId, r.locale))?.updatedAt !== r.updatedAt);
    const expected = this.catalogue.count(type) + changed.filter((r) => !this.catalogue.rowOf(type, rowKey(r.documentId, r.locale))).length;
    if (forceFull || (await this.catalogue.upstreamCount(type)) !== expected) {
      pass.fullLists += 1;
      const all = await this.catalogue.read(type);
      const keys = new Set(all.map((r) => rowKey(r.documentId, r.locale)));
      pass.vanished += this.catalogue.keysOf(type).filter((k) => !keys.has(k)).length;
      pass.changed += all.filter((r) => this.catalogue.rowOf(type, rowKey(r.documentId, r.locale))?.updatedAt !== r.updatedAt).length;
      await this.catalogue.applyRows(type, [], all);
      return;
    }
    if (changed.length) {
      pass.changed += changed.length;
      await this.catalogue.applyRows(type, changed);
    }
  }
}
