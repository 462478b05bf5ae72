/** One rule for slugs, enforced by the CMS on save and by the gateway before anything reaches Strapi. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_PATTERN_SOURCE = SLUG_PATTERN.source;
export const SLUG_MAX_LENGTH = 100;

export function isValidSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}

/** Turns a title into a slug that satisfies SLUG_PATTERN ("Kyphoplasty in Chicago, IL" → "kyphoplasty-in-chicago-il"). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '');
}
