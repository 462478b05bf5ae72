import { parseOpeningHoursText, toStrapiOpeningHours, type Closure, type OpeningHours } from '@clinic/shared';

/**
 * Demo content created on first boot (see seed.ts). Fictional clinics, people, phone numbers
 * (555-01xx) and domains (.example). Medical copy is general patient information, not advice.
 */
export type SeedLocale = 'en' | 'es';

export interface SeedDocument {
  /** Lookup key: slug (or `<procedure>@<location>` for landing pages). */
  key: string;
  /** Data per locale; the first entry creates the document, the others become localizations. */
  locales: Partial<Record<SeedLocale, Record<string, unknown>>>;
}

const kyphoplastyEn = {
  title: 'Kyphoplasty',
  slug: 'kyphoplasty',
  summary:
    'Kyphoplasty is a minimally invasive treatment for painful vertebral compression fractures. A small balloon lifts the collapsed bone and medical-grade cement holds it in place, usually without an overnight hospital stay.',
  body: [
    'A vertebral compression fracture happens when one of the block-shaped bones of the spine gives way and collapses. Bones thinned by osteoporosis are the most common cause, and sometimes a minor fall or even a cough is enough. The result can be sudden back pain, a loss of height and a forward stoop that makes everyday movement hard.',
    '**Kyphoplasty** was developed to treat exactly this kind of fracture. Working through an opening about the width of a pencil, and guided by live X-ray (fluoroscopy) or CT imaging, your doctor raises the collapsed bone back toward its natural shape and then stabilises it from the inside.',
    'Because there is no large incision, most patients go home the same day. The procedure itself usually takes one to two hours, depending on how many vertebrae are treated.',
    '## Is kyphoplasty right for me?',
    'It is typically considered when a compression fracture keeps causing significant pain despite rest, a brace and pain medication. A spine specialist will look at your imaging, your bone health and your general health with you before recommending it.',
  ].join('\n\n'),
  steps: [
    {
      title: 'Restoring the height of the vertebra',
      body: 'Through a small incision, and with X-ray or CT guidance, the doctor guides a narrow tube into the fractured vertebra. A tiny balloon is passed through it and slowly inflated, lifting the collapsed bone and recovering some of its lost height. The balloon is then deflated and removed, leaving a small cavity.',
    },
    {
      title: 'Stabilising the fracture with bone cement',
      body: 'The cavity is filled with medical-grade bone cement, which sets within minutes. It supports the vertebra from the inside, stabilising the fracture, easing pain and helping keep the spine in line.',
    },
  ],
  benefits: [
    '- **Less pain** – many patients notice their back pain easing within a few days.',
    '- **Easier movement** – a stable vertebra makes walking, sitting and daily tasks more comfortable.',
    '- **Better posture** – restoring lost height can reduce the hunched posture that collapsed vertebrae cause.',
    '- **An alternative to open surgery** – far less invasive than operations such as spinal fusion, with a much shorter recovery.',
    '- **Usually outpatient** – most people return home on the day of the procedure.',
  ].join('\n'),
  risks: [
    'Every surgical procedure carries some risk, and kyphoplasty is no exception. Possible complications include infection, bleeding, a reaction to the anaesthetic and, rarely, bone cement spreading outside the vertebra.',
    'Your doctor will explain how these risks apply to your situation and what the care team does to keep them low. Go through all of your questions, and the benefits and risks together, before deciding whether the procedure is right for you.',
  ].join('\n\n'),
  recovery: [
    '## Right after the procedure',
    'You will rest in a recovery area while the team monitors you for a few hours. Arrange for someone to drive you home.',
    '## The first days',
    'Many patients feel relief quickly. Some soreness where the tube was inserted is normal and usually settles within a few days. Short, gentle walks are encouraged; your care team will tell you when you can return to heavier activities.',
    '## Protecting your spine',
    'Because most compression fractures are linked to weakened bones, ask your doctor about a bone-density check and treatment that lowers the chance of another fracture.',
  ].join('\n\n'),
  faqs: [
    {
      question: 'How long does kyphoplasty take?',
      answer: 'Usually about one to two hours, depending on how many vertebrae are treated. Afterwards you are monitored for a few hours before going home.',
    },
    {
      question: 'Will I need to stay in the hospital?',
      answer: 'Most patients do not. Kyphoplasty is often performed as an outpatient procedure, so you can usually go home the same day once the team is happy with your recovery.',
    },
    {
      question: 'How is kyphoplasty different from spinal fusion?',
      answer:
        'Spinal fusion is open surgery that permanently joins vertebrae together and needs weeks of recovery. Kyphoplasty treats the fractured vertebra itself through a small incision, so recovery is typically much quicker.',
    },
    {
      question: 'When will I feel better?',
      answer: 'Many people notice less pain within a few days. Everyone heals differently, so your doctor will give you a recovery plan that fits your situation.',
    },
    {
      question: 'Is kyphoplasty safe?',
      answer:
        'It is a well-established, minimally invasive procedure, but like any surgery it carries some risks. Discuss them with your spine specialist, who can tell you whether it is a good option for you.',
    },
  ],
  seo: {
    metaTitle: 'Kyphoplasty for Spinal Compression Fractures',
    metaDescription: 'How kyphoplasty treats painful vertebral compression fractures: a minimally invasive, usually outpatient procedure that can ease pain and restore height.',
    noIndex: false,
  },
  reviewer: { name: 'Dr. Elena Ruiz', credentials: 'MD, Interventional Spine Specialist' },
  lastReviewed: '2026-10-01',
};

