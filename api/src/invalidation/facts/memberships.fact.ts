import { LOCALES, cacheTags } from '@clinic/shared';
import { defineFact } from '../utils/define-fact.util.js';

/** Which clinics are in a city. */
export const clinicsInFact = defineFact({
  name: 'clinicsIn',
  tag: cacheTags.clinicsIn,
  pattern: /^members:clinic:location:[^:]+$/,
  fromRows: (view, emit) => {
    for (const [L, ids] of view.clinicsIn) emit(clinicsInFact.tag(L), [...ids].sort().join(','));
  },
});

/** Which clinics of a city offer a procedure (absent: none, and the landing page does not exist). */
export const clinicsOfferingFact = defineFact({
  name: 'clinicsOffering',
  tag: cacheTags.clinicsOffering,
  pattern: /^members:clinic:location:[^:]+:procedure:[^:]+$/,
  fromRows: (view, emit) => {
    for (const [k, ids] of view.clinicsOffering) {
      const [L, P] = k.split('\u0000');
      emit(clinicsOfferingFact.tag(L, P), [...ids].sort().join(','));
    }
  },
});

/** Which procedures offered in a city exist in a locale. */
export const proceduresInFact = defineFact({
  name: 'proceduresIn',
  tag: cacheTags.proceduresIn,
  pattern: /^members:procedure:location:[^:]+:[^:]+$/,
  fromRows: (view, emit) => {
    for (const [L, ps] of view.proceduresIn) for (const l of LOCALES) emit(proceduresInFact.tag(L, l), view.inLocale(ps, 'procedure', l));
  },
});

/** Which procedures a clinic offers that exist in a locale (its page lists them). */
export const proceduresAtFact = defineFact({
  name: 'proceduresAt',
  tag: cacheTags.proceduresAt,
  pattern: /^members:procedure:clinic:[^:]+:[^:]+$/,
  fromRows: (view, emit) => {
    for (const c of view.rows('clinic')) {
      for (const l of LOCALES) emit(proceduresAtFact.tag(c.documentId, l), view.inLocale(c.procedures ?? [], 'procedure', l));
    }
  },
});
