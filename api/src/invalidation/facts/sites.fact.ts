import { LOCALES, cacheTags } from '@clinic/shared';
import { defineFact } from '../utils/define-fact.util.js';

/** A site's own fields (name, domain): every entry of the site shows them, so a change purges soft. */
export const siteFact = defineFact({
  name: 'site',
  tag: cacheTags.site,
  pattern: /^site:[^:]+$/,
  fromRows: (view, emit) => {
    for (const s of view.sites) emit(siteFact.tag(s.slug), `${s.row.name ?? ''}\u0000${s.row.domain ?? ''}`);
  },
  wide: true,
});

/**
 * The clinic group behind a site (legal name, logo, profiles, contact points): only the entries that show it
 * (the home page, `site { organization }`) depend on it, so its change purges them, hard, and nothing else. Its
 * `@id`, which every clinic names as parent, depends on the domain alone (the `site` fact).
 */
export const organizationFact = defineFact({
  name: 'organization',
  tag: cacheTags.organization,
  pattern: /^organization:site:[^:]+$/,
  fromRows: (view, emit) => {
    for (const s of view.sites) emit(organizationFact.tag(s.slug), s.row.organization ?? '');
  },
  inSiteRegistry: () => true,
});

/**
 * Every entry of one site, by its Site document: a handle for operators and tests. The index never
 * purges it — a site's changes move `site:<S>` (soft) and the membership facts, and purging this tag on a
 * republish would drop every page of the site at once.
 */
export const siteDocumentFact = defineFact({
  name: 'siteDocument',
  tag: (documentId: string) => cacheTags.doc('site', documentId),
  pattern: /^doc:site:[^:]+$/,
  purgedBy: 'nothing automatic: a purge by hand of every entry of one site',
});

/** Which cities a site serves that exist in a locale. */
export const locationsOfFact = defineFact({
  name: 'locationsOf',
  tag: cacheTags.locationsOf,
  pattern: /^members:location:site:[^:]+:[^:]+$/,
  fromRows: (view, emit) => {
    for (const s of view.sites) for (const l of LOCALES) emit(locationsOfFact.tag(s.slug, l), view.inLocale(s.served, 'location', l));
  },
  inSiteRegistry: () => true,
});

/** Whether a clinic is in a city the site serves, so that its clinic page exists there (absent: it does not). */
export const clinicOnFact = defineFact({
  name: 'clinicOn',
  tag: cacheTags.clinicOn,
  pattern: /^served:site:[^:]+:clinic:[^:]+$/,
  fromRows: (view, emit) => {
    for (const s of view.sites) for (const L of s.served) for (const C of view.clinicsIn.get(L) ?? []) emit(clinicOnFact.tag(s.slug, C), '1');
  },
});

/** Whether a site serves the city with this URL slug, in any locale (absent: it does not). */
export const servedFact = defineFact({
  name: 'served',
  tag: cacheTags.served,
  pattern: /^served:site:[^:]+:location:[^:]+$/,
  fromRows: (view, emit) => {
    for (const s of view.sites) {
      for (const L of s.served) {
        for (const slug of view.locationSlugs.get(L) ?? []) emit(servedFact.tag(s.slug, slug), L);
      }
    }
  },
  inSiteRegistry: () => true,
});

/** Which procedures a site offers (a clinic in a city it serves) that exist in a locale. */
export const proceduresOfFact = defineFact({
  name: 'proceduresOf',
  tag: cacheTags.proceduresOf,
  pattern: /^members:procedure:site:[^:]+:[^:]+$/,
  fromRows: (view, emit) => {
    for (const s of view.sites) for (const l of LOCALES) emit(proceduresOfFact.tag(s.slug, l), view.inLocale(s.offered, 'procedure', l));
  },
});

/** Whether a site offers a procedure (absent: it does not, and the procedure's page is `null` there). */
export const offeredFact = defineFact({
  name: 'offered',
  tag: cacheTags.offered,
  pattern: /^offered:site:[^:]+:procedure:[^:]+$/,
  fromRows: (view, emit) => {
    for (const s of view.sites) for (const P of s.offered) emit(offeredFact.tag(s.slug, P), '1');
  },
});

/**
 * A site's redirect table (editors' redirects): every redirect answer of the site depends on it, a `null`
 * included. No row computes it (the index keeps no redirect rows: a site may hold tens of thousands); the
 * CMS names the site in one `redirects.update` webhook per change or CSV import, and that purges it.
 */
export const redirectTableFact = defineFact({
  name: 'redirectTable',
  tag: cacheTags.redirects,
  pattern: /^redirects:site:[^:]+$/,
  purgedBy: "the CMS's redirects.update webhook (one per edit, delete or CSV import), naming the site",
});
