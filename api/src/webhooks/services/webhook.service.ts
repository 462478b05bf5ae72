import { Injectable, Logger } from '@nestjs/common';
import { contentTypeNameOf, purgeTagsFor, webhookPayloadSchema, type ContentTypeName } from '@clinic/shared';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';

export type WebhookResult =
  | { action: 'ignored'; reason: string }
  | { action: 'purged'; tags: string[]; l1Entries: number; l2Entries: number; replicasConfirmed: number; replicasExpected: number };

export class InvalidWebhookPayload extends Error {}

const PUBLIC_CHANGES = new Set(['entry.publish', 'entry.unpublish', 'entry.delete']);
/** Types whose documents change which cities a site serves. */
const SITE_SHAPING: ReadonlySet<ContentTypeName> = new Set(['site', 'location']);

/**
 * Turns a Strapi webhook into a precise purge. Draft saves change nothing public and purge nothing;
 * events the gateway does not know are acknowledged and ignored (Strapi would not retry anyway).
 */
@Injectable()
export class WebhookService {
  private readonly logger = new Logger('Webhook');

  constructor(
    private readonly cache: ResponseCacheService,
    private readonly registry: SiteRegistryService,
  ) {}

  async handle(body: unknown): Promise<WebhookResult> {
    const parsed = webhookPayloadSchema.safeParse(body);
    if (!parsed.success) throw new InvalidWebhookPayload('The webhook body is not a Strapi webhook payload');
    const { event, uid, model, entry } = parsed.data;

    if (event === 'media.update' || event === 'media.delete') {
      // Media carries no back-references to the pages using it; a replaced image is rare enough to clear all.
      await this.cache.clear();
      return { action: 'purged', tags: ['*'], l1Entries: -1, l2Entries: -1, replicasConfirmed: 0, replicasExpected: 0 };
    }
    if (!event.startsWith('entry.')) return { action: 'ignored', reason: `event ${event} changes no content` };

    const type = contentTypeNameOf(uid ?? `api::${model}.${model}`);
    if (!type) return { action: 'ignored', reason: `content type ${uid ?? model} is not served` };
    if (!entry?.documentId) throw new InvalidWebhookPayload('entry.documentId is required for entry events');

    const isPublicChange = PUBLIC_CHANGES.has(event) || ((event === 'entry.update' || event === 'entry.create') && !!entry.publishedAt);
    if (!isPublicChange) return { action: 'ignored', reason: `${event} of a draft changes nothing public` };

    const tags = purgeTagsFor(type, entry.documentId, entry.slug);
    if (SITE_SHAPING.has(type)) await this.registry.refresh().catch((e: Error) => this.logger.warn(`Site refresh failed: ${e.message}`));
    const result = await this.cache.purge(tags);
    this.logger.log(`${event} ${type} ${entry.documentId}: purged ${result.l1Entries} local entries`);
    return { action: 'purged', tags, ...result };
  }
}
