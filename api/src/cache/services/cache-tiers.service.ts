import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { CacheEntry, ExecutionOutcome, StoredRequest } from '../types/cache-entry.types.js';
import type { LocalCacheStore, SharedCacheStore } from '../types/cache-store.types.js';
import { L1Cache } from './l1-cache.js';
import { L2CacheService } from './l2-cache.service.js';

/** Replaces the per-site in-process LRU (unit tests hand in a typed fake). */
export const L1_STORE = Symbol('L1_STORE');

/** The two stores behind their interfaces (cache-store.types): L1 in this process, L2 shared by the replicas. */
@Injectable()
export class CacheTiersService {
  readonly l1: LocalCacheStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(L2CacheService) readonly l2: SharedCacheStore,
    @Optional() @Inject(L1_STORE) l1?: LocalCacheStore,
  ) {
    this.l1 = l1 ?? new L1Cache(config.CACHE_L1_MAX_BYTES, siteShare(config));
  }

  /** Builds the entry for a computed outcome (used by the miss path and refreshes). */
  toEntry(site: string, request: StoredRequest, outcome: ExecutionOutcome, now = Date.now()): CacheEntry {
    return {
      ...(outcome.status !== 200 ? { status: outcome.status } : {}),
      body: outcome.body,
      etag: `"${createHash('sha1').update(outcome.body).digest('base64url')}"`,
      tags: outcome.tags,
      site,
      storedAt: now,
      softExpiresAt: now + this.config.CACHE_SOFT_TTL_SECONDS * 1000,
      hardExpiresAt: now + this.config.CACHE_HARD_TTL_SECONDS * 1000,
      request,
    };
  }

  async store(key: string, entry: CacheEntry): Promise<void> {
    entry.key = key;
    this.l1.set(key, entry);
    await this.l2.set(key, entry);
  }
}

/** Each site's byte share of L1: CACHE_L1_SITE_MAX_BYTES, else an equal share among the configured sites. */
function siteShare(config: AppConfig): number {
  if (config.CACHE_L1_SITE_MAX_BYTES) return Math.min(config.CACHE_L1_SITE_MAX_BYTES, config.CACHE_L1_MAX_BYTES);
  const sites = new Set(
    config.SITE_KEYS.split(',')
      .map((p) => p.slice(p.lastIndexOf(':') + 1).trim())
      .filter(Boolean),
  );
  return Math.floor(config.CACHE_L1_MAX_BYTES / Math.max(1, sites.size));
}
