import { versionedMediaUrl } from '../utils/media-url.util.js';
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCALE,
  LOCALES,
  LOCALE_LANGUAGE_TAG,
  META_DESCRIPTION_MAX,
  META_TITLE_MAX,
  absoluteUrl,
  sitePaths,
  truncateAtWord,
  urlSlug,
  urlSlugs,
  type Locale,
  type SeoComponent,
  type StrapiClinic,
  type StrapiLandingPage,
  type StrapiLocation,
  type StrapiProcedure,
} from '@clinic/shared';
import type { SiteInfo } from '../../sites/types/site.types.js';
import type { HreflangAlternate, Seo } from '../models/seo.model.js';
import {
  breadcrumbNode,
  clinicEntityId,
  faqPageNode,
  jsonLdGraph,
  medicalClinicNode,
  medicalOrganizationNode,
  medicalProcedureNode,
  medicalWebPageNode,
  organizationEntityId,
} from '../utils/json-ld.util.js';
import { PHRASES } from '../utils/phrases.util.js';
import { plainText } from '../utils/plain-text.util.js';

/** Locales a document exists in (itself plus its published localizations), in LOCALES order. */
export function localesOf(doc: { locale?: string | null; localizations: Array<{ locale: string }> }): Locale[] {
  const have = new Set([doc.locale ?? DEFAULT_LOCALE, ...doc.localizations.map((l) => l.locale)]);
  return LOCALES.filter((l) => have.has(l));
}

/**
 * Turns content into finished SEO payloads: titles and descriptions within Google's limits (editor's
 * values win), canonical URLs on the calling site's domain, hreflang alternates for the locales that
 * exist, and schema.org JSON-LD.
 */
@Injectable()
export class SeoService {
  /** The home page: the site's name, and the clinic group as a MedicalOrganization (the node every clinic names as parent). */
  homePage(site: SiteInfo, locale: Locale): Seo {
    const url = absoluteUrl(site.domain, sitePaths.home(locale));
    const title = this.title(undefined, [site.name]);
    const description = this.description(undefined, [PHRASES[locale].siteSummary(site.name)]);
    const jsonLd = jsonLdGraph([
      medicalWebPageNode(url, title, description, locale, undefined, { about: { '@id': organizationEntityId(site) } }),
      medicalOrganizationNode(site, locale),
      breadcrumbNode(url, [{ name: site.name, url }]),
    ]);
    return this.payload(
      undefined,
      title,
      description,
      url,
      jsonLd,
      this.alternates(site, [...LOCALES], (l) => sitePaths.home(l)),
    );
  }

  procedurePage(site: SiteInfo, procedure: StrapiProcedure, locale: Locale): Seo {
    const path = sitePaths.procedure(urlSlug(procedure), locale);
    const url = this.canonical(site, procedure.seo, path);
    const title = this.title(procedure.seo, [`${procedure.title} | ${site.name}`, procedure.title]);
    const description = this.description(procedure.seo, [procedure.summary, procedure.body]);
    const jsonLd = jsonLdGraph([
      medicalWebPageNode(url, title, description, locale, procedure),
      medicalProcedureNode(procedure, url),
      faqPageNode(url, procedure.faqs),
      breadcrumbNode(url, [
        { name: site.name, url: absoluteUrl(site.domain, sitePaths.home(locale)) },
        { name: procedure.title, url },
      ]),
    ]);
    const slugs = urlSlugs(procedure);
    const alternates = this.alternates(site, localesOf(procedure), (l) => sitePaths.procedure(slugs.get(l)!, l));
    return this.payload(procedure.seo, title, description, url, jsonLd, alternates);
  }

