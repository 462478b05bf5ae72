import type { StrapiHandle } from './strapi-harness.js';

/** Editor actions through Strapi's document service (the same path the admin panel takes). */
export async function editChicagoIntro(strapi: StrapiHandle, intro: string, publish: boolean) {
  const docs = strapi.app.documents('api::location.location');
  const chicago = await docs.findFirst({ filters: { slug: 'chicago' }, locale: 'en', status: 'draft' });
  await docs.update({ documentId: chicago.documentId, locale: 'en', data: { intro } });
  if (publish) await docs.publish({ documentId: chicago.documentId, locale: 'en' });
  return chicago.documentId as string;
}

/** The editor changes the English Kyphoplasty summary (shown on every page of the article), optionally publishing. */
export async function editKyphoplastySummary(strapi: StrapiHandle, summary: string, publish: boolean) {
  const docs = strapi.app.documents('api::procedure.procedure');
  const doc = await docs.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft' });
  await docs.update({ documentId: doc.documentId, locale: 'en', data: { summary } });
  if (publish) await docs.publish({ documentId: doc.documentId, locale: 'en' });
  return doc.documentId as string;
}

/** The editor renames a site and publishes it: every page of the site shows its name (a wide, soft purge). */
export async function renameSite(strapi: StrapiHandle, slug: string, name: string) {
  const docs = strapi.app.documents('api::site.site');
  const site = await docs.findFirst({ filters: { slug }, status: 'draft' });
  await docs.update({ documentId: site.documentId, data: { name } });
  await docs.publish({ documentId: site.documentId });
}

/** A small PNG of one colour (a distinct file per colour), written to a temp file as an upload would be. */
async function pngFile(rgb: [number, number, number]) {
  const { default: sharp } = await import('sharp');
  const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .png()
    .toBuffer();
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const filepath = path.join(mkdtempSync(path.join(tmpdir(), 'clinic-media-')), 'share.png');
  writeFileSync(filepath, bytes);
  return { filepath, originalFilename: 'share.png', mimetype: 'image/png', size: bytes.length };
}

/** Uploads a share image to the media library and makes it the English Kyphoplasty article's (published) OG image. */
export async function uploadKyphoplastyShareImage(strapi: StrapiHandle): Promise<number> {
  const [file] = await strapi.app
    .plugin('upload')
    .service('upload')
    .upload({ data: { fileInfo: { alternativeText: 'Share image' } }, files: await pngFile([200, 30, 30]) });
  const docs = strapi.app.documents('api::procedure.procedure');
  const doc = await docs.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft', populate: { seo: true } });
  await docs.update({ documentId: doc.documentId, locale: 'en', data: { seo: { ...(doc.seo ?? {}), ogImage: file.id } } });
  await docs.publish({ documentId: doc.documentId, locale: 'en' });
  return file.id as number;
}

/** Replaces a media library file with new bytes, as the media library's "Replace media" does (Strapi keeps its URL). */
export async function replaceMediaFile(strapi: StrapiHandle, id: number, rgb: [number, number, number]) {
  await strapi.app
    .plugin('upload')
    .service('upload')
    .replace(id, { data: { fileInfo: {} }, file: await pngFile(rgb) });
}
