import type { SiteInfo } from '../types/site.types.js';

/** The Lakeshore site as unit tests of several features know it (serving Chicago); each test overrides what it needs. */
export function testSite(overrides: Partial<SiteInfo> = {}): SiteInfo {
  return {
    documentId: 'S1',
    slug: 'lakeshore',
    name: 'Lakeshore',
    domain: 'https://lakeshore.example',
    locationIds: new Set(['L1']),
    locationSlugs: new Set(['chicago']),
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
