import { z } from 'zod';
import { REDIRECTS_UPDATE_EVENT } from './redirects';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from './slug';
import { clinicOpeningHours } from './opening-hours';
import { isProfileUrl } from './organization';

/**
 * Zod schemas of the Strapi 5 REST payloads the gateway reads (flat `data` format) and of the
 * webhook the CMS sends. The gateway parses every upstream answer with them, so a content-model
 * change that breaks the contract fails loudly in one place instead of leaking `undefined` into pages.
 */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

const documentBase = {
  id: z.number(),
  documentId: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullish(),
  locale: z.string().nullish(),
};

export const documentRefSchema = z.object({
  id: z.number().optional(),
  documentId: z.string(),
  slug: z.string().optional(),
  /** A site's cities: each locale's own slug (site-paths' `urlSlug`). */
  localizations: z.array(z.object({ locale: z.string(), localeSlug: z.string().nullish() })).optional(),
});
export type DocumentRef = z.infer<typeof documentRefSchema>;

const localizationsSchema = z
  .array(
    z.object({
      documentId: z.string().optional(),
      locale: z.string(),
      publishedAt: z.string().nullish(),
      updatedAt: z.string().optional(),
      slug: z.string().nullish(),
      localeSlug: z.string().nullish(),
    }),
  )
  .nullish()
  .transform((v) => v ?? []);

export const mediaSchema = z.object({
  /** The file's id: pages showing it carry the `media:<id>` cache tag. */
  id: z.number().nullish(),
  url: z.string(),
  alternativeText: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  /** Changes when the file is replaced (Strapi keeps its URL): the gateway versions the URL with it. */
  updatedAt: z.string().nullish(),
});

export const seoComponentSchema = z
  .object({
    metaTitle: z.string().nullish(),
    metaDescription: z.string().nullish(),
    canonicalPath: z.string().nullish(),
    noIndex: z.boolean().nullish(),
    ogImage: mediaSchema.nullish(),
  })
  .nullish();
export type SeoComponent = z.infer<typeof seoComponentSchema>;

export const faqSchema = z.object({ question: z.string(), answer: z.string() });
export const stepSchema = z.object({ title: z.string(), body: text });
export const reviewerSchema = z.object({ name: z.string(), credentials: text }).nullish();

export const procedureSchema = z.object({
  ...documentBase,
  slug: z.string(),
  /** This locale's own URL slug (site-paths' `urlSlug`); empty in English and where the English one is used. */
  localeSlug: z.string().nullish(),
  title: z.string(),
  summary: text,
  body: text,
  steps: z
    .array(stepSchema)
    .nullish()
    .transform((v) => v ?? []),
  benefits: text,
  risks: text,
  recovery: text,
  faqs: z
    .array(faqSchema)
    .nullish()
    .transform((v) => v ?? []),
  seo: seoComponentSchema,
  reviewer: reviewerSchema,
  lastReviewed: z.string().nullish(),
  localizations: localizationsSchema,
});
export type StrapiProcedure = z.infer<typeof procedureSchema>;

export const addressSchema = z.object({ street: text, city: text, state: text, postalCode: text }).nullish();
export const geoSchema = z.object({ lat: z.number(), lng: z.number() }).nullish();

/** The clinic's "Opening hours" component as Strapi returns it; what it means is checked by checkOpeningHours. */
export const clinicHoursSchema = z
  .object({
    timeZone: z.string().nullish(),
    periods: z.array(z.object({ day: z.string(), opens: z.string().nullish(), closes: z.string().nullish() })).nullish(),
    closures: z.array(z.object({ from: z.string().nullish(), to: z.string().nullish(), label: z.string().nullish() })).nullish(),
  })
  .nullish();

export const clinicSchema = z
  .object({
    ...documentBase,
    slug: z.string(),
    name: z.string(),
    phone: text,
    address: addressSchema,
    geo: geoSchema,
    openingHours: text,
    hours: clinicHoursSchema,
    procedures: z
      .array(documentRefSchema)
      .nullish()
      .transform((v) => v ?? []),
    location: documentRefSchema.nullish(),
  })
  // Read once here, where the payload is parsed: the clinic's GraphQL fields and its JSON-LD both show these hours.
  .transform((c) => ({ ...c, parsedHours: clinicOpeningHours(c.hours, c.openingHours) }));
export type StrapiClinic = z.infer<typeof clinicSchema>;

export const locationSchema = z.object({
  ...documentBase,
  slug: z.string(),
  localeSlug: z.string().nullish(),
  city: z.string(),
  state: z.string(),
  intro: text,
  seo: seoComponentSchema,
  localizations: localizationsSchema,
});
export type StrapiLocation = z.infer<typeof locationSchema>;