const kyphoplastyEs = {
  title: 'Cifoplastia',
  slug: 'kyphoplasty',
  // Spanish URLs in Spanish: /es/chicago/cifoplastia. Chicago keeps its name (and slug) in Spanish.
  localeSlug: 'cifoplastia',
  summary:
    'La cifoplastia es un tratamiento mínimamente invasivo para las fracturas vertebrales por compresión. Un pequeño balón eleva el hueso hundido y un cemento óseo de grado médico lo fija, normalmente sin pasar la noche en el hospital.',
  body: [
    'Una fractura vertebral por compresión ocurre cuando uno de los huesos de la columna cede y se aplasta. La causa más frecuente es la osteoporosis, que debilita los huesos; a veces basta una caída leve o incluso un golpe de tos. El resultado puede ser un dolor de espalda repentino, pérdida de estatura y una postura encorvada que dificulta los movimientos diarios.',
    'La **cifoplastia** se creó precisamente para tratar este tipo de fractura. A través de una abertura del grosor de un lápiz, y guiado por rayos X en tiempo real (fluoroscopia) o por tomografía computarizada, el médico devuelve el hueso hundido hacia su forma natural y luego lo estabiliza desde dentro.',
    'Como no hace falta una incisión grande, la mayoría de los pacientes vuelve a casa el mismo día. El procedimiento suele durar entre una y dos horas, según cuántas vértebras se traten.',
    '## ¿Es la cifoplastia adecuada para mí?',
    'Suele considerarse cuando una fractura por compresión sigue causando mucho dolor a pesar del reposo, el uso de una faja y los analgésicos. Un especialista en columna revisará con usted sus imágenes, su salud ósea y su estado general antes de recomendarla.',
  ].join('\n\n'),
  steps: [
    {
      title: 'Recuperar la altura de la vértebra',
      body: 'A través de una pequeña incisión, y con la guía de rayos X o tomografía, el médico introduce un tubo fino en la vértebra fracturada. Por él pasa un pequeño balón que se infla lentamente para levantar el hueso hundido y recuperar parte de la altura perdida. Después se desinfla y se retira, dejando una pequeña cavidad.',
    },
    {
      title: 'Estabilizar la fractura con cemento óseo',
      body: 'La cavidad se rellena con cemento óseo de grado médico, que se endurece en pocos minutos. Sostiene la vértebra desde dentro, estabiliza la fractura, alivia el dolor y ayuda a mantener la columna alineada.',
    },
  ],
  benefits: [
    '- **Menos dolor**: muchos pacientes notan alivio del dolor de espalda en pocos días.',
    '- **Más movilidad**: una vértebra estable hace más cómodo caminar, sentarse y realizar las tareas diarias.',
    '- **Mejor postura**: recuperar la altura perdida puede reducir la postura encorvada que causan las vértebras aplastadas.',
    '- **Una alternativa a la cirugía abierta**: mucho menos invasiva que operaciones como la fusión espinal, con una recuperación mucho más corta.',
    '- **Normalmente ambulatoria**: la mayoría de las personas vuelve a casa el mismo día.',
  ].join('\n'),
  risks: [
    'Toda intervención quirúrgica conlleva algún riesgo, y la cifoplastia no es una excepción. Entre las posibles complicaciones están la infección, el sangrado, una reacción a la anestesia y, en raras ocasiones, que el cemento óseo salga de la vértebra.',
    'Su médico le explicará cómo se aplican estos riesgos a su caso y qué hace el equipo para reducirlos. Repase con él todas sus dudas, y los beneficios y riesgos, antes de decidir si el procedimiento es adecuado para usted.',
  ].join('\n\n'),
  recovery: [
    '## Justo después del procedimiento',
    'Descansará en una sala de recuperación mientras el equipo le vigila durante unas horas. Organice que alguien le lleve a casa.',
    '## Los primeros días',
    'Muchos pacientes sienten alivio pronto. Es normal cierta molestia en el punto donde se introdujo el tubo, que suele desaparecer en pocos días. Se recomiendan paseos cortos y suaves; su equipo médico le dirá cuándo puede retomar actividades más exigentes.',
    '## Cuidar su columna',
    'Como la mayoría de las fracturas por compresión se deben a huesos debilitados, pregunte a su médico por una densitometría ósea y por un tratamiento que reduzca el riesgo de otra fractura.',
  ].join('\n\n'),
  faqs: [
    {
      question: '¿Cuánto dura una cifoplastia?',
      answer: 'Normalmente entre una y dos horas, según cuántas vértebras se traten. Después permanecerá en observación unas horas antes de volver a casa.',
    },
    {
      question: '¿Tendré que quedarme ingresado en el hospital?',
      answer:
        'La mayoría de los pacientes no. La cifoplastia suele realizarse de forma ambulatoria, así que normalmente puede irse a casa el mismo día cuando el equipo confirme que se recupera bien.',
    },
    {
      question: '¿En qué se diferencia la cifoplastia de la fusión espinal?',
      answer:
        'La fusión espinal es una cirugía abierta que une vértebras de forma permanente y requiere semanas de recuperación. La cifoplastia trata la propia vértebra fracturada a través de una pequeña incisión, por lo que la recuperación suele ser mucho más rápida.',
    },
    {
      question: '¿Cuándo me sentiré mejor?',
      answer: 'Muchas personas notan menos dolor en pocos días. Cada persona se recupera a su ritmo, así que su médico le dará un plan de recuperación adaptado a su caso.',
    },
    {
      question: '¿Es segura la cifoplastia?',
      answer:
        'Es un procedimiento mínimamente invasivo y bien establecido, pero como toda cirugía conlleva algunos riesgos. Háblelos con su especialista en columna, que le dirá si es una buena opción para usted.',
    },
  ],
  seo: {
    metaTitle: 'Cifoplastia para fracturas vertebrales por compresión',
    metaDescription: 'Cómo la cifoplastia trata las fracturas vertebrales por compresión: un procedimiento mínimamente invasivo y ambulatorio que alivia el dolor.',
    noIndex: false,
  },
  reviewer: { name: 'Dr. Elena Ruiz', credentials: 'MD, especialista en intervencionismo de columna' },
};

