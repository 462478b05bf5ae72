import { ACTIONS } from '../utils/constants';

/** Admin route, under /seo-workbench on the admin API (admin JWT, like the content manager's). */
export default {
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/report',
        handler: 'report.find',
        config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [ACTIONS.read] } }] },
      },
    ],
  },
};
