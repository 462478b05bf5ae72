export default ({ env }) => ({
  // Scheduled publishing (cms/src/plugins/publish-schedule). Every Strapi process polls; each schedule
  // runs once. A schedule is visible on the site within PUBLISH_SCHEDULE_POLL_MS (+ the webhook's purge).
  'publish-schedule': {
    enabled: true,
    resolve: './src/plugins/publish-schedule',
    config: {
      pollIntervalMs: env.int('PUBLISH_SCHEDULE_POLL_MS', 10_000),
      staleAfterMs: env.int('PUBLISH_SCHEDULE_STALE_MS', 120_000),
    },
  },
  // Editors' redirects: CSV import of a site's legacy paths (cms/src/plugins/redirects).
  redirects: {
    enabled: true,
    resolve: './src/plugins/redirects',
  },
});
