/**
 * Soak: two minutes (SOAK_SECONDS) of moderate load on the gateway while an editor saves and publishes
 * the Chicago intro every 5 s through Strapi's admin API. Strapi, the gateway and this test (load +
 * poller) run as three processes, as in production: the gateway's memory is its own, and neither the
 * load's timings nor the publish path share an event loop with Strapi's synchronous SQLite work.
 * Holds: no 5xx, no failed response, each publish visible within 5 s of the Publish click (a functional bound;
 * `npm run bench`'s publish row holds the latency target), gateway RSS flat.
 */
import { CmsAdmin } from '../support/cms-admin.js';
import { graphql } from '../support/gateway-harness.js';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process.js';
import { percentile, startLoad, summarize, type Load, type LoadRequest } from '../support/load.js';
import { freePort } from '../support/ports.js';
import { CITY_INTRO, LANDING } from '../support/queries.js';
import { spawnStrapi, type StrapiProcess } from '../support/strapi-process.js';
import { DEV } from '../support/dev-env.js';

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const PUBLISH_EVERY_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`[soak] ${line}`);

const MIX: LoadRequest[] = [
  { label: 'city', query: CITY_INTRO, variables: { slug: 'chicago' } },
  {
    label: 'landing',
    query: LANDING,
    variables: { procedure: 'kyphoplasty', location: 'chicago' },
  },
  {
    label: 'landing-es',
    query: LANDING,
    variables: { procedure: 'cifoplastia', location: 'chicago', locale: 'es' },
  },
  {
    label: 'procedure',
    query: `{ procedure(slug: "kyphoplasty") { slug title summary faqs { question } } }`,
  },
  { label: 'locations', query: `{ locations { slug city clinics { slug } } }` },
  { label: 'sitemap', query: `{ sitemap { url lastModified } }` },
  {
    label: 'evanston',
    query: LANDING,
    variables: { procedure: 'kyphoplasty', location: 'evanston' },
    siteKey: DEV.siteKeys.northshore,
  },
];

