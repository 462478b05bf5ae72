/** One landing page's main visible content, as the scorer reads it (the same for every site showing it). */
export interface LandingText {
  /** `procedureId\0locationId\0locale`: the page's identity across sites. */
  key: string;
  /** Words that name the page's own place (city, state): masked, so that pages differing only by them are twins. */
  place: string[];
  /** The page's main content: headline, intro, the override's local questions, the clinic cards. */
  text: string;
}

/** A landing page as a site serves it, with the text it is scored on. */
export interface SitePage {
  site: string;
  procedure: string;
  location: string;
  locale: string;
  /** Its LandingText's key. */
  text: string;
  /** What editors are shown: the slugs (in the locale) and the city's name. */
  procedureSlug: string;
  citySlug: string;
  city: string;
}

/** One page as the editors' endpoint answers it: the shape the CMS reads too, so it lives in shared. */
export type { UniquenessPageView } from '@clinic/shared';

/** A page's score against its siblings (same site, procedure and locale; other cities). */
export interface PageScore {
  /** Share (0–1) of its shingles that its most similar sibling does not have; 1 without siblings. */
  score: number;
  /** The sibling sharing the most with it (its location id), or null without siblings. */
  nearest: string | null;
}

/**
 * What repeated scoring keeps between runs, so that a publish recomputes only what it touched: each text's
 * shingles (by text), and each pair's shared count (by the two texts). Entries no run used are dropped.
 */
export interface ScoreMemo {
  /** By text (its place and words): an id and its sorted shingles. */
  texts: Map<string, { id: number; shingles: Uint32Array }>;
  /** By the two texts' ids (smaller first, one number): how many shingles they share. */
  shared: Map<number, number>;
  /** By sibling group (site, procedure, locale): what its pages were, and their results. */
  groups: Map<string, { signature: string; results: ScoredPage[] }>;
  nextId: number;
  /** Counters of the last run: texts in use and shingled anew, groups scored anew, pairs looked at and compared anew. */
  last: { texts: number; shingled: number; groups: number; pairs: number; compared: number; ms: number };
}

export type ScoredPage = SitePage & PageScore & { belowThreshold: boolean };

/** Every page's score on a catalogue, keyed by `pageKey` (utils/uniqueness-scores.util.ts). */
export interface UniquenessReport {
  pages: Map<string, ScoredPage>;
  /** Per site slug: the threshold in force. */
  thresholds: Map<string, number>;
}
