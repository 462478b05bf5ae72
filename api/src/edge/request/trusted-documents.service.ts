import { Inject, Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { isValidSlug } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ConfigError } from '../../config/app-config.schema.js';
import { documentHash } from './operation-key.util.js';

/** hash → document text, for one site. */
export type Manifest = ReadonlyMap<string, string>;

/**
 * Reads a persisted-documents manifest in either format clinic web teams' tools write:
 * - GraphQL Codegen's client preset (`persistedDocuments`): `{ "<hash>": "<document>" }`;
 * - Apollo's persisted query manifest: `{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "body" }] }`.
 * Each document is also indexed by its SHA-256, so APQ-style requests find it whatever hash the tool used.
 */
export function parseManifest(raw: unknown): Map<string, string> {
  const docs = new Map<string, string>();
  const add = (id: unknown, body: unknown) => {
    if (typeof body !== 'string' || !body.trim()) throw new ConfigError('a trusted document has no text');
    if (typeof id === 'string' && id) docs.set(id.replace(/^sha256:/, '').toLowerCase(), body);
    docs.set(documentHash(body), body);
  };
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format === 'apollo-persisted-query-manifest') {
    const ops = (raw as { operations?: unknown }).operations;
    if (!Array.isArray(ops)) throw new ConfigError('an Apollo manifest needs "operations"');
    for (const op of ops) add((op as { id?: unknown }).id, (op as { body?: unknown }).body);
  } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [id, body] of Object.entries(raw)) add(id, body);
  } else {
    throw new ConfigError('a manifest must be a JSON object');
  }
  return docs;
}

/**
 * Sites locked to their trusted documents (TRUSTED_DOCUMENTS=<site>=<manifest.json>,…). Loaded once at
 * start: a bad manifest stops the boot, naming the site, rather than opening the site to any query.
 */
@Injectable()
export class TrustedDocumentsService {
  private readonly logger = new Logger('TrustedDocuments');
  private readonly bySite = new Map<string, Manifest>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    for (const pair of config.TRUSTED_DOCUMENTS.split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const i = pair.indexOf('=');
      const site = pair.slice(0, i).trim();
      const file = pair.slice(i + 1).trim();
      if (i <= 0 || !isValidSlug(site) || !file) throw new ConfigError('Invalid TRUSTED_DOCUMENTS: every entry must be <site-slug>=<manifest path>');
      try {
        this.bySite.set(site, parseManifest(JSON.parse(readFileSync(file, 'utf8'))));
      } catch (e) {
        throw new ConfigError(`Invalid TRUSTED_DOCUMENTS for site ${site}: ${(e as Error).message}`);
      }
      this.logger.log(`Site ${site}: ${new Set(this.bySite.get(site)!.values()).size} trusted document(s)`);
    }
  }

  /** The site's manifest, or undefined when the site takes any query. */
  of(site: string): Manifest | undefined {
    return this.bySite.get(site);
  }

  /** Whether query text outside the manifest is refused (production) or only logged (development). */
  get enforced(): boolean {
    return this.config.isProduction;
  }
}
