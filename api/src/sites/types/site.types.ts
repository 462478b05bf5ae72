import type { ContentReader } from '../../strapi/services/content-reader.js';
import type { Locale, StrapiContactPoint } from '@clinic/shared';

/** The clinic group behind a site, as its Site document describes it (the `organization` component). */
export interface SiteOrganization {
  legalName: string | null;
  /** `url` absolute (media the CMS serves itself are on its public origin) and versioned like every media URL. */
  logo: { id: number | null; url: string; alt: string | null; width: number | null; height: number | null } | null;
  /** `sameAs`: the group's profiles elsewhere, https URLs only. */
  profiles: string[];
  contactPoints: StrapiContactPoint[];
}

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
  /** Absent or null: the CMS describes no group (the home page still names the site as one). */
  organization?: SiteOrganization | null;
}

/** Everything a resolver needs about the request it serves; built once per GraphQL request. */
export interface GatewayContext {
  site: SiteInfo;
  preview: boolean;
  reader: ContentReader;
  defaultLocale: Locale;
}
