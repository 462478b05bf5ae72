import type { Core } from '@strapi/strapi';
import type { Locale, UniquenessPageView } from '@clinic/shared';
import { askGateway, GATEWAY_UNREACHABLE, previewLink, sitePreviewToken, workbenchConfig } from '../utils/gateway.util';

/** One landing page as the gateway scores it, with its preview link. */
export type WeakPage = UniquenessPageView & { previewUrl: string };

export interface WeakestPages {
  site: { slug: string; name: string };
  locale: Locale;
  /** The site's threshold in force; absent with `error`. */
  threshold?: number;
  /** Weakest first, as the gateway orders them; absent when the gateway could not answer (then `error` says why). */
  pages?: WeakPage[];
  error?: string;
}

/**
 * A site's landing pages in one locale, weakest first: the gateway's `/uniqueness/<site>` answer as it is (the
 * scores, the order and the verdicts are the gateway's, from the published catalogue), with a preview link per page.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async weakest(site: { slug: string; name: string }, locale: Locale): Promise<WeakestPages> {
    const config = workbenchConfig(strapi);
    const token = sitePreviewToken(site.slug);
    const answer = await askGateway(strapi, config, `/uniqueness/${encodeURIComponent(site.slug)}?${new URLSearchParams({ token, locale })}`, site.slug);
    if (!answer.reached) return { site, locale, error: GATEWAY_UNREACHABLE };
    const { status, ok, body } = answer;
    // The edge answers 404 for a site it does not serve: a draft site has no published pages to score yet.
    if (status === 404) return { site, locale, error: 'The gateway does not serve this site yet: publish it to see its pages’ scores.' };
    if (!ok || !Array.isArray(body?.pages) || typeof body?.threshold !== 'number') {
      return { site, locale, error: body?.errors?.[0]?.message ?? `The gateway answered ${status}.` };
    }
    return {
      site,
      locale,
      threshold: body.threshold,
      pages: body.pages.map((p: Omit<WeakPage, 'previewUrl'>) => ({ ...p, previewUrl: previewLink(config, site.slug, p.path, token) })),
    };
  },
});