export const PROCEDURES: SeedDocument[] = [{ key: 'kyphoplasty', locales: { en: kyphoplastyEn, es: kyphoplastyEs } }];

export const LOCATIONS: SeedDocument[] = [
  {
    key: 'chicago',
    locales: {
      en: {
        city: 'Chicago',
        state: 'IL',
        slug: 'chicago',
        intro:
          'Our Chicago spine specialists see patients at two clinics: one in the Loop, a short walk from the major train lines, and one on the North Side near Lincoln Park. Both offer same-week consultations, on-site imaging and minimally invasive treatments for back and neck pain, including kyphoplasty for vertebral compression fractures.',
        seo: {
          metaTitle: 'Spine Care in Chicago, IL',
          metaDescription: 'Spine specialists in the Chicago Loop and on the North Side: same-week consultations, on-site imaging and minimally invasive treatment.',
          noIndex: false,
        },
      },
      es: {
        slug: 'chicago',
        intro:
          'Nuestros especialistas en columna de Chicago atienden en dos clínicas: una en el Loop, a pocos pasos de las principales líneas de tren, y otra en el North Side, cerca de Lincoln Park. Ambas ofrecen consultas en la misma semana, pruebas de imagen en el centro y tratamientos mínimamente invasivos para el dolor de espalda y cuello, como la cifoplastia para las fracturas vertebrales por compresión.',
        seo: {
          metaTitle: 'Atención de columna en Chicago, IL',
          metaDescription: 'Especialistas en columna en el Loop y el North Side de Chicago: consultas en la misma semana y tratamientos mínimamente invasivos.',
          noIndex: false,
        },
      },
    },
  },
  {
    key: 'evanston',
    locales: {
      en: {
        city: 'Evanston',
        state: 'IL',
        slug: 'evanston',
        intro:
          'Our Evanston clinic brings specialist spine care to the North Shore, close to downtown Evanston with easy parking. The team diagnoses and treats back pain, spinal fractures and nerve pain, and works closely with your primary care doctor.',
        seo: {
          metaTitle: 'Spine Care in Evanston, IL',
          metaDescription: 'Specialist spine care on the North Shore: diagnosis and minimally invasive treatment of back pain and spinal fractures in Evanston.',
          noIndex: false,
        },
      },
    },
  },
];

