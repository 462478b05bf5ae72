import { DEV } from '../support/dev-env.js';
import { sitemapXsdErrors } from '../support/sitemap-xsd.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';

const LAKESHORE = 'https://www.lakeshorespine.example';
const NORTHSHORE = 'https://www.northshorespine.example';

const LANDING_FULL = `query Landing($procedure: String!, $location: String!, $locale: Locale) {
  landingPage(procedure: $procedure, location: $location, locale: $locale) {
    path locale title h1 intro lastModified
    procedure { slug title summary updatedAt }
    location { slug city intro updatedAt }
    clinics { slug name }
    faqs { question answer }
    seo { title description canonicalUrl robots jsonLd alternates { hreflang url } }
  }
}`;
const SITEMAP = `{ sitemap { url lastModified locale alternates { hreflang url } } }`;
const REDIRECT = `query R($path: String!) { redirect(path: $path) { from to statusCode } }`;

type Json = Record<string, any>;

/** Minimal well-formedness check: balanced, properly nested tags, quoted attributes, only the five XML entities. */
function assertWellFormedXml(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  const token = /<[^>]*>|[^<]+/g;
  for (const [t] of body.matchAll(token)) {
    if (!t.startsWith('<')) {
      expect(t).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
      if (t.trim()) expect(stack.length).toBeGreaterThan(0);
      continue;
    }
    const m = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>$/.exec(t);
    if (!m) throw new Error(`malformed tag: ${t}`);
    const [, closing, name, attrs, selfClosing] = m;
    expect(attrs).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    if (closing) {
      expect(stack.pop()).toBe(name);
    } else if (!selfClosing) {
      if (stack.length === 0) roots += 1;
      stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function parseSitemap(xml: string) {
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, inner]) => ({
    locs: [...inner.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => unescapeXml(m[1])),
    lastmods: [...inner.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)].map((m) => m[1]),
    alternates: [...inner.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((m) => ({
      hreflang: m[1],
      url: unescapeXml(m[2]),
    })),
  }));
}

/** Every URL-valued field of a JSON-LD graph (url, @id, item, and any string that looks like a URL). */
function urlsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => urlsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '@context') continue;
      if (typeof v === 'string' && (['url', '@id', 'item'].includes(k) || /^[a-z]+:\/\//i.test(v))) out.push(v);
      else urlsIn(v, out);
    }
  }
  return out;
}

