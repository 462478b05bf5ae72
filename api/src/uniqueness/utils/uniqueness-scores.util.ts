import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LandingText, PageScore, ScoreMemo, ScoredPage, SitePage, UniquenessReport } from '../types/uniqueness.types.js';
import { ownShare, sharedCount, shingles } from './shingles.util.js';

/**
 * The default threshold when a site sets none: a page at least 30 % of whose main content no sibling has.
 * README ("The uniqueness guard") says why this value.
 */
export const DEFAULT_UNIQUENESS_THRESHOLD = 0.3;

/** A page's key in a report: site, procedure, city and locale. */
export const pageKey = (p: { site: string; procedure: string; location: string; locale: string }) => `${p.site}\u0000${p.procedure}\u0000${p.location}\u0000${p.locale}`;

const PAIR_BASE = 2 ** 26;

export const emptyMemo = (): ScoreMemo => ({ texts: new Map(), shared: new Map(), groups: new Map(), nextId: 0, last: { texts: 0, shingled: 0, groups: 0, pairs: 0, compared: 0, ms: 0 } });

/** Scores are shown with two decimals, and verdicts are taken on that same number, so an editor sees what decided. */
export const roundScore = (x: number) => Math.round(x * 100) / 100;

/**
 * Scores every page against its siblings (same site, procedure and locale; other cities): its share of shingles
 * the most similar sibling lacks. Exact shingle sets, not MinHash: a page has a few hundred shingles and a group
 * a few dozen pages, so the exact pairwise count is cheap (README has the figures) and never wrong by an estimate.
 * With `memo`, only texts not seen before are shingled, only groups with a changed page (its text, city or slugs)
 * or threshold scored again, and only pairs with a new text compared: a publish costs the pages whose text or
 * siblings changed. Entries this run did not use are dropped.
 */
export function scorePages(texts: Map<string, LandingText>, pages: SitePage[], threshold: (site: string) => number, memo: ScoreMemo = emptyMemo()): UniquenessReport {
  return runToEnd(pageScoring(texts, pages, threshold, memo), memo);
}

/**
 * A scoring is a series of slices, one per sibling group (and per city while texts are put together): the
 * pause points of `runInSlices`, which a gateway's first read uses so that one scoring of the whole catalogue
 * (seconds at bench:scale's size) does not hold its event loop.
 */
export type Scoring = Generator<void, UniquenessReport, void>;

/** Runs a scoring at once; `memo.last.ms` is its time. */
export function runToEnd(scoring: Scoring, memo?: ScoreMemo): UniquenessReport {
  const t0 = performance.now();
  let step = scoring.next();
  while (!step.done) step = scoring.next();
  if (memo) memo.last.ms = Math.round((performance.now() - t0) * 10) / 10;
  return step.value;
}

/** How long a slice may hold the event loop before the scoring yields to pending I/O. */
export const SLICE_MS = 10;

/**
 * Runs a scoring, giving the event loop a turn (`setImmediate`: pending I/O first) whenever a slice has run
 * `sliceMs`; `memo.last.ms` is the time spent scoring, not waiting.
 */
export async function runInSlices(scoring: Scoring, memo?: ScoreMemo, sliceMs = SLICE_MS): Promise<UniquenessReport> {
  let busy = 0;
  let t0 = performance.now();
  let step = scoring.next();
  while (!step.done) {
    if (performance.now() - t0 >= sliceMs) {
      busy += performance.now() - t0;
      await nextTurn();
      t0 = performance.now();
    }
    step = scoring.next();
  }
  busy += performance.now() - t0;
  if (memo) memo.last.ms = Math.round(busy * 10) / 10;
  return step.value;
}

/** `scorePages` as a scoring: it pauses after each sibling group. */
export function* pageScoring(texts: Map<string, LandingText>, pages: SitePage[], threshold: (site: string) => number, memo: ScoreMemo = emptyMemo()): Scoring {
  const last = { texts: 0, shingled: 0, groups: 0, pairs: 0, compared: 0, ms: 0 };
  const used = new Map<string, { id: number; shingles: Uint32Array }>();
  const entryOf = (key: string) => {
    const t = texts.get(key);
    if (!t) throw new Error(`no text for landing page ${key}`);
    const content = `${t.place.join('\u0001')}\u0002${t.text}`;
    let e = used.get(content) ?? memo.texts.get(content);
    if (!e) {
      e = { id: memo.nextId++, shingles: shingles(t.text, t.place) };
      last.shingled += 1;
    }
    used.set(content, e);
    return e;
  };
  const shared = (a: { id: number; shingles: Uint32Array }, b: { id: number; shingles: Uint32Array }) => {
    // One number per pair (ids stay far below 2^26): tens of thousands of lookups per scoring, no strings built.
    const k = a.id < b.id ? a.id * PAIR_BASE + b.id : b.id * PAIR_BASE + a.id;
    let n = memo.shared.get(k);
    if (n === undefined) {
      n = sharedCount(a.shingles, b.shingles);
      memo.shared.set(k, n);
      last.compared += 1;
    }
    return n;
  };

  const groups = new Map<string, SitePage[]>();
  for (const p of pages) {
    const g = `${p.site}\u0000${p.procedure}\u0000${p.locale}`;
    const list = groups.get(g);
    if (list) list.push(p);
    else groups.set(g, [p]);
  }
  const report: UniquenessReport = { pages: new Map(), thresholds: new Map() };
  const usedGroups = new Map<string, { signature: string; results: ScoredPage[] }>();
  for (const [g, list] of groups) {
    const entries = list.map((p) => entryOf(p.text));
    const min = threshold(list[0].site);
    report.thresholds.set(list[0].site, min);
    // A group whose pages, texts and threshold are those of the last scoring keeps its results: a publish
    // recomputes only the groups of the pages whose text or siblings changed.
    const signature = `${min}\u0000${list.map((p, i) => `${entries[i].id}\u0001${p.location}\u0001${p.citySlug}\u0001${p.procedureSlug}\u0001${p.city}`).join('\u0000')}`;
    const kept = memo.groups.get(g);
    let results: ScoredPage[];
    if (kept && kept.signature === signature) {
      results = kept.results;
    } else {
      last.groups += 1;
      results = list.map((p, i) => {
        const best: PageScore = { score: 1, nearest: null };
        let most = -1;
        for (let j = 0; j < list.length; j++) {
          if (j === i) continue;
          const n = shared(entries[i], entries[j]);
          last.pairs += 1;
          // Ties go to the first city in id order, so the nearest sibling named does not flicker between runs.
          if (n > most || (n === most && best.nearest !== null && list[j].location < best.nearest)) {
            most = n;
            best.nearest = list[j].location;
            best.score = roundScore(ownShare(entries[i].shingles, n));
          }
        }
        return { ...p, ...best, belowThreshold: best.score < min };
      });
    }
    usedGroups.set(g, { signature, results });
    for (const r of results) report.pages.set(pageKey(r), r);
    yield;
  }
  // Drop what no current text uses: a pair is kept while both of its texts are.
  const ids = new Set([...used.values()].map((e) => e.id));
  for (const k of memo.shared.keys()) if (!ids.has(Math.floor(k / PAIR_BASE)) || !ids.has(k % PAIR_BASE)) memo.shared.delete(k);
  memo.texts = used;
  memo.groups = usedGroups;
  last.texts = used.size;
  memo.last = last;
  return report;
}
