import { sitePaths, type Locale } from '@clinic/shared';
import type { HomeQuery } from '../../gql/graphql';
import { strings, telHref } from '../../lib/i18n';
import type { LinkTo } from '../../lib/links';

type Organization = HomeQuery['site']['organization'];

/**
 * The clinic group: its name, legal name and the numbers patients call (the same data as the page's
 * MedicalOrganization JSON-LD). The logo stays in the structured data: it is served from the media host,
 * which the page's image policy does not name.
 */
function OrganizationSection({ org, locale }: { org: Organization; locale: Locale }) {
  const t = strings(locale);
  return (
    <section aria-labelledby="organization">
      <h2 id="organization">{t.group}</h2>
      <p>
        <strong>{org.name}</strong>
        {org.legalName ? (
          <>
            {' '}
            ({t.legalName}: {org.legalName})
          </>
        ) : null}
      </p>
      {org.contactPoints.length ? (
        <>
          <h3>{t.contactUs}</h3>
          <ul className="links">
            {org.contactPoints.map((c) => (
              <li key={`${c.contactType}-${c.telephone}`}>
                {t.contactTypes[c.contactType] ?? c.contactType}: <a href={telHref(c.telephone)}>{c.telephone}</a>
                {c.languages.length ? ` (${t.spoken}: ${c.languages.map((l) => t.languageNames[l] ?? l).join(', ')})` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {org.sameAs.length ? (
        <p>
          {t.profiles}:{' '}
          {org.sameAs.map((url, i) => (
            <span key={url}>
              {i ? ', ' : null}
              <a href={url} rel="me">
                {new URL(url).hostname.replace(/^www\./, '')}
              </a>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}

/** The site's cities (each with its landing pages), its procedures and the group behind it. */
export function HomePage({ home, locale, linkTo }: { home: HomeQuery; locale: Locale; linkTo: LinkTo }) {
  const t = strings(locale);
  return (
    <>
      <h1>{home.site.name}</h1>
      <section aria-labelledby="locations">
        <h2 id="locations">{t.locations}</h2>
        <ul className="links">
          {home.locations.map((l) => (
            <li key={l.slug}>
              <h3>
                <a href={linkTo(sitePaths.location(l.slug, locale))}>
                  {l.city}, {l.state}
                </a>
              </h3>
              <ul>
                {l.procedures.map((p) => (
                  <li key={p.slug}>
                    <a href={linkTo(sitePaths.landingPage(l.slug, p.slug, locale))}>{t.readIn(p.title, l.city)}</a>
                  </li>
                ))}
                {l.clinics.map((c) => (
                  <li key={c.slug}>
                    <a href={linkTo(sitePaths.clinic(c.slug, locale))}>{c.name}</a>
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
          {home.procedures.map((p) => (
            <li key={p.slug}>
              <a href={linkTo(sitePaths.procedure(p.slug, locale))}>{p.title}</a>
              <p>{p.summary}</p>
            </li>
          ))}
        </ul>
      </section>
      <OrganizationSection org={home.site.organization} locale={locale} />
    </>
  );
}
