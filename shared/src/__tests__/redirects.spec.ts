import { checkRedirectRule, loopThrough, normalizeRedirectPath, redirectKindOf } from '../redirects';

describe('redirect paths', () => {
  it.each([
    ['/old-page', '/old-page'],
    ['  /old//page/  ', '/old/page'],
    ['/Old%20Page.html', '/Old%20Page.html'],
  ])('%j is kept as %j', (raw, path) => expect(normalizeRedirectPath(raw, 'from')).toEqual({ path }));

  it.each([
    ['https://evil.example/x', 'OFF_SITE_TARGET'],
    ['//evil.example', 'OFF_SITE_TARGET'],
    ['/\\evil.example', 'OFF_SITE_TARGET'],
    ['javascript:alert(1)', 'OFF_SITE_TARGET'],
    ['old-page', 'INVALID_PATH'],
    ['/a?b=1', 'INVALID_PATH'],
    ['/a#top', 'INVALID_PATH'],
    ['/a b', 'INVALID_PATH'],
    ['/a/../b', 'INVALID_PATH'],
    ['/%zz', 'INVALID_PATH'],
    [`/${'a'.repeat(300)}`, 'INVALID_PATH'],
    ['', 'INVALID_PATH'],
  ])('%j is refused (%s)', (raw, code) => expect(normalizeRedirectPath(raw, 'to').problem?.code).toBe(code));
});

describe('redirect rules', () => {
  it('410 has no target; 301 and 302 need one that is not the path itself', () => {
    expect(checkRedirectRule({ from: '/x', kind: 'gone_410' })).toEqual({ rule: { from: '/x', to: null, kind: 'gone_410' } });
    expect(checkRedirectRule({ from: '/x', to: '/y', kind: 'gone_410' }).problem?.code).toBe('UNEXPECTED_TARGET');
    expect(checkRedirectRule({ from: '/x', kind: 'permanent_301' }).problem?.code).toBe('MISSING_TARGET');
    expect(checkRedirectRule({ from: '/x/', to: '/x', kind: 'temporary_302' }).problem?.code).toBe('SELF_REDIRECT');
    expect(checkRedirectRule({ from: '/', to: '/x' }).problem?.code).toBe('HOME_NOT_REDIRECTABLE');
    expect(checkRedirectRule({ from: '/x', to: '/y', kind: 'moved' }).problem?.code).toBe('INVALID_KIND');
  });

  it('a CSV status cell names a kind by its code', () => {
    expect(['', '301', '302', '410', 'gone_410', '307'].map(redirectKindOf)).toEqual(['permanent_301', 'permanent_301', 'temporary_302', 'gone_410', 'gone_410', undefined]);
  });

  it('finds the loop a new rule would close, and lets chains be', () => {
    const table = new Map<string, string | null>([
      ['/a', '/b'],
      ['/b', '/c'],
      ['/gone', null],
    ]);
    expect(loopThrough(table, '/c', '/a')).toEqual(['/c', '/a', '/b', '/c']);
    expect(loopThrough(table, '/d', '/a')).toBeNull();
    expect(loopThrough(table, '/c', '/gone')).toBeNull();
  });
});