  locationPage(site: SiteInfo, location: StrapiLocation, clinics: StrapiClinic[], locale: Locale): Seo {
    const path = sitePaths.location(urlSlug(location), locale);
    const url = this.canonical(site, location.seo, path);
    const place = `${location.city}, ${location.state}`;
    const say = PHRASES[locale];
    const title = this.title(location.seo, [`${say.spineCareIn(place)} | ${site.name}`, say.spineCareIn(place)]);
    const description = this.description(location.seo, [location.intro]);
    const jsonLd = jsonLdGraph([
      medicalWebPageNode(url, title, description, locale, undefined),
      ...clinics.map((c) => medicalClinicNode(site, c, locale)),
      breadcrumbNode(url, [
        { name: site.name, url: absoluteUrl(site.domain, sitePaths.home(locale)) },
        { name: location.city, url },
      ]),
    ]);
    const slugs = urlSlugs(location);
    const alternates = this.alternates(site, localesOf(location), (l) => sitePaths.location(slugs.get(l)!, l));
    return this.payload(location.seo, title, description, url, jsonLd, alternates);
  }

  landingPage(
    site: SiteInfo,
    parts: {
      procedure: StrapiProcedure;
      location: StrapiLocation;
      clinics: StrapiClinic[];
      override: StrapiLandingPage | null;
      faqs: Array<{ question: string; answer: string }>;
      h1: string;
      intro: string;
      locales: Locale[];
      /** Below the site's uniqueness threshold: noindex, canonical to the procedure page (uniqueness/). */
      thin?: boolean;
    },
    locale: Locale,
  ): Seo {
    const { procedure, location, clinics, override } = parts;
    const path = sitePaths.landingPage(urlSlug(location), urlSlug(procedure), locale);
    const url = this.canonical(site, override?.seo, path);
    const place = `${location.city}, ${location.state}`;
    const say = PHRASES[locale];
    const title = this.title(override?.seo, [
      `${say.procedureIn(procedure.title, place)} | ${site.name}`,
      say.procedureIn(procedure.title, place),
      say.procedureIn(procedure.title, location.city),
    ]);
    const description = this.description(override?.seo, [`${plainText(parts.intro)} ${plainText(procedure.summary)}`, procedure.summary]);
    const cityUrl = absoluteUrl(site.domain, sitePaths.location(urlSlug(location), locale));
    const jsonLd = jsonLdGraph([
      medicalWebPageNode(url, title, description, locale, procedure, {
        mentions: clinics.map((c) => ({ '@id': clinicEntityId(site, c.slug) })),
      }),
      medicalProcedureNode(procedure, url),
      ...clinics.map((c) => medicalClinicNode(site, c, locale)),
      faqPageNode(url, parts.faqs),
      breadcrumbNode(url, [
        { name: site.name, url: absoluteUrl(site.domain, sitePaths.home(locale)) },
        { name: location.city, url: cityUrl },
        { name: procedure.title, url },
      ]),
    ]);
    const links = this.landingPageLinks(site, parts, locale);
    const seo = this.payload(override?.seo, title, description, url, jsonLd, links.alternates);
    return parts.thin ? { ...seo, canonicalUrl: links.canonicalUrl, robots: 'noindex, follow' } : seo;
  }

  /**
   * A landing page's canonical URL and hreflang alternates, as `landingPage` gives them: what its sitemap entry
   * needs, without the title, description and JSON-LD (a sitemap lists every landing page of the site).
   */
  landingPageLinks(
    site: SiteInfo,
    parts: { procedure: StrapiProcedure; location: StrapiLocation; override: StrapiLandingPage | null; locales: Locale[]; thin?: boolean },
    locale: Locale,
  ): Pick<Seo, 'canonicalUrl' | 'alternates'> {
    const { procedure, location, override } = parts;
    // A canonical elsewhere takes hreflang with it: alternates of a page that is not indexed would be ignored.
    if (parts.thin) return { canonicalUrl: absoluteUrl(site.domain, sitePaths.procedure(urlSlug(procedure), locale)), alternates: [] };
    const [citySlugs, procedureSlugs] = [urlSlugs(location), urlSlugs(procedure)];
    return {
      canonicalUrl: this.canonical(site, override?.seo, sitePaths.landingPage(urlSlug(location), urlSlug(procedure), locale)),
      alternates: this.alternates(site, parts.locales, (l) => sitePaths.landingPage(citySlugs.get(l)!, procedureSlugs.get(l)!, l)),
    };
  }

