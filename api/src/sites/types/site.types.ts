import type { ContentReader } from '../../strapi/services/content-reader.js';
import type { Locale } from '@clinic/shared';

/** A clinic site as the gateway knows it: its content plus the cities it serves. */
export interface SiteInfo {
  documentId: string;
  slug: string;
  name: string;
  /** Absolute https origin, no trailing slash. */
  domain: string;
  locationIds: Set<string>;
  /** The URL slugs of those cities in every locale (English, and a locale's own slug where a city has one). */
  locationSlugs: Set<string>;
  updatedAt: string;
}

/** Everything a resolver needs about the request it serves; built once per GraphQL request. */
export interface GatewayContext {
  site: SiteInfo;
  preview: boolean;
  reader: ContentReader;
  defaultLocale: Locale;
}
