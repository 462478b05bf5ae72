import { sitePaths, type Locale } from '@clinic/shared';
import type { LocationQuery } from '../../gql/graphql';
import { strings } from '../../lib/i18n';
import type { LinkTo } from '../../lib/links';
import { Clinics } from '../page-sections';

/** A city: its intro, the procedures offered there (each a landing page), its clinics. */
export function LocationPage({ location, locale, linkTo }: { location: NonNullable<LocationQuery['location']>; locale: Locale; linkTo: LinkTo }) {
  const t = strings(locale);
  return (
    <>
      <h1>
        {location.city}, {location.state}
      </h1>
      <p className="intro">{location.intro}</p>
      <section aria-labelledby="procedures">
        <h2 id="procedures">{t.proceduresIn(location.city)}</h2>
        <ul className="links">
          {location.procedures.map((p) => (
            <li key={p.slug}>
              <a href={linkTo(sitePaths.landingPage(location.slug, p.slug, locale))}>{t.readIn(p.title, location.city)}</a>
              <p>{p.summary}</p>
            </li>
          ))}
        </ul>
      </section>
      <Clinics clinics={location.clinics} heading={t.allClinics(location.city)} locale={locale} linkTo={linkTo} />
    </>
  );
}
