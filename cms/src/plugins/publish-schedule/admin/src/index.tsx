import { Clock } from '@strapi/icons';
import { SchedulePanel } from './components/schedule-panel';

const PLUGIN = 'publish-schedule';

/**
 * Admin half of publish-schedule: a "Schedule" side panel in the content manager's edit view, and a
 * homepage widget listing failed and upcoming schedules.
 */
export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN, name: 'Publish schedule' });
    app.widgets.register([
      {
        icon: Clock,
        title: { id: `${PLUGIN}.widget.title`, defaultMessage: 'Scheduled publishing' },
        component: async () => (await import('./components/schedules-widget')).SchedulesWidget,
        pluginId: PLUGIN,
        id: 'schedules',
        permissions: [{ action: `plugin::${PLUGIN}.read` }],
      },
    ]);
  },
  bootstrap(app: any) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([SchedulePanel]);
  },
};
