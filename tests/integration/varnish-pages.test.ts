import { signPreviewToken } from '@clinic/shared';
import { startVarnish, varnishAvailable, type VarnishHandle } from '../support/varnish-process.js';
import { editChicagoIntro } from '../support/cms-edit.js';
import { DEV } from '../support/dev-env.js';
import { rawRequest } from '../support/edge-http.js';
import { startRecorder, type HttpRecorder } from '../support/http-recorder.js';
import { freePort } from '../support/ports.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';
import { startWeb, WEB_HOSTS, WEB_TRUSTED_DOCUMENTS, type WebProcess } from '../support/web-process.js';

/**
 * The website's pages through a real Varnish (deploy/varnish/default.vcl, its `web` door) in front of the
 * real website, gateway and Strapi: pages by host and path, never a preview, the visitor's address passed
 * on, and one gateway purge taking the page out of the website's cache and then Varnish's.
 */
let stack: Stack;
let varnish: VarnishHandle;
let web: WebProcess;
let recorder: HttpRecorder;
let door = '';

beforeAll(async () => {
  if (!varnishAvailable()) throw new Error('varnishd with vmod xkey is required: apt-get install varnish varnish-modules');
  const [varnishPort, webDoorPort, webPort] = [await freePort(), await freePort(), await freePort()];
  stack = await startStack({
    gatewayEnv: {
      TRUSTED_DOCUMENTS: WEB_TRUSTED_DOCUMENTS,
      CDN_PROVIDER: 'varnish',
      CDN_PURGE_URLS: `http://127.0.0.1:${varnishPort}/`,
      WEB_PURGE_URLS: `http://127.0.0.1:${webPort}/`,
    },
  });
  recorder = await startRecorder(stack.gateway.url);
  // The website trusts Varnish (loopback) to name the visitor in X-Forwarded-For.
  web = await startWeb({ gatewayUrl: recorder.url, port: webPort, env: { TRUST_PROXY: '127.0.0.1' } });
  varnish = await startVarnish({
    listen: [`127.0.0.1:${varnishPort}`],
    webListen: `127.0.0.1:${webDoorPort}`,
    backend: { host: '127.0.0.1', port: stack.gateway.port },
    web: { host: '127.0.0.1', port: webPort },
    purgers: ['127.0.0.1'],
  });
  door = varnish.webUrl!;
}, 180_000);

afterAll(async () => {
  await varnish?.stop();
  await web?.stop();
  await recorder?.close();
  await stack?.stop();
}, 60_000);

const get = (path: string, o: { host?: string; headers?: Record<string, string>; localAddress?: string } = {}) =>
  rawRequest(`${door}${path}`, { headers: { host: o.host ?? WEB_HOSTS.lakeshore, ...o.headers }, localAddress: o.localAddress });
const reachedWebsite = async () => {
  const m = await web.metrics();
  return m.hits + m.misses + m.stale;
};

describe('Varnish in front of the website (deploy/varnish/default.vcl, `web` door)', () => {
  it('keeps a page by host and path: repeats are hits that never reach the website; tags are not shown', async () => {
    const first = await get('/chicago/kyphoplasty');
    expect([first.status, first.headers['x-edge-cache']]).toEqual([200, 'MISS']);
    expect(first.headers['surrogate-key']).toBeUndefined();
    const before = await reachedWebsite();
    for (const p of ['/chicago/kyphoplasty', '/chicago/kyphoplasty?utm_source=newsletter', '/chicago/kyphoplasty?x=1&y=2']) {
      const res = await get(p);
      expect([p, res.headers['x-edge-cache'], res.text]).toEqual([p, 'HIT', first.text]);
    }
    expect(await reachedWebsite()).toBe(before);
    // Another host is another site: another object.
    const north = await get('/chicago/kyphoplasty', { host: WEB_HOSTS.northshore });
    expect(north.headers['x-edge-cache']).toBe('MISS');
    expect(north.text).toContain('northshorespine.example');
    // Unknown pages are kept too.
    expect((await get('/no-such-city')).status).toBe(404);
    expect((await get('/no-such-city')).headers['x-edge-cache']).toBe('HIT');
  });

  it('never keeps a preview', async () => {
    const token = encodeURIComponent(signPreviewToken(DEV.previewSecret, 'lakeshore-spine', 300));
    for (let i = 0; i < 2; i++) {
      const res = await get(`/preview/lakeshore-spine/chicago/kyphoplasty?token=${token}`);
      expect(res.status).toBe(200);
      expect(res.headers['x-edge-cache']).toBe('PASS');
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
  });

  it("passes the visitor's address on: the website names that visitor to the gateway", async () => {
    recorder.seen.length = 0;
    const res = await get(`/visitor-check-${Date.now()}`, { localAddress: '127.0.0.3' });
    expect(res.status).toBe(404);
    const asked = recorder.seen.filter((r) => r.url.includes('/graphql'));
    expect(asked.length).toBeGreaterThan(0);
    for (const r of asked) expect(r.headers['x-visitor-ip']).toBe('127.0.0.3');
  });

  it('a publish reaches the page through Varnish, and the first page Varnish keeps after it is the new one', async () => {
    await get('/chicago');
    expect((await get('/chicago')).headers['x-edge-cache']).toBe('HIT');
    const intro = `Our Chicago team, updated through Varnish at ${Date.now()}.`;
    await editChicagoIntro(stack.strapi, intro, true);
    const ms = await waitFor(async () => (await get('/chicago')).text.includes(intro), 10_000, 20);
    console.log(`[varnish-pages] publish visible on the page through Varnish in ${ms} ms`);
    // From then on every answer is the new page, from Varnish.
    for (let i = 0; i < 5; i++) {
      const res = await get('/chicago');
      expect([res.headers['x-edge-cache'], res.text.includes(intro)]).toEqual(['HIT', true]);
    }
  });
});