  clinicPage(site: SiteInfo, parts: { clinic: StrapiClinic; location: StrapiLocation; procedures: StrapiProcedure[]; locales: Locale[] }, locale: Locale): Seo {
    const { clinic, location, procedures } = parts;
    const { canonicalUrl: url, alternates } = this.clinicPageLinks(site, clinic.slug, parts.locales, locale);
    const place = `${location.city}, ${location.state}`;
    const say = PHRASES[locale];
    const title = this.title(undefined, [`${clinic.name}, ${place} | ${site.name}`, `${clinic.name} | ${site.name}`, clinic.name]);
    const description = this.description(undefined, [
      say.clinicSummary(
        clinic.name,
        place,
        procedures.map((p) => p.title),
      ),
    ]);
    const cityUrl = absoluteUrl(site.domain, sitePaths.location(urlSlug(location), locale));
    const jsonLd = jsonLdGraph([
      medicalWebPageNode(url, title, description, locale, undefined, { about: { '@id': clinicEntityId(site, clinic.slug) } }),
      medicalClinicNode(site, clinic, locale, {
        ...(procedures.length
          ? {
              availableService: procedures.map((p) => ({
                '@type': 'MedicalProcedure',
                name: p.title,
                url: absoluteUrl(site.domain, sitePaths.landingPage(urlSlug(location), urlSlug(p), locale)),
              })),
            }
          : {}),
      }),
      breadcrumbNode(url, [
        { name: site.name, url: absoluteUrl(site.domain, sitePaths.home(locale)) },
        { name: location.city, url: cityUrl },
        { name: clinic.name, url },
      ]),
    ]);
    return this.payload(undefined, title, description, url, jsonLd, alternates);
  }

  /** A clinic page's canonical URL and hreflang alternates (its city's locales): what its sitemap entry needs. */
  clinicPageLinks(site: SiteInfo, slug: string, locales: Locale[], locale: Locale): Pick<Seo, 'canonicalUrl' | 'alternates'> {
    return {
      canonicalUrl: absoluteUrl(site.domain, sitePaths.clinic(slug, locale)),
      alternates: this.alternates(site, locales, (l) => sitePaths.clinic(slug, l)),
    };
  }

  alternates(site: SiteInfo, locales: Locale[], pathFor: (l: Locale) => string): HreflangAlternate[] {
    if (locales.length < 2) return [];
    const list = locales.map((l) => ({ hreflang: LOCALE_LANGUAGE_TAG[l], url: absoluteUrl(site.domain, pathFor(l)) }));
    const fallback = locales.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : locales[0];
    return [...list, { hreflang: 'x-default', url: absoluteUrl(site.domain, pathFor(fallback)) }];
  }

  private payload(seo: SeoComponent | undefined, title: string, description: string, canonicalUrl: string, jsonLd: string, alternates: HreflangAlternate[]): Seo {
    return {
      title,
      description,
      canonicalUrl,
      robots: seo?.noIndex ? 'noindex, nofollow' : 'index, follow',
      jsonLd,
      alternates,
      ogImage: seo?.ogImage ? versionedMediaUrl(seo.ogImage.url, seo.ogImage.updatedAt) : null,
    };
  }

  /** The editor's meta title, else the first candidate that fits, else the last one cut to fit. */
  private title(seo: SeoComponent | undefined, candidates: string[]): string {
    if (seo?.metaTitle?.trim()) return seo.metaTitle.trim();
    const fits = candidates.find((c) => c.length <= META_TITLE_MAX);
    return fits ?? truncateAtWord(candidates[candidates.length - 1], META_TITLE_MAX);
  }

  private description(seo: SeoComponent | undefined, sources: string[]): string {
    if (seo?.metaDescription?.trim()) return seo.metaDescription.trim();
    const text = sources.map(plainText).find((s) => s.length > 0) ?? '';
    return truncateAtWord(text, META_DESCRIPTION_MAX);
  }

  /** Canonical URL: the editor's canonical path if set (still on this site's domain), else the page's own path. */
  private canonical(site: SiteInfo, seo: SeoComponent | undefined, path: string): string {
    const custom = seo?.canonicalPath?.trim();
    return absoluteUrl(site.domain, custom?.startsWith('/') && !custom.startsWith('//') ? custom : path);
  }
}
