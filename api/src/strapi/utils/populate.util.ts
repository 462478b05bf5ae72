import type { QueryValue } from './query-string.util.js';

/**
 * Explicit populate trees, one per content type: exactly what the gateway renders, never `populate=*`.
 * Relations bring only the fields used for scoping and links.
 */
const seo = { populate: { ogImage: { fields: ['url', 'alternativeText', 'width', 'height', 'updatedAt'] } } };
const ref = { fields: ['slug'] };
/** Each locale's URL slug (hreflang alternates link the other locales' pages). */
const localizations = { fields: ['locale', 'publishedAt', 'updatedAt', 'slug', 'localeSlug'] };

export const POPULATE = {
  procedure: {
    steps: true,
    faqs: true,
    seo,
    reviewer: true,
    localizations,
  },
  location: {
    seo,
    localizations,
  },
  clinic: { address: true, geo: true, hours: { populate: { periods: true, closures: true } }, procedures: ref, location: ref },
  // A city's slug in every locale: the site registry knows which city slugs a site serves in any language.
  site: {
    locations: { fields: ['slug'], populate: { localizations: { fields: ['locale', 'localeSlug'] } } },
    organization: { populate: { logo: { fields: ['url', 'alternativeText', 'width', 'height', 'updatedAt'] }, profiles: true, contactPoints: true } },
  },
  landingPage: { faqs: true, seo, procedure: ref, location: ref },
} satisfies Record<string, QueryValue>;
