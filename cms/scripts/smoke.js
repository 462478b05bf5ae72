'use strict';
/**
 * Smoke test of the compiled CMS (run `npm run build -w shared && npm run compile -w cms` first):
 * boots Strapi from cms/dist on a throw-away SQLite file, checks the REST contract with the zod
 * schemas the gateway uses, the gateway token (incl. draft reads), webhook delivery, preview URLs,
 * slug guard + redirects, SEO length limits, editor permissions, seed idempotency across a restart,
 * and that NODE_ENV=production without secrets refuses to boot. Exits non-zero on the first failure.
 *
 *   node cms/scripts/smoke.js
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const appDir = path.resolve(__dirname, '..');
const distDir = path.join(appDir, 'dist');
const shared = require('@clinic/shared');

const DEV = shared.DEV_DEFAULTS;
const DEV_TOKEN = DEV.strapiToken;
const DEV_WEBHOOK_SECRET = DEV.webhookSecret;
const DEV_PREVIEW_SECRET = DEV.previewSecret;
const SECRET_VARS = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'STRAPI_TOKEN', 'WEBHOOK_SECRET', 'PREVIEW_SECRET'];

const step = (msg) => console.log(`\n[smoke] ${msg}`);
const ok = (msg) => console.log(`[smoke]   ✓ ${msg}`);

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** A stand-in for the gateway's webhook endpoint that records what Strapi sends. */
function startWebhookReceiver(port) {
  const received = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url, auth: req.headers.authorization, event: req.headers['x-strapi-event'], body: body ? JSON.parse(body) : null });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, received })));
}

async function boot(port) {
  const { createStrapi } = require('@strapi/strapi');
  const started = Date.now();
  const app = createStrapi({ appDir, distDir, serveAdminPanel: false });
  app.log.level = process.env.SMOKE_LOG_LEVEL || 'warn';
  await app.load();
  await new Promise((resolve, reject) => {
    app.server.httpServer.once('error', reject);
    app.server.listen(port, '127.0.0.1', resolve);
  });
  console.log(`[smoke]   boot (load + listen) took ${Date.now() - started} ms`);
  return app;
}

async function shutdown(app) {
  const started = Date.now();
  await app.destroy(); // closes the HTTP server and the database
  console.log(`[smoke]   shutdown took ${Date.now() - started} ms`);
}

