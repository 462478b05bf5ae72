import { Injectable, Logger } from '@nestjs/common';
import { contentTypeNameOf, REDIRECTS_UPDATE_EVENT, webhookPayloadSchema } from '@clinic/shared';
import { FACTS } from '../../invalidation/facts/fact-registry.js';
import { isWidePurge } from '../../invalidation/utils/catalogue-facts.util.js';
import { CatalogueIndexService } from './catalogue-index.service.js';
import { CatalogueSyncService } from './catalogue-sync.service.js';

export type WebhookResult = { action: 'ignored'; reason: string } | { action: 'purged'; tags: string[]; soft: boolean; l1Entries: number };

export class InvalidWebhookPayload extends Error {}

const PUBLIC_CHANGES = new Set(['entry.publish', 'entry.unpublish', 'entry.delete']);

/**
 * Turns a Strapi webhook into an exact purge: the catalogue index re-reads the named document and
 * purges the facts that moved (its fields, slugs, memberships). Draft saves change nothing public
 * and purge nothing; events the gateway does not know are acknowledged and ignored (Strapi would
 * not retry anyway).
 */
@Injectable()
export class WebhookService {
  private readonly logger = new Logger('Webhook');

  constructor(
    private readonly catalogue: CatalogueIndexService,
    private readonly sync: CatalogueSyncService,
  ) {}

  async handle(body: unknown): Promise<WebhookResult> {
    const parsed = webhookPayloadSchema.safeParse(body);
    if (!parsed.success) throw new InvalidWebhookPayload('The webhook body is not a Strapi webhook payload');
    const { event, uid, model, entry, media, site } = parsed.data;

    if (event === REDIRECTS_UPDATE_EVENT) {
      // One event per change of a site's redirect table (a CSV import of thousands of rows included): that
      // site's redirect answers go, nothing else. Every replica hears of it through the cache's purge.
      if (!site) throw new InvalidWebhookPayload('site.slug is required for redirects.update');
      const tags: string[] = [FACTS.redirectTable.tag(site.slug)];
      const { l1Entries } = await this.catalogue.purge(tags, false);
      this.logger.log(`${event} ${site.slug}: purged ${l1Entries} local entries`);
      return { action: 'purged', tags, soft: false, l1Entries };
    }

    if (event === 'media.update' || event === 'media.delete') {
      // Pages carry the ids of the files they show; a shared file may be on many pages: serve stale while they rebuild.
      const id = media?.id ?? entry?.id;
      if (id === undefined) throw new InvalidWebhookPayload('media.id is required for media events');
      const tags: string[] = [FACTS.media.tag(id)];
      const soft = isWidePurge(tags);
      const { l1Entries } = await this.catalogue.purge(tags, soft);
      return { action: 'purged', tags, soft, l1Entries };
    }
    if (!event.startsWith('entry.')) return { action: 'ignored', reason: `event ${event} changes no content` };

    const type = contentTypeNameOf(uid ?? `api::${model}.${model}`);
    if (!type) return { action: 'ignored', reason: `content type ${uid ?? model} is not served` };
    if (!entry?.documentId) throw new InvalidWebhookPayload('entry.documentId is required for entry events');

    const isPublicChange = PUBLIC_CHANGES.has(event) || ((event === 'entry.update' || event === 'entry.create') && !!entry.publishedAt);
    if (!isPublicChange) return { action: 'ignored', reason: `${event} of a draft changes nothing public` };

    const report = await this.catalogue.refreshDocument(type, entry.documentId, entry.locale, { slug: entry.slug, localeSlug: entry.localeSlug });
    this.sync.announce(type, entry.documentId, entry.locale);
    this.logger.log(`${event} ${type} ${entry.documentId}: ${report.tags.length} fact(s) moved, purged ${report.l1Entries} local entries`);
    return { action: 'purged', ...report };
  }
}
