/** Limits editors see in Strapi and the gateway applies when it composes defaults. */
export const META_TITLE_MAX = 60;
export const META_DESCRIPTION_MAX = 160;

/** Cuts text at a word boundary so that it fits `max` characters, ending with an ellipsis when cut. */
export function truncateAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