export const contactPointSchema = z.object({
  telephone: z.string(),
  contactType: z.enum(['customer_service', 'reservations', 'billing', 'emergency']).nullish(),
  areaServed: z.string().nullish(),
  /** Comma-separated language tags (`en, es`). */
  languages: z.string().nullish(),
});
export type StrapiContactPoint = z.infer<typeof contactPointSchema>;

/** The clinic group behind a site (the Site's `organization` component). */
export const organizationSchema = z.object({
  legalName: z.string().nullish(),
  logo: mediaSchema.nullish(),
  profiles: z
    .array(z.object({ url: z.string() }))
    .nullish()
    .transform((v) => (v ?? []).map((p) => p.url.trim()).filter(isProfileUrl)),
  contactPoints: z
    .array(contactPointSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type StrapiOrganization = z.infer<typeof organizationSchema>;

export const siteSchema = z.object({
  ...documentBase,
  slug: z.string(),
  name: z.string(),
  domain: z.string(),
  /** Share of a landing page's main content that must be its own (0–1); below it the page is noindex. */
  uniquenessThreshold: z.number().min(0).max(1).nullish(),
  organization: organizationSchema.nullish(),
  locations: z
    .array(documentRefSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type StrapiSite = z.infer<typeof siteSchema>;

export const landingPageSchema = z.object({
  ...documentBase,
  headline: z.string().nullish(),
  intro: z.string().nullish(),
  faqs: z
    .array(faqSchema)
    .nullish()
    .transform((v) => v ?? []),
  seo: seoComponentSchema,
  procedure: documentRefSchema.nullish(),
  location: documentRefSchema.nullish(),
});
export type StrapiLandingPage = z.infer<typeof landingPageSchema>;

export const slugRedirectSchema = z.object({
  ...documentBase,
  type: z.enum(['procedure', 'location']),
  /** The locale whose URLs changed slug (`locale` is Strapi's own); none: English (recorded before slugs were localized). */
  language: z.string().nullish(),
  fromSlug: z.string(),
  toSlug: z.string(),
});
export type StrapiSlugRedirect = z.infer<typeof slugRedirectSchema>;

/** An editor's redirect (shared/src/redirects.ts): `toPath` null for 410 Gone. */
export const siteRedirectSchema = z.object({
  documentId: z.string(),
  fromPath: z.string(),
  toPath: z.string().nullish(),
  kind: z.enum(['permanent_301', 'temporary_302', 'gone_410']),
});
export type StrapiSiteRedirect = z.infer<typeof siteRedirectSchema>;

export const paginationSchema = z.object({
  page: z.number(),
  pageSize: z.number(),
  pageCount: z.number(),
  total: z.number(),
});

/** `{ data: T[], meta: { pagination } }` as Strapi's REST `find` answers. */
export function listResponseSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ data: z.array(item), meta: z.object({ pagination: paginationSchema.optional() }).optional() });
}

/** The events the CMS webhook is subscribed to (cms bootstrap) and the gateway understands. */
export const WEBHOOK_EVENTS = [
  'entry.create',
  'entry.update',
  'entry.delete',
  'entry.publish',
  'entry.unpublish',
  'media.create',
  'media.update',
  'media.delete',
  REDIRECTS_UPDATE_EVENT,
] as const;

/** A row id as Strapi numbers rows: a positive safe integer (anything else names no row). */
const webhookRowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Bounded where a value goes on to an upstream URL or a cache tag: a document id (Strapi 5's are
 * 24-character cuid2s), a locale code, content-type names. A body that is not Strapi's is refused (400)
 * instead of reaching Strapi as an oversized or odd filter.
 */
export const webhookPayloadSchema = z.object({
  event: z.string().min(1).max(100),
  createdAt: z.string().max(64).optional(),
  model: z.string().max(200).optional(),
  uid: z.string().max(200).optional(),
  entry: z
    .object({
      id: webhookRowId.optional(),
      documentId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
      slug: z.string().max(200).nullish(),
      localeSlug: z.string().max(200).nullish(),
      locale: z
        .string()
        .regex(/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,3}$/)
        .nullish(),
      publishedAt: z.string().max(64).nullish(),
    })
    .passthrough()
    .optional(),
  media: z.object({ id: webhookRowId.optional() }).passthrough().optional(),
  /** `redirects.update`: the site whose redirect table changed. */
  site: z
    .object({
      documentId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
      slug: z.string().regex(SLUG_PATTERN).max(SLUG_MAX_LENGTH),
    })
    .passthrough()
    .optional(),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
