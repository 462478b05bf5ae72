import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, DEFAULT_LOCALE } from '@clinic/shared';

/**
 * Strapi's i18n always stores `uid` fields per locale, whatever the schema says. `slug` is the document's
 * English slug, the identity its slug history and every language without a slug of its own use
 * (/procedures/kyphoplasty; a language's own is `localeSlug`: /es/procedures/cifoplastia), so this
 * middleware keeps the slug identical in every locale of procedures and locations:
 *  - a new localization without a slug gets the document's slug;
 *  - saving a slug copies it to the other locales' drafts;
 *  - publishing copies the published slug to every version (drafts and published) of the document.
 */
const SYNCED = new Set<string>([CONTENT_TYPES.procedure.uid, CONTENT_TYPES.location.uid]);

const singleLocale = (locale: unknown): string | null => (typeof locale === 'string' && locale !== '*' ? locale : Array.isArray(locale) && locale.length === 1 ? String(locale[0]) : null);

export const registerSlugSync = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx: any, next) => {
    if (!SYNCED.has(ctx.uid)) return next();
    const { action, params = {} } = ctx;
    const documentId: string | undefined = params.documentId;
    const query = strapi.db.query(ctx.uid as any);

    if (action === 'update' && documentId) {
      const locale = singleLocale(params.locale) ?? DEFAULT_LOCALE;
      const data = params.data ?? {};
      if (data.slug === undefined || data.slug === null || data.slug === '') {
        // Saving a locale that has no slug yet (typically a new localization): inherit the document's.
        const own = await query.findOne({ select: ['slug'], where: { documentId, locale, publishedAt: { $null: true } } });
        if (!own?.slug) {
          const hasSlug = { documentId, slug: { $notNull: true, $ne: '' } };
          const sibling = (await query.findOne({ select: ['slug'], where: { ...hasSlug, publishedAt: { $null: true } } })) ?? (await query.findOne({ select: ['slug'], where: hasSlug }));
          if (sibling?.slug) ctx.params = { ...params, data: { ...data, slug: sibling.slug } };
        }
      }
      const result = await next();
      const slug = ctx.params.data?.slug;
      if (slug) {
        // A draft save aligns the other drafts; saving with status "published" aligns every version.
        const where: Record<string, unknown> = { documentId, slug: { $ne: slug } };
        if (params.status !== 'published') where.publishedAt = { $null: true };
        await query.updateMany({ where, data: { slug } });
      }
      return result;
    }

    if (action === 'publish' && documentId) {
      const result = await next();
      const locale = singleLocale(params.locale) ?? DEFAULT_LOCALE;
      const published = await query.findOne({ select: ['slug'], where: { documentId, locale, publishedAt: { $notNull: true } } });
      if (published?.slug) {
        await query.updateMany({ where: { documentId, slug: { $ne: published.slug } }, data: { slug: published.slug } });
      }
      return result;
    }

    return next();
  });
};
