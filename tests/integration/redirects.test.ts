import { DEV } from '../support/dev-env.js';
import { freePort } from '../support/ports.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';
import { startWeb, WEB_HOSTS, WEB_TRUSTED_DOCUMENTS, type WebProcess } from '../support/web-process.js';

/**
 * Editors' redirects on the real Strapi, gateway and website: saved through the admin API as the Editor
 * role (the content manager's calls), checked on save (same-site paths, no loop, no duplicate), imported by
 * CSV through the redirects plugin's admin route (all or nothing), answered by the gateway from cache with
 * chains collapsed (slug history included), purged per site on every change, and answered 301/302/410 by
 * the website.
 */

type Json = Record<string, any>;
const REDIRECTS = '/content-manager/collection-types/api::redirect.redirect';
const REDIRECT = `query R($path: String!) { redirect(path: $path) { from to statusCode } }`;

let stack: Stack;
let web: WebProcess;
let token: string;
const siteIds: Record<'lakeshore' | 'northshore', string> = { lakeshore: '', northshore: '' };

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${stack.strapi.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** The content manager's create, as the admin panel sends it (the relation as `connect`). */
async function create(site: keyof typeof siteIds, data: { fromPath: string; toPath?: string | null; kind?: string }) {
  return admin('POST', REDIRECTS, { ...data, site: { connect: [{ documentId: siteIds[site] }], disconnect: [] } });
}

async function created(site: keyof typeof siteIds, data: { fromPath: string; toPath?: string | null; kind?: string }): Promise<string> {
  const res = await create(site, data);
  expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
  return res.body.data.documentId as string;
}

async function redirect(path: string, siteKey: string = DEV.siteKeys.lakeshore) {
  const res = await stack.gateway.query(REDIRECT, { variables: { path }, siteKey, method: 'GET' });
  expect(res.body.errors).toBeUndefined();
  return { answer: (res.body.data as Json).redirect, cache: res.headers.get('x-cache') };
}

async function importCsv(site: string, csv: string, replace = false) {
  const form = new FormData();
  form.append('site', site);
  form.append('replace', String(replace));
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'redirects.csv');
  return admin('POST', '/redirects/import', form);
}

const countOf = async (site: keyof typeof siteIds) => stack.strapi.app.db.query('api::redirect.redirect').count({ where: { site: { documentId: siteIds[site] } } });

