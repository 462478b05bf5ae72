import { SeoPanel } from './components/seo-panel';

const PLUGIN = 'seo-workbench';

/** Admin half of seo-workbench: the "SEO" side panel of the content manager's edit view. */
export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN, name: 'SEO workbench' });
  },
  bootstrap(app: any) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([SeoPanel]);
  },
};
