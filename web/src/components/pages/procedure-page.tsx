import type { Locale } from '@clinic/shared';
import type { ProcedureQuery } from '../../gql/graphql';
import { Article, Faqs, Review } from '../page-sections';

/** The procedure article on its own. */
export function ProcedurePage({ procedure, locale }: { procedure: NonNullable<ProcedureQuery['procedure']>; locale: Locale }) {
  return (
    <>
      <h1>{procedure.title}</h1>
      <Article article={procedure} locale={locale} />
      <Faqs faqs={procedure.faqs} locale={locale} />
      <Review article={procedure} locale={locale} />
    </>
  );
}
