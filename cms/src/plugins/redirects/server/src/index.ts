import type { Core } from '@strapi/strapi';
import importController from './controllers/import.controller';
import routes from './routes';
import importService from './services/import.service';

/**
 * redirects: bulk import of a site's redirects from a CSV (the one-by-one editing is the content manager's,
 * on the Redirect type, checked by cms/src/document-middlewares/redirect-guard.ts).
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany([{ section: 'plugins', displayName: 'Import redirects (CSV)', uid: 'import', pluginName: 'redirects' }]);
  },
  routes,
  controllers: { import: importController },
  services: { import: importService },
};
