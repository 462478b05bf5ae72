import { Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { CONTENT_TYPES, clinicOpeningHours, documentRefSchema, listResponseSchema, type ContentTypeName } from '@clinic/shared';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import type { QueryValue } from '../../strapi/utils/query-string.util.js';
import { FACTS } from '../../invalidation/facts/fact-registry.js';
import type { CatalogueRows, IndexedRow, RowCopy } from '../../invalidation/types/fact.types.js';
import { bootFacts, catalogueFactsInSlices, changedFacts, isWidePurge, movesSiteRegistry, rowKey } from '../../invalidation/utils/catalogue-facts.util.js';
import { UniquenessService } from '../../uniqueness/services/uniqueness.service.js';
import { clinicCardText, faqText } from '../../uniqueness/utils/landing-text.util.js';

const TYPES = Object.keys(CONTENT_TYPES) as ContentTypeName[];
const ref = { fields: ['slug'] };
const refs = z.array(documentRefSchema).nullish();

/**
 * What the index reads of each type: versions and membership relations, and the short texts a landing page's
 * uniqueness is scored on (titles, intros, an override's FAQ; never an article's body).
 */
const READ: Record<ContentTypeName, { fields: string[]; populate?: Record<string, QueryValue> }> = {
  procedure: { fields: ['updatedAt', 'slug', 'localeSlug', 'locale', 'title', 'summary'] },
  location: { fields: ['updatedAt', 'slug', 'localeSlug', 'locale', 'city', 'state', 'intro'] },
  // Clinics are small: their shown fields are read too, so that a relations-only republish is told apart.
  clinic: {
    fields: ['updatedAt', 'slug', 'name', 'phone', 'openingHours'],
    populate: { location: ref, procedures: ref, address: true, geo: true, hours: { populate: { periods: true, closures: true } } },
  },
  site: {
    fields: ['updatedAt', 'slug', 'name', 'domain', 'uniquenessThreshold'],
    populate: { locations: ref, organization: { populate: { logo: { fields: ['url', 'alternativeText', 'updatedAt'] }, profiles: true, contactPoints: true } } },
  },
  landingPage: { fields: ['updatedAt', 'locale', 'headline', 'intro'], populate: { procedure: ref, location: ref, faqs: true } },
  slugRedirect: { fields: ['updatedAt'] },
};

const rowSchema = z
  .object({
    documentId: z.string(),
    updatedAt: z.string(),
    locale: z.string().nullish(),
    slug: z.string().nullish(),
    localeSlug: z.string().nullish(),
    name: z.string().nullish(),
    domain: z.string().nullish(),
    location: documentRefSchema.nullish(),
    procedure: documentRefSchema.nullish(),
    procedures: refs,
    locations: refs,
    phone: z.string().nullish(),
    openingHours: z.string().nullish(),
    address: z.unknown().nullish(),
    geo: z.unknown().nullish(),
    hours: z.unknown().nullish(),
    title: z.string().nullish(),
    summary: z.string().nullish(),
    city: z.string().nullish(),
    state: z.string().nullish(),
    intro: z.string().nullish(),
    headline: z.string().nullish(),
    faqs: z.array(z.object({ question: z.string().nullish(), answer: z.string().nullish() }).passthrough()).nullish(),
    uniquenessThreshold: z.coerce.number().min(0).max(1).nullish(),
    organization: z.unknown().nullish(),
  })
  .passthrough();
type RawRow = z.output<typeof rowSchema>;

function toRow(type: ContentTypeName, r: RawRow): IndexedRow {
  return {
    documentId: r.documentId,
    locale: CONTENT_TYPES[type].localized ? (r.locale ?? '') : '',
    updatedAt: r.updatedAt,
    slug: r.slug ?? null,
    localeSlug: r.localeSlug ?? null,
    name: r.name ?? null,
    domain: r.domain ?? null,
    location: r.location?.documentId ?? null,
    procedure: r.procedure?.documentId ?? null,
    procedures: r.procedures?.map((p) => p.documentId),
    shown: type === 'clinic' ? JSON.stringify([r.name, r.phone, r.openingHours, clinicOpeningHours(r.hours, r.openingHours), withoutId(r.address), withoutId(r.geo)]) : null,
    locations: r.locations?.map((l) => l.documentId),
    copy: copyOf(type, r),
    threshold: type === 'site' ? (r.uniquenessThreshold ?? null) : undefined,
    organization: type === 'site' ? organizationDigest(r.organization) : null,
  };
}

/** The texts of a row that a landing page shows (uniqueness/ scores them). */
function copyOf(type: ContentTypeName, r: RawRow): RowCopy | undefined {
  if (type === 'procedure') return { title: r.title, summary: r.summary };
  if (type === 'location') return { city: r.city, state: r.state, intro: r.intro };
  if (type === 'landingPage') return { headline: r.headline, intro: r.intro, faqs: faqText(r.faqs) };
  if (type === 'clinic') return { card: clinicCardText(r) };
  return undefined;
}

/** What the home page shows of a site's group, without component row ids (re-created on every publish). */
function organizationDigest(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const org = value as {
    legalName?: unknown;
    logo?: { id?: unknown; url?: unknown; alternativeText?: unknown; updatedAt?: unknown } | null;
    profiles?: unknown[];
    contactPoints?: unknown[];
  };
  const logo = org.logo ? [org.logo.id, org.logo.url, org.logo.alternativeText, org.logo.updatedAt] : null;
  return JSON.stringify([org.legalName ?? null, logo, (org.profiles ?? []).map(withoutId), (org.contactPoints ?? []).map(withoutId)]);
}

/** A component's fields without its row id (Strapi re-creates component rows when a document is published). */
function withoutId(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value ?? null;
  const { id: _id, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Which other documents' relations point at a document of this type (re-read when it appears). */
const DEPENDENTS: Partial<Record<ContentTypeName, Array<{ type: ContentTypeName; via: string }>>> = {
  procedure: [
    { type: 'clinic', via: 'procedures' },
    { type: 'landingPage', via: 'procedure' },
  ],
  location: [
    { type: 'clinic', via: 'location' },
    { type: 'landingPage', via: 'location' },
    { type: 'site', via: 'locations' },
  ],
};

/** Where a change's time went (milliseconds): waiting in the queue, Strapi reads, the site registry, the purge. */
export interface ChangeTimings {
  queued: number;
  read: number;
  registry: number;
  purge: number;
}

/** A purge a change made before its diff was done (the webhook's own document), awaited after the diff. */
interface EarlyPurge {
  tags: string[];
  done: Array<Promise<{ l1Entries: number }>>;
}

/** A change slower than this (queue wait included) is logged with its timings. */
const SLOW_CHANGE_MS = 500;

export interface ChangeReport {
  tags: string[];
  soft: boolean;
  l1Entries: number;
}

/**
 * The gateway's own picture of the published catalogue: per document its version, slug and the
 * relations that decide membership (clinic → city and procedures, site → cities, override →
 * procedure × city). Webhooks and reconciliation feed changes through `refreshDocument`/`applyRows`;
 * each change recomputes the facts (invalidation/: one definition per fact) and purges exactly the tags whose fact moved.
 * Strapi's webhook carries neither relations nor the previous state, hence this index: the previous
 * state is here, the new one is asked of Strapi (one or a few small reads per change).
 */
@Injectable()
export class CatalogueIndexService {
  private readonly logger = new Logger('CatalogueIndex');
  private rows: CatalogueRows = new Map(TYPES.map((t) => [t, new Map()]));
  private facts = new Map<string, string>();
  private loaded: Promise<void> | undefined;
  /**
   * Diffs run one at a time: each must start from the state the previous one left. Only the diff is
   * serialised (the reads it needs, the swap); the site registry refresh and the purge that follow run
   * outside, so that a webhook never waits for another change's purge (its ack wait across replicas, the
   * CDN) or registry read — a reconciliation pass that found something included.
   */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly bootedAt = new Date().toISOString();
  /** Changes applied (webhooks and reconciliation), for observers and tests. */
  applied = 0;
  readonly log: Array<{ type: ContentTypeName; documentId?: string; tags: number; sample: string[]; purged: boolean; at: number; timings: ChangeTimings }> = [];
  /** What the queue is running now (named in the log line of a change that had to wait for it). */
  private current: string | undefined;

  constructor(
    private readonly http: StrapiHttpService,
    private readonly cache: ResponseCacheService,
    private readonly registry: SiteRegistryService,
    private readonly uniqueness: UniquenessService,
  ) {
    // Pages ask for their verdict before the first webhook: the scores exist once the index is read.
    uniqueness.useLoader(() => this.ensureLoaded());
  }

  /** Published rows of a type (reconciliation compares its count with Strapi's). */
  count(type: ContentTypeName): number {
    return this.rows.get(type)!.size;
  }

  keysOf(type: ContentTypeName): string[] {
    return [...this.rows.get(type)!.keys()];
  }

  rowOf(type: ContentTypeName, key: string): IndexedRow | undefined {
    return this.rows.get(type)!.get(key);
  }

  newestUpdatedAt(type: ContentTypeName): string | undefined {
    let max: string | undefined;
    for (const r of this.rows.get(type)!.values()) if (!max || r.updatedAt > max) max = r.updatedAt;
    return max;
  }

  get isLoaded(): boolean {
    return this.facts.size > 0;
  }

  /** Loads the whole index once (later calls share it); a failed load is retried by the next caller. */
  ensureLoaded(): Promise<void> {
    this.loaded ??= this.loadAll().catch((e: Error) => {
      this.loaded = undefined;
      throw e;
    });
    return this.loaded;
  }

  /**
   * Re-reads one document (every published locale) after a webhook named it, and purges what moved.
   * `purge: false` only brings the index up to date (another replica applied the change and purged).
   * `slug`, `localeSlug`: the slugs the webhook says the document now has; when it is the one the index knows, the
   * document's own pages are purged before the index re-reads it (see below).
   */
  refreshDocument(
    type: ContentTypeName,
    documentId: string,
    locale?: string | null,
    opts: { purge?: boolean; slug?: string | null; localeSlug?: string | null } = {},
  ): Promise<ChangeReport> {
    const purge = opts.purge ?? true;
    return this.change(type, documentId, purge, async (rows, also, early) => {
      // The named document's own pages go even if nothing visible moved (a replayed or hand-sent
      // webhook is a request to refresh them); a real publish changes `updatedAt` anyway.
      const named = (m: Map<string, IndexedRow>) => [...m.values()].filter((r) => r.documentId === documentId && (!locale || !r.locale || r.locale === locale));
      // (Not for a site: every page of it carries the site document's tag; its facts are precise. A
      // clinic's own pages are those showing its version: a clinic's fields are compared by content.)
      const own = (r: IndexedRow) => (type === 'clinic' ? FACTS.version.tag(type, r.documentId) : FACTS.doc.tag(type, r.documentId, r.locale || undefined));
      if (type !== 'site') for (const r of named(rows.get(type)!)) also.push(own(r));
      // Strapi has committed the change when its webhook arrives: the document's own pages can go now, while
      // the index reads it, so that their rebuild overlaps that read instead of following it. Only for an
      // article or a city whose slug stays (an edit of its text, the common publish): a slug change, or any
      // change of relations, moves other facts of the same pages, whose purge after the read would overtake
      // (and repeat) the rebuild this one started.
      const sameSlug =
        (type === 'procedure' || type === 'location') &&
        typeof opts.slug === 'string' &&
        named(rows.get(type)!).every((r) => r.slug === opts.slug && (r.localeSlug ?? null) === (opts.localeSlug ?? null));
      if (purge && also.length && sameSlug) {
        early.tags.push(...also);
        early.done.push(this.purge([...also], false));
      }
      const fresh = await this.read(type, { documentId: { $eq: documentId } });
      const appeared = fresh.length > 0 && ![...rows.get(type)!.values()].some((r) => r.documentId === documentId);
      this.replaceDocuments(rows, type, [documentId], fresh);
      // A document that (re)appears brings back relations Strapi hid while it was unpublished.
      if (appeared) await this.readDependents(rows, type, documentId);
      if (type !== 'site') for (const r of named(rows.get(type)!)) also.push(own(r));
    });
  }

  /**
   * Applies rows read by reconciliation: `changed` replaces rows by key; `full`, when given, is the
   * complete published list of the type (rows missing from it are dropped).
   */
  applyRows(type: ContentTypeName, changed: IndexedRow[], full?: IndexedRow[]): Promise<ChangeReport> {
    return this.change(type, undefined, true, async (rows) => {
      const map = rows.get(type)!;
      const known = new Set([...map.values()].map((r) => r.documentId));
      if (full) {
        map.clear();
        for (const r of full) map.set(rowKey(r.documentId, r.locale), r);
      } else {
        for (const r of changed) map.set(rowKey(r.documentId, r.locale), r);
      }
      for (const id of new Set((full ?? changed).map((r) => r.documentId))) if (!known.has(id)) await this.readDependents(rows, type, id);
    });
  }

  /** Reads published rows of a type (optionally filtered), as the index stores them. */
  async read(type: ContentTypeName, filters?: Record<string, QueryValue>, extra: Record<string, QueryValue> = {}): Promise<IndexedRow[]> {
    const ct = CONTENT_TYPES[type];
    const spec = READ[type];
    const raw = await this.http.getAll(
      ct.rest,
      { fields: spec.fields, populate: spec.populate, status: 'published', ...(ct.localized ? { locale: '*' } : {}), filters, ...extra },
      rowSchema,
    );
    return raw.map((r) => toRow(type, r));
  }

  /** Strapi's count of published rows of a type: one tiny read. */
  async upstreamCount(type: ContentTypeName): Promise<number> {
    const ct = CONTENT_TYPES[type];
    const res = await this.http.get(
      ct.rest,
      { fields: ['updatedAt'], status: 'published', ...(ct.localized ? { locale: '*' } : {}), pagination: { page: 1, pageSize: 1 } },
      listResponseSchema(z.object({ documentId: z.string() }).passthrough()),
    );
    return res.meta?.pagination?.total ?? res.data.length;
  }

  private async loadAll() {
    const rows: CatalogueRows = new Map();
    for (const type of TYPES) rows.set(type, new Map((await this.read(type)).map((r) => [rowKey(r.documentId, r.locale), r])));
    // What changed between the boot and this read may sit in a shared tier already: treat it as a change.
    const before: CatalogueRows = new Map([...rows].map(([t, m]) => [t, new Map([...m].filter(([, r]) => r.updatedAt <= this.bootedAt))]));
    const { beforeFacts, facts, view } = await bootFacts(before, rows, this.uniqueness.memo);
    this.rows = rows;
    this.facts = facts;
    this.uniqueness.publish(view.uniqueness());
    const tags = changedFacts(beforeFacts, this.facts);
    if (tags.length) await this.purge(tags, false);
    this.logger.log(`Indexed ${[...rows.values()].reduce((n, m) => n + m.size, 0)} published rows, ${this.facts.size} facts`);
  }

  private change(
    type: ContentTypeName,
    documentId: string | undefined,
    purge: boolean,
    mutate: (rows: CatalogueRows, also: string[], early: EarlyPurge) => Promise<void>,
  ): Promise<ChangeReport> {
    const label = documentId ? `${type} ${documentId}` : `reconciliation of ${type}`;
    const enqueued = performance.now();
    // The serialised part: the reads the diff needs, the diff, the swap.
    const diff = async () => {
      const behind = this.current;
      this.current = label;
      const t0 = performance.now();
      try {
        await this.ensureLoaded();
        // Mutate a copy: a failed read leaves the index as it was, and the next pass retries.
        const rows: CatalogueRows = new Map([...this.rows].map(([t, m]) => [t, new Map(m)]));
        const also: string[] = [];
        const early: EarlyPurge = { tags: [], done: [] };
        await mutate(rows, also, early);
        const { facts, view } = await catalogueFactsInSlices(rows, this.uniqueness.memo);
        const moved = [...new Set([...changedFacts(this.facts, facts), ...also])];
        this.rows = rows;
        this.facts = facts;
        this.uniqueness.publish(view.uniqueness());
        return { moved, early, behind, t0, t1: performance.now() };
      } finally {
        this.current = undefined;
      }
    };
    const diffed = this.queue.then(diff, diff);
    this.queue = diffed.catch(() => undefined);
    return diffed.then(async ({ moved, early, behind, t0, t1 }) => {
      // The registry holds each site's fields and the ids and slugs of the cities it serves: a city's other
      // fields (an intro, a clinic list) leave it as it is, and re-reading every site would delay the purge.
      if (type === 'site' || (type === 'location' && movesSiteRegistry(moved))) {
        await this.registry.refresh().catch((e: Error) => this.logger.warn(`Site refresh failed: ${e.message}`));
      }
      const earlyEntries = (await Promise.all(early.done)).reduce((n, r) => n + r.l1Entries, 0);
      const t2 = performance.now();
      // A site's own fields touch every page of it: serve stale while the pages rebuild.
      const soft = isWidePurge(moved);
      // What the early purge took is not purged again: a second purge would overtake the rebuilds it started.
      const rest = moved.filter((t) => !early.tags.includes(t));
      const l1Entries = earlyEntries + (purge && rest.length ? (await this.purge(rest, soft)).l1Entries : 0);
      const t3 = performance.now();
      const timings = { queued: Math.round(t0 - enqueued), read: Math.round(t1 - t0), registry: Math.round(t2 - t1), purge: Math.round(t3 - t2) };
      if (t3 - enqueued > SLOW_CHANGE_MS) {
        this.logger.warn(
          `Slow catalogue change (${label}): ${Math.round(t3 - enqueued)} ms = queued ${timings.queued}${behind && timings.queued > 0 ? ` (behind ${behind})` : ''}` +
            ` + reads ${timings.read} + site registry ${timings.registry} + purge ${timings.purge}`,
        );
      }
      this.applied += 1;
      this.log.push({ type, documentId, tags: moved.length, sample: moved.slice(0, 20), purged: purge, at: Date.now(), timings });
      if (this.log.length > 1000) this.log.splice(0, 500);
      return { tags: moved, soft, l1Entries };
    });
  }

  /** Purges through the response cache (which recomputes recently used entries); soft: serve stale meanwhile. */
  purge(tags: string[], soft: boolean): Promise<{ l1Entries: number }> {
    return this.cache.purge(tags, soft ? { soft: true } : {});
  }

  private replaceDocuments(rows: CatalogueRows, type: ContentTypeName, documentIds: string[], fresh: IndexedRow[]) {
    const map = rows.get(type)!;
    const ids = new Set(documentIds);
    for (const [k, r] of map) if (ids.has(r.documentId)) map.delete(k);
    for (const r of fresh) map.set(rowKey(r.documentId, r.locale), r);
  }

  private async readDependents(rows: CatalogueRows, type: ContentTypeName, documentId: string) {
    for (const dep of DEPENDENTS[type] ?? []) {
      const fresh = await this.read(dep.type, { [dep.via]: { documentId: { $eq: documentId } } });
      this.replaceDocuments(rows, dep.type, [...new Set(fresh.map((r) => r.documentId))], fresh);
    }
  }
}