/** Every string value of a response, for "nothing of the other language leaked in". */
function stringsIn(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => stringsIn(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((v) => stringsIn(v, out));
  return out;
}

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const toW3c = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('SEO landing pages per city', () => {
  let stack: Stack;
  const fetchFile = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.gateway.url}${path}`, { headers });
  // The seeded Kyphoplasty's Spanish URLs use its Spanish slug.
  const landing = (locale: 'en' | 'es', siteKey: string = DEV.siteKeys.lakeshore, location = 'chicago', procedure = locale === 'es' ? 'cifoplastia' : 'kyphoplasty') =>
    stack.gateway.query(LANDING_FULL, { siteKey, variables: { procedure, location, locale } });

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe.each([
    ['en', LAKESHORE, DEV.siteKeys.lakeshore, '', 'Kyphoplasty', 'en-US', 'kyphoplasty'],
    ['es', LAKESHORE, DEV.siteKeys.lakeshore, '/es', 'Cifoplastia', 'es-US', 'cifoplastia'],
    ['en', NORTHSHORE, DEV.siteKeys.northshore, '', 'Kyphoplasty', 'en-US', 'kyphoplasty'],
  ] as const)('golden landing page Kyphoplasty × Chicago (%s on %s)', (locale, domain, siteKey, prefix, procedureTitle, lang, procedureSlug) => {
    let page: Json;
    let graph: Json[];
    const canonical = `${domain}${prefix}/chicago/${procedureSlug}`;

    beforeAll(async () => {
      const res = await landing(locale, siteKey);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      page = (res.body.data as Json).landingPage;
      graph = JSON.parse(page.seo.jsonLd)['@graph'];
    });

    it('is the page of its locale, canonical on the calling site, with hreflang alternates', () => {
      expect(page.path).toBe(`${prefix}/chicago/${procedureSlug}`);
      expect(page.procedure.slug).toBe(procedureSlug);
      expect(page.locale).toBe(locale);
      expect(page.procedure.title).toBe(procedureTitle);
      expect(page.h1).toContain(procedureTitle);
      expect(page.seo.canonicalUrl).toBe(canonical);
      expect(page.seo.robots).toBe('index, follow');
      expect(page.seo.alternates).toEqual([
        { hreflang: 'en-US', url: `${domain}/chicago/kyphoplasty` },
        { hreflang: 'es-US', url: `${domain}/es/chicago/cifoplastia` },
        { hreflang: 'x-default', url: `${domain}/chicago/kyphoplasty` },
      ]);
      expect(page.seo.title.length).toBeGreaterThan(10);
      expect(page.seo.title.length).toBeLessThanOrEqual(60);
      expect(page.seo.description.length).toBeGreaterThan(50);
      expect(page.seo.description.length).toBeLessThanOrEqual(160);
      expect(page.title).toBe(page.seo.title);
    });

    it('carries the JSON-LD graph: MedicalWebPage, MedicalProcedure, MedicalClinic, FAQPage (its own questions), BreadcrumbList', () => {
      const byType = (t: string) => graph.filter((n) => n['@type'] === t);
      expect(JSON.parse(page.seo.jsonLd)['@context']).toBe('https://schema.org');

      const [webPage] = byType('MedicalWebPage');
      expect(webPage).toMatchObject({ '@id': canonical, url: canonical, inLanguage: lang, name: page.seo.title, description: page.seo.description });
      expect(webPage.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(webPage.reviewedBy['@type']).toBe('Person');
      expect(webPage.reviewedBy.name).toMatch(/\w+/);
      expect(webPage.about).toEqual({ '@id': `${canonical}#procedure` });

      const [procedure] = byType('MedicalProcedure');
      expect(procedure).toMatchObject({ '@id': `${canonical}#procedure`, name: procedureTitle, url: canonical });
      expect(procedure.description.length).toBeGreaterThan(40);

      const clinics = byType('MedicalClinic');
      expect(clinics.map((c) => c.name).sort()).toEqual(page.clinics.map((c: Json) => c.name).sort());
      expect(clinics.length).toBe(2);
      for (const c of clinics) {
        expect(c.address).toMatchObject({ '@type': 'PostalAddress', addressLocality: 'Chicago', addressRegion: 'IL', addressCountry: 'US' });
        expect(c.address.streetAddress).toMatch(/\w+/);
        expect(c.address.postalCode).toMatch(/^606\d\d$/);
        expect(c.geo['@type']).toBe('GeoCoordinates');
        expect(c.geo.latitude).toBeGreaterThan(41);
        expect(c.geo.longitude).toBeLessThan(-87);
        expect(c.telephone).toMatch(/\d{3}.*\d{4}/);
        expect(c.openingHoursSpecification.length).toBeGreaterThan(0);
        for (const spec of c.openingHoursSpecification) {
          expect(spec).toMatchObject({ '@type': 'OpeningHoursSpecification', opens: expect.stringMatching(/^\d\d:\d\d$/), closes: expect.stringMatching(/^\d\d:\d\d$/) });
          expect(spec.dayOfWeek.every((d: string) => /^https:\/\/schema\.org\/(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/.test(d))).toBe(true);
        }
      }

      // The page's own questions only (its override's; the procedure's FAQ is on the procedure page): the English
      // page has one, the Spanish page none, and then no FAQPage node.
      const faqs = byType('FAQPage');
      expect(faqs).toHaveLength(page.faqs.length ? 1 : 0);
      for (const faq of faqs) {
        expect(faq.mainEntity.map((q: Json) => q.name)).toEqual(page.faqs.map((f: Json) => f.question));
        for (const q of faq.mainEntity) expect(q.acceptedAnswer['@type']).toBe('Answer');
      }

      const [crumbs] = byType('BreadcrumbList');
      expect(crumbs.itemListElement).toEqual([
        { '@type': 'ListItem', position: 1, name: expect.any(String), item: prefix ? `${domain}${prefix}` : `${domain}/` },
        { '@type': 'ListItem', position: 2, name: 'Chicago', item: `${domain}${prefix}/chicago` },
        { '@type': 'ListItem', position: 3, name: procedureTitle, item: canonical },
      ]);
    });

    it('writes every URL absolute and on the calling site’s domain', () => {
      const urls = urlsIn(graph);
      expect(urls.length).toBeGreaterThan(10);
      for (const u of urls) expect(u === domain || u.startsWith(`${domain}/`)).toBe(true);
      for (const a of page.seo.alternates) expect(a.url.startsWith(`${domain}/`)).toBe(true);
    });
  });

  it('the Spanish page is Spanish through and through: no English string of the English page leaks in', async () => {
    const en = (await landing('en')).body.data as Json;
    const es = (await landing('es')).body.data as Json;
    expect(es.landingPage.h1).toBe('Cifoplastia en Chicago, IL');
    expect(es.landingPage.intro).toMatch(/^Nuestros especialistas/);
    expect(es.landingPage.location.intro).toMatch(/^Nuestros especialistas/);
    // Proper names (clinics, city, site) are the same in both languages; every other English text must not appear.
    const shared = new Set([...es.landingPage.clinics.flatMap((c: Json) => [c.name, c.slug]), 'Chicago', 'chicago', 'kyphoplasty']); // (the hreflang alternates name the English URL)
    const english = stringsIn({ ...en.landingPage, clinics: [], seo: { ...en.landingPage.seo, robots: '', jsonLd: '', alternates: [] } }).filter(
      (s) => s.length > 8 && !shared.has(s) && !/^https?:|^\/|^\d{4}-/.test(s),
    );
    // (Ten: the procedure's FAQ is no longer on the landing page.)
    expect(english.length).toBeGreaterThanOrEqual(10);
    const spanish = JSON.stringify(es.landingPage);
    for (const s of english) expect(spanish).not.toContain(s);
    expect(spanish).not.toMatch(/\bin Chicago\b|Spine care/);
    const webPage = JSON.parse(es.landingPage.seo.jsonLd)['@graph'].find((n: Json) => n['@type'] === 'MedicalWebPage');
    expect(webPage.inLanguage).toBe('es-US');
  });

  it('a missing translation falls back to nothing: Evanston has no Spanish page anywhere', async () => {
    const q = `query($locale: Locale) {
      landingPage(procedure: "kyphoplasty", location: "evanston", locale: $locale) { path h1 }
      location(slug: "evanston", locale: $locale) { slug intro }
      locations(locale: $locale) { slug }
    }`;
    const es = await stack.gateway.query(q, { siteKey: DEV.siteKeys.northshore, variables: { locale: 'es' } });
    expect(es.body.errors).toBeUndefined();
    expect(es.body.data).toEqual({ landingPage: null, location: null, locations: [{ slug: 'chicago' }] });
    const en = await stack.gateway.query(q, { siteKey: DEV.siteKeys.northshore, variables: { locale: 'en' } });
    expect((en.body.data as Json).landingPage.path).toBe('/evanston/kyphoplasty');
    // …and the English page does not announce a Spanish alternate that does not exist.
    const evanstonEn = await landing('en', DEV.siteKeys.northshore, 'evanston');
    expect((evanstonEn.body.data as Json).landingPage.seo.alternates).toEqual([]);

    const sitemap = ((await stack.gateway.query(SITEMAP, { siteKey: DEV.siteKeys.northshore })).body.data as Json).sitemap as Json[];
    const urls = sitemap.map((e) => e.url);
    expect(urls).toEqual(expect.arrayContaining([`${NORTHSHORE}/evanston`, `${NORTHSHORE}/evanston/kyphoplasty`]));
    expect(urls.filter((u) => u.startsWith(`${NORTHSHORE}/es/evanston`))).toEqual([]);
    for (const e of sitemap) for (const a of e.alternates) expect(a.url).not.toMatch(/\/es\/evanston/);
  });

  it('Strapi refuses a 200-character meta description with a clear message', async () => {
    const docs = stack.strapi.app.documents('api::procedure.procedure');
    const doc = await docs.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft', populate: ['seo'] });
    const tooLong = 'Kyphoplasty eases the pain of vertebral compression fractures. '.repeat(4).slice(0, 200);
    expect(tooLong.length).toBe(200);
    let error: any;
    try {
      const { id: _id, ...seo } = doc.seo;
      await docs.update({ documentId: doc.documentId, locale: 'en', data: { seo: { ...seo, metaDescription: tooLong } } });
    } catch (e) {
      error = e;
    }
    expect(error?.name).toBe('ValidationError');
    expect(error.message).toMatch(/metaDescription/);
    expect(error.message).toMatch(/160/);
    const after = await docs.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft', populate: ['seo'] });
    expect(after.seo.metaDescription).toBe(doc.seo.metaDescription);
  });

  describe('sitemap.xml and robots.txt', () => {
    it.each([
      ['lakeshore-spine', LAKESHORE, DEV.siteKeys.lakeshore],
      ['northshore-spine-partners', NORTHSHORE, DEV.siteKeys.northshore],
    ])('%s: a valid sitemap listing every page the site serves, in every locale, matching GraphQL', async (slug, domain, siteKey) => {
      const res = await fetchFile(`/sites/${slug}/sitemap.xml`); // no site key: crawlers have none
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      const xml = await res.text();
      assertWellFormedXml(xml);
      // Valid against sitemaps.org's sitemap.xsd, hreflang <xhtml:link>s included (tests/support/sitemap-xsd.ts).
      expect(sitemapXsdErrors(xml)).toEqual([]);
      expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">');
      expect(Buffer.byteLength(xml)).toBeLessThan(50 * 1024 * 1024);

      const urls = parseSitemap(xml);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(50_000);
      for (const u of urls) {
        expect(u.locs).toHaveLength(1);
        expect(u.locs[0].startsWith(`${domain}/`)).toBe(true);
        expect(u.locs[0]).toMatch(/^https:\/\/[^/]+\/[a-z0-9/-]*$/);
        expect(u.lastmods).toHaveLength(1);
        expect(u.lastmods[0]).toMatch(W3C_DATETIME);
        expect(Date.parse(u.lastmods[0])).not.toBeNaN();
        for (const a of u.alternates) {
          expect(a.hreflang).toMatch(/^(en-US|es-US|x-default)$/);
          expect(a.url.startsWith(`${domain}/`)).toBe(true);
        }
        // A page with alternates lists itself among them (Google's rule for sitemap hreflang).
        if (u.alternates.length) expect(u.alternates.map((a) => a.url)).toContain(u.locs[0]);
      }
      const locs = urls.map((u) => u.locs[0]);
      expect(new Set(locs).size).toBe(locs.length);
      const path = (l: string) => l.slice(domain.length);
      // Clinic pages too, in both languages: the schema check above covers their entries.
      const expected = [
        '/procedures/kyphoplasty',
        '/es/procedures/cifoplastia',
        '/chicago',
        '/es/chicago',
        '/chicago/kyphoplasty',
        '/es/chicago/cifoplastia',
        '/clinics/chicago-loop-spine-center',
        '/es/clinics/chicago-loop-spine-center',
      ];
      expect(locs.map(path)).toEqual(expect.arrayContaining(expected));
      // Spanish URLs in Spanish only: the English slug names no Spanish page.
      expect(locs.filter((l) => l.startsWith(`${domain}/es/`) && l.includes('kyphoplasty'))).toEqual([]);

      const gql = ((await stack.gateway.query(SITEMAP, { siteKey })).body.data as Json).sitemap as Json[];
      expect([...locs].sort()).toEqual(gql.map((e) => e.url).sort());
      for (const e of gql) {
        const u = urls.find((x) => x.locs[0] === e.url)!;
        expect(u.lastmods[0]).toBe(toW3c(e.lastModified));
        expect(u.alternates).toEqual(e.alternates);
      }

      // lastmod of a landing page is the newest of its sources (procedure, city, clinics, override).
      for (const locale of ['en', 'es'] as const) {
        const lp = ((await landing(locale, siteKey)).body.data as Json).landingPage;
        const u = urls.find((x) => x.locs[0] === `${domain}${lp.path}`)!;
        expect(u.lastmods[0]).toBe(toW3c(lp.lastModified));
        expect(lp.lastModified >= lp.procedure.updatedAt && lp.lastModified >= lp.location.updatedAt).toBe(true);
      }

      if (slug === 'lakeshore-spine') expect(xml).not.toMatch(/evanston/);
      else expect(locs.map(path)).toEqual(expect.arrayContaining(['/evanston', '/evanston/kyphoplasty']));
    });

    it('is cached like a GraphQL response: MISS → HIT, Cache-Control, ETag → 304, Surrogate-Key', async () => {
      // The previous test built it: a hit now.
      const first = await fetchFile('/sites/lakeshore-spine/sitemap.xml');
      expect(first.headers.get('x-cache')).toBe('HIT');
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
      expect(first.headers.get('surrogate-key')).toMatch(/(^| )site:lakeshore-spine( |$)/);
      expect(first.headers.get('surrogate-key')).toMatch(/(^| )members:procedure:site:lakeshore-spine:en( |$)/);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^".+"$/);
      const conditional = await fetchFile('/sites/lakeshore-spine/sitemap.xml', { 'if-none-match': etag });
      expect(conditional.status).toBe(304);
      expect(await conditional.text()).toBe('');
    });

    it('robots.txt names the absolute sitemap URL on the site’s own domain', async () => {
      for (const [slug, domain] of [
        ['lakeshore-spine', LAKESHORE],
        ['northshore-spine-partners', NORTHSHORE],
      ]) {
        const res = await fetchFile(`/sites/${slug}/robots.txt`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(res.headers.get('x-cache')).toBe('MISS');
        const text = await res.text();
        expect(text).toMatch(/^User-agent: \*$/m);
        expect(text.split('\n').filter((l) => l.startsWith('Sitemap:'))).toEqual([`Sitemap: ${domain}/sitemap.xml`]);
        expect((await fetchFile(`/sites/${slug}/robots.txt`)).headers.get('x-cache')).toBe('HIT');
      }
    });

    it.each([['no-such-site'], ['Not_A_Slug'], ['lakeshore-spine-']])('answers 404 with a clean body for site "%s"', async (slug) => {
      for (const file of ['sitemap.xml', 'robots.txt']) {
        const res = await fetchFile(`/sites/${encodeURIComponent(slug)}/${file}`);
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(await res.json()).toEqual({ errors: [{ message: 'No such site', extensions: { code: 'NOT_FOUND' } }] });
      }
    });
  });

  it('a slug change answers a 301 redirect and updates both sitemaps within about a second of the publish', async () => {
    // The Spanish URLs have their own slug (cifoplastia): an English slug change leaves them where they are.
    const oldPaths = ['/chicago/kyphoplasty', '/procedures/kyphoplasty'];
    const spanishPaths = ['/es/chicago/cifoplastia', '/es/procedures/cifoplastia'];
    const sitemapXmlText = async () => (await fetchFile('/sites/lakeshore-spine/sitemap.xml')).text();
    const sitemapGql = async () => (((await stack.gateway.query(SITEMAP)).body.data as Json).sitemap as Json[]).map((e) => e.url as string);
    const redirect = async (path: string) => ((await stack.gateway.query(REDIRECT, { variables: { path } })).body.data as Json).redirect;

    // Warm every cache involved, so that only the webhook purge can make the change visible.
    expect(await redirect('/chicago/kyphoplasty')).toBeNull();
    await sitemapGql();
    await sitemapXmlText();
    expect((await fetchFile('/sites/lakeshore-spine/sitemap.xml')).headers.get('x-cache')).toBe('HIT');
    const cachedNull = await stack.gateway.query(REDIRECT, { variables: { path: '/chicago/kyphoplasty' }, method: 'GET' });
    expect(cachedNull.headers.get('x-cache')).toBe('HIT');
    // Only the slug-redirect's own webhook (entry.create, no draft & publish) and a change of the site's own
    // redirects can purge this entry (besides its site and its own edge tag, `entry:…`, which only its rebuild purges).
    expect(
      cachedNull.headers
        .get('surrogate-key')!
        .split(' ')
        .filter((t) => !t.startsWith('site:') && !t.startsWith('doc:site:') && !t.startsWith('entry:'))
        .sort(),
    ).toEqual(['list:slugRedirect', 'redirects:site:lakeshore-spine']);

    const docs = stack.strapi.app.documents('api::procedure.procedure');
    const doc = await docs.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft' });
    const editStarted = Date.now();
    await docs.update({ documentId: doc.documentId, locale: 'en', data: { slug: 'balloon-kyphoplasty' } });
    await docs.publish({ documentId: doc.documentId, locale: 'en' });
    const started = Date.now();
    const redirects = await stack.strapi.app.documents('api::slug-redirect.slug-redirect').findMany({ filters: { fromSlug: 'kyphoplasty' } });
    expect(redirects.map((r: Json) => [r.type, r.toSlug])).toEqual([['procedure', 'balloon-kyphoplasty']]);

    const newPath = (p: string) => p.replace('kyphoplasty', 'balloon-kyphoplasty');
    await waitFor(
      async () => {
        const r = await redirect('/chicago/kyphoplasty');
        if (r?.to !== '/chicago/balloon-kyphoplasty') return false;
        const gql = await sitemapGql();
        const xml = await sitemapXmlText();
        return (
          oldPaths.every(
            (p) =>
              gql.includes(`${LAKESHORE}${newPath(p)}`) &&
              !gql.includes(`${LAKESHORE}${p}`) &&
              xml.includes(`<loc>${LAKESHORE}${newPath(p)}</loc>`) &&
              !xml.includes(`<loc>${LAKESHORE}${p}</loc>`),
          ) && spanishPaths.every((p) => gql.includes(`${LAKESHORE}${p}`) && xml.includes(`<loc>${LAKESHORE}${p}</loc>`))
        );
      },
      5000,
      20,
    );
    const ms = Date.now() - started;
    console.log(`slug change: Strapi update + publish ${started - editStarted} ms; published → redirect and both sitemaps updated in ${ms} ms`);
    // Functional bound: the wait above (5 s). Publish → visible latency is measured by the bench (tests/bench/run.mjs).

    expect(await redirect('/chicago/kyphoplasty')).toEqual({ from: '/chicago/kyphoplasty', to: '/chicago/balloon-kyphoplasty', statusCode: 301 });
    // An English slug in a Spanish URL, old or current, leads to the Spanish slug.
    expect(await redirect('/es/chicago/kyphoplasty')).toEqual({ from: '/es/chicago/kyphoplasty', to: '/es/chicago/cifoplastia', statusCode: 301 });
    expect(await redirect('/es/chicago/balloon-kyphoplasty')).toEqual({ from: '/es/chicago/balloon-kyphoplasty', to: '/es/chicago/cifoplastia', statusCode: 301 });
    expect(await redirect('/procedures/kyphoplasty')).toEqual({ from: '/procedures/kyphoplasty', to: '/procedures/balloon-kyphoplasty', statusCode: 301 });
    expect(await redirect('/chicago/balloon-kyphoplasty')).toBeNull();
    expect(await redirect('/es/chicago/cifoplastia')).toBeNull();
    const xml = await sitemapXmlText();
    assertWellFormedXml(xml);
    expect(sitemapXsdErrors(xml)).toEqual([]);
    expect(xml).not.toMatch(/[/"]kyphoplasty[<"]/);
    const moved = ((await landing('en', DEV.siteKeys.lakeshore, 'chicago', 'balloon-kyphoplasty')).body.data as Json).landingPage;
    expect(moved.seo.canonicalUrl).toBe(`${LAKESHORE}/chicago/balloon-kyphoplasty`);
    expect(moved.seo.alternates.map((a: Json) => a.url)).toEqual([
      `${LAKESHORE}/chicago/balloon-kyphoplasty`,
      `${LAKESHORE}/es/chicago/cifoplastia`,
      `${LAKESHORE}/chicago/balloon-kyphoplasty`,
    ]);
    expect(((await landing('en')).body.data as Json).landingPage).toBeNull();
  });

  it('a Spanish slug change records a Spanish redirect, moves the Spanish URLs and the hreflang of both languages', async () => {
    const redirect = async (path: string) => ((await stack.gateway.query(REDIRECT, { variables: { path } })).body.data as Json).redirect;
    const alternatesOf = async (locale: 'en' | 'es', procedure: string) =>
      ((await landing(locale, DEV.siteKeys.lakeshore, 'chicago', procedure)).body.data as Json).landingPage?.seo.alternates;
    const sitemapXmlText = async () => (await fetchFile('/sites/lakeshore-spine/sitemap.xml')).text();
    // Warm what must be purged: the English page (its hreflang names the Spanish URL), the Spanish page, the redirects, the sitemap.
    const enBefore = await alternatesOf('en', 'balloon-kyphoplasty');
    expect(enBefore[1]).toEqual({ hreflang: 'es-US', url: `${LAKESHORE}/es/chicago/cifoplastia` });
    expect(await alternatesOf('es', 'cifoplastia-con-balon')).toBeUndefined();
    expect(await redirect('/es/chicago/cifoplastia')).toBeNull();
    expect(await redirect('/es/chicago/kyphoplasty')).toMatchObject({ to: '/es/chicago/cifoplastia' });
    expect(await sitemapXmlText()).toContain(`<loc>${LAKESHORE}/es/chicago/cifoplastia</loc>`);

    const docs = stack.strapi.app.documents('api::procedure.procedure');
    const doc = await docs.findFirst({ filters: { slug: 'balloon-kyphoplasty' }, locale: 'es', status: 'draft' });
    expect(doc.localeSlug).toBe('cifoplastia');
    await docs.update({ documentId: doc.documentId, locale: 'es', data: { localeSlug: 'cifoplastia-con-balon' } });
    await docs.publish({ documentId: doc.documentId, locale: 'es' });
    const recorded = await stack.strapi.app.documents('api::slug-redirect.slug-redirect').findMany({ filters: { language: 'es' } });
    expect(recorded.map((r: Json) => [r.type, r.fromSlug, r.toSlug])).toEqual([['procedure', 'cifoplastia', 'cifoplastia-con-balon']]);

    const newUrl = `${LAKESHORE}/es/chicago/cifoplastia-con-balon`;
    await waitFor(async () => (await alternatesOf('en', 'balloon-kyphoplasty'))?.[1]?.url === newUrl && (await sitemapXmlText()).includes(`<loc>${newUrl}</loc>`), 5000, 20);
    expect(await alternatesOf('es', 'cifoplastia-con-balon')).toEqual([
      { hreflang: 'en-US', url: `${LAKESHORE}/chicago/balloon-kyphoplasty` },
      { hreflang: 'es-US', url: newUrl },
      { hreflang: 'x-default', url: `${LAKESHORE}/chicago/balloon-kyphoplasty` },
    ]);
    expect(await alternatesOf('es', 'cifoplastia')).toBeUndefined();
    expect(await redirect('/es/chicago/cifoplastia')).toEqual({ from: '/es/chicago/cifoplastia', to: '/es/chicago/cifoplastia-con-balon', statusCode: 301 });
    expect(await redirect('/es/procedures/cifoplastia')).toEqual({ from: '/es/procedures/cifoplastia', to: '/es/procedures/cifoplastia-con-balon', statusCode: 301 });
    expect(await redirect('/es/chicago/kyphoplasty')).toEqual({ from: '/es/chicago/kyphoplasty', to: '/es/chicago/cifoplastia-con-balon', statusCode: 301 });
    // The Spanish history is Spanish only: the English URLs are not touched by it.
    expect(await redirect('/chicago/cifoplastia')).toBeNull();
    expect(await redirect('/chicago/balloon-kyphoplasty')).toBeNull();
    const xml = await sitemapXmlText();
    assertWellFormedXml(xml);
    expect(sitemapXsdErrors(xml)).toEqual([]);
    expect(xml).not.toContain(`${LAKESHORE}/es/chicago/cifoplastia"`);
    expect(xml).not.toContain(`<loc>${LAKESHORE}/es/chicago/cifoplastia</loc>`);
  });

  it('Strapi refuses a Spanish slug in English, one that is a reserved segment, and one another page already has', async () => {
    const refusal = async (write: () => Promise<unknown>) => {
      try {
        await write();
      } catch (e) {
        return e as Json;
      }
      return null;
    };
    const procedures = stack.strapi.app.documents('api::procedure.procedure');
    const kypho = await procedures.findFirst({ filters: { slug: 'balloon-kyphoplasty' }, locale: 'en', status: 'draft' });
    const inEnglish = await refusal(() => procedures.update({ documentId: kypho.documentId, locale: 'en', data: { localeSlug: 'kypho' } }));
    expect([inEnglish?.name, inEnglish?.message]).toEqual(['ValidationError', expect.stringMatching(/English URLs use the slug field/)]);

    const cities = stack.strapi.app.documents('api::location.location');
    const chicago = await cities.findFirst({ filters: { slug: 'chicago' }, locale: 'es', status: 'draft' });
    const reserved = await refusal(() => cities.update({ documentId: chicago.documentId, locale: 'es', data: { localeSlug: 'procedures' } }));
    expect([reserved?.name, reserved?.message]).toEqual(['ValidationError', expect.stringMatching(/reserved/)]);

    const other = await procedures.create({ data: { title: 'Vertebroplasty', slug: 'vertebroplasty', summary: 'Bone cement without a balloon.' }, locale: 'en' });
    const taken = await refusal(() =>
      procedures.update({ documentId: other.documentId, locale: 'es', data: { title: 'Vertebroplastia', summary: 'Cemento óseo sin balón.', localeSlug: 'cifoplastia-con-balon' } }),
    );
    expect([taken?.name, taken?.message]).toEqual(['ValidationError', expect.stringMatching(/already the es URL of another document/)]);
    // Its own Spanish slug is fine, and so is an empty one (the English slug applies).
    await procedures.update({ documentId: other.documentId, locale: 'es', data: { title: 'Vertebroplastia', summary: 'Cemento óseo sin balón.', localeSlug: 'vertebroplastia' } });
    const saved = await procedures.update({ documentId: other.documentId, locale: 'es', data: { localeSlug: '' } });
    expect(saved.localeSlug).toBeNull();
    await procedures.delete({ documentId: other.documentId });
  });

  it('lists canonical URLs only: a landing page whose editor pointed its canonical elsewhere leaves the sitemap', async () => {
    const overrides = stack.strapi.app.documents('api::landing-page.landing-page');
    const [override] = await overrides.findMany({ locale: 'en', status: 'draft', populate: ['seo'] });
    const { id: _id, ...seo } = override.seo;
    await overrides.update({ documentId: override.documentId, locale: 'en', data: { seo: { ...seo, canonicalPath: '/chicago' } } });
    await overrides.publish({ documentId: override.documentId, locale: 'en' });
    const page = `${LAKESHORE}/chicago/balloon-kyphoplasty`;
    await waitFor(async () => !(await (await fetchFile('/sites/lakeshore-spine/sitemap.xml')).text()).includes(`<loc>${page}</loc>`), 5000, 20);
    const lp = ((await landing('en', DEV.siteKeys.lakeshore, 'chicago', 'balloon-kyphoplasty')).body.data as Json).landingPage;
    expect(lp.seo.canonicalUrl).toBe(`${LAKESHORE}/chicago`);
    const urls = (((await stack.gateway.query(SITEMAP)).body.data as Json).sitemap as Json[]).map((e) => e.url);
    expect(urls).not.toContain(page);
    expect(urls).toEqual(expect.arrayContaining([`${LAKESHORE}/chicago`, `${LAKESHORE}/es/chicago/cifoplastia-con-balon`]));
  });

  it("a city's Spanish slug: the site serves it (its registry learns it), pages, hreflang and the old Spanish URLs follow", async () => {
    const redirect = async (path: string) => ((await stack.gateway.query(REDIRECT, { variables: { path } })).body.data as Json).redirect;
    const city = async (slug: string, locale: 'en' | 'es') =>
      (
        (
          await stack.gateway.query(`query C($slug: String!, $locale: Locale) { location(slug: $slug, locale: $locale) { slug seo { canonicalUrl alternates { hreflang url } } } }`, {
            variables: { slug, locale },
          })
        ).body.data as Json
      ).location;
    expect(await city('chicago-il', 'es')).toBeNull();
    expect((await city('chicago', 'en')).seo.alternates[1]).toEqual({ hreflang: 'es-US', url: `${LAKESHORE}/es/chicago` });

    const cities = stack.strapi.app.documents('api::location.location');
    const chicago = await cities.findFirst({ filters: { slug: 'chicago' }, locale: 'es', status: 'draft' });
    await cities.update({ documentId: chicago.documentId, locale: 'es', data: { localeSlug: 'chicago-il' } });
    await cities.publish({ documentId: chicago.documentId, locale: 'es' });
    await waitFor(async () => (await city('chicago-il', 'es'))?.slug === 'chicago-il', 5000, 20);

    expect((await city('chicago-il', 'es')).seo.canonicalUrl).toBe(`${LAKESHORE}/es/chicago-il`);
    expect(await city('chicago', 'es')).toBeNull();
    expect(await city('chicago-il', 'en')).toBeNull();
    expect((await city('chicago', 'en')).seo.alternates[1]).toEqual({ hreflang: 'es-US', url: `${LAKESHORE}/es/chicago-il` });
    const lp = ((await landing('es', DEV.siteKeys.lakeshore, 'chicago-il', 'cifoplastia-con-balon')).body.data as Json).landingPage;
    expect(lp.path).toBe('/es/chicago-il/cifoplastia-con-balon');
    const crumbs = JSON.parse(lp.seo.jsonLd)['@graph'].find((n: Json) => n['@type'] === 'BreadcrumbList');
    expect(crumbs.itemListElement[1].item).toBe(`${LAKESHORE}/es/chicago-il`);
    // Both Spanish slugs of before lead to the current page at once.
    expect(await redirect('/es/chicago/cifoplastia')).toEqual({ from: '/es/chicago/cifoplastia', to: '/es/chicago-il/cifoplastia-con-balon', statusCode: 301 });
    expect(await redirect('/es/chicago')).toEqual({ from: '/es/chicago', to: '/es/chicago-il', statusCode: 301 });
    expect(await redirect('/chicago')).toBeNull();
    // The other site serving Chicago serves its Spanish slug too (each site's registry holds its cities' slugs).
    const north = await stack.gateway.query(`{ location(slug: "chicago-il", locale: es) { slug } }`, { siteKey: DEV.siteKeys.northshore });
    expect((north.body.data as Json).location).toEqual({ slug: 'chicago-il' });
    const xml = await (await fetchFile('/sites/lakeshore-spine/sitemap.xml')).text();
    assertWellFormedXml(xml);
    expect(sitemapXsdErrors(xml)).toEqual([]);
    expect(xml).toContain(`<loc>${LAKESHORE}/es/chicago-il</loc>`);
    expect(xml).toContain(`href="${LAKESHORE}/es/chicago-il/cifoplastia-con-balon"`);
    expect(xml).not.toContain(`${LAKESHORE}/es/chicago/`);
  });
});
