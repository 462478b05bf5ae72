import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, DEFAULT_LOCALE, contentTypeNameOf, REDIRECTABLE_TYPES, urlSlug, type RedirectableType } from '@clinic/shared';
import { docs } from '../utils/docs';

const REDIRECT = CONTENT_TYPES.slugRedirect.uid;
const REDIRECTABLE = new Set<string>(REDIRECTABLE_TYPES.map((name) => CONTENT_TYPES[name].uid));

/** A published version's URL slugs: the English slug, and the locale's own one (`localeSlug`) where it has one. */
type PublishedSlugs = Map<string, { slug: string; own: boolean }>;

/** The URL slug of each published locale of a document (empty when nothing is published). */
async function publishedSlugs(strapi: Core.Strapi, uid: string, documentId: string): Promise<PublishedSlugs> {
  const rows = await strapi.db.query(uid as any).findMany({
    select: ['slug', 'localeSlug', 'locale'],
    where: { documentId, publishedAt: { $notNull: true } },
  });
  const slugs: PublishedSlugs = new Map();
  for (const row of rows) {
    if (!row.slug) continue;
    const locale = row.locale ?? DEFAULT_LOCALE;
    slugs.set(locale, { slug: urlSlug({ ...row, locale }), own: locale !== DEFAULT_LOCALE && !!row.localeSlug });
  }
  return slugs;
}

/**
 * The redirects a publish calls for: English's when the slug changed, and another locale's when its URL slug
 * changed through its own slug (set, changed or cleared). A locale that follows the English slug records
 * nothing of its own: the English history already leads its old URLs on.
 */
export function slugChanges(before: PublishedSlugs, after: PublishedSlugs): Array<{ locale: string; fromSlug: string; toSlug: string }> {
  const changes: Array<{ locale: string; fromSlug: string; toSlug: string }> = [];
  for (const [locale, was] of before) {
    const now = after.get(locale);
    if (!now || now.slug === was.slug) continue;
    if (locale === DEFAULT_LOCALE || was.own || now.own) changes.push({ locale, fromSlug: was.slug, toSlug: now.slug });
  }
  return changes;
}

/**
 * A redirect's language is `language` (Strapi reserves `locale` for i18n); English history includes rows
 * recorded before slugs were localized, which have none.
 */
const inLocale = (locale: string) => (locale === DEFAULT_LOCALE ? { $or: [{ language: locale }, { language: { $null: true } }] } : { language: locale });

/**
 * Records `old → new` after a published slug changed: creates the redirect unless it exists,
 * points older redirects at the new slug (no chains), and removes any redirect away from the new
 * slug, which would otherwise loop.
 */
export async function recordSlugChange(strapi: Core.Strapi, type: RedirectableType, fromSlug: string, toSlug: string, locale: string = DEFAULT_LOCALE) {
  const redirects = docs(strapi, REDIRECT);
  const scope = { type, ...inLocale(locale) };

  const loops = await redirects.findMany({ filters: { ...scope, fromSlug: toSlug }, fields: ['fromSlug'] });
  for (const loop of loops) await redirects.delete({ documentId: loop.documentId });

  const chained = await redirects.findMany({ filters: { ...scope, toSlug: fromSlug }, fields: ['fromSlug', 'toSlug'] });
  for (const link of chained) {
    if (link.fromSlug === toSlug) await redirects.delete({ documentId: link.documentId });
    else await redirects.update({ documentId: link.documentId, data: { toSlug } });
  }

  const existing = await redirects.findFirst({ filters: { ...scope, fromSlug }, fields: ['toSlug'] });
  if (existing) {
    if (existing.toSlug !== toSlug) await redirects.update({ documentId: existing.documentId, data: { toSlug } });
  } else {
    await redirects.create({ data: { type, language: locale, fromSlug, toSlug } });
  }
  strapi.log.info(`[cms] slug redirect recorded: ${type} (${locale}) ${fromSlug} → ${toSlug}`);
}

/**
 * Document-service middleware: when a procedure or location is published (the Publish button, or
 * update/create with status "published") under a URL slug other than the one published before (the
 * English slug, or a locale's own), writes a slug redirect for that locale. Registered in register().
 */
export const registerSlugRedirects = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx: any, next) => {
    const publishing = ctx.action === 'publish' || (ctx.action === 'update' && ctx.params?.status === 'published');
    const documentId: string | undefined = ctx.params?.documentId;
    if (!publishing || !REDIRECTABLE.has(ctx.uid) || !documentId) return next();

    const before = await publishedSlugs(strapi, ctx.uid, documentId);
    const result = await next();
    if (!before.size) return result;

    try {
      const after = await publishedSlugs(strapi, ctx.uid, documentId);
      const type = contentTypeNameOf(ctx.uid) as RedirectableType;
      for (const change of slugChanges(before, after)) await recordSlugChange(strapi, type, change.fromSlug, change.toSlug, change.locale);
    } catch (error) {
      // The publish itself succeeded; a failed redirect must not turn it into an error for the editor.
      strapi.log.error(`[cms] could not record slug redirect for ${ctx.uid} ${documentId}: ${(error as Error).message}`);
    }
    return result;
  });
};
