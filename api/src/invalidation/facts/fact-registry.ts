import type { FactDefinition } from '../types/fact.types.js';
import { docFact, listFact, localesFact, mediaFact, slugFact, versionFact } from './documents.fact.js';
import { clinicsInFact, clinicsOfferingFact, proceduresAtFact, proceduresInFact } from './memberships.fact.js';
import { overrideFact } from './overrides.fact.js';
import { uniquenessFact } from './uniqueness.fact.js';
import { clinicOnFact, locationsOfFact, offeredFact, organizationFact, proceduresOfFact, redirectTableFact, servedFact, siteDocumentFact, siteFact } from './sites.fact.js';

/**
 * Every fact a cached answer can depend on. ContentService records them as it reads (each fact's
 * `record`), the catalogue index computes them from its rows (each fact's `fromRows`) and purges the
 * tags whose value moved: one definition serves both sides, so they cannot drift apart. A tag that no
 * fact here recognises would never be purged (__tests__/content-facts.spec.ts keeps content code from
 * emitting one).
 */
export const FACTS = {
  doc: docFact,
  version: versionFact,
  slug: slugFact,
  locales: localesFact,
  clinicsIn: clinicsInFact,
  clinicsOffering: clinicsOfferingFact,
  proceduresIn: proceduresInFact,
  proceduresAt: proceduresAtFact,
  site: siteFact,
  organization: organizationFact,
  locationsOf: locationsOfFact,
  served: servedFact,
  clinicOn: clinicOnFact,
  proceduresOf: proceduresOfFact,
  offered: offeredFact,
  override: overrideFact,
  uniqueness: uniquenessFact,
  list: listFact,
  media: mediaFact,
  siteDocument: siteDocumentFact,
  redirectTable: redirectTableFact,
} as const;

export type FactName = keyof typeof FACTS;

export const FACT_LIST: readonly FactDefinition[] = Object.values(FACTS);

/** The fact a tag names, or undefined for a tag of no registered fact. */
export function factOfTag(tag: string): FactDefinition | undefined {
  return FACT_LIST.find((f) => f.pattern.test(tag));
}
