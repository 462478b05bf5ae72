import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES, checkOpeningHours } from '@clinic/shared';

const WRITE_ACTIONS = new Set(['create', 'update']);

/**
 * Refuses opening hours that cannot be true (closing before opening, overlapping periods, a closure that
 * ends before it starts, an unknown time zone) on every save, drafts included: the schema can only say
 * "a time" and "a date", and a wrong hour on a clinic page sends a patient to a closed door.
 */
export const registerOpeningHoursGuard = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx: any, next) => {
    if (ctx.uid !== CONTENT_TYPES.clinic.uid || !WRITE_ACTIONS.has(ctx.action)) return next();
    const hours = ctx.params?.data?.hours;
    if (hours === undefined || hours === null) return next();
    const { problems } = checkOpeningHours(hours);
    if (problems.length) {
      const details = problems.map((p) => ({ path: ['hours', ...p.path.split('.').filter(Boolean)], message: p.message, name: 'ValidationError' }));
      throw new errors.ValidationError(`Opening hours: ${problems.map((p) => `${p.path || 'hours'}: ${p.message}`).join('; ')}`, { errors: details });
    }
    return next();
  });
};
