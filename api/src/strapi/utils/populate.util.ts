import type { QueryValue } from './query-string.util.js';

/**
 * Explicit populate trees, one per content type: exactly what the gateway renders, never `populate=*`.
 * Relations bring only the fields used for scoping and links.
 */
const seo = { populate: { ogImage: { fields: ['url', 'alternativeText', 'width', 'height', 'updatedAt'] } } };
const ref = { fields: ['slug'] };

export const POPULATE = {
  procedure: {
    steps: true,
    faqs: true,
    seo,
    reviewer: true,
    localizations: { fields: ['locale', 'publishedAt', 'updatedAt'] },
  },
  location: {
    seo,
    localizations: { fields: ['locale', 'publishedAt', 'updatedAt'] },
  },
  clinic: { address: true, geo: true, hours: { populate: { periods: true, closures: true } }, procedures: ref, location: ref },
  site: { locations: ref, organization: { populate: { logo: { fields: ['url', 'alternativeText', 'width', 'height', 'updatedAt'] }, profiles: true, contactPoints: true } } },
  landingPage: { faqs: true, seo, procedure: ref, location: ref },
} satisfies Record<string, QueryValue>;
