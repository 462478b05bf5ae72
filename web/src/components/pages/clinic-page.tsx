import type { Locale } from '@clinic/shared';
import type { ClinicQuery } from '../../gql/graphql';
import { strings } from '../../lib/i18n';
import type { LinkTo } from '../../lib/links';
import { ClinicContact } from '../page-sections';

/** One clinic: its contact block (as on the cards that list it), what it does (each procedure its landing page). */
export function ClinicPage({ page, locale, linkTo }: { page: NonNullable<ClinicQuery['clinic']>; locale: Locale; linkTo: LinkTo }) {
  const t = strings(locale);
  const { clinic, location } = page;
  return (
    <>
      <h1>{clinic.name}</h1>
      <p className="intro">
        <a href={linkTo(location.path)}>{t.clinicIn(`${location.city}, ${location.state}`)}</a>
      </p>
      <section aria-labelledby="contact" className="card">
        <h2 id="contact">{t.contact}</h2>
        <ClinicContact clinic={clinic} locale={locale} level={2} />
      </section>
      {page.procedures.length ? (
        <section aria-labelledby="procedures">
          <h2 id="procedures">{t.clinicProcedures}</h2>
          <ul className="links">
            {page.procedures.map((p) => (
              <li key={p.slug}>
                <a href={linkTo(p.landingPath)}>{t.readIn(p.title, location.city)}</a>
                <p>{p.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
