/** Admin routes, under /redirects on the admin API (admin JWT), for editors holding the plugin's import permission. */
export default {
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'POST',
        path: '/import',
        handler: 'import.import',
        config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::redirects.import'] } }] },
      },
    ],
  },
};
