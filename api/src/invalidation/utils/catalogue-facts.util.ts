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
