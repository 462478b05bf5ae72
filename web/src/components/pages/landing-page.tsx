import { sitePaths, type Locale } from '@clinic/shared';
import type { LandingPageQuery } from '../../gql/graphql';
import { strings } from '../../lib/i18n';
import type { LinkTo } from '../../lib/links';
import { CallToAction, Clinics, Faqs } from '../page-sections';

/**
 * Procedure × city: what is local is the page — the intro, the clinics there offering it (hours, address,
 * phone), the page's own questions — and the procedure itself is a summary linking to its one article. The
 * whole article on every city's page made the city pages copies of each other (README, "The uniqueness guard").
 */
export function LandingPage({ landing, locale, linkTo }: { landing: NonNullable<LandingPageQuery['landingPage']>; locale: Locale; linkTo: LinkTo }) {
  const t = strings(locale);
  const { procedure } = landing;
  return (
    <>
      <h1>{landing.h1}</h1>
      <p className="intro">{landing.intro}</p>
      <CallToAction clinic={landing.clinics[0]} locale={locale} />
      <Clinics clinics={landing.clinics} heading={t.clinics(landing.location.city)} locale={locale} linkTo={linkTo} />
      <Faqs faqs={landing.faqs} locale={locale} />
      <section aria-labelledby="procedure" className="procedure-summary">
        <h2 id="procedure">{t.aboutProcedure(procedure.title)}</h2>
        <p className="lead">{procedure.summary}</p>
        <p>
          <a href={linkTo(sitePaths.procedure(procedure.slug, locale))}>{t.readArticle(procedure.title)}</a>
        </p>
      </section>
    </>
  );
}
