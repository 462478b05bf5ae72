import { FACT_LIST } from '../facts/fact-registry.js';
import type { ScoreMemo } from '../../uniqueness/types/uniqueness.types.js';
import type { CatalogueRows, CatalogueView } from '../types/fact.types.js';
import { catalogueView } from './catalogue-view.util.js';

export const rowKey = (documentId: string, locale: string | null | undefined) => `${documentId}:${locale ?? ''}`;

/**
 * Every fact computed from the catalogue's rows, as `tag → value`: each registered fact's `fromRows`
 * over one view of the rows. The purge after a change is the set of tags whose value differs before and
 * after: exact by construction, as long as each entry carries the tags of the facts it used (content
 * code records them through the same definitions). Absent tags mean "no such fact" (nothing at that
 * slug, city not served…), so appearing and disappearing are changes too.
 */
export function catalogueFacts(rows: CatalogueRows, memo?: ScoreMemo): Map<string, string> {
  return catalogueFactsAndView(rows, memo).facts;
}

/** The facts and the view they were computed from (the index keeps the view's uniqueness report for editors). */
export function catalogueFactsAndView(rows: CatalogueRows, memo?: ScoreMemo): { facts: Map<string, string>; view: CatalogueView } {
  const facts = new Map<string, string>();
  const view = catalogueView(rows, memo);
  for (const fact of FACT_LIST) fact.fromRows?.(view, (tag, value) => void facts.set(tag, value));
  return { facts, view };
}

/**
 * `catalogueFactsAndView`, with the landing pages' uniqueness scored first in slices that yield to the event loop
 * (`CatalogueView.uniquenessInSlices`): the rest of the facts are cheap, the scoring of a whole catalogue is not.
 */
export async function catalogueFactsInSlices(rows: CatalogueRows, memo?: ScoreMemo, sliceMs?: number): Promise<{ facts: Map<string, string>; view: CatalogueView }> {
  const view = catalogueView(rows, memo);
  await view.uniquenessInSlices(sliceMs);
  const facts = new Map<string, string>();
  for (const fact of FACT_LIST) fact.fromRows?.(view, (tag, value) => void facts.set(tag, value));
  return { facts, view };
}

/**
 * The catalogue index's first read: the facts as they stood at the gateway's boot (`before`: what a shared tier
 * may already hold) and as they are now. Both go through one memo, so a sibling group the two share is scored
 * once (usually every group: little changes between a boot and its first read); `memo.last` then counts the
 * work of both, which is the first read's cost.
 */
export async function bootFacts(before: CatalogueRows, rows: CatalogueRows, memo: ScoreMemo): Promise<{ beforeFacts: Map<string, string>; facts: Map<string, string>; view: CatalogueView }> {
  const { facts: beforeFacts } = await catalogueFactsInSlices(before, memo);
  const first = { ...memo.last };
  const { facts, view } = await catalogueFactsInSlices(rows, memo);
  const now = memo.last;
  memo.last = {
    texts: now.texts,
    shingled: first.shingled + now.shingled,
    groups: first.groups + now.groups,
    pairs: first.pairs + now.pairs,
    compared: first.compared + now.compared,
    ms: Math.round((first.ms + now.ms) * 10) / 10,
  };
  return { beforeFacts, facts, view };
}

/** Tags whose fact changed between two fact sets (appeared, vanished or took another value). */
export function changedFacts(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [tag, value] of before) if (after.get(tag) !== value) changed.push(tag);
  for (const tag of after.keys()) if (!before.has(tag)) changed.push(tag);
  return changed;
}

/** Whether a change of these tags moves something the site registry holds (it is then read again). */
export function movesSiteRegistry(tags: readonly string[]): boolean {
  return tags.some((t) => !!FACT_LIST.find((f) => f.inSiteRegistry?.(t) && f.pattern.test(t)));
}

/** Whether these tags are purged soft (a fact of every page of a site moved: serve stale while they rebuild). */
export function isWidePurge(tags: readonly string[]): boolean {
  return tags.some((t) => !!FACT_LIST.find((f) => f.wide && f.pattern.test(t)));
}
