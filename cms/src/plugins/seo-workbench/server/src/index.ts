import type { Core } from '@strapi/strapi';
import reportController from './controllers/report.controller';
import routes from './routes';
import report from './services/report.service';
import weakestController from './controllers/weakest.controller';
import weakest from './services/weakest.service';
import { DEFAULT_GATEWAY_URL } from '../../../../bootstrap/webhook';
import { DEFAULT_GATEWAY_PUBLIC_URL } from '../../../../utils/preview';
import { PLUGIN } from './utils/constants';

/**
 * seo-workbench: the "SEO" side panel of procedures, cities, landing-page overrides and clinics, and the
 * "Weakest pages" list of a site's landing pages. The gateway composes the report (api/src/workbench) and
 * scores the pages (api/src/uniqueness); this half asks it with preview tokens.
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany([{ section: 'plugins', displayName: 'See the SEO workbench', uid: 'read', pluginName: PLUGIN }]);
  },
  config: {
    default: { gatewayUrl: DEFAULT_GATEWAY_URL, previewOrigin: DEFAULT_GATEWAY_PUBLIC_URL, timeoutMs: 20_000 },
    validator(config: Record<string, unknown>) {
      for (const key of ['gatewayUrl', 'previewOrigin']) {
        if (typeof config[key] !== 'string' || !/^https?:\/\//.test(config[key] as string)) throw new Error(`${key} must be an http(s) URL`);
      }
      if (typeof config.timeoutMs !== 'number' || !(config.timeoutMs > 0)) throw new Error('timeoutMs must be a positive number');
    },
  },
  routes,
  controllers: { report: reportController, weakest: weakestController },
  services: { report, weakest },
};
