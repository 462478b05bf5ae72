export const PLUGIN = 'publish-schedule';
export const SCHEDULE_UID = 'plugin::publish-schedule.schedule';
export const ALL_LOCALES = '*';

/** Admin permissions: `read` lists a document's schedules, `manage` adds and cancels them. */
export const ACTIONS = {
  read: `plugin::${PLUGIN}.read`,
  manage: `plugin::${PLUGIN}.manage`,
} as const;

export type ScheduleAction = 'publish' | 'unpublish';
export type ScheduleStatus = 'pending' | 'running' | 'done' | 'failed';
