import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES, organizationProblems } from '@clinic/shared';

const WRITE_ACTIONS = new Set(['create', 'update']);

/**
 * Refuses a site organization's profile links that are not https URLs on every save, drafts included:
 * Strapi checks a field's pattern only on publish, and a draft that cannot be published surprises the editor later.
 */
export const registerOrganizationGuard = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx: any, next) => {
    if (ctx.uid !== CONTENT_TYPES.site.uid || !WRITE_ACTIONS.has(ctx.action)) return next();
    const problems = organizationProblems(ctx.params?.data?.organization);
    if (problems.length) {
      const details = problems.map((p) => ({ path: ['organization', ...p.path.split('.')], message: p.message, name: 'ValidationError' }));
      throw new errors.ValidationError(`Organization: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { errors: details });
    }
    return next();
  });
};
