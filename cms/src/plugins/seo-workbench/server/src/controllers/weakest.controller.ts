import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES, DEFAULT_LOCALE, isLocale, isValidSlug, LOCALES } from '@clinic/shared';
import { PLUGIN } from '../utils/constants';

/**
 * `GET /seo-workbench/weakest?site=<slug>[&locale=en|es]`: the "Weakest pages" page's data. The plugin's
 * permission (route policy) decides; a site is named by its slug and must exist (draft or published).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const { site, locale = DEFAULT_LOCALE } = ctx.query ?? {};
    for (const [name, value] of Object.entries({ site, locale })) {
      if (value !== undefined && typeof value !== 'string') throw new errors.ValidationError(`${name} must be a single value`);
    }
    if (!isValidSlug(site)) throw new errors.ValidationError('site must be a site’s slug');
    if (!isLocale(locale)) throw new errors.ValidationError(`locale must be one of ${LOCALES.join(', ')}`);
    const found = await strapi.documents(CONTENT_TYPES.site.uid as any).findFirst({ filters: { slug: site }, status: 'draft', fields: ['slug', 'name'] });
    if (!found) throw new errors.ValidationError(`site "${site}" is not a site`);
    ctx.body = { data: await strapi.plugin(PLUGIN).service('weakest').weakest({ slug: found.slug, name: found.name }, locale) };
  },
});
