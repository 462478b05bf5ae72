import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES, SLUG_MAX_LENGTH, SLUG_PATTERN } from '@clinic/shared';

const SLUGGED = new Set<string>([CONTENT_TYPES.procedure.uid, CONTENT_TYPES.location.uid, CONTENT_TYPES.clinic.uid, CONTENT_TYPES.site.uid]);
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
      if (problem) throw new errors.ValidationError(problem, { errors: [{ path: ['slug'], message: problem, name: 'ValidationError' }] });
    }
    if (ctx.uid === REDIRECT) {
      for (const field of ['fromSlug', 'toSlug']) {
        if (data[field] === undefined || data[field] === null || data[field] === '') continue;
        const problem = slugProblem(data[field], field);
        if (problem) throw new errors.ValidationError(problem, { errors: [{ path: [field], message: problem, name: 'ValidationError' }] });
      }
      if (data.fromSlug && data.toSlug && data.fromSlug === data.toSlug) {
        throw new errors.ValidationError('fromSlug and toSlug are the same: a redirect to itself would loop');
      }
    }
    return next();
  });
};
