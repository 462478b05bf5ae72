import type { ContentTypeName } from '@clinic/shared';
import type { UniquenessReport } from '../../uniqueness/types/uniqueness.types.js';

/**
 * One published row as the catalogue index keeps it: identity, version and the relations that decide
 * membership. Localized types have one row per published locale; others use locale ''.
 */
export interface IndexedRow {
  documentId: string;
  locale: string;
  updatedAt: string;
  slug?: string | null;
  /** procedure and city outside English: the locale's own URL slug (none: the English slug; shared `urlSlug`). */
  localeSlug?: string | null;
  /** site: name and domain (every page of the site shows them). */
  name?: string | null;
  domain?: string | null;
  /** clinic and landing page: the city. */
  location?: string | null;
  /** landing page: the procedure. */
  procedure?: string | null;
  /** site: a digest of its organization component (what the home page shows of the group). */
  organization?: string | null;
  /** clinic: a digest of the fields pages show (name, phone, address, geo, hours). */
  shown?: string | null;
  /** clinic: the procedures it offers. */
  procedures?: string[];
  /** site: the cities it serves. */
  locations?: string[];
  /**
   * What a landing page's uniqueness is scored on (uniqueness/utils/landing-text.util.ts): procedure: title and
   * summary; city: city, state and intro; override: headline, intro and its FAQ as text; clinic: its card.
   */
  copy?: RowCopy;
  /** site: its uniqueness threshold (null: the default). */
  threshold?: number | null;
}

export interface RowCopy {
  title?: string | null;
  summary?: string | null;
  city?: string | null;
  state?: string | null;
  intro?: string | null;
  headline?: string | null;
  faqs?: string | null;
  card?: string | null;
}

/** Per content type: `documentId:locale` → row. */
export type CatalogueRows = Map<ContentTypeName, Map<string, IndexedRow>>;

/**
 * A tag built by a fact definition. Branded, so that the recorders accept only tags of registered facts:
 * a string put together by hand does not type-check where an answer's facts are recorded.
 */
export type FactTag = string & { readonly __fact: unique symbol };

/** Where an answer being built notes its facts (the request's ReadScope; the cache stores them with the entry). */
export interface TagScope {
  tags: Set<string>;
}

/**
 * What several facts are computed from, derived once per computation of the fact set
 * (utils/catalogue-view.util.ts): membership is decided once, each fact reads its part.
 */
export interface CatalogueView {
  rows(type: ContentTypeName): Iterable<IndexedRow>;
  /** Published locales of each procedure, city and clinic, by documentId. */
  localesOf(type: 'procedure' | 'location' | 'clinic'): Map<string, string[]>;
  /** Ids of a city's clinics (city published), in row order. */
  clinicsIn: Map<string, string[]>;
  /** Ids of the clinics of city L offering procedure P (both published), keyed `L\0P`, in row order. */
  clinicsOffering: Map<string, string[]>;
  /** Procedures offered in each city (by a clinic there; both published). */
  proceduresIn: Map<string, Set<string>>;
  /** Sites with a slug, with the published cities they serve (sorted) and the procedures offered there. */
  sites: Array<{ row: IndexedRow; slug: string; served: string[]; offered: Set<string> }>;
  /** A published city's URL slugs, in every locale it is published in (English first). */
  locationSlugs: Map<string, string[]>;
  /** The ids among `ids` that exist in locale `l`, sorted and joined: the value of a per-locale list fact. */
  inLocale(ids: Iterable<string>, type: 'procedure' | 'location', l: string): string;
  /** Every landing page each site serves, scored against its siblings (computed on first use). */
  uniqueness(): UniquenessReport;
  /**
   * The same report, computed in slices that yield to the event loop (the catalogue index, before it computes
   * the facts: `uniqueness()` then answers from it). Either computes it once per view. `sliceMs`: how long a
   * slice may run (default `SLICE_MS`).
   */
  uniquenessInSlices(sliceMs?: number): Promise<UniquenessReport>;
}

/** Receives one fact instance computed from rows: its tag and its value. */
export type EmitFact = (tag: FactTag, value: string) => void;

/**
 * One fact of the invalidation model: the tag that names an instance of it, how the catalogue index
 * computes it from rows (or which event purges it), and the recorder content code calls when an answer
 * depends on it. Defined once (facts/), used by ContentService and the catalogue index alike.
 */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds facts of every argument list; `unknown[]` would refuse them (parameters are contravariant).
export interface FactDefinition<A extends unknown[] = any[]> {
  /** The fact's name, its key in FACTS. */
  readonly name: string;
  /** The tag of one instance (shared/cache-tags: byte-identical for the website, Varnish xkey and Redis). */
  tag(...args: A): FactTag;
  /** Recognises this fact's tags; no tag matches two facts. */
  readonly pattern: RegExp;
  /**
   * The fact's value for every instance the published catalogue holds. An instance absent from the
   * result does not exist (nothing at that slug, a city not served): appearing is a change too.
   */
  readonly fromRows?: (view: CatalogueView, emit: EmitFact) => void;
  /** For a fact not computed from rows: what purges it, in words (docs and tests). */
  readonly purgedBy?: string;
  /** A change of it purges soft: it touches every page of a site (served STALE while they rebuild). */
  readonly wide?: boolean;
  /** The site registry holds it (a city's slug, the cities a site serves): its change refreshes the registry. */
  readonly inSiteRegistry?: (tag: string) => boolean;
  /** Notes that the answer being built depends on this instance. */
  record(scope: TagScope, ...args: A): void;
}
