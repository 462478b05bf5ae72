/**
 * The content types both sides agree on. The CMS defines them (cms/src/api/<name>),
 * the gateway reads them over REST and names cache tags after them.
 */
export const CONTENT_TYPES = {
  procedure: { uid: 'api::procedure.procedure', rest: 'procedures', localized: true, slug: true },
  location: { uid: 'api::location.location', rest: 'locations', localized: true, slug: true },
  clinic: { uid: 'api::clinic.clinic', rest: 'clinics', localized: false, slug: true },
  site: { uid: 'api::site.site', rest: 'sites', localized: false, slug: true },
  landingPage: { uid: 'api::landing-page.landing-page', rest: 'landing-pages', localized: true, slug: false },
  slugRedirect: { uid: 'api::slug-redirect.slug-redirect', rest: 'slug-redirects', localized: false, slug: false },
} as const;

export type ContentTypeName = keyof typeof CONTENT_TYPES;
export type ContentTypeUid = (typeof CONTENT_TYPES)[ContentTypeName]['uid'];

const BY_UID = new Map<string, ContentTypeName>((Object.keys(CONTENT_TYPES) as ContentTypeName[]).map((name) => [CONTENT_TYPES[name].uid, name]));

/** `api::procedure.procedure` → `procedure`; undefined for types the platform does not serve (admin, upload…). */
export function contentTypeNameOf(uid: string): ContentTypeName | undefined {
  return BY_UID.get(uid);
}

/** Slug-bearing types whose old slugs become redirects. */
export const REDIRECTABLE_TYPES = ['procedure', 'location'] as const;
export type RedirectableType = (typeof REDIRECTABLE_TYPES)[number];