/** Seeded hours are written the way editors read them; the shared reader turns them into periods. */
function weeklyHours(text: string, closures: Closure[]): OpeningHours {
  const { hours, unparsed } = parseOpeningHoursText(text);
  if (unparsed.length) throw new Error(`seed opening hours not understood: ${unparsed.join(' | ')}`);
  return toStrapiOpeningHours({ ...hours, closures });
}

/** Clinics reference their city and procedures by slug; seed.ts resolves them. */
export const CLINICS: Array<SeedDocument & { location: string; procedures: string[] }> = [
  {
    key: 'chicago-loop-spine-center',
    location: 'chicago',
    procedures: ['kyphoplasty'],
    locales: {
      en: {
        name: 'Chicago Loop Spine Center',
        slug: 'chicago-loop-spine-center',
        phone: '(312) 555-0142',
        address: { street: '120 W Monroe St, Suite 1100', city: 'Chicago', state: 'IL', postalCode: '60603' },
        geo: { lat: 41.8807, lng: -87.6313 },
        hours: weeklyHours('Mo-Fr 07:30-17:30\nSa 08:00-12:00', [
          { from: '2026-12-24', to: '2026-12-25', label: 'Christmas' },
          { from: '2027-01-01', label: "New Year's Day" },
        ]),
      },
    },
  },
  {
    key: 'chicago-north-side-spine-clinic',
    location: 'chicago',
    procedures: ['kyphoplasty'],
    locales: {
      en: {
        name: 'Chicago North Side Spine Clinic',
        slug: 'chicago-north-side-spine-clinic',
        phone: '(773) 555-0187',
        address: { street: '3150 N Lincoln Ave, Suite 200', city: 'Chicago', state: 'IL', postalCode: '60657' },
        geo: { lat: 41.9396, lng: -87.669 },
        hours: weeklyHours('Mo-Th 08:00-12:30,13:30-18:00\nFr 08:00-16:00', [{ from: '2026-12-24', to: '2026-12-25', label: 'Christmas' }]),
      },
    },
  },
  {
    key: 'evanston-spine-care',
    location: 'evanston',
    procedures: ['kyphoplasty'],
    locales: {
      en: {
        name: 'Evanston Spine Care',
        slug: 'evanston-spine-care',
        phone: '(847) 555-0123',
        address: { street: '1620 Orrington Ave, Suite 310', city: 'Evanston', state: 'IL', postalCode: '60201' },
        geo: { lat: 42.047, lng: -87.6815 },
        hours: weeklyHours('Mo-Fr 08:00-17:00', []),
      },
    },
  },
];

