import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isLocale } from '@clinic/shared';
import { PLUGIN, WORKBENCH_TYPES } from '../utils/constants';

const READ = 'plugin::content-manager.explorer.read';

/**
 * `GET /seo-workbench/report?uid=&documentId=[&locale=]`: the panel's data. The plugin's permission
 * (route policy) and the content manager's read right on the type both decide: an editor sees the
 * SEO of what they may read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const { uid, documentId, locale } = ctx.query ?? {};
    for (const [name, value] of Object.entries({ uid, documentId, locale })) {
      if (value !== undefined && typeof value !== 'string') throw new errors.ValidationError(`${name} must be a single value`);
    }
    const type = typeof uid === 'string' ? WORKBENCH_TYPES.get(uid) : undefined;
    if (!type) throw new errors.ValidationError(`uid must be one of ${[...WORKBENCH_TYPES.keys()].join(', ')}`);
    if (typeof documentId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(documentId)) throw new errors.ValidationError('documentId must be a document id');
    if (locale !== undefined && !isLocale(locale)) throw new errors.ValidationError('locale must be one of the site locales');
    if (!ctx.state.userAbility?.can(READ, uid)) throw new errors.ForbiddenError(`You may not read ${uid}`);
    ctx.body = { data: await strapi.plugin(PLUGIN).service('report').report(type, documentId, locale) };
  },
});