function client(base) {
  return async function get(pathname, { token = DEV_TOKEN, expect = 200 } = {}) {
    const res = await fetch(base + pathname, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const text = await res.text();
    if (res.status !== expect) throw new Error(`GET ${pathname} → ${res.status} (expected ${expect}): ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
}

function parse(schema, json, label) {
  const result = shared.listResponseSchema(schema).safeParse(json);
  if (!result.success) {
    console.error(JSON.stringify(json, null, 2).slice(0, 4000));
    throw new Error(`${label} does not match the shared schema: ${JSON.stringify(result.error.issues, null, 2)}`);
  }
  return result.data;
}

async function expectRejects(promise, pattern, label) {
  try {
    await promise;
  } catch (error) {
    const message = `${error.message} ${JSON.stringify(error.details ?? {})}`;
    assert.match(message, pattern, `${label}: unexpected error ${message}`);
    ok(`${label} → "${error.message.slice(0, 140)}"`);
    return;
  }
  throw new Error(`${label}: expected an error`);
}

function productionRefusesDevSecrets() {
  step('NODE_ENV=production without secrets must refuse to boot');
  const env = { ...process.env, NODE_ENV: 'production' };
  for (const name of SECRET_VARS) delete env[name];
  const code = `require('@strapi/strapi').createStrapi({ appDir: ${JSON.stringify(appDir)}, distDir: ${JSON.stringify(distDir)}, serveAdminPanel: false }).load().then(() => { console.log('BOOTED'); process.exit(0); }, (e) => { console.error('FAILED:', e.message); process.exit(3); });`;
  const run = (extraEnv) => spawnSync(process.execPath, ['-e', code], { cwd: appDir, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 60000 });

  const missing = run({ DATABASE_FILENAME: path.join(os.tmpdir(), `cms-smoke-prod-${process.pid}.db`) });
  const out = `${missing.stdout}\n${missing.stderr}`;
  assert.notEqual(missing.status, 0, 'production boot without secrets must fail');
  assert.doesNotMatch(out, /BOOTED/);
  const named = out.match(/Missing required secret (\w+)/);
  assert.ok(named, `error should name the missing variable; got:\n${out.slice(0, 2000)}`);
  ok(`exit ${missing.status}: "Missing required secret ${named[1]} …"`);

  const devDefaults = run({
    DATABASE_FILENAME: path.join(os.tmpdir(), `cms-smoke-prod-${process.pid}.db`),
    APP_KEYS: DEV.cms.appKeys,
    ADMIN_JWT_SECRET: DEV.cms.adminJwtSecret,
    API_TOKEN_SALT: DEV.cms.apiTokenSalt,
    TRANSFER_TOKEN_SALT: DEV.cms.transferTokenSalt,
    ENCRYPTION_KEY: DEV.cms.encryptionKey,
    STRAPI_TOKEN: DEV_TOKEN,
    WEBHOOK_SECRET: DEV_WEBHOOK_SECRET,
    PREVIEW_SECRET: DEV_PREVIEW_SECRET,
  });
  const out2 = `${devDefaults.stdout}\n${devDefaults.stderr}`;
  assert.notEqual(devDefaults.status, 0, 'production boot with dev defaults must fail');
  const named2 = out2.match(/Secret (\w+) still has its public dev default/);
  assert.ok(named2, `error should name the dev-default variable; got:\n${out2.slice(0, 2000)}`);
  ok(`exit ${devDefaults.status}: dev default of ${named2[1]} refused`);
  try {
    fs.rmSync(path.join(os.tmpdir(), `cms-smoke-prod-${process.pid}.db`), { force: true });
  } catch {}
}

async function main() {
  const t0 = Date.now();
  if (!fs.existsSync(path.join(distDir, 'src', 'index.js'))) throw new Error('cms/dist missing: run `npm run compile -w cms` first');

  const dbFile = path.join(os.tmpdir(), `cms-smoke-${process.pid}-${Date.now()}.db`);
  const [port, hookPort] = [await freePort(), await freePort()];
  const hooks = await startWebhookReceiver(hookPort);
  Object.assign(process.env, {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dbFile,
    PORT: String(port),
    HOST: '127.0.0.1',
    CMS_ADMIN_EMAIL: 'admin@clinic.test',
    CMS_ADMIN_PASSWORD: 'Smoke-Admin-Passw0rd',
    CMS_EDITOR_EMAIL: 'editor@clinic.test',
    CMS_EDITOR_PASSWORD: 'Smoke-Editor-Passw0rd',
    GATEWAY_URL: `http://127.0.0.1:${hookPort}`,
    GATEWAY_PUBLIC_URL: 'http://localhost:4000',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
  });
  for (const name of SECRET_VARS) delete process.env[name];
  delete process.env.NODE_ENV;
  delete process.env.SEED;
  const base = `http://127.0.0.1:${port}`;
  const get = client(base);

  step(`first boot on ${dbFile}`);
  let app = await boot(port);
  const docs = (uid) => app.documents(uid);
  const { procedure: P, location: L, clinic: C, site: S, landingPage: LP, slugRedirect: R } = shared.CONTENT_TYPES;

  step('health');
  const health = await fetch(`${base}/_health`);
  assert.equal(health.status, 204);
  ok('GET /_health → 204');

  step('REST contract with the gateway token (zod schemas from @clinic/shared)');
  await get('/api/procedures', { token: null, expect: 403 }).catch(async (e) => {
    if (!/→ 401/.test(e.message)) throw e;
  });
  await get('/api/procedures', { token: 'wrong-token', expect: 401 });
  ok('anonymous / wrong token rejected');

  const procJson = await get(
    '/api/procedures?filters[slug][$eq]=kyphoplasty&populate[steps]=true&populate[faqs]=true&populate[seo]=true&populate[reviewer]=true&populate[localizations][fields][0]=locale',
  );
  const procs = parse(shared.procedureSchema, procJson, 'procedures');
  assert.equal(procs.data.length, 1);
  const kypho = procs.data[0];
  assert.equal(kypho.title, 'Kyphoplasty');
  assert.equal(kypho.steps.length, 2);
  assert.ok(kypho.faqs.length >= 4);
  assert.ok(kypho.seo.metaTitle.length <= shared.META_TITLE_MAX && kypho.seo.metaDescription.length <= shared.META_DESCRIPTION_MAX);
  assert.equal(kypho.reviewer.name, 'Dr. Elena Ruiz');
  assert.equal(kypho.lastReviewed, '2026-10-01');
  assert.ok(kypho.summary.length <= 300);
  assert.deepEqual(
    kypho.localizations.map((l) => l.locale),
    ['es'],
  );
  assert.ok(kypho.publishedAt);
  ok(`procedure kyphoplasty (en): ${kypho.steps.length} steps, ${kypho.faqs.length} FAQs, localizations ${kypho.localizations.map((l) => l.locale)}`);

  const procEs = parse(
    shared.procedureSchema,
    await get('/api/procedures?locale=es&filters[slug][$eq]=kyphoplasty&populate[steps]=true&populate[faqs]=true&populate[seo]=true&populate[reviewer]=true'),
    'procedures es',
  );
  assert.equal(procEs.data[0].title, 'Cifoplastia');
  assert.equal(procEs.data[0].documentId, kypho.documentId);
  assert.ok(procEs.data[0].seo.metaDescription.length <= 160);
  ok('procedure kyphoplasty (es) published: Cifoplastia');

  const locEs = parse(shared.locationSchema, await get('/api/locations?locale=es&populate[seo]=true&populate[localizations][fields][0]=locale'), 'locations es');
  assert.deepEqual(
    locEs.data.map((l) => l.slug),
    ['chicago'],
  );
  const locEn = parse(shared.locationSchema, await get('/api/locations?sort=slug&populate[seo]=true'), 'locations en');
  assert.deepEqual(
    locEn.data.map((l) => `${l.slug}/${l.state}`),
    ['chicago/IL', 'evanston/IL'],
  );
  ok(`locations en ${locEn.data.map((l) => l.slug)}; es ${locEs.data.map((l) => l.slug)}`);

  const clinics = parse(
    shared.clinicSchema,
    await get('/api/clinics?sort=slug&populate[address]=true&populate[geo]=true&populate[procedures][fields][0]=slug&populate[location][fields][0]=slug'),
    'clinics',
  );
  assert.deepEqual(
    clinics.data.map((c) => c.slug),
    ['chicago-loop-spine-center', 'chicago-north-side-spine-clinic', 'evanston-spine-care'],
  );
  for (const c of clinics.data) {
    assert.deepEqual(
      c.procedures.map((p) => p.slug),
      ['kyphoplasty'],
      `${c.slug} procedures`,
    );
    assert.ok(c.location?.slug, `${c.slug} location`);
    assert.ok(c.geo && typeof c.geo.lat === 'number');
    assert.match(c.address.postalCode, /^60\d{3}$/);
  }
  ok(`clinics: ${clinics.data.map((c) => `${c.slug}@${c.location.slug}`).join(', ')}`);

  const sites = parse(shared.siteSchema, await get('/api/sites?sort=slug&populate[locations][fields][0]=slug'), 'sites');
  assert.deepEqual(
    sites.data.map(
      (s) =>
        `${s.slug}:${s.locations
          .map((l) => l.slug)
          .sort()
          .join('+')}`,
    ),
    ['lakeshore-spine:chicago', 'northshore-spine-partners:chicago+evanston'],
  );
  ok(`sites: ${sites.data.map((s) => `${s.slug} ${s.domain}`).join(', ')}`);

  const lps = parse(
    shared.landingPageSchema,
    await get('/api/landing-pages?populate[faqs]=true&populate[seo]=true&populate[procedure][fields][0]=slug&populate[location][fields][0]=slug'),
    'landing pages',
  );
  assert.equal(lps.data.length, 1);
  assert.equal(lps.data[0].procedure.slug, 'kyphoplasty');
  assert.equal(lps.data[0].location.slug, 'chicago');
  ok(`landing page "${lps.data[0].headline}" (${lps.data[0].procedure.slug} × ${lps.data[0].location.slug})`);

  parse(shared.slugRedirectSchema, await get('/api/slug-redirects'), 'slug redirects');

  step('draft reads with the read-only token');
  const draftTitle = 'Vertebroplasty (draft)';
  const draft = await docs(P.uid).create({ locale: 'en', data: { title: draftTitle, slug: 'vertebroplasty', summary: 'Draft only.' } });
  const drafts = parse(shared.procedureSchema, await get('/api/procedures?status=draft&sort=slug'), 'procedures draft');
  assert.ok(
    drafts.data.some((p) => p.slug === 'vertebroplasty' && !p.publishedAt),
    'draft visible with status=draft',
  );
  const published = parse(shared.procedureSchema, await get('/api/procedures'), 'procedures published');
  assert.ok(!published.data.some((p) => p.slug === 'vertebroplasty'), 'draft hidden without status=draft');
  ok('GET /api/procedures?status=draft shows drafts; default status hides them');

  step('preview URLs');
  const previewHandler = app.config.get('admin.preview').config.handler;
  const checkPreview = async (uid, documentId, locale, expectedPath, expectedSite) => {
    const url = await previewHandler(uid, { documentId, locale, status: 'draft' });
    assert.ok(url, `preview url for ${uid} ${locale}`);
    const u = new URL(url);
    assert.equal(u.origin, 'http://localhost:4000');
    assert.equal(u.pathname, `/preview/${expectedSite}${expectedPath}`);
    const check = shared.verifyPreviewToken(DEV_PREVIEW_SECRET, u.searchParams.get('token'));
    assert.ok(check.ok && check.payload.site === expectedSite, JSON.stringify(check));
    ok(`${uid} ${locale} → ${u.pathname}`);
  };
  const chicagoId = locEn.data.find((l) => l.slug === 'chicago').documentId;
  const evanstonId = locEn.data.find((l) => l.slug === 'evanston').documentId;
  await checkPreview(L.uid, chicagoId, 'en', '/chicago', 'lakeshore-spine');
  await checkPreview(L.uid, chicagoId, 'es', '/es/chicago', 'lakeshore-spine');
  await checkPreview(L.uid, evanstonId, 'en', '/evanston', 'northshore-spine-partners');
  await checkPreview(P.uid, kypho.documentId, 'en', '/procedures/kyphoplasty', 'lakeshore-spine');
  await checkPreview(P.uid, kypho.documentId, 'es', '/es/procedures/cifoplastia', 'lakeshore-spine');
  await checkPreview(LP.uid, lps.data[0].documentId, 'en', '/chicago/kyphoplasty', 'lakeshore-spine');
  assert.equal(await previewHandler(P.uid, { documentId: draft.documentId, locale: 'en', status: 'draft' }), null);
  assert.equal(await previewHandler(C.uid, { documentId: clinics.data[0].documentId, locale: 'en', status: 'draft' }), null);
  ok('procedure offered by no clinic → null; clinic → null');

  step('validation guard rails');
  await expectRejects(docs(P.uid).create({ locale: 'en', data: { title: 'Bad', slug: 'Bad Slug', summary: 'x' } }), /not valid: use lowercase/, 'procedure slug "Bad Slug"');
  await expectRejects(docs(S.uid).create({ data: { name: 'X', slug: 'x-', domain: 'https://x.example' } }), /not valid/, 'site slug "x-"');
  await expectRejects(docs(S.uid).create({ status: 'published', data: { name: 'X', slug: 'x-site', domain: 'http://x.example/' } }), /domain|match/i, 'site domain http://…/');
  await expectRejects(
    docs(P.uid).create({ locale: 'en', data: { title: 'Long', slug: 'long-meta', summary: 'x', seo: { metaDescription: 'a'.repeat(200) } } }),
    /metaDescription|160/,
    'metaDescription of 200 characters (draft save)',
  );
  await expectRejects(
    docs(L.uid).create({ locale: 'en', data: { city: 'X', state: 'IL', slug: 'x-city', seo: { metaTitle: 'a'.repeat(61) } } }),
    /metaTitle|60/,
    'metaTitle of 61 characters',
  );
  await expectRejects(docs(R.uid).create({ data: { type: 'procedure', fromSlug: 'a-b', toSlug: 'a-b' } }), /loop/, 'redirect to itself');

  step('slug redirects on publish');
  await docs(L.uid).update({ documentId: evanstonId, locale: 'en', data: { slug: 'evanston-il' } });
  let redirects = await docs(R.uid).findMany({});
  assert.equal(redirects.length, 0, 'draft save must not create a redirect');
  await docs(L.uid).publish({ documentId: evanstonId, locale: 'en' });
  redirects = parse(shared.slugRedirectSchema, await get('/api/slug-redirects'), 'slug redirects').data;
  assert.deepEqual(
    redirects.map((r) => `${r.type}:${r.fromSlug}->${r.toSlug}`),
    ['location:evanston->evanston-il'],
  );
  ok('publish evanston → evanston-il wrote location:evanston->evanston-il');
  await docs(L.uid).update({ documentId: evanstonId, locale: 'en', data: { slug: 'evanston' }, status: 'published' });
  redirects = (await docs(R.uid).findMany({})).map((r) => `${r.type}:${r.fromSlug}->${r.toSlug}`);
  assert.deepEqual(redirects, ['location:evanston-il->evanston']);
  ok(`renaming back leaves no loop: ${redirects}`);

  step('one slug for all locales');
  await docs(L.uid).update({ documentId: evanstonId, locale: 'es', data: { intro: 'Atención especializada de columna en Evanston.' } });
  const evanstonEs = await docs(L.uid).findOne({ documentId: evanstonId, locale: 'es', status: 'draft' });
  assert.equal(evanstonEs.slug, 'evanston');
  assert.equal(evanstonEs.city, 'Evanston');
  ok('new es localization without a slug inherits "evanston"');
  await docs(L.uid).update({ documentId: evanstonId, locale: 'es', data: { slug: 'evanston-norte' } });
  assert.equal((await docs(L.uid).findOne({ documentId: evanstonId, locale: 'en', status: 'draft' })).slug, 'evanston-norte');
  assert.equal((await docs(L.uid).findOne({ documentId: evanstonId, locale: 'en', status: 'published' })).slug, 'evanston');
  await docs(L.uid).update({ documentId: evanstonId, locale: 'es', data: { slug: 'evanston' } });
  assert.equal((await docs(L.uid).findOne({ documentId: evanstonId, locale: 'en', status: 'draft' })).slug, 'evanston');
  ok('a slug saved in es is copied to the en draft; published versions change only on publish');

  step('editor role + accounts + token + webhook provisioning');
  const editorRole = await app.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  const perms = await app.db.query('admin::permission').findMany({ where: { role: { id: editorRole.id }, subject: { $in: Object.values(shared.CONTENT_TYPES).map((t) => t.uid) } } });
  for (const t of Object.values(shared.CONTENT_TYPES)) {
    for (const a of ['create', 'read', 'update', 'delete', ...(t.uid === R.uid ? [] : ['publish'])]) {
      const p = perms.find((x) => x.subject === t.uid && x.action === `plugin::content-manager.explorer.${a}`);
      assert.ok(p, `editor lacks ${a} on ${t.uid}`);
      if (t.localized) assert.deepEqual([...(p.properties.locales || [])].sort(), ['en', 'es'], `${a} ${t.uid} locales`);
    }
  }
  ok(`Editor role has ${perms.length} content-manager permissions on the six types (all locales)`);
  const users = await app.db.query('admin::user').findMany({ populate: ['roles'] });
  assert.deepEqual(users.map((u) => `${u.email}:${u.roles.map((r) => r.code)}`).sort(), ['admin@clinic.test:strapi-super-admin', 'editor@clinic.test:strapi-editor']);
  ok('super admin + editor accounts exist');
  const loginRes = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'editor@clinic.test', password: 'Smoke-Editor-Passw0rd' }),
  });
  assert.equal(loginRes.status, 200, `editor login: ${loginRes.status} ${await loginRes.clone().text()}`);
  const adminJwt = (await loginRes.json()).data.token;
  const cmRes = await fetch(`${base}/content-manager/collection-types/${P.uid}?page=1&pageSize=10&locale=es`, { headers: { Authorization: `Bearer ${adminJwt}` } });
  const cmJson = await cmRes.json();
  assert.equal(cmRes.status, 200, JSON.stringify(cmJson).slice(0, 300));
  assert.ok(
    cmJson.results.some((r) => r.title === 'Cifoplastia'),
    'editor sees the es procedure in the content manager',
  );
  ok('editor can log in and list Spanish procedures in the content manager');
  const confRes = await fetch(`${base}/content-manager/content-types/${P.uid}/configuration`, { headers: { Authorization: `Bearer ${adminJwt}` } });
  const conf = (await confRes.json()).data;
  assert.equal(conf.contentType.settings.mainField, 'title');
  assert.deepEqual(conf.contentType.layouts.list, ['title', 'slug', 'lastReviewed', 'updatedAt']);
  assert.match(conf.components['shared.seo'].metadatas.metaDescription.edit.description, /≤ 160/);
  ok(`content-manager view: mainField title, list ${conf.contentType.layouts.list}, SEO hint "${conf.components['shared.seo'].metadatas.metaDescription.edit.description}"`);
  const tokenRows = await app.db.query('admin::api-token').findMany({ where: { name: 'gateway' } });
  assert.equal(tokenRows.length, 1);
  assert.equal(tokenRows[0].type, 'read-only');
  ok('API token "gateway" is read-only');
  const webhooks = (await app.get('webhookStore').findWebhooks()).filter((w) => w.name === 'gateway');
  assert.equal(webhooks.length, 1);
  assert.equal(webhooks[0].url, `http://127.0.0.1:${hookPort}/webhooks/strapi`);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(hooks.received.length > 0, 'webhooks delivered');
  assert.ok(hooks.received.every((h) => h.url === '/webhooks/strapi' && h.auth === `Bearer ${DEV_WEBHOOK_SECRET}`));
  for (const h of hooks.received) assert.ok(shared.webhookPayloadSchema.safeParse(h.body).success, JSON.stringify(h.body).slice(0, 300));
  ok(`${hooks.received.length} webhook deliveries with the Bearer secret, all parse with webhookPayloadSchema (events: ${[...new Set(hooks.received.map((h) => h.event))].join(', ')})`);

  step('edit one field, restart on the same database, seed must not overwrite');
  await docs(P.uid).update({ documentId: kypho.documentId, locale: 'en', data: { title: 'Kyphoplasty (edited by an editor)' }, status: 'published' });
  const countsBefore = {};
  for (const t of Object.values(shared.CONTENT_TYPES)) countsBefore[t.uid] = await app.db.query(t.uid).count();
  await new Promise((r) => setTimeout(r, 500)); // let the webhook queue drain
  await shutdown(app);
  hooks.received.length = 0;

  app = await boot(port);
  const after = parse(shared.procedureSchema, await get('/api/procedures?filters[slug][$eq]=kyphoplasty'), 'procedures after restart');
  assert.equal(after.data[0].title, 'Kyphoplasty (edited by an editor)');
  for (const t of Object.values(shared.CONTENT_TYPES)) assert.equal(await app.db.query(t.uid).count(), countsBefore[t.uid], `${t.uid} row count changed on restart`);
  assert.equal((await app.db.query('admin::api-token').findMany({ where: { name: 'gateway' } })).length, 1);
  assert.equal((await app.get('webhookStore').findWebhooks()).length, 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(hooks.received.length, 0, `second boot must not write content: ${JSON.stringify(hooks.received.map((h) => [h.event, h.body?.model, h.body?.entry?.locale]))}`);
  ok('edited title kept; no duplicates; no writes on second boot');

  step('token rotation');
  process.env.STRAPI_TOKEN = 'rotated-token-abcdefabcdefabcdefabcdefabcdef';
  await shutdown(app);
  app = await boot(port);
  await get('/api/sites', { token: DEV_TOKEN, expect: 401 });
  await get('/api/sites', { token: process.env.STRAPI_TOKEN });
  ok('new STRAPI_TOKEN works, old one rejected');
  await shutdown(app);
  hooks.server.close();
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(dbFile + suffix, { force: true });

  productionRefusesDevSecrets();

  console.log(`\n[smoke] all checks passed in ${Date.now() - t0} ms`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('\n[smoke] FAILED:', error?.stack ? error.stack : error);
    process.exit(1);
  },
);