/** A seeded site's logo: a plain mark in the site's colour, drawn at seed time (no binary file in the repository). */
export interface SeedLogo {
  name: string;
  alt: string;
  colour: string;
}

export const SITES: Array<SeedDocument & { locations: string[]; logo: SeedLogo }> = [
  {
    key: 'lakeshore-spine',
    locations: ['chicago'],
    logo: { name: 'lakeshore-spine-logo.svg', alt: 'Lakeshore Spine logo', colour: '#0b5cad' },
    locales: {
      en: {
        name: 'Lakeshore Spine',
        slug: 'lakeshore-spine',
        domain: 'https://www.lakeshorespine.example',
        organization: {
          legalName: 'Lakeshore Spine Associates, LLC',
          profiles: [{ url: 'https://www.facebook.com/lakeshorespine.example' }, { url: 'https://www.linkedin.com/company/lakeshore-spine-example' }],
          contactPoints: [
            { telephone: '(312) 555-0100', contactType: 'reservations', areaServed: 'US-IL', languages: 'en, es' },
            { telephone: '(312) 555-0101', contactType: 'billing', areaServed: 'US-IL', languages: 'en' },
          ],
        },
      },
    },
  },
  {
    key: 'northshore-spine-partners',
    locations: ['chicago', 'evanston'],
    logo: { name: 'northshore-spine-partners-logo.svg', alt: 'North Shore Spine Partners logo', colour: '#1d6b4f' },
    locales: {
      en: {
        name: 'North Shore Spine Partners',
        slug: 'northshore-spine-partners',
        domain: 'https://www.northshorespine.example',
        organization: {
          legalName: 'North Shore Spine Partners, S.C.',
          profiles: [{ url: 'https://www.facebook.com/northshorespine.example' }],
          contactPoints: [{ telephone: '(847) 555-0100', contactType: 'customer_service', areaServed: 'US-IL', languages: 'en, es' }],
        },
      },
    },
  },
];

export const LANDING_PAGES: Array<SeedDocument & { procedure: string; location: string }> = [
  {
    key: 'kyphoplasty@chicago',
    procedure: 'kyphoplasty',
    location: 'chicago',
    locales: {
      en: {
        headline: 'Kyphoplasty in Chicago',
        intro:
          'Living with a painful spinal fracture? Our spine specialists in the Loop and on the North Side perform kyphoplasty as an outpatient procedure, so most patients are back home in Chicago the same day.',
        faqs: [
          {
            question: 'Where can I have kyphoplasty in Chicago?',
            answer: 'At our Loop clinic on W Monroe St and our North Side clinic on N Lincoln Ave. Both offer consultations, imaging and the procedure itself.',
          },
        ],
        seo: {
          metaTitle: 'Kyphoplasty in Chicago, IL',
          metaDescription: 'Outpatient kyphoplasty for spinal compression fractures at our Chicago Loop and North Side clinics. Book a consultation with a spine specialist.',
          noIndex: false,
        },
      },
    },
  },
];
