import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { CONTENT_TYPES, META_DESCRIPTION_MAX, META_TITLE_MAX, REDIRECT_CONTENT_TYPE, SLUG_MAX_LENGTH } from '@clinic/shared';

/**
 * Editor-facing labels, hints and list views for the content manager. schema.json cannot carry
 * field descriptions, so they live here and are written into the content-manager configuration.
 * A layout is only (re)applied when this file's definition for it changed, so tweaks editors make
 * in the admin ("Configure the view") survive restarts.
 */
type FieldHint = { label?: string; description?: string; placeholder?: string; mainField?: string };
type ViewDefinition = {
  mainField?: string;
  defaultSortBy?: string;
  defaultSortOrder?: 'ASC' | 'DESC';
  list?: string[];
  fields: Record<string, FieldHint>;
};

const SLUG_HINT = `Lowercase letters, digits and single hyphens (e.g. "spine-care"), at most ${SLUG_MAX_LENGTH} characters. It is part of the public URL: changing it on a published page creates a redirect automatically.`;

const CONTENT_TYPE_VIEWS: Record<string, ViewDefinition> = {
  [CONTENT_TYPES.procedure.uid]: {
    mainField: 'title',
    defaultSortBy: 'title',
    list: ['title', 'slug', 'lastReviewed', 'updatedAt'],
    fields: {
      title: { description: 'Name of the procedure as patients know it, e.g. "Kyphoplasty". Used as the page heading.' },
      slug: { description: `${SLUG_HINT} The English URL (/procedures/<slug>), and every language's that has no slug of its own.` },
      localeSlug: {
        label: 'Slug in this language',
        description: `Only in languages other than English (e.g. "cifoplastia"): /es/procedures/<slug in this language>. Empty: the English slug. ${SLUG_HINT}`,
      },
      summary: { description: 'One or two sentences (≤ 300 characters) shown on cards and under the heading. Plain text.' },
      body: { description: 'Main article in Markdown: what the procedure is, who it helps and how it works.' },
      steps: { description: 'What happens during the procedure, one entry per step, in order.' },
      benefits: { description: 'Markdown. What patients can expect to gain; avoid promises of outcomes.' },
      risks: { description: 'Markdown. Honest summary of risks and side effects; remind readers to talk to their doctor.' },
      recovery: { description: 'Markdown. What the first hours, days and weeks after the procedure look like.' },
      faqs: { label: 'FAQs', description: 'Questions patients ask. Shown on the page and as FAQ rich results in Google.' },
      seo: { label: 'SEO', description: 'Search-result title and description. Leave empty to use the title and summary.' },
      reviewer: { description: 'Clinician who checked the page for medical accuracy (shown as "Medically reviewed by").' },
      lastReviewed: { label: 'Last reviewed', description: 'Date of the last medical review, shown on the page.' },
    },
  },
  [CONTENT_TYPES.location.uid]: {
    mainField: 'city',
    defaultSortBy: 'city',
    list: ['city', 'state', 'slug', 'updatedAt'],
    fields: {
      city: { description: 'City name as written in addresses, e.g. "Chicago". Same in all languages.' },
      state: { description: 'Two-letter US state code in capitals, e.g. "IL".' },
      slug: { description: `${SLUG_HINT} The city page lives at /<slug> (and /es/<slug> unless the Spanish page has its own slug).` },
      localeSlug: {
        label: 'Slug in this language',
        description: `Only in languages other than English, and only where the city's name differs (e.g. "nueva-york"). Empty: the English slug. ${SLUG_HINT}`,
      },
      intro: { description: 'Markdown introduction for the city page: the clinics, neighbourhoods and care offered here.' },
      clinics: { description: 'Clinics in this city (set the city on the clinic itself).', mainField: 'name' },
      seo: { label: 'SEO', description: 'Search-result title and description for the city page.' },
    },
  },
  [CONTENT_TYPES.clinic.uid]: {
    mainField: 'name',
    defaultSortBy: 'name',
    list: ['name', 'slug', 'location', 'phone'],
    fields: {
      name: { description: 'Public name of the clinic, e.g. "Chicago Loop Spine Center".' },
      slug: { description: SLUG_HINT },
      phone: { description: 'Phone number patients call, e.g. "(312) 555-0142". Shown on pages and used for click-to-call.', placeholder: '(312) 555-0100' },
      address: { description: 'Street address; used on pages and in Google structured data.' },
      geo: { label: 'Coordinates', description: 'Latitude and longitude of the entrance (decimal degrees) for maps.' },
      hours: {
        label: 'Opening hours',
        description:
          'One period per day and opening (add a second period on a day for a lunch break), holiday closures with dates, and the time zone of the times. Shown on pages and in Google structured data.',
      },
      openingHours: {
        label: 'Old opening hours (free text)',
        description:
          'Replaced by "Opening hours" above. `npm run migrate:opening-hours -w cms` moves this text there and reports what it could not read; the website uses it only while "Opening hours" is empty.',
      },
      location: { label: 'City', description: 'The city page this clinic appears on.', mainField: 'city' },
      procedures: { description: 'Procedures performed at this clinic. A procedure appears on a site only if a clinic in one of its cities offers it.', mainField: 'title' },
    },
  },
  [CONTENT_TYPES.site.uid]: {
    mainField: 'name',
    defaultSortBy: 'name',
    list: ['name', 'slug', 'domain', 'locations'],
    fields: {
      name: { description: 'Brand name of the website, e.g. "Lakeshore Spine".' },
      slug: { description: `${SLUG_HINT} Identifies the site to the gateway; change it only together with the site deployment.` },
      domain: {
        description: 'Public origin of the site: https://, host name, optional port, no path or trailing slash. e.g. https://www.lakeshorespine.com',
        placeholder: 'https://www.example.com',
      },
      locations: { label: 'Cities served', description: 'Cities this site has pages for. The site shows every procedure offered by a clinic in these cities.', mainField: 'city' },
    },
  },
  [CONTENT_TYPES.landingPage.uid]: {
    mainField: 'headline',
    defaultSortBy: 'updatedAt',
    defaultSortOrder: 'DESC',
    list: ['headline', 'procedure', 'location', 'updatedAt'],
    fields: {
      headline: { description: 'Replaces the generated heading ("<Procedure> in <City>, <State>"). Leave empty to keep it.' },
      intro: { description: 'Plain-text introduction for this procedure in this city. Leave empty to use the city and procedure texts.' },
      faqs: { label: 'Extra FAQs', description: 'Shown in addition to the procedure FAQs, e.g. about parking or insurance in this city.' },
      seo: { label: 'SEO', description: 'Overrides the generated search-result title and description of this page.' },
      procedure: { description: 'The procedure this override applies to.', mainField: 'title' },
      location: { label: 'City', description: 'The city this override applies to.', mainField: 'city' },
    },
  },
  [CONTENT_TYPES.slugRedirect.uid]: {
    mainField: 'fromSlug',
    defaultSortBy: 'fromSlug',
    list: ['type', 'language', 'fromSlug', 'toSlug', 'updatedAt'],
    fields: {
      type: { description: 'Whether the slugs belong to procedures (/procedures/<slug>) or cities (/<slug>).' },
      language: { description: 'Whose URLs: English, or a language whose own slug changed (/es/…).' },
      fromSlug: { label: 'From slug', description: 'The old slug that should redirect.' },
      toSlug: { label: 'To slug', description: 'The current slug visitors are sent to (301).' },
    },
  },
  [REDIRECT_CONTENT_TYPE.uid]: {
    mainField: 'fromPath',
    defaultSortBy: 'fromPath',
    list: ['fromPath', 'toPath', 'kind', 'site', 'updatedAt'],
    fields: {
      site: { description: 'The site this redirect belongs to (each site has its own).', mainField: 'name' },
      fromPath: { label: 'From path', description: 'The old path on the site, e.g. /services/back-pain.html (no domain, no query string).' },
      toPath: {
        label: 'To path',
        description: 'Where visitors go: a path on the same site, e.g. /chicago/kyphoplasty. Leave empty for 410 Gone. Chains are followed in one hop; loops are refused.',
      },
      kind: { description: 'permanent_301: moved for good. temporary_302: elsewhere for now. gone_410: removed, no replacement.' },
    },
  },
};

