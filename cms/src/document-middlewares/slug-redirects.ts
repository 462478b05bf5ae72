import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, contentTypeNameOf, REDIRECTABLE_TYPES, type RedirectableType } from '@clinic/shared';
import { docs } from '../utils/docs';

const REDIRECT = CONTENT_TYPES.slugRedirect.uid;
const REDIRECTABLE = new Set<string>(REDIRECTABLE_TYPES.map((name) => CONTENT_TYPES[name].uid));

/** The slug of the currently published version of a document (slugs are not localized), or null. */
async function publishedSlug(strapi: Core.Strapi, uid: string, documentId: string): Promise<string | null> {
  const row = await strapi.db.query(uid as any).findOne({
    select: ['slug'],
    where: { documentId, publishedAt: { $notNull: true } },
  });
  return row?.slug ?? null;
}

/**
 * Records `old → new` after a published slug changed: creates the redirect unless it exists,
 * points older redirects at the new slug (no chains), and removes any redirect away from the new
 * slug, which would otherwise loop.
 */
export async function recordSlugChange(strapi: Core.Strapi, type: RedirectableType, fromSlug: string, toSlug: string) {
  const redirects = docs(strapi, REDIRECT);

  const loops = await redirects.findMany({ filters: { type, fromSlug: toSlug }, fields: ['fromSlug'] });
  for (const loop of loops) await redirects.delete({ documentId: loop.documentId });

  const chained = await redirects.findMany({ filters: { type, toSlug: fromSlug }, fields: ['fromSlug', 'toSlug'] });
  for (const link of chained) {
    if (link.fromSlug === toSlug) await redirects.delete({ documentId: link.documentId });
    else await redirects.update({ documentId: link.documentId, data: { toSlug } });
  }

  const existing = await redirects.findFirst({ filters: { type, fromSlug }, fields: ['toSlug'] });
  if (existing) {
    if (existing.toSlug !== toSlug) await redirects.update({ documentId: existing.documentId, data: { toSlug } });
  } else {
    await redirects.create({ data: { type, fromSlug, toSlug } });
  }
  strapi.log.info(`[cms] slug redirect recorded: ${type} ${fromSlug} → ${toSlug}`);
}

/**
 * Document-service middleware: when a procedure or location is published (the Publish button, or
 * update/create with status "published") under a slug other than the one published before, writes
 * a slug redirect. Registered in register().
 */
export const registerSlugRedirects = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx: any, next) => {
    const publishing = ctx.action === 'publish' || (ctx.action === 'update' && ctx.params?.status === 'published');
    const documentId: string | undefined = ctx.params?.documentId;
    if (!publishing || !REDIRECTABLE.has(ctx.uid) || !documentId) return next();

    const before = await publishedSlug(strapi, ctx.uid, documentId);
    const result = await next();
    if (!before) return result;

    try {
      const after = await publishedSlug(strapi, ctx.uid, documentId);
      const type = contentTypeNameOf(ctx.uid) as RedirectableType;
      if (after && after !== before) await recordSlugChange(strapi, type, before, after);
    } catch (error) {
      // The publish itself succeeded; a failed redirect must not turn it into an error for the editor.
      strapi.log.error(`[cms] could not record slug redirect for ${ctx.uid} ${documentId}: ${(error as Error).message}`);
    }
    return result;
  });
};
