import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, type ContentTypeName, type Locale } from '@clinic/shared';
import { askGateway, GATEWAY_UNREACHABLE, previewLink, sitePreviewToken, workbenchConfig } from '../utils/gateway.util';

export interface SiteReport {
  site: { slug: string; name: string; domain?: string };
  /** The gateway's pages, each with the link to its preview; absent when the site could not be asked. */
  pages?: Array<Record<string, unknown> & { path: string; previewUrl: string }>;
  error?: string;
}

/**
 * Asks the gateway, once per site, for the pages the document appears on there (the gateway alone
 * composes titles, canonical URLs and hreflang: nothing of that is worked out here). Each request
 * carries a preview token of that site, minted as the preview button mints them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async report(type: ContentTypeName, documentId: string, locale?: Locale): Promise<{ sites: SiteReport[] }> {
    const config = workbenchConfig(strapi);
    // Draft sites too: a site about to go live is asked, and answers 404 until it is published.
    const sites = await strapi.documents(CONTENT_TYPES.site.uid as any).findMany({ status: 'draft', fields: ['slug', 'name'], sort: ['slug:asc'], limit: 100 });
    const reports = await Promise.all(
      sites
        .filter((s: any) => typeof s.slug === 'string' && s.slug)
        .map(async (s: any): Promise<SiteReport | null> => {
          const token = sitePreviewToken(s.slug);
          const query = new URLSearchParams({ token, type, documentId, ...(locale ? { locale } : {}) });
          const answer = await askGateway(strapi, config, `/workbench/${encodeURIComponent(s.slug)}/report?${query}`, s.slug);
          if (!answer.reached) return { site: { slug: s.slug, name: s.name }, error: GATEWAY_UNREACHABLE };
          const { status, ok, body } = answer;
          // A site the gateway does not know (not published yet) shows nothing.
          if (status === 404) return null;
          if (!ok || !Array.isArray(body?.pages)) {
            return { site: { slug: s.slug, name: s.name }, error: body?.errors?.[0]?.message ?? `The gateway answered ${status}.` };
          }
          return {
            site: body.site,
            pages: body.pages.map((p: any) => ({ ...p, previewUrl: previewLink(config, s.slug, p.path, token) })),
          };
        }),
    );
    return { sites: reports.filter((r): r is SiteReport => !!r && (!!r.error || !!r.pages?.length)) };
  },
});