beforeAll(async () => {
  // The gateway purges the website's pages too (its stored 404s and redirects).
  const webPort = await freePort();
  stack = await startStack({ gatewayEnv: { TRUSTED_DOCUMENTS: WEB_TRUSTED_DOCUMENTS, WEB_PURGE_URLS: `http://127.0.0.1:${webPort}/` } });
  web = await startWeb({ gatewayUrl: stack.gateway.url, port: webPort });
  // The Editor role: the redirects and the import are editors' work, not only the super admin's.
  const login = await fetch(`${stack.strapi.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEV.editor.email, password: DEV.editor.password }),
  });
  token = ((await login.json()) as Json).data.token;
  for (const key of ['lakeshore', 'northshore'] as const) {
    const [site] = await stack.strapi.app.documents('api::site.site').findMany({ filters: { slug: DEV.sites[key] } });
    siteIds[key] = site.documentId;
  }
}, 240_000);

afterAll(async () => {
  await web?.stop();
  await stack?.stop();
}, 60_000);

describe('an editor saves, changes and deletes a redirect', () => {
  it('the gateway answers it for its site only, from cache, and the website answers 301, then 302, then 404', async () => {
    expect(await redirect('/old-spine-center')).toEqual({ answer: null, cache: 'MISS' });
    expect((await web.get('/old-spine-center')).status).toBe(404);
    // Normalized on save: trailing and repeated slashes go.
    const id = await created('lakeshore', { fromPath: ' /old-spine-center/ ', toPath: '/chicago', kind: 'permanent_301' });
    const stored = await admin('GET', `${REDIRECTS}/${id}`);
    expect(stored.body.data.fromPath).toBe('/old-spine-center');

    // The cached null went with the webhook: the next answer is the redirect, then it is a hit.
    await waitFor(async () => (await redirect('/old-spine-center')).answer !== null, 5000, 20);
    expect(await redirect('/old-spine-center')).toEqual({ answer: { from: '/old-spine-center', to: '/chicago', statusCode: 301 }, cache: 'HIT' });
    expect(await redirect('/old-spine-center/')).toMatchObject({ answer: { to: '/chicago', statusCode: 301 } });
    // Another site's table is its own.
    expect((await redirect('/old-spine-center', DEV.siteKeys.northshore)).answer).toBeNull();
    await waitFor(async () => (await web.get('/old-spine-center')).status === 301, 5000, 20);
    expect((await web.get('/old-spine-center')).headers.location).toMatch(/\/chicago$/);
    expect((await web.get('/old-spine-center', { host: WEB_HOSTS.northshore })).status).toBe(404);

    expect((await admin('PUT', `${REDIRECTS}/${id}`, { kind: 'temporary_302' })).status).toBe(200);
    await waitFor(async () => (await redirect('/old-spine-center')).answer?.statusCode === 302, 5000, 20);
    await waitFor(async () => (await web.get('/old-spine-center')).status === 302, 5000, 20);

    expect((await admin('DELETE', `${REDIRECTS}/${id}`)).status).toBe(200);
    await waitFor(async () => (await redirect('/old-spine-center')).answer === null, 5000, 20);
    await waitFor(async () => (await web.get('/old-spine-center')).status === 404, 5000, 20);
  });

  it('410 Gone has no target: the gateway says so and the website answers 410', async () => {
    expect((await create('lakeshore', { fromPath: '/closed-office', toPath: '/chicago', kind: 'gone_410' })).body.error.details.code).toBe('UNEXPECTED_TARGET');
    await created('lakeshore', { fromPath: '/closed-office', kind: 'gone_410' });
    await waitFor(async () => (await redirect('/closed-office')).answer?.statusCode === 410, 5000, 20);
    expect((await redirect('/closed-office')).answer).toEqual({ from: '/closed-office', to: null, statusCode: 410 });
    await waitFor(async () => (await web.get('/closed-office')).status === 410, 5000, 20);
    expect((await web.get('/closed-office')).body).toContain('Page removed');
  });

  it('refuses off-site targets, loops, duplicates and bad paths with a clear error (and saves nothing)', async () => {
    const before = await countOf('lakeshore');
    const refused = async (data: { fromPath: string; toPath?: string; kind?: string }) => {
      const res = await create('lakeshore', data);
      expect(res.status).toBe(400);
      return { code: res.body.error.details.code, message: res.body.error.message, field: res.body.error.details.errors?.[0]?.path?.[0] };
    };
    for (const toPath of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      expect(await refused({ fromPath: '/offsite', toPath })).toMatchObject({ code: 'OFF_SITE_TARGET', field: 'toPath' });
    }
    expect(await refused({ fromPath: 'no-slash', toPath: '/chicago' })).toMatchObject({ code: 'INVALID_PATH', field: 'fromPath' });
    expect(await refused({ fromPath: '/a?b=1', toPath: '/chicago' })).toMatchObject({ code: 'INVALID_PATH' });
    expect(await refused({ fromPath: '/', toPath: '/chicago' })).toMatchObject({ code: 'HOME_NOT_REDIRECTABLE' });
    expect(await refused({ fromPath: '/same', toPath: '/same/' })).toMatchObject({ code: 'SELF_REDIRECT' });
    expect(await refused({ fromPath: '/no-target', kind: 'permanent_301' })).toMatchObject({ code: 'MISSING_TARGET' });

    await created('lakeshore', { fromPath: '/loop-a', toPath: '/loop-b' });
    await created('lakeshore', { fromPath: '/loop-b', toPath: '/loop-c' });
    const loop = await refused({ fromPath: '/loop-c', toPath: '/loop-a' });
    expect(loop).toMatchObject({ code: 'LOOP', field: 'toPath' });
    expect(loop.message).toContain('/loop-c → /loop-a → /loop-b → /loop-c');
    expect(await refused({ fromPath: '/loop-a/', toPath: '/chicago' })).toMatchObject({ code: 'DUPLICATE_FROM', field: 'fromPath' });
    // The same path on another site is another site's business.
    await created('northshore', { fromPath: '/loop-a', toPath: '/evanston' });
    expect(await countOf('lakeshore')).toBe(before + 2);
  });
});

describe('chains are collapsed', () => {
  it('A → B → C answers A → C in one hop; a 302 on the way makes it 302; slug history is followed too', async () => {
    await created('lakeshore', { fromPath: '/chain-1', toPath: '/chain-2' });
    await created('lakeshore', { fromPath: '/chain-2', toPath: '/chain-3', kind: 'temporary_302' });
    await created('lakeshore', { fromPath: '/chain-3', toPath: '/chicago' });
    expect((await redirect('/chain-1')).answer).toEqual({ from: '/chain-1', to: '/chicago', statusCode: 302 });
    // /loop-a → /loop-b → /loop-c (made above) ends at /loop-c, which is nothing: one hop there.
    expect((await redirect('/loop-a')).answer).toEqual({ from: '/loop-a', to: '/loop-c', statusCode: 301 });

    // A procedure slug that moved (its Slug redirect), reached through an editor's redirect: one hop to the page.
    await stack.strapi.app.documents('api::slug-redirect.slug-redirect').create({ data: { type: 'procedure', fromSlug: 'vertebral-augmentation', toSlug: 'kyphoplasty' } });
    await created('lakeshore', { fromPath: '/services/va.html', toPath: '/chicago/vertebral-augmentation' });
    await waitFor(async () => (await redirect('/services/va.html')).answer?.to === '/chicago/kyphoplasty', 5000, 20);
    expect((await redirect('/services/va.html')).answer).toEqual({ from: '/services/va.html', to: '/chicago/kyphoplasty', statusCode: 301 });
    const res = await web.get('/services/va.html');
    expect([res.status, res.headers.location?.replace(/^https?:\/\/[^/]+/, '')]).toEqual([301, '/chicago/kyphoplasty']);
    expect((await web.get('/chicago/kyphoplasty')).status).toBe(200);
  });
});

describe('CSV import through the admin API', () => {
  it('imports 10,000 rows in one transaction, tells the gateway once, and the cached answers follow', async () => {
    const N = 10_000;
    // Cached before the import: a null at the gateway, a 404 at the website, and an unrelated page.
    expect((await redirect('/legacy/page-44')).answer).toBeNull();
    expect((await redirect('/legacy/page-44', DEV.siteKeys.northshore)).answer).toBeNull();
    expect((await web.get('/legacy/page-44')).status).toBe(404);
    await stack.gateway.query(REDIRECT, { variables: { path: '/legacy/page-44' }, siteKey: DEV.siteKeys.northshore, method: 'GET' });

    const lines = ['from,to,status'];
    for (let i = 0; i < N; i++) {
      // Every tenth row is gone, every tenth chains to the next row, the rest go to real pages.
      if (i % 10 === 3) lines.push(`/legacy/page-${i},,410`);
      else if (i % 10 === 5) lines.push(`/legacy/page-${i},/legacy/page-${i + 1},301`);
      else lines.push(`/legacy/page-${i},${i % 2 ? '/chicago/kyphoplasty' : '/chicago'},${i % 7 === 0 ? 302 : 301}`);
    }
    const before = await countOf('lakeshore');
    const started = Date.now();
    const res = await importCsv(DEV.sites.lakeshore, `${lines.join('\r\n')}\r\n`);
    const ms = Date.now() - started;
    expect([res.status, res.body.data?.imported]).toEqual([200, N]);
    console.log(`[redirects] CSV import of ${N} rows: ${ms} ms round trip (${res.body.data.ms} ms in Strapi)`);
    expect(await countOf('lakeshore')).toBe(before + N);

    await waitFor(async () => (await redirect('/legacy/page-44')).answer !== null, 10_000, 50);
    expect((await redirect('/legacy/page-44')).answer).toEqual({ from: '/legacy/page-44', to: '/chicago', statusCode: 301 });
    expect((await redirect('/legacy/page-13')).answer).toEqual({ from: '/legacy/page-13', to: null, statusCode: 410 });
    expect((await redirect('/legacy/page-15')).answer).toEqual({ from: '/legacy/page-15', to: '/chicago', statusCode: 301 });
    expect((await redirect('/legacy/page-9997')).answer).toEqual({ from: '/legacy/page-9997', to: '/chicago/kyphoplasty', statusCode: 301 });
    // Precise per site: the other site's cached answer stayed.
    expect(await redirect('/legacy/page-44', DEV.siteKeys.northshore)).toEqual({ answer: null, cache: 'HIT' });
    await waitFor(async () => (await web.get('/legacy/page-44')).status === 301, 5000, 20);
    expect((await web.get('/legacy/page-13')).status).toBe(410);
  });

  it('imported and saved redirects stay linked to their site when the site is published again', async () => {
    const before = await countOf('lakeshore');
    const sites = stack.strapi.app.documents('api::site.site');
    await sites.publish({ documentId: siteIds.lakeshore });
    expect(await countOf('lakeshore')).toBe(before);
    // Paths not asked before: fresh reads through Strapi's REST filter on the relation.
    expect((await redirect('/legacy/page-79')).answer).toEqual({ from: '/legacy/page-79', to: '/chicago/kyphoplasty', statusCode: 301 });
    expect((await redirect('/chain-3')).answer).toEqual({ from: '/chain-3', to: '/chicago', statusCode: 301 });
  });

  it('a file with bad rows is refused whole: every row error with its line and code, nothing written', async () => {
    const before = await countOf('lakeshore');
    const csv = [
      'from,to,status',
      '/fine-1,/chicago,301', // 2
      '/offsite,https://evil.example/,301', // 3
      '/fine-2,/chicago/kyphoplasty,', // 4
      '/fine-1,/evanston,301', // 5: duplicate of line 2
      '/ring-1,/ring-2,301', // 6
      '/ring-2,/ring-1,302', // 7
      '/odd,/chicago,307', // 8
      '/missing,,301', // 9
      '/legacy/page-44,/chicago,301', // 10: already imported
      '/loop-c,/loop-a,301', // 11: closes the loop saved above
      '"/quoted, path",/chicago,301', // 12: a comma inside quotes is a character of the path, which has no place there
    ].join('\n');
    const res = await importCsv(DEV.sites.lakeshore, csv);
    expect(res.status).toBe(422);
    const errors = (res.body.data.errors as Array<{ row: number; code: string }>).map((e) => [e.row, e.code]);
    expect(errors).toEqual([
      [3, 'OFF_SITE_TARGET'],
      [5, 'DUPLICATE_FROM'],
      [6, 'LOOP'],
      [7, 'LOOP'],
      [8, 'INVALID_KIND'],
      [9, 'MISSING_TARGET'],
      [10, 'DUPLICATE_FROM'],
      [11, 'LOOP'],
      [12, 'INVALID_PATH'],
    ]);
    expect(res.body.data.errorCount).toBe(9);
    expect(await countOf('lakeshore')).toBe(before);
    expect((await redirect('/fine-1')).answer).toBeNull();
  });

  it('the same file imported twice at once is written once: the second is refused row by row', async () => {
    const before = await countOf('lakeshore');
    const csv = Array.from({ length: 200 }, (_, i) => `/twice/${i},/chicago,301`).join('\n');
    const [a, b] = await Promise.all([importCsv(DEV.sites.lakeshore, csv), importCsv(DEV.sites.lakeshore, csv)]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    expect((a.status === 422 ? a : b).body.data.errors[0]).toMatchObject({ row: 1, code: 'DUPLICATE_FROM' });
    expect(await countOf('lakeshore')).toBe(before + 200);
  });

  it('replace: the file becomes the whole table; an unknown site and a missing file are refused', async () => {
    const res = await importCsv(DEV.sites.northshore, '/only-one,/evanston,301\n', true);
    expect([res.status, res.body.data.imported, res.body.data.replaced]).toEqual([200, 1, 1]);
    expect(await countOf('northshore')).toBe(1);
    await waitFor(async () => (await redirect('/only-one', DEV.siteKeys.northshore)).answer?.to === '/evanston', 5000, 20);
    expect((await redirect('/loop-a', DEV.siteKeys.northshore)).answer).toBeNull();

    expect((await importCsv('no-such-site', '/a,/b\n')).status).toBe(400);
    const form = new FormData();
    form.append('site', DEV.sites.lakeshore);
    expect((await admin('POST', '/redirects/import', form)).status).toBe(400);
    // Without a login: the admin API refuses.
    expect((await fetch(`${stack.strapi.url}/redirects/import`, { method: 'POST' })).status).toBe(401);
  });
});
