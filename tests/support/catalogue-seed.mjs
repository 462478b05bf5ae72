/**
 * A generated catalogue, seeded in-process through Strapi's document service (no HTTP): procedures
 * and cities in two locales, clinics spread over the cities (each offering `perClinic` procedures),
 * sites serving overlapping ranges of cities, and a few landing-page overrides. Used by the
 * catalogue integration test and `npm run bench:scale`. Deterministic: the same options give the
 * same catalogue. Slugs are prefixed (`g-`) so the demo seed content stays untouched.
 */
export const UID = {
  procedure: 'api::procedure.procedure',
  location: 'api::location.location',
  clinic: 'api::clinic.clinic',
  site: 'api::site.site',
  landingPage: 'api::landing-page.landing-page',
};

const STATES = ['IL', 'WI', 'IN', 'MI', 'OH', 'MN', 'IA', 'MO'];

/**
 * @param {any} strapi a loaded Strapi instance
 * @param {{ procedures: number, cities: number, clinics: number, perClinic: number, sites: number, citiesPerSite?: number, overrides?: number, locales?: string[], prefix?: string }} o
 */
export async function seedCatalogue(strapi, o) {
  const locales = o.locales ?? ['en', 'es'];
  const g = o.prefix ?? 'g';
  const citiesPerSite = o.citiesPerSite ?? Math.ceil(o.cities / Math.max(1, o.sites - 1));
  const started = Date.now();
  const docs = (uid) => strapi.documents(uid);
  // A bulk import, not an editor: Strapi's webhooks stay silent (its queue would trickle ~1,000 events
  // into the gateway for minutes); the gateway reads the catalogue when it boots.
  const runner = strapi.get('webhookRunner');
  const events = [...runner.listeners.keys()];
  for (const event of events) runner.deleteListener(event);
  try {
    return await seed();
  } finally {
    for (const event of events) runner.createListener(event);
  }

  async function seed() {
    let operations = 0;

    /** Creates a published document in the first locale, then publishes each other locale. */
    const createLocalized = async (uid, perLocale) => {
      const [first, ...rest] = locales;
      const created = await docs(uid).create({ data: perLocale(first), locale: first, status: 'published' });
      operations += 1;
      for (const locale of rest) {
        await docs(uid).update({ documentId: created.documentId, locale, data: perLocale(locale), status: 'published' });
        operations += 1;
      }
      return created.documentId;
    };

    const procedures = [];
    for (let i = 0; i < o.procedures; i++) {
      const slug = `${g}-procedure-${i}`;
      const documentId = await createLocalized(UID.procedure, (locale) => ({
        title: `${locale === 'es' ? 'Procedimiento' : 'Procedure'} ${i}`,
        slug,
        summary: `${locale === 'es' ? 'Resumen del procedimiento' : 'Summary of procedure'} ${i}: a generated article used to measure the catalogue at scale.`,
        body: `Generated body of procedure ${i} (${locale}).`,
        faqs: [{ question: `Question about procedure ${i}?`, answer: `Answer ${i} (${locale}).` }],
      }));
      procedures.push({ documentId, slug });
    }

    const cities = [];
    for (let i = 0; i < o.cities; i++) {
      const slug = `${g}-city-${i}`;
      const documentId = await createLocalized(UID.location, (locale) => ({
        city: `City ${i}`,
        state: STATES[i % STATES.length],
        slug,
        intro: `${locale === 'es' ? 'Introducción de la ciudad' : 'Introduction of city'} ${i}.`,
      }));
      cities.push({ documentId, slug });
    }

    const clinics = [];
    for (let i = 0; i < o.clinics; i++) {
      const city = cities[i % cities.length];
      // Consecutive procedures from a per-clinic offset: every procedure is offered somewhere.
      const offered = Array.from({ length: Math.min(o.perClinic, procedures.length) }, (_, k) => procedures[(i * 3 + k) % procedures.length]);
      const created = await docs(UID.clinic).create({
        data: {
          name: `Clinic ${g}${String(i).padStart(4, '0')}`,
          slug: `${g}-clinic-${i}`,
          phone: `(312) 555-${String(1000 + (i % 9000)).slice(-4)}`,
          address: { street: `${100 + i} Main St`, city: `City ${i % cities.length}`, state: STATES[(i % cities.length) % STATES.length], postalCode: String(60000 + i).slice(0, 5) },
          geo: { lat: 41 + (i % 100) / 100, lng: -87 - (i % 100) / 100 },
          openingHours: 'Mo-Fr 08:00-17:00',
          location: { connect: [{ documentId: city.documentId, locale: locales[0] }] },
          procedures: { connect: offered.map((p) => ({ documentId: p.documentId, locale: locales[0] })) },
        },
        status: 'published',
      });
      operations += 1;
      clinics.push({ documentId: created.documentId, slug: `${g}-clinic-${i}`, city: city.documentId, procedures: offered.map((p) => p.documentId) });
    }

    const sites = [];
    for (let s = 0; s < o.sites; s++) {
      // Overlapping windows of cities: some cities are served by two sites.
      const start = Math.floor((s * (cities.length - citiesPerSite)) / Math.max(1, o.sites - 1));
      const served = cities.slice(start, start + citiesPerSite);
      const slug = `${g}-site-${s}`;
      const created = await docs(UID.site).create({
        data: {
          name: `Generated Site ${g}${s}`,
          slug,
          domain: `https://${g}-site-${s}.example`,
          locations: { connect: served.map((c) => ({ documentId: c.documentId, locale: locales[0] })) },
        },
        status: 'published',
      });
      operations += 1;
      sites.push({ documentId: created.documentId, slug, key: `${g}-site-${s}-key-0123456789`, cities: served.map((c) => c.documentId) });
    }

    const overrides = [];
    for (let k = 0; k < (o.overrides ?? 0); k++) {
      const clinic = clinics[(k * 7) % clinics.length];
      const procedure = procedures.find((p) => p.documentId === clinic.procedures[0]);
      const city = cities.find((c) => c.documentId === clinic.city);
      if (!procedure || !city) throw new Error(`seed: clinic ${clinic.documentId} names a procedure or city the seed did not create`);
      if (overrides.some((x) => x.procedure === procedure.documentId && x.location === city.documentId)) continue;
      const documentId = await createLocalized(UID.landingPage, (locale) => ({
        headline: `Override ${k} headline (${locale})`,
        intro: `Override ${k} intro (${locale}).`,
        procedure: { connect: [{ documentId: procedure.documentId, locale }] },
        location: { connect: [{ documentId: city.documentId, locale }] },
      }));
      overrides.push({ documentId, procedure: procedure.documentId, location: city.documentId });
    }

    return { procedures, cities, clinics, sites, overrides, operations, seedMs: Date.now() - started };
  }
}

/** SITE_KEYS entries (`key:slug`) for the generated sites. */
export const siteKeysOf = (catalogue) => catalogue.sites.map((s) => `${s.key}:${s.slug}`).join(',');
