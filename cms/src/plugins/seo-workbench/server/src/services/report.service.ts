import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, signPreviewToken, type ContentTypeName, type Locale } from '@clinic/shared';
import { PREVIEW_TOKEN_TTL_SECONDS } from '../../../../../utils/preview';
import { secret } from '../../../../../utils/secrets';
import { PLUGIN } from '../utils/constants';

export interface WorkbenchConfig {
  /** Where this process reaches the gateway (GATEWAY_URL, as the webhook). */
  gatewayUrl: string;
  /** Where the editor's browser opens previews (the website's when WEB_PUBLIC_URL is set, as the preview button). */
  previewOrigin: string;
  timeoutMs: number;
}

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
    const config = strapi.config.get(`plugin::${PLUGIN}`) as WorkbenchConfig;
    // Draft sites too: a site about to go live is asked, and answers 404 until it is published.
    const sites = await strapi.documents(CONTENT_TYPES.site.uid as any).findMany({ status: 'draft', fields: ['slug', 'name'], sort: ['slug:asc'], limit: 100 });
    const previewSecret = secret('PREVIEW_SECRET');
    const reports = await Promise.all(
      sites
        .filter((s: any) => typeof s.slug === 'string' && s.slug)
        .map(async (s: any): Promise<SiteReport | null> => {
          const token = signPreviewToken(previewSecret, s.slug, PREVIEW_TOKEN_TTL_SECONDS);
          const site = encodeURIComponent(s.slug);
          const query = new URLSearchParams({ token, type, documentId, ...(locale ? { locale } : {}) });
          let res: Response;
          try {
            res = await fetch(`${config.gatewayUrl}/workbench/${site}/report?${query}`, { signal: AbortSignal.timeout(config.timeoutMs) });
          } catch (error) {
            strapi.log.warn(`[seo-workbench] gateway unreachable for ${s.slug}: ${(error as Error).name}`);
            return { site: { slug: s.slug, name: s.name }, error: 'The gateway could not be reached; try again in a moment.' };
          }
          const body: any = await res.json().catch(() => null);
          // A site the gateway does not know (not published yet) shows nothing.
          if (res.status === 404) return null;
          if (!res.ok || !Array.isArray(body?.pages)) {
            return { site: { slug: s.slug, name: s.name }, error: body?.errors?.[0]?.message ?? `The gateway answered ${res.status}.` };
          }
          return {
            site: body.site,
            pages: body.pages.map((p: any) => ({ ...p, previewUrl: `${config.previewOrigin}/preview/${site}${p.path}?token=${encodeURIComponent(token)}` })),
          };
        }),
    );
    return { sites: reports.filter((r): r is SiteReport => !!r && (!!r.error || !!r.pages?.length)) };
  },
});
