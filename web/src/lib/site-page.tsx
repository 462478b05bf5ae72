import { parseSitePath, sitePaths, type Locale, type SitePage } from '@clinic/shared';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Article, CallToAction, Clinics, Faqs, Review } from '../components/page-sections';
import { JsonLd, SiteChrome, type Crumb } from '../components/site-chrome';
import { homePage, landingPage, locationPage, procedurePage } from './content';
import { strings } from './i18n';
import type { SiteConfig } from './sites';
import Link from 'next/link';

/** A page of the URL scheme (shared/site-paths), plus the home page of each language. */
export type Target = SitePage | { page: 'home'; locale: Locale };

export function parseTarget(segments: string[] | undefined): Target | undefined {
  const s = segments ?? [];
  if (s.length === 0) return { page: 'home', locale: 'en' };
  if (s.length === 1 && s[0] === 'es') return { page: 'home', locale: 'es' };
  return parseSitePath(`/${s.join('/')}`);
}

/** Draft preview: the editor's token, and the URL prefix that keeps links inside the preview. */
export interface PreviewContext {
  token: string;
  siteSlug: string;
  expiresAt?: string;
}

interface SeoLike {
  title: string;
  description: string;
  canonicalUrl: string;
  robots: string;
  jsonLd?: string;
  ogImage?: string | null;
  alternates: Array<{ hreflang: string; url: string }>;
}

export interface View {
  locale: Locale;
  siteName: string;
  seo: SeoLike;
  crumbs: Crumb[];
  body: ReactNode;
}

const pathOfUrl = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** Loads what the gateway has for the target (null: no such page for this site and language). */
export async function loadView(target: Target, site: SiteConfig, preview?: PreviewContext): Promise<View | null> {
  const { locale } = target;
  const t = strings(locale);
  const token = preview?.token;
  const href = (path: string) => (preview ? `/preview/${preview.siteSlug}${path === '/' ? '' : path}?token=${encodeURIComponent(preview.token)}` : path);
  const home: Crumb = { name: t.home, href: href(sitePaths.home(locale)) };

  if (target.page === 'landingPage') {
    const data = await landingPage(site, target.procedure, target.city, locale, token);
    const lp = data.landingPage;
    if (!lp) return null;
    return {
      locale,
      siteName: data.site.name,
      seo: lp.seo,
      crumbs: [home, { name: lp.location.city, href: href(sitePaths.location(lp.location.slug, locale)) }, { name: lp.procedure.title }],
      body: (
        <>
          <h1>{lp.h1}</h1>
          <p className="intro">{lp.intro}</p>
          <CallToAction clinic={lp.clinics[0]} locale={locale} />
          <Article article={lp.procedure} locale={locale} />
          <Clinics clinics={lp.clinics} heading={t.clinics(lp.location.city)} locale={locale} />
          <Faqs faqs={lp.faqs} locale={locale} />
          <Review article={lp.procedure} locale={locale} />
        </>
      ),
    };
  }
  if (target.page === 'procedure') {
    const data = await procedurePage(site, target.procedure, locale, token);
    const p = data.procedure;
    if (!p) return null;
    return {
      locale,
      siteName: data.site.name,
      seo: p.seo,
      crumbs: [home, { name: t.procedures }, { name: p.title }],
      body: (
        <>
          <h1>{p.title}</h1>
          <Article article={p} locale={locale} />
          <Faqs faqs={p.faqs} locale={locale} />
          <Review article={p} locale={locale} />
        </>
      ),
    };
  }
  if (target.page === 'location') {
    const data = await locationPage(site, target.city, locale, token);
    const l = data.location;
    if (!l) return null;
    return {
      locale,
      siteName: data.site.name,
      seo: l.seo,
      crumbs: [home, { name: l.city }],
      body: (
        <>
          <h1>
            {l.city}, {l.state}
          </h1>
          <p className="intro">{l.intro}</p>
          <section aria-labelledby="procedures">
            <h2 id="procedures">{t.proceduresIn(l.city)}</h2>
            <ul className="links">
              {l.procedures.map((p) => (
                <li key={p.slug}>
                  <Link href={href(sitePaths.landingPage(l.slug, p.slug, locale))}>{t.readIn(p.title, l.city)}</Link>
                  <p>{p.summary}</p>
                </li>
              ))}
            </ul>
          </section>
          <Clinics clinics={l.clinics} heading={t.allClinics(l.city)} locale={locale} />
        </>
      ),
    };
  }
  const data = await homePage(site, locale, token);
  const origin = data.site.domain.replace(/\/+$/, '');
  const url = (l: Locale) => `${origin}${sitePaths.home(l)}`;
  return {
    locale,
    siteName: data.site.name,
    seo: {
      title: data.site.name,
      description: locale === 'es' ? `${data.site.name}: especialistas de columna. Procedimientos, clínicas y cómo pedir una consulta.` : `${data.site.name}: spine specialists. Procedures, clinics and how to book a consultation.`,
      canonicalUrl: url(locale),
      robots: 'index, follow',
      alternates: [
        { hreflang: 'en-US', url: url('en') },
        { hreflang: 'es-US', url: url('es') },
        { hreflang: 'x-default', url: url('en') },
      ],
    },
    crumbs: [{ name: t.home }],
    body: (
      <>
        <h1>{data.site.name}</h1>
        <section aria-labelledby="locations">
          <h2 id="locations">{t.locations}</h2>
          <ul className="links">
            {data.locations.map((l) => (
              <li key={l.slug}>
                <h3>
                  <Link href={href(sitePaths.location(l.slug, locale))}>
                    {l.city}, {l.state}
                  </Link>
                </h3>
                <ul>
                  {l.procedures.map((p) => (
                    <li key={p.slug}>
                      <Link href={href(sitePaths.landingPage(l.slug, p.slug, locale))}>{t.readIn(p.title, l.city)}</Link>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="procedure-list">
          <h2 id="procedure-list">{t.procedures}</h2>
          <ul className="links">
            {data.procedures.map((p) => (
              <li key={p.slug}>
                <Link href={href(sitePaths.procedure(p.slug, locale))}>{p.title}</Link>
                <p>{p.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      </>
    ),
  };
}

export function metadataOf(view: View, preview?: PreviewContext): Metadata {
  const { seo, locale } = view;
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
      siteName: view.siteName,
      locale: locale === 'es' ? 'es_US' : 'en_US',
      ...(seo.ogImage ? { images: [seo.ogImage] } : {}),
    },
  };
}

/** The page around the view: chrome, language switch, JSON-LD, and in preview the draft banner. */
export function SitePageView({ view, preview }: { view: View; preview?: PreviewContext }) {
  const other = view.locale === 'en' ? 'es' : 'en';
  const alt = view.seo.alternates.find((a) => a.hreflang.toLowerCase().startsWith(other));
  const toHref = (path: string) => (preview ? `/preview/${preview.siteSlug}${path === '/' ? '' : path}?token=${encodeURIComponent(preview.token)}` : path);
  const t = strings(view.locale);
  return (
    <SiteChrome
      locale={view.locale}
      siteName={view.siteName}
      homeHref={toHref(sitePaths.home(view.locale))}
      switchHref={alt ? toHref(pathOfUrl(alt.url)) : undefined}
      crumbs={view.crumbs}
      banner={
        preview ? (
          <div className="preview-banner" role="status">
            <strong>{t.preview}.</strong> {t.previewText(preview.expiresAt ?? '')}
          </div>
        ) : undefined
      }
    >
      {view.body}
      {view.seo.jsonLd ? <JsonLd json={view.seo.jsonLd} /> : null}
    </SiteChrome>
  );
}
