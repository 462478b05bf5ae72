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
