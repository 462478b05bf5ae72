import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { SitesConfigError } from '../lib/sites';
import { createFrontServer } from './front-server';
import { PageCache } from './page-cache';
import { RenderBudget } from './render-budget';
import { startPurgeBus } from './purge-bus';
import { loadWebConfig, WebConfigError } from './web-config';

/**
 * `npm start -w web` (and the Dockerfile): the front server on PORT, Next (production build in .next/)
 * behind it in the same process. Stops cleanly on SIGTERM/SIGINT: no new connections, in-flight ones end.
 */
async function main() {
  let config;
  try {
    config = loadWebConfig(process.env);
  } catch (e) {
    if (e instanceof WebConfigError || e instanceof SitesConfigError) {
      console.error(`web: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const app = next({ dir, dev: false, quiet: true });
  await app.prepare();
  const cache = new PageCache({ maxBytes: config.cacheMaxBytes, ttlSeconds: config.ttlSeconds });
  const bus = await startPurgeBus(config.redisUrl, config.redisPrefix, (p) => front.applyPurge(p));
  const front = createFrontServer({
    next: app.getRequestHandler(),
    sites: config.sites,
    indexNowKeys: config.indexNowKeys,
    defaultSite: config.defaultSite,
    cache,
    purgeSecret: config.purgeSecret,
    trustProxy: config.trustProxy,
    ttlSeconds: config.ttlSeconds,
    graceSeconds: config.graceSeconds,
    hsts: config.production,
    onPurge: (p) => bus?.publish(p),
    metricsToken: config.metricsToken,
    renderBudget: new RenderBudget(config.rendersPerVisitorPerMinute),
  });
  front.server.keepAliveTimeout = 65_000;
  front.server.listen(config.port, config.host, () => {
    console.log(
      `web: listening on http://${config.host}:${config.port} (page cache ${Math.round(config.cacheMaxBytes / 1048576)} MB, TTL ${config.ttlSeconds} s${bus ? ', purges shared over Redis' : ''})`,
    );
  });
  const stop = () => {
    front.server.close(() => {
      void bus?.close().finally(() => process.exit(0));
    });
    front.server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
