import { ArrowRight } from '@strapi/icons';

const PLUGIN = 'redirects';

/** Admin half of redirects: a menu page to import a site's redirects from a CSV file. */
export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN, name: 'Redirects' });
    app.addMenuLink({
      to: `plugins/${PLUGIN}`,
      icon: ArrowRight,
      intlLabel: { id: `${PLUGIN}.menu`, defaultMessage: 'Redirects import' },
      Component: async () => (await import('./pages/import-page')).ImportPage,
      permissions: [{ action: `plugin::${PLUGIN}.import`, subject: null }],
    });
  },
};
