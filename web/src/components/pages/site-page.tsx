import { sitePaths } from '@clinic/shared';
import type { PageData } from '../../lib/page-data';
import { strings } from '../../lib/i18n';
import { linkTo, pathOfUrl, type LinkTo, type PreviewContext } from '../../lib/links';
import { JsonLd, SiteChrome, type Crumb } from '../site-chrome';
import { ClinicPage } from './clinic-page';
import { HomePage } from './home-page';
import { LandingPage } from './landing-page';
import { LocationPage } from './location-page';
import { ProcedurePage } from './procedure-page';

/** Breadcrumbs of a page: home, then where it sits in the URL scheme. */
function crumbsOf(data: PageData, to: LinkTo): Crumb[] {
  const t = strings(data.locale);
  const home: Crumb = { name: t.home, href: to(sitePaths.home(data.locale)) };
  switch (data.page) {
    case 'landingPage':
      return [home, { name: data.landing.location.city, href: to(sitePaths.location(data.landing.location.slug, data.locale)) }, { name: data.landing.procedure.title }];
    case 'procedure':
      return [home, { name: t.procedures }, { name: data.procedure.title }];
    case 'location':
      return [home, { name: data.location.city }];
    case 'clinic':
      return [home, { name: data.clinic.location.city, href: to(data.clinic.location.path) }, { name: data.clinic.clinic.name }];
    case 'home':
      return [{ name: t.home }];
  }
}

function Body({ data, to }: { data: PageData; to: LinkTo }) {
  switch (data.page) {
    case 'landingPage':
      return <LandingPage landing={data.landing} locale={data.locale} linkTo={to} />;
    case 'procedure':
      return <ProcedurePage procedure={data.procedure} locale={data.locale} />;
    case 'location':
      return <LocationPage location={data.location} locale={data.locale} linkTo={to} />;
    case 'clinic':
      return <ClinicPage page={data.clinic} locale={data.locale} linkTo={to} />;
    case 'home':
      return <HomePage home={data.home} locale={data.locale} linkTo={to} />;
  }
}

/** Any page of the site: chrome, language switch, the page's body, its JSON-LD, and in preview the draft banner. */
export function SitePage({ data, preview }: { data: PageData; preview?: PreviewContext }) {
  const to = linkTo(preview);
  const other = data.locale === 'en' ? 'es' : 'en';
  const alt = data.seo.alternates.find((a) => a.hreflang.toLowerCase().startsWith(other));
  const t = strings(data.locale);
  return (
    <SiteChrome
      locale={data.locale}
      siteName={data.siteName}
      homeHref={to(sitePaths.home(data.locale))}
      switchHref={alt ? to(pathOfUrl(alt.url)) : undefined}
      crumbs={crumbsOf(data, to)}
      banner={
        preview ? (
          <div className="preview-banner" role="status">
            <strong>{t.preview}.</strong> {t.previewText(preview.expiresAt ?? '')}
          </div>
        ) : undefined
      }
    >
      <Body data={data} to={to} />
      {data.seo.jsonLd ? <JsonLd json={data.seo.jsonLd} /> : null}
    </SiteChrome>
  );
}
