import type { Locale } from '@clinic/shared';
import type { ClinicQuery } from '../../gql/graphql';
import { mapHref, strings, telHref } from '../../lib/i18n';
import type { LinkTo } from '../../lib/links';
import { ClinicHours } from '../page-sections';

/** One clinic: where it is, how to call, when it is open, what it does (each procedure its landing page). */
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
        {clinic.address ? (
          <address>
            {clinic.address.street}
            <br />
            {clinic.address.city}, {clinic.address.state} {clinic.address.postalCode}
          </address>
        ) : null}
        <p>
          <a className="phone" href={telHref(clinic.phone)} aria-label={t.call(clinic.name, clinic.phone)}>
            {clinic.phone}
          </a>
        </p>
        <p>
          <a href={mapHref(clinic)} rel="noopener">
            {t.map(clinic.name)}
          </a>
        </p>
        <ClinicHours clinic={clinic} locale={locale} />
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
