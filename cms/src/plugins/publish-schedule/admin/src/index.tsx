import { SchedulePanel } from './components/schedule-panel';

const PLUGIN = 'publish-schedule';

/** Admin half of publish-schedule: a "Schedule" side panel in the content manager's edit view. */
export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN, name: 'Publish schedule' });
  },
  bootstrap(app: any) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([SchedulePanel]);
  },
};
