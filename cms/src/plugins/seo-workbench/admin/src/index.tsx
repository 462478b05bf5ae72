import { ListSearch } from '@strapi/icons';
import { SeoPanel } from './components/seo-panel';

const PLUGIN = 'seo-workbench';

/** Admin half of seo-workbench: the "SEO" side panel of the content manager's edit view, and the "Weakest pages" menu page. */
export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN, name: 'SEO workbench' });
    app.addMenuLink({
      to: `plugins/${PLUGIN}`,
      icon: ListSearch,
      intlLabel: { id: `${PLUGIN}.menu`, defaultMessage: 'Weakest pages' },
      Component: async () => (await import('./pages/weakest-page')).WeakestPage,
      permissions: [{ action: `plugin::${PLUGIN}.read`, subject: null }],
    });
  },
  bootstrap(app: any) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([SeoPanel]);
  },
};
