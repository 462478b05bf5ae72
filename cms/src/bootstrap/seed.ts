import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '@clinic/shared';
import { docs } from '../utils/docs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLINICS, LANDING_PAGES, LOCATIONS, PROCEDURES, SITES, type SeedDocument, type SeedLocale, type SeedLogo } from './seed-content';

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

/**
 * The media library file of a seeded logo (by its file name), uploaded once: a 256 px square mark in the
 * site's colour, SVG so that no image library is needed. Search engines want a logo of at least 112 px.
 */
async function ensureLogo(strapi: Core.Strapi, logo: SeedLogo): Promise<number> {
  const existing = (await strapi.db.query('plugin::upload.file').findOne({ where: { name: logo.name }, select: ['id'] })) as { id: number } | null;
  if (existing) return existing.id;
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">' +
    `<rect width="256" height="256" rx="48" fill="${logo.colour}"/>` +
    '<path d="M128 40c-18 24-18 48 0 72s18 48 0 72" fill="none" stroke="#fff" stroke-width="20" stroke-linecap="round"/></svg>';
  const dir = mkdtempSync(path.join(tmpdir(), 'clinic-seed-'));
  const filepath = path.join(dir, logo.name);
  writeFileSync(filepath, svg);
  try {
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: logo.name, alternativeText: logo.alt } },
        files: { filepath, originalFilename: path.basename(filepath), mimetype: 'image/svg+xml', size: Buffer.byteLength(svg) },
      });
    return file.id as number;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
    // The logo only for a site the seed creates: an existing site keeps what its editors chose.
    const exists = (await rowsOf(strapi, SITE.uid, { slug: seed.key })).length > 0;
    const organization = exists ? undefined : { ...(seed.locales.en?.organization as object), logo: await ensureLogo(strapi, seed.logo) };
    const relations = { locations: refs(seed.locations.map((slug) => ids.location.get(slug)!)), ...(organization ? { organization } : {}) };
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
