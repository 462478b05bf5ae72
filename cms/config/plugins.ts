import { DEFAULT_GATEWAY_URL } from '../src/bootstrap/webhook';
import { gatewayPublicUrl, previewOrigin } from '../src/utils/preview';

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
  // The SEO panel (cms/src/plugins/seo-workbench): asks the gateway at GATEWAY_URL, as the webhook does, and
  // links previews where the preview button opens them.
  'seo-workbench': {
    enabled: true,
    resolve: './src/plugins/seo-workbench',
    config: {
      gatewayUrl: (env('GATEWAY_URL', '').trim() || DEFAULT_GATEWAY_URL).replace(/\/+$/, ''),
      previewOrigin: previewOrigin(env('WEB_PUBLIC_URL', ''), gatewayPublicUrl(env('GATEWAY_PUBLIC_URL', ''))),
      timeoutMs: env.int('SEO_WORKBENCH_TIMEOUT_MS', 20_000),
    },
  },
  // Editors' redirects: CSV import of a site's legacy paths (cms/src/plugins/redirects).
  redirects: {
    enabled: true,
    resolve: './src/plugins/redirects',
  },
});
