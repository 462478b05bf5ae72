import type { Locale } from '@clinic/shared';
import type { LandingPageQuery } from '../../gql/graphql';
import { strings } from '../../lib/i18n';
import type { LinkTo } from '../../lib/links';
import { Article, CallToAction, Clinics, Faqs, Review } from '../page-sections';

/** Procedure × city: the intro, the whole article, the city's clinics offering it, FAQ, review. */
export function LandingPage({ landing, locale, linkTo }: { landing: NonNullable<LandingPageQuery['landingPage']>; locale: Locale; linkTo: LinkTo }) {
  const t = strings(locale);
  return (
    <>
      <h1>{landing.h1}</h1>
      <p className="intro">{landing.intro}</p>
      <CallToAction clinic={landing.clinics[0]} locale={locale} />
      <Article article={landing.procedure} locale={locale} />
      <Clinics clinics={landing.clinics} heading={t.clinics(landing.location.city)} locale={locale} linkTo={linkTo} />
      <Faqs faqs={landing.faqs} locale={locale} />
      <Review article={landing.procedure} locale={locale} />
    </>
  );
}
