import type { Locale } from '@clinic/shared';
import type { ClinicQuery, HomeQuery, LandingPageQuery, LocationQuery, ProcedureQuery } from '../gql/graphql';
import { clinicPage, homePage, landingPage, locationPage, procedurePage } from './content';
import type { PreviewContext } from './links';
import type { Target } from './routing';
import type { SiteConfig } from './sites';

/** What `<head>` shows: the gateway's SEO payload. */
export interface PageSeo {
  title: string;
  description: string;
  canonicalUrl: string;
  robots: string;
  jsonLd?: string;
  ogImage?: string | null;
  alternates: Array<{ hreflang: string; url: string }>;
}

type Landing = NonNullable<LandingPageQuery['landingPage']>;
type Procedure = NonNullable<ProcedureQuery['procedure']>;
type Location = NonNullable<LocationQuery['location']>;
type ClinicPageData = NonNullable<ClinicQuery['clinic']>;

/** One page's data, by kind: what the views in components/pages render. */
export type PageData = { locale: Locale; siteName: string; seo: PageSeo } & (
  | { page: 'landingPage'; landing: Landing }
  | { page: 'procedure'; procedure: Procedure }
  | { page: 'location'; location: Location }
  | { page: 'clinic'; clinic: ClinicPageData }
  | { page: 'home'; home: HomeQuery }
);

/** Loads what the gateway has for the target (null: no such page for this site and language). */
export async function loadPageData(target: Target, site: SiteConfig, preview?: PreviewContext): Promise<PageData | null> {
  const { locale } = target;
  const token = preview?.token;
  switch (target.page) {
    case 'landingPage': {
      const data = await landingPage(site, target.procedure, target.city, locale, token);
      const landing = data.landingPage;
      return landing ? { page: 'landingPage', locale, siteName: data.site.name, seo: landing.seo, landing } : null;
    }
    case 'procedure': {
      const data = await procedurePage(site, target.procedure, locale, token);
      const procedure = data.procedure;
      return procedure ? { page: 'procedure', locale, siteName: data.site.name, seo: procedure.seo, procedure } : null;
    }
    case 'location': {
      const data = await locationPage(site, target.city, locale, token);
      const location = data.location;
      return location ? { page: 'location', locale, siteName: data.site.name, seo: location.seo, location } : null;
    }
    case 'clinic': {
      const data = await clinicPage(site, target.clinic, locale, token);
      const clinic = data.clinic;
      return clinic ? { page: 'clinic', locale, siteName: data.site.name, seo: clinic.seo, clinic } : null;
    }
    case 'home': {
      const home = await homePage(site, locale, token);
      return { page: 'home', locale, siteName: home.site.name, seo: home.homePage.seo, home };
    }
  }
}