const COMPONENT_VIEWS: Record<string, ViewDefinition> = {
  'shared.seo': {
    mainField: 'metaTitle',
    fields: {
      metaTitle: { label: 'Meta title', description: `Title shown in Google results and browser tabs, ≤ ${META_TITLE_MAX} characters.` },
      metaDescription: { label: 'Meta description', description: `Shown in Google results, ≤ ${META_DESCRIPTION_MAX} characters.` },
      canonicalPath: {
        label: 'Canonical path',
        description: 'Optional. Path of the preferred URL when this content is duplicated, e.g. /procedures/kyphoplasty.',
        placeholder: '/procedures/…',
      },
      noIndex: { label: 'Hide from search engines', description: 'Adds noindex: the page stays reachable but is not listed by Google.' },
      ogImage: { label: 'Share image', description: 'Image shown when the page is shared (1200 × 630 px recommended).' },
    },
  },
  'content.step': {
    mainField: 'title',
    fields: {
      title: { description: 'Short name of the step, e.g. "Restoring the vertebra".' },
      body: { description: 'What happens in this step, in plain language.' },
    },
  },
  'content.faq': {
    mainField: 'question',
    fields: {
      question: { description: 'The question as a patient would ask it.' },
      answer: { description: 'A short, plain-language answer (2–4 sentences).' },
    },
  },
  'content.reviewer': {
    mainField: 'name',
    fields: {
      name: { description: 'Full name with title, e.g. "Dr. Elena Ruiz".' },
      credentials: { description: 'Degrees and speciality, e.g. "MD, Interventional Spine Specialist".' },
    },
  },
  'contact.address': {
    mainField: 'street',
    fields: {
      street: { description: 'Street and number, suite if any.' },
      city: { description: 'City as written in postal addresses.' },
      state: { description: 'Two-letter state code, e.g. IL.' },
      postalCode: { label: 'ZIP code', description: 'Five-digit ZIP code, e.g. 60603.' },
    },
  },
  'contact.geo': {
    mainField: 'lat',
    fields: {
      lat: { label: 'Latitude', description: 'Decimal degrees, e.g. 41.8819.' },
      lng: { label: 'Longitude', description: 'Decimal degrees, e.g. -87.6278 (negative west of Greenwich).' },
    },
  },
};

