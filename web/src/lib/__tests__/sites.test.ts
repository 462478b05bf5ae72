import { hostName, parseSites, siteBySlug, siteForHost, SitesConfigError } from '../sites';

const SITES = 'lakeshore.localhost=lakeshore-spine:key-a, www.northshore.example=northshore-spine-partners:key-b';

describe('SITES (host → site slug + key)', () => {
  it('parses entries and picks the site by host name, port ignored', () => {
    const sites = parseSites(SITES);
    expect(sites).toEqual([
      { host: 'lakeshore.localhost', slug: 'lakeshore-spine', key: 'key-a' },
      { host: 'www.northshore.example', slug: 'northshore-spine-partners', key: 'key-b' },
    ]);
    expect(siteForHost(sites, 'WWW.Northshore.example:3000').slug).toBe('northshore-spine-partners');
    expect(siteForHost(sites, 'lakeshore.localhost:3000').slug).toBe('lakeshore-spine');
  });

  it('answers unknown hosts with the first site, or DEFAULT_SITE', () => {
    const sites = parseSites(SITES);
    expect(siteForHost(sites, 'localhost:3000').slug).toBe('lakeshore-spine');
    expect(siteForHost(sites, undefined, 'northshore-spine-partners').slug).toBe('northshore-spine-partners');
    expect(siteForHost(sites, 'localhost', 'no-such-site').slug).toBe('lakeshore-spine');
    expect(siteBySlug(sites, 'northshore-spine-partners')?.key).toBe('key-b');
    expect(siteBySlug(sites, 'nope')).toBeUndefined();
  });

  it('keys may contain ":"; host names are normalised', () => {
    expect(parseSites('A.Example=site-a:k:with:colons')[0]).toEqual({ host: 'a.example', slug: 'site-a', key: 'k:with:colons' });
    expect(hostName('[::1]:3000')).toBe('[::1]');
  });

  it.each([[''], ['no-equals'], ['host=Bad_Slug:key'], ['host=slug:'], ['Bad Host=slug:key'], ['host=slug'], ['a.b=s:k,a.b=t:k']])(
    'rejects %p with a stable code and without echoing keys',
    (value) => {
      let error: unknown;
      try {
        parseSites(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SitesConfigError);
      expect((error as SitesConfigError).code).toBe('SITES_CONFIG_INVALID');
      expect((error as Error).message).not.toMatch(/:k\b|:key\b/);
    },
  );
});
