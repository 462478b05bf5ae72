import { urlSlug, type ContentTypeName } from '@clinic/shared';
import type { CatalogueRows, CatalogueView, IndexedRow } from '../types/fact.types.js';

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
export function catalogueView(rows: CatalogueRows): CatalogueView {
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

  return {
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
