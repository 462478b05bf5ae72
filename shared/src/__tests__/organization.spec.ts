import { isProfileUrl, organizationProblems } from '../organization';
import { organizationSchema } from '../strapi-schemas';

describe('organization profiles', () => {
  it('accept https URLs only', () => {
    expect(isProfileUrl('https://www.facebook.com/lakeshorespine')).toBe(true);
    expect(isProfileUrl('https://g.page/r/abc?x=1')).toBe(true);
    for (const bad of ['http://www.facebook.com/x', 'https://', 'javascript:alert(1)', 'https://no-tld/x', 'https://a.example/has space', 42, null]) {
      expect([bad, isProfileUrl(bad)]).toEqual([bad, false]);
    }
  });

  it('name the profile an editor got wrong', () => {
    expect(organizationProblems({ profiles: [{ url: 'https://ok.example/a' }, { url: 'http://no.example' }] })).toEqual([
      { path: 'profiles.1.url', message: expect.stringContaining('https URL') },
    ]);
    expect(organizationProblems(null)).toEqual([]);
    expect(organizationProblems({ legalName: 'X' })).toEqual([]);
  });

  it('the gateway keeps only the valid ones, trimmed', () => {
    const org = organizationSchema.parse({ legalName: 'X', profiles: [{ url: ' https://ok.example/a ' }, { url: 'http://no.example' }], contactPoints: null });
    expect(org.profiles).toEqual(['https://ok.example/a']);
    expect(org.contactPoints).toEqual([]);
  });
});
