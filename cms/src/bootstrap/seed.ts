import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '@clinic/shared';
import { docs } from '../utils/docs';
import { CLINICS, LANDING_PAGES, LOCATIONS, PROCEDURES, SITES, type SeedDocument, type SeedLocale } from './seed-content';

const { procedure: PROCEDURE, location: LOCATION, clinic: CLINIC, site: SITE, landingPage: LANDING_PAGE } = CONTENT_TYPES;

type Counter = { created: number };

/** Rows of one document (any locale, any status), looked up by the db layer so nothing is filtered out. */
const rowsOf = (strapi: Core.Strapi, uid: string, where: Record<string, unknown>) =>
  strapi.db.query(uid as any).findMany({ where, select: ['documentId', 'locale'] }) as Promise<Array<{ documentId: string; locale?: string | null }>>;

/**
 * Creates the document (or the locales it lacks) and publishes it. Existing documents and
 * existing localizations are never touched. Returns the documentId.
 */
async function ensureDocument(strapi: Core.Strapi, uid: string, where: Record<string, unknown>, seed: SeedDocument, relations: Record<string, unknown>, counter: Counter): Promise<string> {
  const localized = Boolean((strapi.contentTypes[uid as any] as any)?.pluginOptions?.i18n?.localized);
  const rows = await rowsOf(strapi, uid, where);
  let documentId = rows[0]?.documentId;
  const present = new Set(rows.filter((row) => row.documentId === documentId).map((row) => row.locale ?? 'en'));

  for (const [locale, data] of Object.entries(seed.locales) as Array<[SeedLocale, Record<string, unknown>]>) {
    if (!localized && locale !== 'en') continue;
    if (documentId && present.has(locale)) continue;
    const params = { data: { ...data, ...relations }, status: 'published', ...(localized ? { locale } : {}) };
    try {
      if (!documentId) {
        const created = await docs(strapi, uid).create(params);
        documentId = created.documentId;
      } else {
        await docs(strapi, uid).update({ documentId, ...params });
      }
    } catch (error) {
      (error as Error).message = `seeding ${uid} "${seed.key}" (${locale}) failed: ${(error as Error).message}`;
      throw error;
    }
    present.add(locale);
    counter.created += 1;
  }
  return documentId!;
}

/** Relation value pointing at the default-locale version of localized targets. */
const ref = (documentId: string, localized = true) => ({ connect: [localized ? { documentId, locale: 'en' } : { documentId }] });
const refs = (documentIds: string[]) => ({ connect: documentIds.map((documentId) => ({ documentId, locale: 'en' })) });

/**
 * Seeds the demo content. On by default in development and tests, off by default in production (a real
 * CMS must never grow demo clinics); SEED=true/false overrides. Creates what is missing and changes nothing else.
 */
export async function seedContent(strapi: Core.Strapi): Promise<void> {
  const seed = (process.env.SEED ?? (process.env.NODE_ENV === 'production' ? 'false' : 'true')).toLowerCase();
  if (seed === 'false') {
    strapi.log.info(`[cms] seed skipped (SEED=${process.env.SEED ?? 'unset, NODE_ENV=production'})`);
    return;
  }
  const started = Date.now();
  const counter: Counter = { created: 0 };
  const ids = { procedure: new Map<string, string>(), location: new Map<string, string>() };

  for (const seed of PROCEDURES) {
    ids.procedure.set(seed.key, await ensureDocument(strapi, PROCEDURE.uid, { slug: seed.key }, seed, {}, counter));
  }
  for (const seed of LOCATIONS) {
    ids.location.set(seed.key, await ensureDocument(strapi, LOCATION.uid, { slug: seed.key }, seed, {}, counter));
  }
  for (const seed of CLINICS) {
    const relations = {
      location: ref(ids.location.get(seed.location)!),
      procedures: refs(seed.procedures.map((slug) => ids.procedure.get(slug)!)),
    };
    await ensureDocument(strapi, CLINIC.uid, { slug: seed.key }, seed, relations, counter);
  }
  for (const seed of SITES) {
    const relations = { locations: refs(seed.locations.map((slug) => ids.location.get(slug)!)) };
    await ensureDocument(strapi, SITE.uid, { slug: seed.key }, seed, relations, counter);
  }
  for (const seed of LANDING_PAGES) {
    const relations = { procedure: ref(ids.procedure.get(seed.procedure)!), location: ref(ids.location.get(seed.location)!) };
    const where = { procedure: { slug: seed.procedure }, location: { slug: seed.location } };
    await ensureDocument(strapi, LANDING_PAGE.uid, where, seed, relations, counter);
  }

  if (counter.created > 0) strapi.log.info(`[cms] seed created ${counter.created} document version(s) in ${Date.now() - started} ms`);
  else strapi.log.info('[cms] seed: nothing missing');
}
