import { LOCALES, urlSlug, type ContentTypeName, type Locale } from '@clinic/shared';
import type { LandingText, ScoreMemo, SitePage, UniquenessReport } from '../../uniqueness/types/uniqueness.types.js';
import { landingMainText } from '../../uniqueness/utils/landing-text.util.js';
import { DEFAULT_UNIQUENESS_THRESHOLD, pageScoring, runInSlices, runToEnd, type Scoring } from '../../uniqueness/utils/uniqueness-scores.util.js';
import type { CatalogueRows, CatalogueView, IndexedRow } from '../types/fact.types.js';
import { rowKey } from './catalogue-facts.util.js';

const addTo = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * What decides membership, worked out once from the rows: a clinic counts in a city only when the city
 * is published, an offering only when the procedure is, a site serves only published cities. Every
 * membership fact reads it, so they cannot disagree on these rules.
 */
export function catalogueView(rows: CatalogueRows, memo?: ScoreMemo): CatalogueView {
  const rowsOf = (type: ContentTypeName): Iterable<IndexedRow> => rows.get(type)?.values() ?? [];
  const locales = new Map<string, Map<string, string[]>>();
  for (const type of ['procedure', 'location', 'clinic'] as const) {
    const byId = new Map<string, string[]>();
    for (const r of rowsOf(type)) addTo(byId, r.documentId, r.locale);
    locales.set(type, byId);
  }
  const procedures = locales.get('procedure')!;
  const locations = locales.get('location')!;
  const locationSlugs = new Map<string, string[]>();
  for (const r of rowsOf('location')) {
    if (!r.slug) continue;
    const slug = urlSlug({ ...r, slug: r.slug });
    const known = locationSlugs.get(r.documentId) ?? [];
    if (!known.includes(slug)) locationSlugs.set(r.documentId, r.locale === 'en' ? [slug, ...known] : [...known, slug]);
  }

  const clinicsIn = new Map<string, string[]>();
  const clinicsOffering = new Map<string, string[]>();
  const proceduresIn = new Map<string, Set<string>>();
  for (const c of rowsOf('clinic')) {
    const L = c.location;
    if (!L || !locations.has(L)) continue;
    addTo(clinicsIn, L, c.documentId);
    for (const P of c.procedures ?? []) {
      if (!procedures.has(P)) continue;
      addTo(clinicsOffering, `${L}\u0000${P}`, c.documentId);
      let set = proceduresIn.get(L);
      if (!set) proceduresIn.set(L, (set = new Set()));
      set.add(P);
    }
  }

  const sites: CatalogueView['sites'] = [];
  for (const row of rowsOf('site')) {
    if (!row.slug) continue;
    const served = (row.locations ?? []).filter((L) => locations.has(L)).sort();
    const offered = new Set<string>();
    for (const L of served) for (const P of proceduresIn.get(L) ?? []) offered.add(P);
    sites.push({ row, slug: row.slug, served, offered });
  }

  let report: UniquenessReport | undefined;
  const uniqueness = () => (report ??= runToEnd(catalogueScoring(rows, sites, clinicsOffering, memo), memo));
  const uniquenessInSlices = async (sliceMs?: number) => (report ??= await runInSlices(catalogueScoring(rows, sites, clinicsOffering, memo), memo, sliceMs));

  return {
    uniqueness,
    uniquenessInSlices,
    rows: rowsOf,
    localesOf: (type) => locales.get(type)!,
    clinicsIn,
    clinicsOffering,
    proceduresIn,
    sites,
    locationSlugs,
    // Lists are per locale: a procedure or city missing in a locale is not in that locale's lists.
    inLocale: (ids, type, l) => {
      const docs = locales.get(type)!;
      return [...ids]
        .filter((id) => docs.get(id)?.includes(l))
        .sort()
        .join(',');
    },
  };
}

/**
 * The landing pages every site serves — a page exists where the site serves the city, a clinic there offers the
 * procedure, and both exist in the locale (as ContentService decides) — with the text each is scored on. A
 * page's text is the same on every site showing it, so it is built (and shingled) once.
 */
function* catalogueScoring(rows: CatalogueRows, sites: CatalogueView['sites'], clinicsOffering: Map<string, string[]>, memo?: ScoreMemo): Scoring {
  const get = (type: ContentTypeName, id: string, locale: string) => rows.get(type)?.get(rowKey(id, locale));
  const overrides = new Map<string, IndexedRow>();
  for (const o of rows.get('landingPage')?.values() ?? []) {
    if (!o.procedure || !o.location) continue;
    const k = `${o.procedure}\u0000${o.location}\u0000${o.locale}`;
    const prev = overrides.get(k);
    if (!prev || o.documentId < prev.documentId) overrides.set(k, o);
  }
  const texts = new Map<string, LandingText>();
  const pages: SitePage[] = [];
  const thresholds = new Map<string, number>();
  for (const s of sites) {
    thresholds.set(s.slug, s.row.threshold ?? DEFAULT_UNIQUENESS_THRESHOLD);
    for (const L of s.served) {
      for (const P of s.offered) {
        const clinics = clinicsOffering.get(`${L}\u0000${P}`);
        if (!clinics?.length) continue;
        for (const locale of LOCALES) {
          const procedure = get('procedure', P, locale);
          const location = get('location', L, locale);
          if (!procedure || !location) continue;
          const key = `${P}\u0000${L}\u0000${locale}`;
          if (!texts.has(key)) {
            const override = overrides.get(key)?.copy;
            const main = landingMainText(locale as Locale, {
              procedure: { title: procedure.copy?.title ?? '', summary: procedure.copy?.summary ?? '' },
              location: { city: location.copy?.city ?? '', state: location.copy?.state ?? '', intro: location.copy?.intro },
              override,
              clinicCards: clinics.map((C) => get('clinic', C, '')?.copy?.card ?? ''),
            });
            texts.set(key, { key, ...main });
          }
          // Paths take the locale's URL slugs (`/es/chicago/cifoplastia`), as the site serves them.
          const procedureSlug = procedure.slug ? urlSlug({ ...procedure, slug: procedure.slug }) : '';
          const citySlug = location.slug ? urlSlug({ ...location, slug: location.slug }) : '';
          pages.push({ site: s.slug, procedure: P, location: L, locale, text: key, procedureSlug, citySlug, city: location.copy?.city ?? '' });
        }
      }
      yield;
    }
  }
  // The figure reported (bench:scale) is the whole scoring, the pages' texts put together and then scored: the
  // runner times both.
  return yield* pageScoring(texts, pages, (site) => thresholds.get(site) ?? DEFAULT_UNIQUENESS_THRESHOLD, memo);
}
