import { ACTIONS } from '../utils/constants';

const GUARD = { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [ACTIONS.read] } }] };

/** Admin routes, under /seo-workbench on the admin API (admin JWT, like the content manager's). */
export default {
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/report',
        handler: 'report.find',
        config: GUARD,
      },
      {
        method: 'GET',
        path: '/weakest',
        handler: 'weakest.find',
        config: GUARD,
      },
    ],
  },
};
