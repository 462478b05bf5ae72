import { ACTIONS } from '../utils/constants';

const policies = (action: string) => ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }];

/** Admin routes, under /publish-schedule on the admin API (admin JWT, like the content manager's). */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/schedules', handler: 'schedules.find', config: { policies: policies(ACTIONS.read) } },
      { method: 'POST', path: '/schedules', handler: 'schedules.create', config: { policies: policies(ACTIONS.manage) } },
      { method: 'DELETE', path: '/schedules/:id', handler: 'schedules.delete', config: { policies: policies(ACTIONS.manage) } },
    ],
  },
};
