import type { ContentTypeName } from './content-types';

/**
 * Cache tags name the facts a cached response was built from. The gateway tags every entry while it
 * resolves it (only with what reaches the output); when content changes, the gateway's catalogue
 * index recomputes the same facts from Strapi and purges exactly the tags whose value changed.
 *
 * Documents
 * - `doc:<type>:<documentId>[:<locale>]` – the entry shows this document's fields (in that locale).
 * - `version:<type>:<documentId>` – the entry shows when the document last changed (a clinic's
 *   `updatedAt` in a page's lastModified; a clinic's own `doc:` fact is its visible fields only, so a
 *   clinic republished for its relations alone does not touch pages that merely list it).
 * - `locales:<type>:<documentId>` – the entry depends on which locales of the document are published
 *   (hreflang alternates, lists filtered by locale).
 * - `slug:<type>:<slug>[:<locale>]` – the entry looked this slug up (also when nothing was found, so
 *   that publishing a document under that slug replaces a cached `null`).
 * - `media:<id>` – the entry shows this media file (an OG image).
 * - `list:<type>` – the entry depends on every document of the type (only slug redirects).
 *
 * Membership (who belongs to what)
 * - `members:clinic:location:<L>` – which clinics are in city L.
 * - `members:clinic:location:<L>:procedure:<P>` – which clinics in city L offer procedure P.
 * - `members:procedure:location:<L>:<locale>` – which procedures offered in city L exist in the locale.
 * - `members:procedure:clinic:<C>:<locale>` – which procedures clinic C offers that exist in the locale.
 * - `members:procedure:site:<S>:<locale>` – which procedures a site offers (any clinic in a city it
 *   serves) that exist in the locale.
 * - `offered:site:<S>:procedure:<P>` – whether site S offers procedure P.
 * - `members:location:site:<S>:<locale>` – which cities a site serves that exist in the locale.
 * - `served:site:<S>:location:<slug>` – whether site S serves the city with this slug.
 * - `served:site:<S>:clinic:<C>` – whether clinic C is in a city site S serves (its clinic page exists there).
 * - `override:procedure:<P>:location:<L>:<locale>` – the landing-page override of P × L (which one, and its content).
 * - `site:<S>` – the site's own fields (name, domain): every entry of the site.
 * - `unique:site:<S>:procedure:<P>:location:<L>:<locale>` – whether the landing page P × L is below site S's
 *   uniqueness threshold (noindex, out of the sitemap, canonical to the procedure page): the verdict, not the score.
 * - `redirects:site:<S>` – the site's redirect table (editors' redirects, cms/src/api/redirect): every redirect
 *   answer of the site, a cached `null` too.
 * - `organization:site:<S>` – the clinic group behind site S (legal name, logo, profiles, contact points):
 *   the entries that show it (the home page).
 */
export type CacheTag = string;

const loc = (locale?: string | null) => (locale ? `:${locale}` : '');

export const cacheTags = {
  doc: (type: ContentTypeName, documentId: string, locale?: string | null): CacheTag => `doc:${type}:${documentId}${loc(locale)}`,
  version: (type: ContentTypeName, documentId: string): CacheTag => `version:${type}:${documentId}`,
  locales: (type: ContentTypeName, documentId: string): CacheTag => `locales:${type}:${documentId}`,
  slug: (type: ContentTypeName, slug: string, locale?: string | null): CacheTag => `slug:${type}:${slug}${loc(locale)}`,
  media: (id: string | number): CacheTag => `media:${id}`,
  list: (type: ContentTypeName): CacheTag => `list:${type}`,
  clinicsIn: (locationId: string): CacheTag => `members:clinic:location:${locationId}`,
  clinicsOffering: (locationId: string, procedureId: string): CacheTag => `members:clinic:location:${locationId}:procedure:${procedureId}`,
  proceduresIn: (locationId: string, locale: string): CacheTag => `members:procedure:location:${locationId}:${locale}`,
  proceduresAt: (clinicId: string, locale: string): CacheTag => `members:procedure:clinic:${clinicId}:${locale}`,
  proceduresOf: (siteSlug: string, locale: string): CacheTag => `members:procedure:site:${siteSlug}:${locale}`,
  offered: (siteSlug: string, procedureId: string): CacheTag => `offered:site:${siteSlug}:procedure:${procedureId}`,
  locationsOf: (siteSlug: string, locale: string): CacheTag => `members:location:site:${siteSlug}:${locale}`,
  served: (siteSlug: string, locationSlug: string): CacheTag => `served:site:${siteSlug}:location:${locationSlug}`,
  clinicOn: (siteSlug: string, clinicId: string): CacheTag => `served:site:${siteSlug}:clinic:${clinicId}`,
  override: (procedureId: string, locationId: string, locale: string): CacheTag => `override:procedure:${procedureId}:location:${locationId}:${locale}`,
  uniqueness: (siteSlug: string, procedureId: string, locationId: string, locale: string): CacheTag => `unique:site:${siteSlug}:procedure:${procedureId}:location:${locationId}:${locale}`,
  /** Every entry of one site: a change to the site's name or domain touches all of them. */
  site: (siteSlug: string): CacheTag => `site:${siteSlug}`,
  redirects: (siteSlug: string): CacheTag => `redirects:site:${siteSlug}`,
  organization: (siteSlug: string): CacheTag => `organization:site:${siteSlug}`,
};
