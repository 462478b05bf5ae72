// Boots the compiled Strapi app (cms/dist, built by `npm run build`) in its own process: the child that
// strapi-process.ts starts for the tests, the bench and Lighthouse. Run with cwd = cms/; all configuration
// comes from the environment (strapi-process.ts).
const path = require('node:path');

const appDir = process.cwd();
const { createStrapi } = require('@strapi/strapi');
const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), serveAdminPanel: false, autoReload: false });
// Per-request `http` log lines would cost Strapi CPU during the bench's direct-REST run and flatter the gateway.
if (process.env.BOOT_STRAPI_LOG_LEVEL) app.log.level = process.env.BOOT_STRAPI_LOG_LEVEL;

app.start().catch((err) => {
  console.error(err);
  process.exit(1);
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 3000).unref();
  void Promise.resolve(app.destroy()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
