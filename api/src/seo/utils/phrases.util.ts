import type { Locale } from '@clinic/shared';

/**
 * The few words the gateway writes itself into titles and headings. Every locale has its own: a
 * Spanish page must never carry an English connector ("Cifoplastia in Chicago").
 */
export const PHRASES: Record<
  Locale,
  {
    procedureIn: (procedure: string, place: string) => string;
    spineCareIn: (place: string) => string;
    clinicSummary: (clinic: string, place: string, procedures: string[]) => string;
    siteSummary: (site: string) => string;
  }
> = {
  en: {
    procedureIn: (procedure, place) => `${procedure} in ${place}`,
    spineCareIn: (place) => `Spine care in ${place}`,
    clinicSummary: (clinic, place, procedures) => `${clinic} in ${place}: address, phone, opening hours and directions.${procedures.length ? ` Procedures: ${procedures.join(', ')}.` : ''}`,
    siteSummary: (site) => `${site}: spine specialists. Procedures, clinics and how to book a consultation.`,
  },
  es: {
    procedureIn: (procedure, place) => `${procedure} en ${place}`,
    spineCareIn: (place) => `Atención de columna en ${place}`,
    clinicSummary: (clinic, place, procedures) =>
      `${clinic} en ${place}: dirección, teléfono, horario y cómo llegar.${procedures.length ? ` Procedimientos: ${procedures.join(', ')}.` : ''}`,
    siteSummary: (site) => `${site}: especialistas de columna. Procedimientos, clínicas y cómo pedir una consulta.`,
  },
};