function applyView(configuration: any, view: ViewDefinition) {
  const settings = { ...configuration.settings };
  if (view.mainField) settings.mainField = view.mainField;
  if (view.defaultSortBy) settings.defaultSortBy = view.defaultSortBy;
  if (view.defaultSortOrder) settings.defaultSortOrder = view.defaultSortOrder;

  const metadatas = { ...configuration.metadatas };
  for (const [field, hint] of Object.entries(view.fields)) {
    const current = metadatas[field];
    if (!current) continue;
    const edit = { ...current.edit };
    if (hint.label) edit.label = hint.label;
    if (hint.description) edit.description = hint.description;
    if (hint.placeholder) edit.placeholder = hint.placeholder;
    if (hint.mainField) edit.mainField = hint.mainField;
    const list = { ...current.list, ...(hint.label ? { label: hint.label } : {}) };
    metadatas[field] = { ...current, edit, list };
  }

  const layouts = { ...configuration.layouts };
  if (view.list) layouts.list = view.list.filter((name) => name in metadatas);
  return { settings, metadatas, layouts };
}

const fingerprint = (view: ViewDefinition) => createHash('sha1').update(JSON.stringify(view)).digest('hex');

async function configure(strapi: Core.Strapi, kind: 'content-types' | 'components', uid: string, view: ViewDefinition) {
  const model = kind === 'content-types' ? strapi.contentTypes[uid as any] : strapi.components[uid as any];
  if (!model) return false;
  const store = strapi.store({ type: 'plugin', name: 'clinic', key: `cm-view::${uid}` });
  const applied = await store.get({});
  const wanted = fingerprint(view);
  if (applied === wanted) return false;

  const service = strapi.plugin('content-manager').service(kind);
  const current = await service.findConfiguration({ uid });
  await service.updateConfiguration({ uid }, applyView(current, view));
  await store.set({ value: wanted });
  return true;
}

export async function configureContentManager(strapi: Core.Strapi): Promise<void> {
  let changed = 0;
  for (const [uid, view] of Object.entries(CONTENT_TYPE_VIEWS)) {
    if (await configure(strapi, 'content-types', uid, view)) changed += 1;
  }
  for (const [uid, view] of Object.entries(COMPONENT_VIEWS)) {
    if (await configure(strapi, 'components', uid, view)) changed += 1;
  }
  if (changed > 0) strapi.log.info(`[cms] content-manager views configured for ${changed} model(s)`);
}
