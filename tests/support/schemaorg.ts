import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

/**
 * schema.org vocabulary check of JSON-LD against the official release file (reference data beside the
 * repository: ../shared/reference/schemaorg/, in CI too). Every `@type` must be a schema.org class, every
 * property a schema.org property whose domain includes the node's type (or one of its supertypes), and
 * superseded terms count as errors.
 */
export const SCHEMAORG_FILE = path.resolve(ROOT, '../shared/reference/schemaorg/schemaorg-all-https-30.0.jsonld');

interface Vocabulary {
  classes: Map<string, string[]>; // class → direct supertypes
  properties: Map<string, string[]>; // property → domainIncludes
  superseded: Set<string>;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v : v ? [v] : []).map((x) => String((x as { '@id': string })['@id']).replace(/^schema:/, ''));

let vocab: Vocabulary | undefined;
function load(): Vocabulary {
  if (vocab) return vocab;
  const graph = (JSON.parse(readFileSync(SCHEMAORG_FILE, 'utf8')) as { '@graph': Array<Record<string, unknown>> })['@graph'];
  const classes = new Map<string, string[]>();
  const properties = new Map<string, string[]>();
  const superseded = new Set<string>();
  for (const node of graph) {
    const id = String(node['@id']).replace(/^schema:/, '');
    const types = ([] as unknown[]).concat(node['@type']);
    if (types.includes('rdfs:Class')) classes.set(id, ids(node['rdfs:subClassOf']));
    if (types.includes('rdf:Property')) properties.set(id, ids(node['schema:domainIncludes']));
    if (node['schema:supersededBy']) superseded.add(id);
  }
  vocab = { classes, properties, superseded };
  return vocab;
}

function ancestors(v: Vocabulary, type: string, seen = new Set<string>()): Set<string> {
  if (seen.has(type)) return seen;
  seen.add(type);
  for (const parent of v.classes.get(type) ?? []) ancestors(v, parent, seen);
  return seen;
}

/** Every vocabulary error in a JSON-LD document (an empty list means valid). */
export function schemaOrgErrors(doc: unknown): string[] {
  const v = load();
  const errors: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    const types = ([] as unknown[]).concat(obj['@type'] ?? []).map(String);
    for (const t of types) {
      if (!v.classes.has(t)) errors.push(`${where}: unknown type ${t}`);
      else if (v.superseded.has(t)) errors.push(`${where}: superseded type ${t}`);
    }
    const lineage = new Set(types.flatMap((t) => [...ancestors(v, t)]));
    for (const [key, value] of Object.entries(obj)) {
      if (key.startsWith('@')) {
        if (key === '@graph') visit(value, `${where}.@graph`);
        continue;
      }
      const domain = v.properties.get(key);
      if (!domain) errors.push(`${where}: unknown property ${key}`);
      else if (v.superseded.has(key)) errors.push(`${where}: superseded property ${key}`);
      else if (types.length && !domain.some((d) => lineage.has(d))) errors.push(`${where}: ${key} is not a property of ${types.join('/')}`);
      visit(value, `${where}.${key}`);
    }
  };
  visit(doc, '$');
  return errors;
}
