import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CONTENT_TYPES, type ContentTypeName } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { RedisConnectionService } from '../../redis/services/redis-connection.service.js';
import { CatalogueIndexService } from './catalogue-index.service.js';

const messageSchema = z.object({
  origin: z.string(),
  type: z.enum(Object.keys(CONTENT_TYPES) as [ContentTypeName, ...ContentTypeName[]]),
  documentId: z.string().min(1).max(64),
  locale: z.string().max(16).nullish(),
});

/**
 * Every replica keeps its own catalogue index, and a webhook reaches one of them. The replica that
 * applied it tells the others over Redis pub/sub; they re-read the same document into their index
 * without purging (the purge already reached every replica). Otherwise the next change of that document,
 * arriving at another replica, would be diffed against the state before the first one: a change that
 * undoes it (a clinic moved and moved back) would purge nothing where pages show the intermediate state.
 * That replica's site registry is refreshed the same way. Without Redis there is one replica: nothing to tell.
 */
@Injectable()
export class CatalogueSyncService implements OnModuleInit {
  private readonly logger = new Logger('CatalogueSync');
  private readonly origin = randomUUID();
  private readonly channel: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly redis: RedisConnectionService,
    private readonly catalogue: CatalogueIndexService,
  ) {
    this.channel = `${config.REDIS_KEY_PREFIX}catalogue`;
  }

  async onModuleInit() {
    const sub = this.redis.subscriber;
    if (!sub) return;
    sub.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) this.onMessage(raw);
    });
    await sub.subscribe(this.channel).catch((e: Error) => this.logger.warn(`Could not subscribe to the catalogue channel yet: ${e.message}`));
  }

  /** Tells the other replicas that this one applied a change of the document. */
  announce(type: ContentTypeName, documentId: string, locale?: string | null) {
    void this.redis.client
      ?.publish(this.channel, JSON.stringify({ origin: this.origin, type, documentId, locale }))
      .catch((e: Error) => this.logger.warn(`Could not tell the other replicas of a change: ${e.message}`));
  }

  private onMessage(raw: string) {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = messageSchema.safeParse(data);
    if (!parsed.success || parsed.data.origin === this.origin) return;
    const { type, documentId, locale } = parsed.data;
    // Reconciliation catches up if this read fails: the index keeps its state until then.
    void this.catalogue
      .refreshDocument(type, documentId, locale, { purge: false })
      .catch((e: Error) => this.logger.warn(`Could not follow another replica's change of ${type} ${documentId}: ${e.message}`));
  }
}
