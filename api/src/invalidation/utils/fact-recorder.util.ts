import { FACTS } from '../facts/fact-registry.js';
import type { FactTag, TagScope } from '../types/fact.types.js';

/**
 * An answer that exists only if every condition holds depends on all of their facts; a `null` answer
 * depends only on the conditions that failed (others may change without bringing the page back).
 * `undefined` marks a condition that could not be evaluated (its inputs are missing): it is not recorded.
 * Returns whether every condition holds.
 */
export function recordConditions(scope: TagScope, conditions: Array<[boolean | undefined, FactTag | null | undefined | false | '']>): boolean {
  const holds = conditions.every(([ok]) => ok === true);
  for (const [ok, fact] of conditions) if (fact && (holds || ok === false)) scope.tags.add(fact);
  return holds;
}

/** The facts every entry of a site carries: the site's own fields, and its Site document as a handle. */
export function siteEntryTags(site: { slug: string; documentId: string }): FactTag[] {
  return [FACTS.site.tag(site.slug), FACTS.siteDocument.tag(site.documentId)];
}
