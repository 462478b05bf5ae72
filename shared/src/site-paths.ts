import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from './locales';
import { isValidSlug } from './slug';

/**
 * The public URL scheme of every clinic site (documented in the README):
 *   /<city>                  city page            (/es/<city> in Spanish)
 *   /procedures/<procedure>  procedure article    (/es/procedures/<procedure>)
 *   /<city>/<procedure>      landing page         (/es/<city>/<procedure>)
 *   /clinics/<clinic>        clinic page          (/es/clinics/<clinic>)
 * The default locale has no prefix. A procedure's and a city's slug may differ per locale
 * (`/es/chicago/cifoplastia`): the paths take the slug of their own locale (`urlSlug`, below).
 */
const prefix = (locale: Locale) => (locale === DEFAULT_LOCALE ? '' : `/${locale}`);

export const sitePaths = {
  home: (locale: Locale = DEFAULT_LOCALE) => prefix(locale) || '/',
  location: (city: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/${city}`,
  procedure: (procedure: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/procedures/${procedure}`,
  landingPage: (city: string, procedure: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/${city}/${procedure}`,
  clinic: (clinic: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/clinics/${clinic}`,
};

/**
 * First segments the scheme reads as something other than a city: a city slug may not be one, or its
 * pages would not parse back (`/procedures` is not a city page, `/es` is the Spanish home page).
 */
export const RESERVED_CITY_SLUGS: readonly string[] = ['procedures', 'clinics', ...LOCALES];

export const isReservedCitySlug = (slug: string) => RESERVED_CITY_SLUGS.includes(slug);

/** The slugs a procedure's or city's URLs are built from, as Strapi stores them in one locale. */
export interface LocalizedSlug {
  /** The English slug, the same in every locale (the document's identity in the slug history). */
  slug?: string | null;
  /** This locale's own slug (not in English); empty: the locale's URLs use the English slug. */
  localeSlug?: string | null;
  locale?: string | null;
}

/** The slug of a procedure's or city's URLs in the document's locale: its own slug there, else the English one. */
export function urlSlug(doc: LocalizedSlug & { slug: string }): string {
  return (doc.locale && doc.locale !== DEFAULT_LOCALE && doc.localeSlug) || doc.slug;
}

/**
 * The URL slug in each locale a document exists in (itself and its localizations): what hreflang alternates
 * and language switches link to. A localization read without its slugs falls back to the English slug.
 */
export function urlSlugs(doc: LocalizedSlug & { slug: string; localizations?: Array<LocalizedSlug & { locale: string }> }): Map<Locale, string> {
  const slugs = new Map<Locale, string>();
  for (const l of doc.localizations ?? []) if (isLocale(l.locale)) slugs.set(l.locale, urlSlug({ ...l, slug: l.slug || doc.slug }));
  slugs.set(isLocale(doc.locale) ? doc.locale : DEFAULT_LOCALE, urlSlug(doc));
  return slugs;
}

/** Every URL slug of a site's cities, in any locale: the first segment of each city page the site has. */
export function citySlugsOf(locations: Array<{ slug?: string | null; localizations?: Array<{ locale: string; localeSlug?: string | null }> }>): Set<string> {
  const slugs = new Set<string>();
  for (const l of locations) {
    slugs.add(l.slug ?? '');
    for (const own of l.localizations ?? []) if (own.locale !== DEFAULT_LOCALE && own.localeSlug) slugs.add(own.localeSlug);
  }
  return slugs;
}

/** Joins a site origin (`https://example.com`, no trailing slash needed) and a path into an absolute URL. */
export function absoluteUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** A site path read back into the page it names (the inverse of `sitePaths`). */
export type SitePage =
  | { page: 'procedure'; locale: Locale; procedure: string }
  | { page: 'location'; locale: Locale; city: string }
  | { page: 'landingPage'; locale: Locale; city: string; procedure: string }
  | { page: 'clinic'; locale: Locale; clinic: string };

/** Parses `/[es/]…` by the URL scheme above; undefined for anything that is not one of its pages. */
export function parseSitePath(path: string): SitePage | undefined {
  const segments = path.split('/').filter(Boolean);
  let locale: Locale = DEFAULT_LOCALE;
  if (segments[0] !== DEFAULT_LOCALE && (LOCALES as readonly string[]).includes(segments[0])) locale = segments.shift() as Locale;
  if (!segments.length || segments.length > 2 || !segments.every(isValidSlug)) return undefined;
  if (segments.length === 1) return isReservedCitySlug(segments[0]) ? undefined : { page: 'location', locale, city: segments[0] };
  if (segments[0] === 'procedures') return { page: 'procedure', locale, procedure: segments[1] };
  if (segments[0] === 'clinics') return { page: 'clinic', locale, clinic: segments[1] };
  if (isReservedCitySlug(segments[0])) return undefined;
  return { page: 'landingPage', locale, city: segments[0], procedure: segments[1] };
}

/** The path of a parsed page. */
export function pathOf(page: SitePage): string {
  if (page.page === 'procedure') return sitePaths.procedure(page.procedure, page.locale);
  if (page.page === 'location') return sitePaths.location(page.city, page.locale);
  if (page.page === 'clinic') return sitePaths.clinic(page.clinic, page.locale);
  return sitePaths.landingPage(page.city, page.procedure, page.locale);
}
