import { signPreviewToken } from '@clinic/shared';
import { readFileSync } from 'node:fs';
import { parse, type HTMLElement } from 'node-html-parser';
import { editKyphoplastySummary } from '../support/cms-edit.js';
import { DEV } from '../support/dev-env.js';
import { startRecorder, type HttpRecorder } from '../support/http-recorder.js';
import { freePort } from '../support/ports.js';
import { schemaOrgErrors } from '../support/schemaorg.js';
import { sitemapXsdErrors } from '../support/sitemap-xsd.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';
import { startWeb, WEB_HOSTS, WEB_MANIFEST, WEB_TRUSTED_DOCUMENTS, type WebProcess } from '../support/web-process.js';

/**
 * The clinic website (web/, `next start` on its production build) on the real gateway and Strapi:
 * what a patient's browser and a crawler get, per site and language, and the editor's preview.
 */

type Json = any;
let stack: Stack;
let web: WebProcess;
/** Between the site and the gateway: records what the site asks (method and URL), passes everything on. */
let recorder: HttpRecorder;

const LANDING = `query L($procedure: String!, $locale: Locale!) { landingPage(procedure: $procedure, location: "chicago", locale: $locale) {
  h1 intro clinics { name phone } faqs { question }
  procedure { title summary steps { title } reviewer { name } }
  seo { title description canonicalUrl robots jsonLd alternates { hreflang url } } } }`;

async function gatewayLanding(locale: 'en' | 'es'): Promise<Json> {
  // The seeded Kyphoplasty's Spanish URLs use its Spanish slug.
  const res = await stack.gateway.query(LANDING, { variables: { locale, procedure: locale === 'en' ? 'kyphoplasty' : 'cifoplastia' } });
  expect(res.status).toBe(200);
  return (res.body.data as Json).landingPage;
}

const text = (el: HTMLElement | null) => el?.text.replace(/\s+/g, ' ').trim() ?? '';
const attr = (root: HTMLElement, selector: string, name: string) => root.querySelector(selector)?.getAttribute(name) ?? null;

beforeAll(async () => {
  const port = await freePort();
  stack = await startStack({ gatewayEnv: { TRUSTED_DOCUMENTS: WEB_TRUSTED_DOCUMENTS, WEB_PURGE_URLS: `http://127.0.0.1:${port}/` } });
  recorder = await startRecorder(stack.gateway.url);
  web = await startWeb({ gatewayUrl: recorder.url, port });
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await recorder?.close();
  await stack?.stop();
}, 60_000);

