import { Injectable, Logger } from '@nestjs/common';
import type { PurgeOptions } from '../types/cache-store.types.js';

/**
 * What the response cache tells those downstream of it (the CDN):
 * - `purged`: a purge by tag went through the origin tiers of every replica (and its rebuilds started);
 * - `cleared`: everything was dropped, everywhere;
 * - `landed`: a recomputed entry replaced one whose answer differed (typically the rebuild of a soft purge),
 *   so copies made from the old answer are wrong now.
 */
export type PurgeEvent = { type: 'purged'; tags: string[]; opts: PurgeOptions } | { type: 'cleared' } | { type: 'landed'; key: string };

export type PurgeListener = (event: PurgeEvent) => void;

/**
 * The cache's purges as events, so that the cache depends on nobody downstream. Delivered synchronously, in
 * the order they happen: a listener sees a purge right after the origin tiers dropped the entries, as the
 * cache's own code would have called it. A listener that throws is logged and never fails the purge.
 */
@Injectable()
export class PurgeEvents {
  private readonly logger = new Logger('PurgeEvents');
  private readonly listeners = new Set<PurgeListener>();

  /** Returns the unsubscribe. */
  subscribe(listener: PurgeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: PurgeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        this.logger.error(`A ${event.type} listener failed: ${(e as Error).message}`);
      }
    }
  }
}
