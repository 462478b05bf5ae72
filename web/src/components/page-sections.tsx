import { checkOpeningHours, openingHoursRows, sitePaths, timeZoneLabel, type Locale } from '@clinic/shared';
import type { LinkTo } from '../lib/links';
import type { ArticleFieldsFragment, ClinicFieldsFragment } from '../gql/graphql';
import { formatDate, formatHours, mapHref, strings, telHref } from '../lib/i18n';
import { Markdown } from './markdown';

/** The whole article: summary, about, the steps, benefits, risks, recovery, medical review. */
export function Article({ article, locale }: { article: ArticleFieldsFragment; locale: Locale }) {
  const t = strings(locale);
  return (
    <article className="article">
      <p className="lead">{article.summary}</p>
      <section aria-labelledby="about">
        <h2 id="about">{t.about}</h2>
        <Markdown>{article.body}</Markdown>
      </section>
      {article.steps.length ? (
        <section aria-labelledby="steps">
          <h2 id="steps">{t.steps}</h2>
          <ol className="steps">
            {article.steps.map((s, i) => (
              <li key={i}>
                <h3>{s.title}</h3>
                <Markdown>{s.body}</Markdown>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="benefits">
        <h2 id="benefits">{t.benefits}</h2>
        <Markdown>{article.benefits}</Markdown>
      </section>
      <section aria-labelledby="risks">
        <h2 id="risks">{t.risks}</h2>
        <Markdown>{article.risks}</Markdown>
      </section>
      <section aria-labelledby="recovery">
        <h2 id="recovery">{t.recovery}</h2>
        <Markdown>{article.recovery}</Markdown>
      </section>
    </article>
  );
}

export function Review({ article, locale }: { article: ArticleFieldsFragment; locale: Locale }) {
  const t = strings(locale);
  if (!article.reviewer && !article.lastReviewed) return null;
  return (
    <p className="review">
      {article.reviewer ? (
        <>
          {t.reviewedBy} <strong>{article.reviewer.name}</strong>, {article.reviewer.credentials}.{' '}
        </>
      ) : null}
      {article.lastReviewed ? (
        <>
          {t.reviewedOn}: <time dateTime={article.lastReviewed}>{formatDate(article.lastReviewed, locale)}</time>
        </>
      ) : null}
    </p>
  );
}

/** Structured hours as rows on the clinic's clock, upcoming closures; the old free text only while there are none. */
function ClinicHours({ clinic, locale, Heading }: { clinic: ClinicFieldsFragment; locale: Locale; Heading: 'h3' | 'h4' }) {
  const t = strings(locale);
  const hours = clinic.hours ? checkOpeningHours(clinic.hours).hours : undefined;
  if (!hours) {
    if (!clinic.openingHours.length) return null;
    return (
      <>
        <Heading>{t.hours}</Heading>
        <ul className="hours">
          {clinic.openingHours.map((h) => (
            <li key={h}>{formatHours(h, locale)}</li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <>
      <Heading>
        {t.hours} <small>({timeZoneLabel(hours.timeZone, locale)})</small>
      </Heading>
      <ul className="hours">
        {openingHoursRows(hours, locale).map((row) => (
          <li key={row.days}>
            {row.days}: {row.hours}
          </li>
        ))}
      </ul>
      {hours.closures.length ? (
        <ul className="closures">
          {hours.closures.map((c) => (
            <li key={c.from}>
              {t.closed} {formatDate(c.from, locale)}
              {c.to && c.to !== c.from ? ` – ${formatDate(c.to, locale)}` : ''}
              {c.label ? ` (${c.label})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * Where a clinic is, how to call it (click-to-call), when it is open, and the way there. `level`: the heading
 * level of the section it sits in (a card's clinic name is an h3, the clinic page's contact section an h2), so
 * that the hours heading comes right under it (screen readers, Lighthouse's heading order).
 */
export function ClinicContact({ clinic, locale, level = 3 }: { clinic: ClinicFieldsFragment; locale: Locale; level?: 2 | 3 }) {
  const t = strings(locale);
  return (
    <>
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
      <ClinicHours clinic={clinic} locale={locale} Heading={level === 2 ? 'h3' : 'h4'} />
      <p>
        <a href={mapHref(clinic)} rel="noopener">
          {t.map(clinic.name)}
        </a>
      </p>
    </>
  );
}

export function Clinics({ clinics, heading, locale, linkTo }: { clinics: ClinicFieldsFragment[]; heading: string; locale: Locale; linkTo: LinkTo }) {
  if (!clinics.length) return null;
  return (
    <section aria-labelledby="clinics" className="clinics">
      <h2 id="clinics">{heading}</h2>
      <ul>
        {clinics.map((c) => (
          <li key={c.id} className="card">
            <h3>
              <a href={linkTo(sitePaths.clinic(c.slug, locale))}>{c.name}</a>
            </h3>
            <ClinicContact clinic={c} locale={locale} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Faqs({ faqs, locale }: { faqs: Array<{ question: string; answer: string }>; locale: Locale }) {
  const t = strings(locale);
  if (!faqs.length) return null;
  return (
    <section aria-labelledby="faq" className="faq">
      <h2 id="faq">{t.faq}</h2>
      {faqs.map((f, i) => (
        <div key={i}>
          <h3>{f.question}</h3>
          <Markdown>{f.answer}</Markdown>
        </div>
      ))}
    </section>
  );
}

/** The call to action: phone the first clinic. Works without JavaScript on every phone. */
export function CallToAction({ clinic, locale }: { clinic?: ClinicFieldsFragment; locale: Locale }) {
  const t = strings(locale);
  if (!clinic) return null;
  return (
    <aside className="cta" aria-labelledby="cta">
      <h2 id="cta">{t.cta}</h2>
      <p>{t.ctaText}</p>
      <a className="button" href={telHref(clinic.phone)}>
        {t.ctaCall(clinic.phone)}
      </a>
    </aside>
  );
}
