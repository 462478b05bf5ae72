import { UID } from './catalogue-seed.mjs';

/**
 * Every kind of editorial change issue 12 names, made as an editor makes it: through Strapi's document
 * service, so that Strapi sends its real webhooks. Each change touches documents that site `shown` shows, and
 * `run` resolves to the documentIds whose webhooks the gateway must have applied before anyone looks.
 * Run them in order: they update `catalogue` and `shown` as they go, and some build on an earlier one (the
 * new city is then served; the new override is then unpublished). Used by the catalogue integration
 * test and `npm run bench:scale`, so that both measure the same changes.
 *
 * Nothing is read before the first `run`: `catalogueChanges()` without arguments lists the names.
 *
 * @param {any} [strapi] a loaded Strapi instance
 * @param {Awaited<ReturnType<typeof import('./catalogue-seed.mjs').seedCatalogue>>} [catalogue]
 * @param {{ documentId: string, cities: string[] }} [shown] one of `catalogue.sites`
 * @returns {Array<{ name: string, run: () => Promise<string[]> }>}
 */
export function catalogueChanges(strapi, catalogue, shown) {
  // Without arguments only the names are read: no `run` is ever called then.
  const cat = /** @type {NonNullable<typeof catalogue>} */ (catalogue);
  const site = /** @type {NonNullable<typeof shown>} */ (shown);
  const docs = (uid) => strapi.documents(uid);
  const ref = (documentId) => ({ documentId, locale: 'en' });
  // The clinics the site showed before the first change; distinct changes use distinct clinics.
  let servedList;
  const served = () => (servedList ??= cat.clinics.filter((c) => site.cities.includes(c.city)));
  const clinic = (i) => served()[i % served().length];
  let newCity;
  let newOverride;

  return [
    {
      name: 'clinic phone',
      run: async () => {
        const c = clinic(0);
        await docs(UID.clinic).update({ documentId: c.documentId, data: { phone: '(312) 555-0999' }, status: 'published' });
        return [c.documentId];
      },
    },
    {
      name: 'clinic hours',
      run: async () => {
        const c = clinic(7);
        const hours = {
          timeZone: 'America/Chicago',
          periods: [{ day: 'tuesday', opens: '09:00:00.000', closes: '15:00:00.000' }],
          closures: [{ from: '2099-12-24', to: '2099-12-26', label: 'Holidays' }],
        };
        await docs(UID.clinic).update({ documentId: c.documentId, data: { hours }, status: 'published' });
        return [c.documentId];
      },
    },
    {
      name: 'procedure summary (es)',
      run: async () => {
        const p = cat.procedures[1];
        await docs(UID.procedure).update({ documentId: p.documentId, locale: 'es', data: { summary: 'Resumen nuevo del procedimiento uno.' }, status: 'published' });
        return [p.documentId];
      },
    },
    {
      name: 'city intro (en)',
      run: async () => {
        const city = site.cities[0];
        await docs(UID.location).update({ documentId: city, locale: 'en', data: { intro: 'A new introduction for this city.' }, status: 'published' });
        return [city];
      },
    },
    {
      name: 'override headline (en)',
      run: async () => {
        const override = cat.overrides.find((o) => site.cities.includes(o.location));
        if (!override) throw new Error('The seed gave the site no override: seed more overrides');
        await docs(UID.landingPage).update({ documentId: override.documentId, locale: 'en', data: { headline: 'A new override headline' }, status: 'published' });
        return [override.documentId];
      },
    },
    {
      name: 'clinic moved',
      run: async () => {
        const c = clinic(1);
        const target = site.cities[(site.cities.indexOf(c.city) + 1) % site.cities.length];
        await docs(UID.clinic).update({ documentId: c.documentId, data: { location: { set: [ref(target)] } }, status: 'published' });
        c.city = target;
        return [c.documentId];
      },
    },
    {
      name: 'clinic offering changed',
      run: async () => {
        const c = clinic(2);
        // One procedure it did not offer in, its first one out.
        const next = cat.procedures
          .filter((p) => !c.procedures.includes(p.documentId))
          .slice(0, 1)
          .concat(cat.procedures.filter((p) => c.procedures.includes(p.documentId)).slice(1));
        await docs(UID.clinic).update({ documentId: c.documentId, data: { procedures: { set: next.map((p) => ref(p.documentId)) } }, status: 'published' });
        c.procedures = next.map((p) => p.documentId);
        return [c.documentId];
      },
    },
    {
      name: 'new clinic',
      run: async () => {
        const near = clinic(3);
        const created = await docs(UID.clinic).create({
          data: {
            name: 'Clinic New',
            slug: 'g-clinic-new',
            phone: '(312) 555-0111',
            openingHours: 'Mo-Fr 09:00-17:00',
            location: { connect: [ref(near.city)] },
            procedures: { connect: [ref(near.procedures[0])] },
          },
          status: 'published',
        });
        cat.clinics.push({ documentId: created.documentId, slug: 'g-clinic-new', city: near.city, procedures: [near.procedures[0]] });
        return [created.documentId];
      },
    },
    {
      name: 'clinic unpublished',
      run: async () => {
        const c = clinic(4);
        await docs(UID.clinic).unpublish({ documentId: c.documentId });
        return [c.documentId];
      },
    },
    {
      name: 'clinic deleted',
      run: async () => {
        const c = clinic(5);
        await docs(UID.clinic).delete({ documentId: c.documentId });
        return [c.documentId];
      },
    },
    {
      // A city nobody serves yet shows nowhere; the clinic that moves there leaves its old city's pages.
      name: 'new city (a clinic moves there)',
      run: async () => {
        const created = await docs(UID.location).create({ data: { city: 'City New', state: 'IL', slug: 'g-city-new', intro: 'A new city.' }, locale: 'en', status: 'published' });
        newCity = created.documentId;
        const c = clinic(6);
        await docs(UID.clinic).update({ documentId: c.documentId, data: { location: { set: [ref(newCity)] } }, status: 'published' });
        c.city = newCity;
        return [newCity, c.documentId];
      },
    },
    {
      name: 'site serves the new city',
      run: async () => {
        await docs(UID.site).update({ documentId: site.documentId, data: { locations: { connect: [ref(newCity)] } }, status: 'published' });
        site.cities.push(newCity);
        return [site.documentId];
      },
    },
    {
      name: 'site stops serving a city',
      run: async () => {
        const drop = site.cities[site.cities.length - 2];
        await docs(UID.site).update({ documentId: site.documentId, data: { locations: { disconnect: [ref(drop)] } }, status: 'published' });
        site.cities = site.cities.filter((c) => c !== drop);
        return [site.documentId];
      },
    },
    {
      name: 'procedure slug (with its redirect)',
      run: async () => {
        const p = cat.procedures[2];
        await docs(UID.procedure).update({ documentId: p.documentId, locale: 'en', data: { slug: `${p.slug}-renamed` } });
        await docs(UID.procedure).publish({ documentId: p.documentId, locale: 'en' });
        return [p.documentId];
      },
    },
    {
      // Its Spanish pages move (old URL → null), and the hreflang of its pages in both languages with them.
      name: 'procedure slug (es, with its redirect)',
      run: async () => {
        const p = cat.procedures[4];
        await docs(UID.procedure).update({ documentId: p.documentId, locale: 'es', data: { localeSlug: `${p.slug}-es` } });
        await docs(UID.procedure).publish({ documentId: p.documentId, locale: 'es' });
        return [p.documentId];
      },
    },
    {
      name: 'new override',
      run: async () => {
        // Clinics 0–6 are the earlier changes'; one still published and served, on a pair with no override yet.
        const c = served()
          .slice(7)
          .find((x) => site.cities.includes(x.city) && !cat.overrides.some((o) => o.location === x.city && o.procedure === x.procedures[0]));
        const created = await docs(UID.landingPage).create({
          data: { headline: 'A brand new override', procedure: { connect: [ref(c.procedures[0])] }, location: { connect: [ref(c.city)] } },
          locale: 'en',
          status: 'published',
        });
        newOverride = created.documentId;
        cat.overrides.push({ documentId: newOverride, procedure: c.procedures[0], location: c.city });
        return [newOverride];
      },
    },
    {
      name: 'override unpublished',
      run: async () => {
        await docs(UID.landingPage).unpublish({ documentId: newOverride, locale: 'en' });
        return [newOverride];
      },
    },
    {
      name: 'procedure unpublished (es)',
      run: async () => {
        const p = cat.procedures[3];
        await docs(UID.procedure).unpublish({ documentId: p.documentId, locale: 'es' });
        return [p.documentId];
      },
    },
    {
      // Issue 20's uniqueness guard. A generated page is a headline, the city's one-line intro, its clinics' cards
      // and the procedure's summary, so it owns little (a page with one clinic about a third, README): an override
      // with the city's own text lifts it far above its siblings. Its own page moves, and any sibling whose
      // nearest page it was and whose verdict crosses.
      name: 'landing page made unique (override with local text)',
      run: async () => {
        const c = served()
          .slice(8)
          .find((x) => site.cities.includes(x.city) && !cat.overrides.some((o) => o.location === x.city && o.procedure === x.procedures[0]));
        const created = await docs(UID.landingPage).create({
          data: {
            intro:
              'Parking is free behind the clinic on Lake Street, the number 22 bus stops at the door, and the imaging suite reads your scans the same afternoon, so most patients see the specialist and leave with a plan in one visit.',
            procedure: { connect: [ref(c.procedures[0])] },
            location: { connect: [ref(c.city)] },
          },
          locale: 'en',
          status: 'published',
        });
        cat.overrides.push({ documentId: created.documentId, procedure: c.procedures[0], location: c.city });
        return [created.documentId];
      },
    },
    {
      // The site's threshold moves no text: only the verdicts of the pages between the two values (generated pages
      // with one clinic score about 0.32, with two about 0.44), their pages and the sitemap.
      name: 'site uniqueness threshold raised (pages cross it)',
      run: async () => {
        await docs(UID.site).update({ documentId: site.documentId, data: { uniquenessThreshold: 0.4 }, status: 'published' });
        return [site.documentId];
      },
    },
    {
      // The clinic group behind the site: its home pages show it, no other page (clinics name it by an @id
      // that depends on the domain alone), and nothing of the other sites.
      name: 'site organization (contact point)',
      run: async () => {
        const organization = {
          legalName: 'Generated Spine Group, LLC',
          profiles: [{ url: 'https://www.facebook.com/generated-spine-group' }],
          contactPoints: [{ telephone: '(312) 555-0190', contactType: 'reservations', areaServed: 'US-IL', languages: 'en, es' }],
        };
        await docs(UID.site).update({ documentId: site.documentId, data: { organization }, status: 'published' });
        return [site.documentId];
      },
    },
  ];
}
