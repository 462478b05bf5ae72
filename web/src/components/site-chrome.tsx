import type { Locale } from '@clinic/shared';
import type { ReactNode } from 'react';
import { strings } from '../lib/i18n';

export interface Crumb {
  name: string;
  href?: string;
}

/**
 * Header (site name, language switch), breadcrumbs, <main> and footer of every page. Plain links, not
 * next/link: pages are server-rendered per request, and next/link's prefetching would render every linked
 * page in the viewport on each visit (and keep <html lang> from following a language change).
 */
export function SiteChrome(props: {
  locale: Locale;
  siteName: string;
  homeHref: string;
  /** The same page in the other language, when it exists there. */
  switchHref?: string;
  crumbs: Crumb[];
  banner?: ReactNode;
  children: ReactNode;
}) {
  const t = strings(props.locale);
  const other: Locale = props.locale === 'en' ? 'es' : 'en';
  return (
    <>
      <a className="skip" href="#main">
        {t.skip}
      </a>
      {props.banner}
      <header className="site-header">
        <div className="wrap header-row">
          <a className="brand" href={props.homeHref}>
            {props.siteName}
          </a>
          {props.switchHref ? (
            <nav aria-label={t.language}>
              <a className="lang" href={props.switchHref} hrefLang={other} lang={other} aria-label={t.otherLanguageLabel}>
                {t.otherLanguage}
              </a>
            </nav>
          ) : null}
        </div>
      </header>
      <nav aria-label={t.breadcrumb} className="wrap crumbs">
        <ol>
          {props.crumbs.map((c, i) => (
            <li key={i}>{c.href && i < props.crumbs.length - 1 ? <a href={c.href}>{c.name}</a> : <span aria-current="page">{c.name}</span>}</li>
          ))}
        </ol>
      </nav>
      <main id="main" className="wrap">
        {props.children}
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>
            © {props.siteName}. {t.footer}
          </p>
        </div>
      </footer>
    </>
  );
}

/** The gateway's JSON-LD. It arrives escaped for inlining; escaping again is a no-op kept as a second guard. */
export function JsonLd({ json }: { json: string }) {
  const safe = json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON-LD must be inline script text; `safe` cannot close the tag.
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safe }} />;
}
