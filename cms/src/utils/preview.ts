import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, DEFAULT_LOCALE, isLocale, signPreviewToken, sitePaths, urlSlug, type Locale } from '@clinic/shared';
import { docs } from './docs';

/** Lifetime of the preview tokens the admin hands out (the gateway accepts at most 15 minutes). */
export const PREVIEW_TOKEN_TTL_SECONDS = 900;
export const DEFAULT_GATEWAY_PUBLIC_URL = 'http://localhost:4000';

export const gatewayPublicUrl = (value?: string | null): string => (value?.trim() ? value.trim() : DEFAULT_GATEWAY_PUBLIC_URL).replace(/\/+$/, '');

/**
 * Origin of the preview pages: the clinic website's when configured (web/ serves `/preview/<site>/<path>`
 * with the same path and token as the gateway), else the gateway's own preview page.
 */
export const previewOrigin = (webPublicUrl: string | null | undefined, gatewayOrigin: string): string => (webPublicUrl?.trim() ? webPublicUrl.trim().replace(/\/+$/, '') : gatewayOrigin);

const { procedure: PROCEDURE, location: LOCATION, site: SITE, clinic: CLINIC, landingPage: LANDING_PAGE } = CONTENT_TYPES;

/**
 * First site (by slug) that serves one of the given locations. Sites are looked up in their draft
 * version: every document has one, and draft relations also reach locations that were never published.
 */
async function firstSiteServing(strapi: Core.Strapi, locationDocumentIds: string[]): Promise<string | null> {
  const ids = [...new Set(locationDocumentIds.filter(Boolean))];
  if (ids.length === 0) return null;
  const sites = await docs(strapi, SITE.uid).findMany({
    status: 'draft',
    fields: ['slug'],
    filters: { locations: { documentId: { $in: ids } }, slug: { $notNull: true } },
    sort: ['slug:asc'],
    limit: 1,
  });
  return sites[0]?.slug || null;
}

async function findDoc(strapi: Core.Strapi, uid: string, documentId: string, locale: Locale, status: string | undefined, populate?: unknown) {
  const wanted = status === 'published' ? 'published' : 'draft';
  const params = { documentId, locale, ...(populate ? { populate } : {}) };
  return (await docs(strapi, uid).findOne({ ...params, status: wanted })) ?? (await docs(strapi, uid).findOne({ ...params, status: wanted === 'draft' ? 'published' : 'draft' }));
}

/**
 * The preview URL (website or gateway origin, see previewOrigin) for a procedure, location or landing-page document, or null when the
 * document is of another type, has no slug yet, or no site shows it.
 *   location     → <gateway>/preview/<site>/<city>
 *   procedure    → <gateway>/preview/<site>/procedures/<procedure>
 *   landing page → <gateway>/preview/<site>/<city>/<procedure>
 * prefixed with /es for Spanish, with a signed, site-bound token valid for 15 minutes.
 */
export async function previewUrl(
  strapi: Core.Strapi,
  uid: string,
  { documentId, locale, status }: { documentId: string; locale?: string | null; status?: string | null },
  { gatewayOrigin, previewSecret }: { gatewayOrigin: string; previewSecret: string },
): Promise<string | null> {
  if (!documentId) return null;
  const lang: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  let site: string | null = null;
  let path: string | null = null;

  if (uid === LOCATION.uid) {
    const location = await findDoc(strapi, uid, documentId, lang, status);
    if (!location?.slug) return null;
    site = await firstSiteServing(strapi, [location.documentId]);
    path = sitePaths.location(urlSlug({ ...location, locale: lang }), lang);
  } else if (uid === PROCEDURE.uid) {
    const procedure = await findDoc(strapi, uid, documentId, lang, status);
    if (!procedure?.slug) return null;
    const clinics = await docs(strapi, CLINIC.uid).findMany({
      status: 'draft',
      fields: ['slug'],
      filters: { procedures: { documentId } },
      populate: { location: { fields: ['documentId'] } },
    });
    site = await firstSiteServing(
      strapi,
      clinics.map((clinic) => clinic.location?.documentId),
    );
    path = sitePaths.procedure(urlSlug({ ...procedure, locale: lang }), lang);
  } else if (uid === LANDING_PAGE.uid) {
    const page = await findDoc(strapi, uid, documentId, lang, status, {
      // The related documents in the page's locale: their URL slugs there.
      procedure: { fields: ['slug', 'localeSlug'] },
      location: { fields: ['slug', 'localeSlug'] },
    });
    if (!page?.procedure?.slug || !page?.location?.slug) return null;
    site = await firstSiteServing(strapi, [page.location.documentId]);
    path = sitePaths.landingPage(urlSlug({ ...page.location, locale: lang }), urlSlug({ ...page.procedure, locale: lang }), lang);
  } else {
    return null;
  }

  if (!site || !path) return null;
  const token = signPreviewToken(previewSecret, site, PREVIEW_TOKEN_TTL_SECONDS);
  return `${gatewayOrigin}/preview/${encodeURIComponent(site)}${path}?token=${encodeURIComponent(token)}`;
}
