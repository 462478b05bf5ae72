import { sitePaths, type Locale } from '@clinic/shared';
import type { HomeQuery } from '../../gql/graphql';
import { strings } from '../../lib/i18n';
import type { LinkTo } from '../../lib/links';

/** The site's cities (each with its landing pages) and its procedures. */
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
    </>
  );
}
