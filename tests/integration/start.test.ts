/**
 * The README's Quick start: `npm start` (scripts/start.mjs, after the build `npm test` has already run)
 * brings up Strapi with its admin panel and the gateway, prints the URLs, the demo site key and the dev
 * logins, serves the contract's three queries for that key and both sites' landing pages, and stops all three
 * apps on Ctrl-C (SIGINT).
 * It runs on other ports and a temp SQLite file, so a developer's own `npm start` is untouched. On a
 * fresh clone this is the first start: it builds the admin (about a minute) and says so.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CmsAdmin } from '../support/cms-admin.js';
import { graphql } from '../support/gateway-harness.js';
import { freePort } from '../support/ports.js';
import { DEV } from '../support/dev-env.js';
import { waitFor } from '../support/stack.js';
import { ROOT, runStartScript, type StartScript } from '../support/start-script.js';
import { getWithHost } from '../support/web-process.js';

const ADMIN_INDEX = path.join(ROOT, 'cms/dist/build/index.html');

describe('npm start (scripts/start.mjs)', () => {
  let run: StartScript;
  const output = () => run.output();
  let cmsPort: number;
  let apiPort: number;
  let webPort: number;
  const adminWasBuilt = existsSync(ADMIN_INDEX);

  beforeAll(async () => {
    [cmsPort, apiPort, webPort] = [await freePort(), await freePort(), await freePort()];
    // Only the ports and the database file differ from a developer's `npm start`.
    run = await runStartScript('start.mjs', { CMS_PORT: cmsPort, API_PORT: apiPort, WEB_PORT: webPort }, 'Ctrl-C stops all three');
  }, 300_000);

  afterAll(() => run?.cleanup());

  it('prints the URLs, the demo site key and the dev logins; says when it builds the admin', () => {
    expect(output()).toContain(`http://localhost:${cmsPort}/admin`);
    expect(output()).toContain(`http://localhost:${apiPort}/graphql`);
    expect(output()).toContain(`http://lakeshore.localhost:${webPort}/chicago/kyphoplasty`);
    expect(output()).toContain(`http://northshore.localhost:${webPort}/evanston/kyphoplasty`);
    // The Spanish landing page by its Spanish URL.
    expect(output()).toContain('Spanish: /es/chicago/cifoplastia');
    // A clinic's own page, in both languages.
    expect(output()).toContain(`http://lakeshore.localhost:${webPort}/clinics/chicago-loop-spine-center`);
    expect(output()).toContain('(Spanish: /es/clinics/chicago-loop-spine-center)');
    expect(output()).toContain(`Demo site key  ${DEV.siteKeys.lakeshore}  (site lakeshore-spine)`);
    expect(output()).toContain(`${DEV.admin.email} / ${DEV.admin.password}`);
    expect(output()).toContain(`${DEV.editor.email} / ${DEV.editor.password}`);
    expect(output().includes('First start: building the Strapi admin panel')).toBe(!adminWasBuilt);
    expect(existsSync(ADMIN_INDEX)).toBe(true);
  });

  it('serves the admin panel and the contract queries for the demo key', async () => {
    const admin = await fetch(`http://127.0.0.1:${cmsPort}/admin`);
    expect(admin.status).toBe(200);
    expect(admin.headers.get('content-type')).toMatch(/text\/html/);

    const url = `http://127.0.0.1:${apiPort}`;
    const res = await graphql<any>(
      url,
      `{ procedure(slug: "kyphoplasty") { title } location(slug: "chicago") { city state }
         landingPage(procedure: "kyphoplasty", location: "chicago") { title clinics { name } } }`,
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.procedure.title).toMatch(/Kyphoplasty/);
    expect(res.body.data.location).toEqual({ city: 'Chicago', state: 'IL' });
    expect(res.body.data.landingPage.title).toMatch(/Kyphoplasty in Chicago/);
    expect(res.body.data.landingPage.clinics.length).toBeGreaterThanOrEqual(2);
  });

  it("serves both seeded sites' landing pages from the banner, each linking the full article", async () => {
    for (const [host, pathname, h1] of [
      ['lakeshore.localhost', '/chicago/kyphoplasty', 'Kyphoplasty in Chicago'],
      ['northshore.localhost', '/evanston/kyphoplasty', 'Kyphoplasty in Evanston'],
    ]) {
      const page = await getWithHost(`http://127.0.0.1:${webPort}${pathname}`, `${host}:${webPort}`);
      expect([pathname, page.status]).toEqual([pathname, 200]);
      expect(page.body).toContain(`<h1>${h1}`);
      // A landing page is its own (uniqueness guard): the procedure as a summary linking the article, which has it all.
      expect(page.body).toContain('href="/procedures/kyphoplasty"');
      const article = await getWithHost(`http://127.0.0.1:${webPort}/procedures/kyphoplasty`, `${host}:${webPort}`);
      expect(article.status).toBe(200);
      for (const section of ['What happens, step by step', 'Benefits', 'Risks', 'Recovery']) expect(article.body).toContain(section);
    }
    // The banner's Spanish URL, in Spanish.
    const es = await getWithHost(`http://127.0.0.1:${webPort}/es/chicago/cifoplastia`, `lakeshore.localhost:${webPort}`);
    expect([es.status, es.body.includes('<h1>Cifoplastia en Chicago')]).toEqual([200, true]);
    // The banner's clinic page, in both languages.
    for (const p of ['/clinics/chicago-loop-spine-center', '/es/clinics/chicago-loop-spine-center']) {
      const clinic = await getWithHost(`http://127.0.0.1:${webPort}${p}`, `lakeshore.localhost:${webPort}`);
      expect([p, clinic.status, clinic.body.includes('<h1>Chicago Loop Spine Center')]).toEqual([p, 200, true]);
    }
  });

  it('wires the webhook to the gateway on its port: a publish shows at once', async () => {
    const gateway = `http://127.0.0.1:${apiPort}`;
    const query = '{ location(slug: "chicago") { intro } }';
    const intro = async () => (await graphql<any>(gateway, query)).body.data?.location?.intro;
    await intro(); // cached now
    const text = `Published through npm start at ${Date.now()}.`;
    await new CmsAdmin(`http://127.0.0.1:${cmsPort}`).publishChicagoIntro(text);
    const ms = await waitFor(async () => (await intro()) === text, 5000, 50);
    console.log(`npm start: publish visible on the gateway ${ms} ms after Strapi answered`);
  });

  it('restarts Strapi when it crashes, while the gateway keeps serving what it has cached', async () => {
    const gateway = `http://127.0.0.1:${apiPort}`;
    const query = '{ location(slug: "chicago") { city } }';
    expect((await graphql<any>(gateway, query)).body.data.location.city).toBe('Chicago'); // warm
    const pid = Number([...output().matchAll(/cms +│ started \(pid (\d+)\)/g)].at(-1)![1]);
    const before = output().length;
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => output().slice(before).includes('restarting in'), 10_000, 50);
    // Strapi is down: the warm answer still comes from the gateway's cache.
    const during = await graphql<any>(gateway, query);
    expect(during.status).toBe(200);
    expect(during.body.data.location.city).toBe('Chicago');
    const ms = await waitFor(
      async () =>
        (await fetch(`http://127.0.0.1:${cmsPort}/_health`).then(
          (r) => r.status,
          () => 0,
        )) === 204,
      120_000,
      250,
    );
    console.log(`npm start: Strapi back ${ms} ms after a SIGKILL`);
    expect(output().slice(before)).toMatch(/cms +│ started \(pid \d+\)/);
    expect(run.child.exitCode).toBeNull();
  }, 150_000);

  it('stops all three apps on Ctrl-C (SIGINT) and exits 0', async () => {
    const started = Date.now();
    const exited = new Promise<number | null>((r) => run.child.once('exit', (code) => r(code)));
    run.child.kill('SIGINT');
    expect(await exited).toBe(0);
    const ms = Date.now() - started;
    console.log(`npm start: stopped the three apps ${ms} ms after SIGINT`);
    expect(ms).toBeLessThan(15_000);
    for (const port of [cmsPort, apiPort, webPort]) {
      await expect(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  }, 30_000);
});
