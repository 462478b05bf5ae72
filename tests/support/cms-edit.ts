import type { StrapiHandle } from './strapi-harness.js';

/** Editor actions through Strapi's document service (the same path the admin panel takes). */
export async function editChicagoIntro(strapi: StrapiHandle, intro: string, publish: boolean) {
  const docs = strapi.app.documents('api::location.location');
  const chicago = await docs.findFirst({ filters: { slug: 'chicago' }, locale: 'en', status: 'draft' });
  await docs.update({ documentId: chicago.documentId, locale: 'en', data: { intro } });
  if (publish) await docs.publish({ documentId: chicago.documentId, locale: 'en' });
  return chicago.documentId as string;
}
