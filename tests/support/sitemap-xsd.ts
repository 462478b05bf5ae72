import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, TESTS_DIR } from './paths.js';

const XSD_DIR = path.join(TESTS_DIR, 'fixtures', 'xsd');
/** A `<urlset>`: sitemaps.org's sitemap.xsd plus the hreflang `<xhtml:link>` (tests/fixtures/xsd/urlset.xsd imports both). */
export const URLSET_XSD = path.join(XSD_DIR, 'urlset.xsd');
/** A `<sitemapindex>`: written from the protocol (no package ships the official siteindex.xsd). */
export const SITEINDEX_XSD = path.join(XSD_DIR, 'siteindex.xsd');
/** Where urlset.xsd's import points (relative to it): the `sitemap` package, hoisted to the root node_modules. */
const OFFICIAL_SITEMAP_XSD = path.join(ROOT, 'node_modules', 'sitemap', 'schema', 'sitemap.xsd');

/**
 * The schema errors of a sitemap (`<urlset>` or `<sitemapindex>`, chosen by its root element) as xmllint
 * (Debian's libxml2-utils) reports them, one per line; `[]` when it is valid. Throws, rather than passing,
 * when the check itself cannot run (no xmllint, a schema that does not load), so a missing tool fails CI.
 */
export function sitemapXsdErrors(xml: string): string[] {
  if (!existsSync(OFFICIAL_SITEMAP_XSD)) throw new Error(`sitemap-xsd: ${OFFICIAL_SITEMAP_XSD} is missing (npm install: tests/ devDependency "sitemap")`);
  const schema = /<sitemapindex[\s>]/.test(xml) ? SITEINDEX_XSD : URLSET_XSD;
  // --nonet: every schema is local; a document naming a remote one must not reach the network.
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: xml, encoding: 'utf8', timeout: 30_000 });
  if (run.error) throw new Error(`sitemap-xsd: cannot run xmllint (Debian: apt-get install libxml2-utils): ${run.error.message}`);
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '' && l !== '- validates' && l !== '- fails to validate');
  // xmllint: 0 valid, 1 not well-formed, 3 invalid against the schema; anything else (5: the schema failed to compile) is the check's fault.
  if (run.status === 0) return lines;
  if (run.status === 1 || run.status === 3) {
    if (lines.length === 0) throw new Error(`sitemap-xsd: xmllint exited ${run.status} without an error message`);
    return lines;
  }
  throw new Error(`sitemap-xsd: xmllint exited ${run.status}: ${run.stderr}`);
}
