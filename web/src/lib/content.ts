import { cache } from 'react';
import { headers } from 'next/headers';
import type { Locale } from '@clinic/shared';
import { ClinicQuery, HomeQuery, LandingPageQuery, LocationQuery, ProcedureQuery } from '../graphql/documents';
import { execute } from './gateway-client';
import { configuredSites, siteBySlug, siteForHost, type SiteConfig } from './sites';

/** The site of the current request: by Host, or (preview) by the slug in the URL. */
export const currentSite = cache(async (): Promise<SiteConfig> => {
  const h = await headers();
  return siteForHost(configuredSites(), h.get('host'), process.env.DEFAULT_SITE);
});

export const previewSite = (slug: string): SiteConfig | undefined => siteBySlug(configuredSites(), slug);

/**
 * One gateway call per page and request: `generateMetadata` and the page share it through React's
 * request cache. `previewToken` switches to the editor's draft view.
 */
export const landingPage = cache((site: SiteConfig, procedure: string, location: string, locale: Locale, previewToken?: string) =>
  execute(site, LandingPageQuery, { procedure, location, locale }, { previewToken }),
);
export const procedurePage = cache((site: SiteConfig, slug: string, locale: Locale, previewToken?: string) => execute(site, ProcedureQuery, { slug, locale }, { previewToken }));
export const locationPage = cache((site: SiteConfig, slug: string, locale: Locale, previewToken?: string) => execute(site, LocationQuery, { slug, locale }, { previewToken }));
export const clinicPage = cache((site: SiteConfig, slug: string, locale: Locale, previewToken?: string) => execute(site, ClinicQuery, { slug, locale }, { previewToken }));
export const homePage = cache((site: SiteConfig, locale: Locale, previewToken?: string) => execute(site, HomeQuery, { locale }, { previewToken }));
