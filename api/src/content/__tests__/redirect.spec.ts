import type { StrapiSiteRedirect, StrapiSlugRedirect } from '@clinic/shared';
import { FACTS } from '../../invalidation/facts/fact-registry.js';
import { SeoService } from '../../seo/services/seo.service.js';
import type { GatewayContext } from '../../sites/types/site.types.js';
import type { ContentReader } from '../../strapi/services/content-reader.js';
import { UniquenessService } from '../../uniqueness/services/uniqueness.service.js';
import { ContentService } from '../services/content.service.js';
import { testSite } from '../../sites/__tests__/site-info.fixture.js';

const site = testSite({ locationSlugs: new Set(['chicago', 'evanston']) });

/** A reader over one site's redirect table and a slug history; counts the lookups it answers. */
function context(table: Array<[string, string | null, StrapiSiteRedirect['kind']]>, history: StrapiSlugRedirect[] = []) {
  const lookups: string[] = [];
  const reader = {
    scope: { status: 'published', tags: new Set<string>() },
    siteRedirect: async (s: { slug: string }, path: string) => {
      // As ContentReader.siteRedirect: the answer depends on the site's whole table.
      FACTS.redirectTable.record(reader.scope, s.slug);
      lookups.push(path);
      const row = table.find(([from]) => from === path);
      return row ? { documentId: `d${path}`, fromPath: row[0], toPath: row[1], kind: row[2] } : null;
    },
    redirects: async () => history,
  };
  const ctx = { site, preview: false, reader: reader as unknown as ContentReader, defaultLocale: 'en' } as GatewayContext;
  return { ctx, lookups, tags: reader.scope.tags };
}

const content = new ContentService(new SeoService(), new UniquenessService());

describe("a site's redirects, followed to the end", () => {
  it('collapses a chain into one hop, tagged with the site table', async () => {
    const { ctx, tags } = context([
      ['/a', '/b', 'permanent_301'],
      ['/b', '/c', 'permanent_301'],
      ['/c', '/chicago', 'permanent_301'],
    ]);
    expect(await content.redirect(ctx, '/a/')).toEqual({ from: '/a', to: '/chicago', statusCode: 301 });
    expect([...tags]).toContain('redirects:site:lakeshore');
  });

  it('a 302 anywhere makes the answer 302; a chain ending at a 410 answers 410', async () => {
    const { ctx } = context([
      ['/a', '/b', 'permanent_301'],
      ['/b', '/chicago', 'temporary_302'],
      ['/old', '/removed', 'permanent_301'],
      ['/removed', null, 'gone_410'],
    ]);
    expect(await content.redirect(ctx, '/a')).toEqual({ from: '/a', to: '/chicago', statusCode: 302 });
    expect(await content.redirect(ctx, '/old')).toEqual({ from: '/old', to: null, statusCode: 410 });
  });

  it('stops a loop made behind the CMS where it would start over, and a current path has no redirect', async () => {
    const { ctx, lookups } = context([
      ['/x', '/y', 'permanent_301'],
      ['/y', '/x', 'permanent_301'],
    ]);
    expect(await content.redirect(ctx, '/x')).toEqual({ from: '/x', to: '/y', statusCode: 301 });
    expect(lookups.length).toBeLessThanOrEqual(3);
    expect(await content.redirect(ctx, '/chicago')).toBeNull();
  });

  it('follows a city slug that moved after an editor redirect', async () => {
    const history = [{ documentId: 'h1', type: 'location', fromSlug: 'chicago-old', toSlug: 'chicago' }] as StrapiSlugRedirect[];
    const { ctx } = context([['/legacy.html', '/chicago-old', 'permanent_301']], history);
    expect(await content.redirect(ctx, '/legacy.html')).toEqual({ from: '/legacy.html', to: '/chicago', statusCode: 301 });
  });

  it('refuses what is not a site path', async () => {
    const { ctx } = context([]);
    await expect(content.redirect(ctx, 'https://evil.example/')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