describe('soak: steady load with a publish every 5 s', () => {
  let strapi: StrapiProcess;
  let gw: GatewayProcess;
  let editor: CmsAdmin;
  beforeAll(async () => {
    const port = await freePort();
    strapi = await spawnStrapi({ gatewayUrl: `http://127.0.0.1:${port}` });
    await strapi.start();
    editor = new CmsAdmin(strapi.url);
    // The load comes from one client with one site key: the per-key rate limit (200/s by default) is not
    // what this measures, so it is off. Short soft TTL and reconciliation keep background refreshes and reconcile passes running throughout.
    gw = await spawnGateway({
      strapiUrl: strapi.url,
      port,
      env: { CACHE_SOFT_TTL_SECONDS: '5', RECONCILE_INTERVAL_SECONDS: '10', RATE_LIMIT_ENABLED: 'false' },
    });
  }, 90_000);
  afterAll(async () => {
    await gw?.stop();
    await strapi?.stop();
  });

  it(
    `${SOAK_SECONDS} s: zero 5xx, every publish visible within 5 s, flat gateway memory`,
    async () => {
      for (const r of MIX) {
        const res = await graphql<any>(gw.url, r.query, {
          variables: r.variables,
          siteKey: r.siteKey,
        });
        expect(res.body.errors).toBeUndefined();
      }
      const rss: Array<[number, number]> = [[0, gw.rssMiB()]];
      const started = Date.now();
      const load: Load = startLoad({
        url: gw.url,
        requests: MIX,
        connections: 8,
        ratePerSec: 300,
        maxDurationMs: (SOAK_SECONDS + 30) * 1000,
      });
      const visible: Array<{ fromSave: number; fromPublish: number; publishCall: number; at: string }> = [];
      try {
        let n = 0;
        while (Date.now() - started < SOAK_SECONDS * 1000) {
          const tick = Date.now();
          n += 1;
          const text = `Soak publish #${n} at ${tick}: our Chicago spine team answers the phone around the clock.`;
          const t0 = performance.now();
          await editor.saveChicagoIntro(text);
          const t1 = performance.now();
          // The clock for "visible within 1 s" starts at the Publish click: the request leaves now.
          const published = editor.publishChicago(text).then(() => performance.now());
          for (;;) {
            const res = await graphql<any>(gw.url, CITY_INTRO, {
              variables: { slug: 'chicago' },
            });
            if (res.body.data?.location?.intro === text) break;
            if (performance.now() - t1 > 5000) throw new Error(`publish #${n} not visible within 5 s`);
            await sleep(10);
          }
          const t2 = performance.now();
          const t3 = await published;
          visible.push({
            fromSave: Math.round(t2 - t0),
            fromPublish: Math.round(t2 - t1),
            publishCall: Math.round(t3 - t1),
            at: new Date(Date.now() - Math.round(t2 - t1)).toISOString(),
          });
          const sec = Math.round((Date.now() - started) / 1000);
          if (!rss.length || sec - rss[rss.length - 1][0] >= 10) rss.push([sec, gw.rssMiB()]);
          await sleep(Math.max(0, PUBLISH_EVERY_MS - (Date.now() - tick)));
        }
      } finally {
        await load.stop();
      }
      const s = load.stats;
      rss.push([Math.round((Date.now() - started) / 1000), gw.rssMiB()]);
      log(summarize(`${SOAK_SECONDS} s soak, 8 connections`, s));
      const fromSave = visible.map((v) => v.fromSave);
      const fromPublish = visible.map((v) => v.fromPublish);
      log(`${visible.length} publishes; visible on the gateway (ms after the Publish click): ${fromPublish.join(' ')}`);
      log(
        `publish → visible: median ${percentile(fromPublish, 50)} ms, p95 ${percentile(fromPublish, 95)} ms, max ${Math.max(...fromPublish)} ms ` +
          `(from the Save click before it: median ${percentile(fromSave, 50)} ms, max ${Math.max(...fromSave)} ms; ` +
          `Strapi's own publish request took median ${percentile(
            visible.map((v) => v.publishCall),
            50,
          )} ms)`,
      );
      // Where a slow publish spent its time: the publish itself, and the gateway's own account of slow catalogue changes.
      for (const v of visible.filter((x) => x.fromPublish > 500)) log(`slow publish clicked at ${v.at}: visible after ${v.fromPublish} ms (Strapi's publish request ${v.publishCall} ms)`);
      for (const line of gw
        .output()
        .split('\n')
        .filter((l) => l.includes('Slow catalogue change')))
        log(`gateway: ${line.slice(0, 400)}`);
      log(`gateway RSS MiB by second: ${rss.map(([t, m]) => `${t}s=${m.toFixed(1)}`).join(' ')}`);
      const first = rss[1]?.[1] ?? rss[0][1]; // after ~10 s of load: pools, JIT and caches are warm
      const mid = rss.reduce((best, cur) => (Math.abs(cur[0] - SOAK_SECONDS / 2) < Math.abs(best[0] - SOAK_SECONDS / 2) ? cur : best))[1];
      const end = rss[rss.length - 1][1];
      log(`gateway RSS: start ${rss[0][1].toFixed(1)} MiB, warm ${first.toFixed(1)} MiB, middle ${mid.toFixed(1)} MiB, end ${end.toFixed(1)} MiB`);

      expect(s.status5xx).toBe(0);
      expect(s.failures).toEqual([]);
      expect(visible.length).toBeGreaterThanOrEqual(Math.floor(SOAK_SECONDS / 5) - 1);
      // Functional bound (a loaded 2-core machine cannot miss it); the latency target (p99 ≤ 500 ms, max ≤ 1 s) is the bench's.
      expect(Math.max(...fromPublish)).toBeLessThan(5000);
      // Flat: the second half grows by less than 10 % (a leak of the request rate would show here).
      expect(end - mid).toBeLessThan(Math.max(8, 0.1 * mid));
    },
    (SOAK_SECONDS + 120) * 1000,
  );
});
