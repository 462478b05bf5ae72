import type { Locale } from '@clinic/shared';

/** The site's own interface text; content comes translated from the CMS. */
const STRINGS = {
  en: {
    skip: 'Skip to main content',
    home: 'Home',
    breadcrumb: 'Breadcrumb',
    language: 'Language',
    otherLanguage: 'Español',
    otherLanguageLabel: 'Esta página en español',
    about: 'About the procedure',
    steps: 'What happens, step by step',
    benefits: 'Benefits',
    risks: 'Risks',
    recovery: 'Recovery',
    clinics: (city: string) => `Clinics in ${city} that offer this procedure`,
    allClinics: (city: string) => `Our clinics in ${city}`,
    clinicIn: (city: string) => `Spine clinic in ${city}`,
    clinicProcedures: 'Procedures at this clinic',
    contact: 'Address and phone',
    cityPage: (city: string) => `Spine care in ${city}`,
    call: (name: string, phone: string) => `Call ${name} at ${phone}`,
    hours: 'Opening hours',
    closed: 'Closed',
    map: (name: string) => `Map and directions to ${name}`,
    faq: 'Frequently asked questions',
    reviewedBy: 'Medically reviewed by',
    reviewedOn: 'Last reviewed',
    cta: 'Book a consultation',
    ctaText: 'Talk to a spine specialist about whether this procedure is right for you.',
    ctaCall: (phone: string) => `Call ${phone}`,
    proceduresIn: (city: string) => `Procedures offered in ${city}`,
    procedures: 'Procedures',
    locations: 'Locations',
    where: 'Where to have it',
    readIn: (procedure: string, city: string) => `${procedure} in ${city}`,
    aboutProcedure: (procedure: string) => `About ${procedure}`,
    readArticle: (procedure: string) => `Read the full article: how ${procedure} works, its benefits, risks and recovery`,
    notFound: 'Page not found',
    notFoundText: 'We could not find that page. It may have moved.',
    gone: 'Page removed',
    goneText: 'This page has been removed and will not come back.',
    backHome: 'Go to the home page',
    preview: 'Draft preview',
    previewText: (until: string) => `You are seeing unpublished content. This link works until ${until}. Patients do not see this page.`,
    footer: 'Patient information, not medical advice. Talk to your doctor about your own situation.',
    group: 'About us',
    legalName: 'Legal name',
    contactUs: 'How to reach us',
    contactTypes: { customer_service: 'Patient services', reservations: 'Appointments', billing: 'Billing', emergency: 'Urgent line' } as Record<string, string>,
    spoken: 'Languages',
    languageNames: { en: 'English', es: 'Spanish' } as Record<string, string>,
    profiles: 'Find us on',
    days: { Mo: 'Monday', Tu: 'Tuesday', We: 'Wednesday', Th: 'Thursday', Fr: 'Friday', Sa: 'Saturday', Su: 'Sunday' },
  },
  es: {
    skip: 'Saltar al contenido principal',
    home: 'Inicio',
    breadcrumb: 'Ruta de navegación',
    language: 'Idioma',
    otherLanguage: 'English',
    otherLanguageLabel: 'This page in English',
    about: 'Sobre el procedimiento',
    steps: 'Qué sucede, paso a paso',
    benefits: 'Beneficios',
    risks: 'Riesgos',
    recovery: 'Recuperación',
    clinics: (city: string) => `Clínicas en ${city} que ofrecen este procedimiento`,
    allClinics: (city: string) => `Nuestras clínicas en ${city}`,
    clinicIn: (city: string) => `Clínica de columna en ${city}`,
    clinicProcedures: 'Procedimientos en esta clínica',
    contact: 'Dirección y teléfono',
    cityPage: (city: string) => `Atención de columna en ${city}`,
    call: (name: string, phone: string) => `Llamar a ${name} al ${phone}`,
    hours: 'Horario',
    closed: 'Cerrado',
    map: (name: string) => `Mapa y cómo llegar a ${name}`,
    faq: 'Preguntas frecuentes',
    reviewedBy: 'Revisión médica de',
    reviewedOn: 'Última revisión',
    cta: 'Pida una consulta',
    ctaText: 'Hable con un especialista de columna sobre si este procedimiento es adecuado para usted.',
    ctaCall: (phone: string) => `Llamar al ${phone}`,
    proceduresIn: (city: string) => `Procedimientos en ${city}`,
    procedures: 'Procedimientos',
    locations: 'Ubicaciones',
    where: 'Dónde realizarlo',
    readIn: (procedure: string, city: string) => `${procedure} en ${city}`,
    aboutProcedure: (procedure: string) => `Sobre ${procedure.toLowerCase()}`,
    readArticle: (procedure: string) => `Lea el artículo completo: cómo funciona ${procedure.toLowerCase()}, sus beneficios, riesgos y recuperación`,
    notFound: 'Página no encontrada',
    notFoundText: 'No encontramos esa página. Es posible que se haya movido.',
    gone: 'Página eliminada',
    goneText: 'Esta página se ha eliminado y no volverá a estar disponible.',
    backHome: 'Ir a la página de inicio',
    preview: 'Vista previa del borrador',
    previewText: (until: string) => `Está viendo contenido no publicado. Este enlace vale hasta ${until}. Los pacientes no ven esta página.`,
    footer: 'Información para pacientes, no consejo médico. Hable con su médico sobre su caso.',
    group: 'Quiénes somos',
    legalName: 'Razón social',
    contactUs: 'Cómo contactarnos',
    contactTypes: { customer_service: 'Atención al paciente', reservations: 'Citas', billing: 'Facturación', emergency: 'Línea urgente' } as Record<string, string>,
    spoken: 'Idiomas',
    languageNames: { en: 'inglés', es: 'español' } as Record<string, string>,
    profiles: 'Encuéntrenos en',
    days: { Mo: 'lunes', Tu: 'martes', We: 'miércoles', Th: 'jueves', Fr: 'viernes', Sa: 'sábado', Su: 'domingo' },
  },
} as const;

export type Strings = (typeof STRINGS)['en'] | (typeof STRINGS)['es'];
export const strings = (locale: Locale): Strings => STRINGS[locale];

/** "Mo-Fr 08:00-17:00" (schema.org openingHours) → "Monday–Friday 08:00–17:00". */
export function formatHours(spec: string, locale: Locale): string {
  const days = STRINGS[locale].days as Record<string, string>;
  const [dayPart, timePart] = spec.trim().split(/\s+/, 2);
  const dayText = dayPart
    .split(',')
    .map((range) =>
      range
        .split('-')
        .map((d) => days[d] ?? d)
        .join('–'),
    )
    .join(', ');
  return timePart ? `${dayText} ${timePart.replace('-', '–')}` : dayText;
}

/** A formatted long date ("March 3, 2026" / "3 de marzo de 2026") of an ISO date, in UTC. */
export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** `tel:` URI of a North American phone number as editors type it ("(312) 555-0142"). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  return `tel:${digits.length === 10 ? `+1${digits}` : digits}`;
}

/** OpenStreetMap link to a clinic: its coordinates when known, else a search for its address. */
export function mapHref(clinic: { name: string; geo: { lat: number; lng: number } | null; address: { street: string; city: string; state: string; postalCode: string } | null }): string {
  if (clinic.geo) return `https://www.openstreetmap.org/?mlat=${clinic.geo.lat}&mlon=${clinic.geo.lng}#map=17/${clinic.geo.lat}/${clinic.geo.lng}`;
  const a = clinic.address;
  const q = a ? `${a.street}, ${a.city}, ${a.state} ${a.postalCode}` : clinic.name;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(q)}`;
}
