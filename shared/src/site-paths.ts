import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';
import { isValidSlug } from './slug';

/**
 * The public URL scheme of every clinic site (documented in the README):
 *   /<city>                  city page            (/es/<city> in Spanish)
 *   /procedures/<procedure>  procedure article    (/es/procedures/<procedure>)
 *   /<city>/<procedure>      landing page         (/es/<city>/<procedure>)
 *   /clinics/<clinic>        clinic page          (/es/clinics/<clinic>)
 * The default locale has no prefix.
 */
const prefix = (locale: Locale) => (locale === DEFAULT_LOCALE ? '' : `/${locale}`);

export const sitePaths = {
  home: (locale: Locale = DEFAULT_LOCALE) => prefix(locale) || '/',
  location: (city: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/${city}`,
  procedure: (procedure: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/procedures/${procedure}`,
  landingPage: (city: string, procedure: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/${city}/${procedure}`,
  clinic: (clinic: string, locale: Locale = DEFAULT_LOCALE) => `${prefix(locale)}/clinics/${clinic}`,
};

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
  if (segments.length === 1) return { page: 'location', locale, city: segments[0] };
  if (segments[0] === 'procedures') return { page: 'procedure', locale, procedure: segments[1] };
  if (segments[0] === 'clinics') return { page: 'clinic', locale, clinic: segments[1] };
  return { page: 'landingPage', locale, city: segments[0], procedure: segments[1] };
}

/** The path of a parsed page. */
export function pathOf(page: SitePage): string {
  if (page.page === 'procedure') return sitePaths.procedure(page.procedure, page.locale);
  if (page.page === 'location') return sitePaths.location(page.city, page.locale);
  if (page.page === 'clinic') return sitePaths.clinic(page.clinic, page.locale);
  return sitePaths.landingPage(page.city, page.procedure, page.locale);
}
