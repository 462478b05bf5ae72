import { LOCALES, cacheTags, type ContentTypeName } from '@clinic/shared';

/**
 * One published row as the catalogue index keeps it: identity, version and the relations that decide
 * membership. Localized types have one row per published locale; others use locale ''.
 */
export interface IndexedRow {
  documentId: string;
  locale: string;
  updatedAt: string;
  slug?: string | null;
  /** site: name and domain (every page of the site shows them). */
  name?: string | null;
  domain?: string | null;
  /** clinic and landing page: the city. */
  location?: string | null;
  /** landing page: the procedure. */
  procedure?: string | null;
  /** clinic: a digest of the fields pages show (name, phone, address, geo, hours). */
  shown?: string | null;
  /** clinic: the procedures it offers. */
  procedures?: string[];
  /** site: the cities it serves. */
  locations?: string[];
}

/** Per content type: `documentId:locale` → row. */
export type CatalogueRows = Map<ContentTypeName, Map<string, IndexedRow>>;

export const rowKey = (documentId: string, locale: string | null | undefined) => `${documentId}:${locale ?? ''}`;

/**
 * Every fact a cached entry can depend on, as `tag → value` (shared/cache-tags names the tags). The
 * purge after a change is the set of tags whose value differs before and after: exact by construction,
 * as long as each entry carries the tags of the facts it used (ContentService tags them as it reads).
 * Absent keys mean "no such fact" (nothing at that slug, city not served…), so appearing and
 * disappearing are changes too.
 */
export function catalogueFacts(rows: CatalogueRows): Map<string, string> {
  const facts = new Map<string, string>();
  const published = new Map<ContentTypeName, Map<string, string[]>>();
  const add = (tag: string, value: string) => facts.set(tag, value);
  const addTo = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  // Documents: content per locale, which locales exist, which document owns a slug.
  for (const type of ['procedure', 'location', 'clinic'] as const) {
    const locales = new Map<string, string[]>();
    for (const r of rows.get(type)?.values() ?? []) {
      // The slug is part of the value: a slug synced across locales need not touch `updatedAt`.
      // A clinic's page-visible fields are compared by content, its version separately.
      if (type === 'clinic') {
        add(cacheTags.doc(type, r.documentId), `${r.shown ?? r.updatedAt}\u0000${r.slug ?? ''}`);
        add(cacheTags.version(type, r.documentId), r.updatedAt);
      } else {
        add(cacheTags.doc(type, r.documentId, r.locale || undefined), `${r.updatedAt}\u0000${r.slug ?? ''}`);
      }
      if (r.slug) add(cacheTags.slug(type, r.slug, r.locale || undefined), r.documentId);
      addTo(locales, r.documentId, r.locale);
    }
    for (const [id, ls] of locales) add(cacheTags.locales(type, id), ls.sort().join(','));
    published.set(type, locales);
  }
  const procedures = published.get('procedure')!;
  const locations = published.get('location')!;
  const locationSlug = new Map<string, string>();
  for (const r of rows.get('location')?.values() ?? []) if (r.slug) locationSlug.set(r.documentId, r.slug);

  // Membership: clinics per city, per city × procedure; procedures per city.
  const clinicsIn = new Map<string, string[]>();
  const clinicsOffering = new Map<string, string[]>();
  const proceduresIn = new Map<string, Set<string>>();
  for (const c of rows.get('clinic')?.values() ?? []) {
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
  for (const [L, ids] of clinicsIn) add(cacheTags.clinicsIn(L), ids.sort().join(','));
  for (const [k, ids] of clinicsOffering) {
    const [L, P] = k.split('\u0000');
    add(cacheTags.clinicsOffering(L, P), ids.sort().join(','));
  }
  // Lists are per locale: a procedure or city missing in a locale is not in that locale's lists.
  const allLocales: readonly string[] = LOCALES;
  const inLocale = (ids: Iterable<string>, docs: Map<string, string[]>, l: string) =>
    [...ids].filter((id) => docs.get(id)?.includes(l)).sort().join(',');
  for (const [L, ps] of proceduresIn) for (const l of allLocales) add(cacheTags.proceduresIn(L, l), inLocale(ps, procedures, l));

  // Sites: own fields, cities served (by id and by slug), procedures offered.
  for (const s of rows.get('site')?.values() ?? []) {
    if (!s.slug) continue;
    add(cacheTags.site(s.slug), `${s.name ?? ''}\u0000${s.domain ?? ''}`);
    const served = (s.locations ?? []).filter((L) => locations.has(L)).sort();
    for (const l of allLocales) add(cacheTags.locationsOf(s.slug, l), inLocale(served, locations, l));
    const offered = new Set<string>();
    for (const L of served) {
      const slug = locationSlug.get(L);
      if (slug) add(cacheTags.served(s.slug, slug), L);
      for (const P of proceduresIn.get(L) ?? []) offered.add(P);
    }
    for (const l of allLocales) add(cacheTags.proceduresOf(s.slug, l), inLocale(offered, procedures, l));
    for (const P of offered) add(cacheTags.offered(s.slug, P), '1');
  }

  // Landing-page overrides: which one applies to procedure × city × locale, and its version.
  for (const o of rows.get('landingPage')?.values() ?? []) {
    if (!o.procedure || !o.location) continue;
    const tag = cacheTags.override(o.procedure, o.location, o.locale);
    const prev = facts.get(tag);
    const mine = `${o.documentId}@${o.updatedAt}`;
    add(tag, prev ? [prev, mine].sort().join(',') : mine);
  }

  // Slug history: the redirect query reads all of it.
  const redirects = [...(rows.get('slugRedirect')?.values() ?? [])].map((r) => `${r.documentId}@${r.updatedAt}`).sort();
  add(cacheTags.list('slugRedirect'), redirects.join(','));
  return facts;
}

/** Tags whose fact changed between two fact sets (appeared, vanished or took another value). */
export function changedFacts(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [tag, value] of before) if (after.get(tag) !== value) changed.push(tag);
  for (const tag of after.keys()) if (!before.has(tag)) changed.push(tag);
  return changed;
}
