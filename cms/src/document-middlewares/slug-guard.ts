import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES, DEFAULT_LOCALE, SLUG_MAX_LENGTH, SLUG_PATTERN, isReservedCitySlug } from '@clinic/shared';

const SLUGGED = new Set<string>([CONTENT_TYPES.procedure.uid, CONTENT_TYPES.location.uid, CONTENT_TYPES.clinic.uid, CONTENT_TYPES.site.uid]);
/** Types whose URLs may use a slug of their own per locale (`localeSlug`, see shared/site-paths `urlSlug`). */
const LOCALIZED_SLUG = new Set<string>([CONTENT_TYPES.procedure.uid, CONTENT_TYPES.location.uid]);
const REDIRECT = CONTENT_TYPES.slugRedirect.uid;
const WRITE_ACTIONS = new Set(['create', 'update']);

/** Null when `value` is an acceptable slug, else the message editors see. */
export function slugProblem(value: unknown, field = 'slug'): string | null {
  if (typeof value !== 'string') return `${field} must be text`;
  if (value.length > SLUG_MAX_LENGTH) return `${field} "${value.slice(0, 40)}…" is longer than ${SLUG_MAX_LENGTH} characters`;
  if (!SLUG_PATTERN.test(value)) {
    return `${field} "${value}" is not valid: use lowercase letters (a-z), digits and single hyphens between words, e.g. "spine-care" (no spaces, capitals, accents or leading/trailing hyphens)`;
  }
  return null;
}

const invalid = (field: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });

/**
 * A locale's own slug: never in English (the slug field is English's), well-formed, not a segment the URL scheme
 * reserves for cities, and no other document's URL slug in that locale (its own slug, or its English one where
 * it has none), or two pages would share one URL. An empty value is stored as null: the English slug applies.
 */
async function checkLocaleSlug(strapi: Core.Strapi, ctx: any, data: Record<string, unknown>) {
  if (data.localeSlug === '') data.localeSlug = null;
  const value = data.localeSlug;
  if (value === undefined || value === null) return;
  const locale = typeof ctx.params?.locale === 'string' ? ctx.params.locale : DEFAULT_LOCALE;
  if (locale === DEFAULT_LOCALE) {
    throw invalid('localeSlug', 'localeSlug is for other languages: English URLs use the slug field. Leave it empty in English.');
  }
  const problem = slugProblem(value, 'localeSlug');
  if (problem) throw invalid('localeSlug', problem);
  if (ctx.uid === CONTENT_TYPES.location.uid && isReservedCitySlug(value as string)) {
    throw invalid('localeSlug', `localeSlug "${value}" is a reserved part of the site's URLs; choose another`);
  }
  const documentId = ctx.params?.documentId;
  const taken = await strapi.db.query(ctx.uid as any).findOne({
    select: ['documentId'],
    where: {
      locale,
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
      $or: [{ localeSlug: value }, { slug: value, $or: [{ localeSlug: { $null: true } }, { localeSlug: '' }] }],
    },
  });
  if (taken) throw invalid('localeSlug', `localeSlug "${value}" is already the ${locale} URL of another document`);
}

/**
 * Rejects malformed slugs on every create/update, drafts included (the schema regex only runs on
 * publish), so a bad slug is caught when the editor saves rather than when the gateway reads it.
 */
export const registerSlugGuard = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx: any, next) => {
    if (!WRITE_ACTIONS.has(ctx.action)) return next();
    const data = ctx.params?.data;
    if (!data || typeof data !== 'object') return next();

    if (SLUGGED.has(ctx.uid) && data.slug !== undefined && data.slug !== null && data.slug !== '') {
      const problem = slugProblem(data.slug);
      if (problem) throw invalid('slug', problem);
      if (ctx.uid === CONTENT_TYPES.location.uid && isReservedCitySlug(data.slug)) throw invalid('slug', `slug "${data.slug}" is a reserved part of the site's URLs; choose another`);
    }
    if (LOCALIZED_SLUG.has(ctx.uid)) await checkLocaleSlug(strapi, ctx, data);
    if (ctx.uid === REDIRECT) {
      for (const field of ['fromSlug', 'toSlug']) {
        if (data[field] === undefined || data[field] === null || data[field] === '') continue;
        const problem = slugProblem(data[field], field);
        if (problem) throw invalid(field, problem);
      }
      if (data.fromSlug && data.toSlug && data.fromSlug === data.toSlug) {
        throw new errors.ValidationError('fromSlug and toSlug are the same: a redirect to itself would loop');
      }
    }
    return next();
  });
};