describe('clinic website (web/)', () => {
  it.each([['en'], ['es']] as const)('%s landing page: its intro, clinics and questions, the procedure summary linking to its article, SEO in <head>', async (locale) => {
    const lp = await gatewayLanding(locale);
    const res = await web.get(locale === 'en' ? '/chicago/kyphoplasty' : '/es/chicago/cifoplastia');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = parse(res.body);

    expect(attr(html, 'html', 'lang')).toBe(locale);
    expect(text(html.querySelector('h1'))).toBe(lp.h1);
    const main = text(html.querySelector('main'));
    for (const s of [lp.intro, lp.procedure.summary, ...lp.faqs.map((f: Json) => f.question)]) {
      expect(main).toContain(s);
    }
    // The article itself is the procedure page's, linked from here (README, "The uniqueness guard").
    // (Its steps stay in the JSON-LD's MedicalProcedure: data, not what the page shows.)
    const shown = parse(res.body).querySelector('main')!;
    for (const script of shown.querySelectorAll('script')) script.remove();
    for (const s of lp.procedure.steps.map((s: Json) => s.title)) expect(text(shown)).not.toContain(s);
    expect(html.querySelectorAll(`main a[href="${locale === 'en' ? '/procedures/kyphoplasty' : '/es/procedures/cifoplastia'}"]`).length).toBeGreaterThan(0);
    const headings = html.querySelectorAll('main h2').map((h) => h.id);
    expect(headings).toEqual(expect.arrayContaining(['clinics', 'procedure', 'cta', ...(lp.faqs.length ? ['faq'] : [])]));
    expect(headings).not.toContain('steps');
    for (const c of lp.clinics) {
      expect(main).toContain(c.name);
      const digits = c.phone.replace(/\D/g, '');
      expect(html.querySelectorAll(`a[href="tel:+1${digits}"]`).length).toBeGreaterThan(0);
    }
    // Landmarks and breadcrumbs a screen reader announces.
    expect(html.querySelector('header')).not.toBeNull();
    expect(html.querySelector('footer')).not.toBeNull();
    expect(html.querySelectorAll('nav[aria-label] ol li')).toHaveLength(3);

    // <head>: exactly what the gateway composed.
    expect(text(html.querySelector('title'))).toBe(lp.seo.title);
    expect(attr(html, 'meta[name="description"]', 'content')).toBe(lp.seo.description);
    expect(attr(html, 'meta[name="robots"]', 'content')).toBe(lp.seo.robots);
    expect(attr(html, 'link[rel="canonical"]', 'href')).toBe(lp.seo.canonicalUrl);
    expect(attr(html, 'meta[property="og:url"]', 'content')).toBe(lp.seo.canonicalUrl);
    expect(attr(html, 'meta[property="og:locale"]', 'content')).toBe(locale === 'en' ? 'en_US' : 'es_US');
    const alternates = html.querySelectorAll('link[rel="alternate"][hreflang]').map((l) => ({ hreflang: l.getAttribute('hreflang'), url: l.getAttribute('href') }));
    expect(alternates).toEqual(lp.seo.alternates);

    // JSON-LD: inlined once, parses, equals the gateway's, and uses the schema.org vocabulary correctly.
    const scripts = html.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    const jsonLd = JSON.parse(scripts[0].rawText);
    expect(jsonLd).toEqual(JSON.parse(lp.seo.jsonLd));
    expect(schemaOrgErrors(jsonLd)).toEqual([]);

    // The site key never reaches the browser.
    expect(res.body).not.toContain(DEV.siteKeys.lakeshore);
  });

  it('asks the gateway only by trusted-document hash, on the site-addressed (CDN-cacheable) URL', async () => {
    const { seen } = recorder;
    seen.length = 0;
    // A page no test asked for yet: the site's own cache would answer it without the gateway.
    expect((await web.get('/es/procedures/cifoplastia')).status).toBe(200);
    const graphql = seen.filter((r) => r.url.includes('/graphql'));
    expect(graphql.length).toBeGreaterThanOrEqual(2); // the old-slug check and the page
    const manifest = JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as Record<string, string>;
    for (const r of graphql) {
      const u = new URL(r.url, 'http://x');
      expect([r.method, u.pathname]).toEqual(['GET', '/sites/lakeshore-spine/graphql']);
      // The site's server key names the visitor the page is rendered for: the gateway budgets them, not the site.
      expect([r.headers['x-site-server-key'], r.headers['x-visitor-ip']]).toEqual(['dev-lakeshore-server-key', '127.0.0.1']);
      expect(u.searchParams.has('query')).toBe(false);
      expect(Object.keys(manifest)).toContain(u.searchParams.get('documentId'));
    }
    // What a CDN in front of the gateway would see for that URL: public, cacheable, tagged.
    const page = graphql.find((r) => r.url.includes('cifoplastia') || r.url.includes('kyphoplasty'))!;
    const res = await fetch(`${stack.gateway.url}${page.url}`, { headers: { 'x-site-key': DEV.siteKeys.lakeshore } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    expect(res.headers.get('x-cache')).toBe('HIT');
  });

  it.each([['en'], ['es']] as const)('%s home page: the group (name, legal name, numbers to call) and its MedicalOrganization JSON-LD, the gateway SEO in <head>', async (locale) => {
    const res = await stack.gateway.query<Json>(
      `query H($locale: Locale!) { site { organization { name legalName contactPoints { telephone } } } homePage(locale: $locale) { seo { title description canonicalUrl jsonLd } } }`,
      { variables: { locale } },
    );
    const { site, homePage } = res.body.data as Json;
    const page = await web.get(locale === 'en' ? '/' : '/es');
    expect(page.status).toBe(200);
    const html = parse(page.body);
    const section = text(html.querySelector('section[aria-labelledby="organization"]'));
    expect(section).toContain(site.organization.name);
    expect(section).toContain(site.organization.legalName);
    expect(section).toContain(locale === 'en' ? 'Appointments' : 'Citas');
    expect(section).toContain(locale === 'en' ? 'English, Spanish' : 'inglés, español');
    for (const c of site.organization.contactPoints) {
      expect(html.querySelectorAll(`section[aria-labelledby="organization"] a[href="tel:+1${c.telephone.replace(/\D/g, '')}"]`)).toHaveLength(1);
    }
    expect(text(html.querySelector('title'))).toBe(homePage.seo.title);
    expect(attr(html, 'meta[name="description"]', 'content')).toBe(homePage.seo.description);
    expect(attr(html, 'link[rel="canonical"]', 'href')).toBe(homePage.seo.canonicalUrl);
    const scripts = html.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    const jsonLd = JSON.parse(scripts[0].rawText);
    expect(jsonLd).toEqual(JSON.parse(homePage.seo.jsonLd));
    expect(schemaOrgErrors(jsonLd)).toEqual([]);
    expect(jsonLd['@graph'].find((n: Json) => n['@type'] === 'MedicalOrganization')['@id']).toBe('https://www.lakeshorespine.example/#organization');
  });

  it('language switch and breadcrumbs link to the real pages of the site, Spanish ones by their Spanish slug', async () => {
    const en = parse((await web.get('/chicago/kyphoplasty')).body);
    expect(attr(en, 'a[hreflang="es"]', 'href')).toBe('/es/chicago/cifoplastia');
    expect(en.querySelectorAll('nav ol a').map((a) => a.getAttribute('href'))).toEqual(['/', '/chicago']);
    const es = parse((await web.get('/es/chicago/cifoplastia')).body);
    expect(attr(es, 'a[hreflang="en"]', 'href')).toBe('/chicago/kyphoplasty');
    expect(es.querySelectorAll('nav ol a').map((a) => a.getAttribute('href'))).toEqual(['/es', '/es/chicago']);
    // The Spanish home and city pages link the Spanish landing page and article.
    for (const from of ['/es', '/es/chicago']) {
      const links = parse((await web.get(from)).body)
        .querySelectorAll('main a')
        .map((a) => a.getAttribute('href'));
      expect([from, links.includes('/es/chicago/cifoplastia'), links.some((l) => l?.startsWith('/es/') && l.includes('kyphoplasty'))]).toEqual([from, true, false]);
    }
    for (const p of ['/', '/es', '/chicago', '/es/chicago', '/procedures/kyphoplasty', '/es/procedures/cifoplastia']) {
      const res = await web.get(p);
      expect([p, res.status]).toEqual([p, 200]);
    }
    // The Spanish URLs of before, with the English slug, answer 301 to the Spanish slug.
    for (const [from, to] of [
      ['/es/chicago/kyphoplasty', '/es/chicago/cifoplastia'],
      ['/es/procedures/kyphoplasty', '/es/procedures/cifoplastia'],
    ]) {
      const res = await web.get(from);
      expect([from, res.status, new URL(res.headers.location as string, 'http://x').pathname]).toEqual([from, 301, to]);
    }
  });

  it.each([['en'], ['es']] as const)(
    '%s clinic page: address, click-to-call, hours on the clinic clock, its procedures, the gateway SEO; linked from the home, city and landing pages',
    async (locale) => {
      const prefix = locale === 'en' ? '' : '/es';
      const path = `${prefix}/clinics/chicago-loop-spine-center`;
      const q = await stack.gateway.query<Json>(
        `query C($locale: Locale!) { clinic(slug: "chicago-loop-spine-center", locale: $locale) { clinic { name phone } procedures { title landingPath } seo { title canonicalUrl jsonLd alternates { hreflang url } } } }`,
        { variables: { locale } },
      );
      const page = (q.body.data as Json).clinic;
      const res = await web.get(path);
      expect(res.status).toBe(200);
      const html = parse(res.body);
      expect(attr(html, 'html', 'lang')).toBe(locale);
      expect(text(html.querySelector('h1'))).toBe(page.clinic.name);
      expect(html.querySelectorAll(`main a[href="tel:+1${page.clinic.phone.replace(/\D/g, '')}"]`)).toHaveLength(1);
      expect(html.querySelector('main address')).not.toBeNull();
      // Right under the contact section's h2: headings in order (screen readers, Lighthouse's heading-order audit).
      expect(text(html.querySelector('main section[aria-labelledby="contact"] h3'))).toMatch(locale === 'en' ? /Opening hours \(Central Time\)/ : /Horario \(hora (estándar )?central\)/i);
      const levels = html.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6').map((h) => Number(h.tagName.slice(1)));
      expect(levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1)).toEqual([]);
      expect(html.querySelectorAll('main ul.hours li').length).toBeGreaterThan(0);
      expect(html.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toEqual(expect.arrayContaining(page.procedures.map((p: Json) => p.landingPath)));
      expect(text(html.querySelector('title'))).toBe(page.seo.title);
      expect(attr(html, 'link[rel="canonical"]', 'href')).toBe(page.seo.canonicalUrl);
      const jsonLd = JSON.parse(html.querySelectorAll('script[type="application/ld+json"]')[0].rawText);
      expect(jsonLd).toEqual(JSON.parse(page.seo.jsonLd));
      expect(schemaOrgErrors(jsonLd)).toEqual([]);
      expect(html.querySelectorAll('nav[aria-label] ol a').map((a) => a.getAttribute('href'))).toEqual([prefix || '/', `${prefix}/chicago`]);
      // The pages that list the clinic link to it, in both languages.
      for (const from of [prefix || '/', `${prefix}/chicago`, `${prefix}/chicago/${locale === 'en' ? 'kyphoplasty' : 'cifoplastia'}`]) {
        const links = parse((await web.get(from)).body)
          .querySelectorAll('main a')
          .map((a) => a.getAttribute('href'));
        expect([from, links.includes(path)]).toEqual([from, true]);
      }
      expect((await web.get(`${prefix}/clinics/no-such-clinic`)).status).toBe(404);
    },
  );

  it('one deployment, several sites: the Host header picks the site and its cities', async () => {
    const north = await web.get('/evanston/kyphoplasty', { host: WEB_HOSTS.northshore });
    expect(north.status).toBe(200);
    expect(attr(parse(north.body), 'link[rel="canonical"]', 'href')).toBe('https://www.northshorespine.example/evanston/kyphoplasty');
    expect(north.body).not.toContain(DEV.siteKeys.northshore);
    // Lakeshore does not serve Evanston; an unlisted host gets the first (default) site.
    expect((await web.get('/evanston/kyphoplasty', { host: WEB_HOSTS.lakeshore })).status).toBe(404);
    expect((await web.get('/evanston/kyphoplasty', { host: 'localhost' })).status).toBe(404);
  });

  it.each([['/no-such-city'], ['/chicago/no-such-procedure'], ['/procedures/nope'], ['/a/b/c'], ['/Chicago'], ['/es/es'], ['/en/chicago']])('answers 404 for %s', async (p) => {
    const res = await web.get(p);
    expect(res.status).toBe(404);
    expect(res.body).toMatch(/Page not found|Página no encontrada/);
  });

  it('serves the gateway sitemap.xml and robots.txt from its own host', async () => {
    for (const [host, slug] of [
      [WEB_HOSTS.lakeshore, 'lakeshore-spine'],
      [WEB_HOSTS.northshore, 'northshore-spine-partners'],
    ]) {
      for (const file of ['sitemap.xml', 'robots.txt']) {
        const mine = await web.get(`/${file}`, { host });
        const theirs = await fetch(`${stack.gateway.url}/sites/${slug}/${file}`);
        expect(mine.status).toBe(200);
        expect(mine.headers['content-type']).toBe(theirs.headers.get('content-type'));
        expect(mine.body).toBe(await theirs.text());
        // What crawlers read from the website itself: valid against sitemaps.org's XSD, Spanish alternates included.
        if (file === 'sitemap.xml') expect(sitemapXsdErrors(mine.body)).toEqual([]);
        const again = await web.get(`/${file}`, { host, headers: { 'if-none-match': String(mine.headers.etag) } });
        expect(again.status).toBe(304);
      }
    }
  });

  it('preview: the draft with a banner, never cached or indexed; the public page keeps the published text', async () => {
    const draft = `Draft summary written by the web test at ${new Date().toISOString()}, not yet for patients.`;
    await editKyphoplastySummary(stack.strapi, draft, false);
    const token = signPreviewToken(DEV.previewSecret, 'lakeshore-spine', 300);
    const preview = await web.get(`/preview/lakeshore-spine/chicago/kyphoplasty?token=${encodeURIComponent(token)}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['cache-control']).toBe('private, no-store');
    expect(preview.headers['x-robots-tag']).toMatch(/noindex/);
    const page = parse(preview.body);
    expect(attr(page, 'meta[name="robots"]', 'content')).toMatch(/noindex/);
    expect(text(page.querySelector('[role="status"]'))).toMatch(/Draft preview/);
    expect(text(page.querySelector('main'))).toContain(draft);
    // Links stay inside the preview.
    expect(attr(page, 'a[hreflang="es"]', 'href')).toMatch(/^\/preview\/lakeshore-spine\/es\/chicago\/cifoplastia\?token=/);

    expect((await web.get('/chicago/kyphoplasty')).body).not.toContain(draft);
    // A token for another site, a forged one, or none: 401 and nothing of the draft.
    const other = signPreviewToken(DEV.previewSecret, 'northshore-spine-partners', 300);
    for (const q of [`?token=${encodeURIComponent(other)}`, `?token=${encodeURIComponent(token.slice(0, -2))}xx`, '']) {
      const res = await web.get(`/preview/lakeshore-spine/chicago/kyphoplasty${q}`);
      expect(res.status).toBe(401);
      expect(res.body).not.toContain(draft);
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    expect((await web.get(`/preview/no-such-site/chicago/kyphoplasty?token=${encodeURIComponent(token)}`)).status).toBe(404);
  });

  it("a publish shows on the rendered page once the gateway purged it from the site's page cache", async () => {
    const intro = `Published by the web test at ${new Date().toISOString()}: kyphoplasty treats painful spinal fractures.`;
    const before = await web.get('/chicago/kyphoplasty');
    expect(before.status).toBe(200);
    expect(before.body).not.toContain(intro);
    const started = Date.now();
    await editKyphoplastySummary(stack.strapi, intro, true);
    const published = Date.now();
    const ms = await waitFor(async () => (await web.get('/chicago/kyphoplasty')).body.includes(intro), 5000, 10);
    console.log(`[web] publish (Strapi update+publish ${published - started} ms) → visible on the rendered page in ${ms} ms`);
  });

  it('an old slug answers 301 to the page where it moved (gateway redirect(path))', async () => {
    const docs = stack.strapi.app.documents('api::procedure.procedure');
    const doc = await docs.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft' });
    await docs.update({ documentId: doc.documentId, locale: 'en', data: { slug: 'balloon-kyphoplasty' } });
    await docs.publish({ documentId: doc.documentId, locale: 'en' });
    await waitFor(async () => (await web.get('/chicago/kyphoplasty')).status === 301, 5000, 20);
    const res = await web.get('/chicago/kyphoplasty');
    expect(res.headers.location).toMatch(/\/chicago\/balloon-kyphoplasty$/);
    expect((await web.get('/chicago/balloon-kyphoplasty')).status).toBe(200);
    expect((await web.get('/procedures/kyphoplasty')).status).toBe(301);
  });

  it('a Spanish slug change: the old Spanish URL answers 301 to the new one, and the English page links it', async () => {
    const docs = stack.strapi.app.documents('api::procedure.procedure');
    const doc = await docs.findFirst({ filters: { slug: 'balloon-kyphoplasty' }, locale: 'es', status: 'draft' });
    // Rendered and kept by the front server: only the gateway's purge may change them.
    expect((await web.get('/es/chicago/cifoplastia')).status).toBe(200);
    const enBefore = parse((await web.get('/chicago/balloon-kyphoplasty')).body);
    expect(attr(enBefore, 'a[hreflang="es"]', 'href')).toBe('/es/chicago/cifoplastia');
    await docs.update({ documentId: doc.documentId, locale: 'es', data: { localeSlug: 'cifoplastia-con-balon' } });
    await docs.publish({ documentId: doc.documentId, locale: 'es' });
    await waitFor(async () => (await web.get('/es/chicago/cifoplastia')).status === 301, 5000, 20);
    const res = await web.get('/es/chicago/cifoplastia');
    expect(new URL(res.headers.location as string, 'http://x').pathname).toBe('/es/chicago/cifoplastia-con-balon');
    // From before any Spanish slug, too: straight to the current one, no chain.
    expect(new URL((await web.get('/es/chicago/kyphoplasty')).headers.location as string, 'http://x').pathname).toBe('/es/chicago/cifoplastia-con-balon');
    const es = parse((await web.get('/es/chicago/cifoplastia-con-balon')).body);
    expect(attr(es, 'link[rel="canonical"]', 'href')).toBe('https://www.lakeshorespine.example/es/chicago/cifoplastia-con-balon');
    await waitFor(async () => attr(parse((await web.get('/chicago/balloon-kyphoplasty')).body), 'a[hreflang="es"]', 'href') === '/es/chicago/cifoplastia-con-balon', 5000, 20);
  });
});
