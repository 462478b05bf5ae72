import type { Core } from '@strapi/strapi';
import { REDIRECT_CONTENT_TYPE, REDIRECTS_UPDATE_EVENT, type RedirectKind } from '@clinic/shared';

const REDIRECT = REDIRECT_CONTENT_TYPE.uid;
const SITE = 'api::site.site';

export interface SiteRef {
  documentId: string;
  slug: string;
}

export interface StoredRedirect {
  id: number;
  documentId: string;
  fromPath: string;
  toPath: string | null;
  kind: RedirectKind;
}

/** A site by document id or slug (any version: the relation may point at a draft row). */
export async function findSite(strapi: Core.Strapi, ref: { id?: number; documentId?: string; slug?: string }): Promise<SiteRef | null> {
  const where = ref.id !== undefined ? { id: ref.id } : ref.documentId ? { documentId: ref.documentId } : ref.slug ? { slug: ref.slug } : null;
  if (!where) return null;
  const row = await strapi.db.query(SITE as any).findOne({ where, select: ['documentId', 'slug'] });
  return row ? { documentId: row.documentId, slug: row.slug } : null;
}

/** Every redirect of a site, as stored (the loop and duplicate checks read the whole table: one query). */
export async function siteRedirects(strapi: Core.Strapi, siteDocumentId: string): Promise<StoredRedirect[]> {
  const rows = await strapi.db.query(REDIRECT as any).findMany({
    where: { site: { documentId: siteDocumentId } },
    select: ['id', 'documentId', 'fromPath', 'toPath', 'kind'],
  });
  return rows as StoredRedirect[];
}

/**
 * Tells the gateway (through the webhook) that a site's redirect table changed: one event per change or
 * per CSV import, whatever the number of rows, so the gateway purges that site's redirect answers only.
 */
export function announceRedirectTable(strapi: Core.Strapi, site: SiteRef): void {
  void strapi.eventHub.emit(REDIRECTS_UPDATE_EVENT, { site: { documentId: site.documentId, slug: site.slug } });
}
