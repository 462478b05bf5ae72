import type { Metadata } from 'next';
import type { PreviewContext } from './links';
import type { PageData } from './page-data';

/** `<head>` of a page: the gateway's SEO payload as it is (a preview is never indexed). */
export function metadataOf(data: PageData, preview?: PreviewContext): Metadata {
  const { seo, locale } = data;
  return {
    title: seo.title,
    description: seo.description,
    alternates: {
      canonical: seo.canonicalUrl,
      languages: Object.fromEntries(seo.alternates.map((a) => [a.hreflang, a.url])),
    },
    robots: preview ? 'noindex, nofollow' : seo.robots,
    openGraph: {
      type: 'website',
      title: seo.title,
      description: seo.description,
      url: seo.canonicalUrl,
      siteName: data.siteName,
      locale: locale === 'es' ? 'es_US' : 'en_US',
      ...(seo.ogImage ? { images: [seo.ogImage] } : {}),
    },
  };
}
