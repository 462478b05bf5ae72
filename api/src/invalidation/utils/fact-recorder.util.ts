import { FACTS } from '../facts/fact-registry.js';
import type { FactTag, TagScope } from '../types/fact.types.js';

/**
 * An answer that exists only if every condition holds depends on all of their facts. A `null` answer
 * depends on the first condition that failed, and on nothing else: while that one fails the answer stays
 * `null` whatever the others do, and once it holds, the purge it causes re-evaluates them all (so list
 * the condition least likely to change first). `undefined` marks a condition that could not be evaluated
 * (its inputs are missing): it is not recorded. Returns whether every condition holds.
 */
export function recordConditions(scope: TagScope, conditions: Array<[boolean | undefined, FactTag | null | undefined | false | '']>): boolean {
  const failed = conditions.find(([ok]) => ok === false);
  if (failed) {
    if (failed[1]) scope.tags.add(failed[1]);
    return false;
  }
  const holds = conditions.every(([ok]) => ok === true);
  if (holds) for (const [, fact] of conditions) if (fact) scope.tags.add(fact);
  return holds;
}

/** The facts every entry of a site carries: the site's own fields, and its Site document as a handle. */
export function siteEntryTags(site: { slug: string; documentId: string }): FactTag[] {
  return [FACTS.site.tag(site.slug), FACTS.siteDocument.tag(site.documentId)];
}
