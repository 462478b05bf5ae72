import { loadAppConfig } from '../../config/app-config.schema.js';
import { SiteServerKeysService } from '../../sites/services/site-server-keys.service.js';
import { BudgetClientService } from '../budget/budget-client.service.js';
import { budgetAddress, parseVisitorAddress } from '../budget/client-address.util.js';

describe('parseVisitorAddress', () => {
  it('takes one IPv4 or IPv6 address', () => {
    expect(parseVisitorAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(parseVisitorAddress(' 2001:db8::1 ')).toBe('2001:db8::1');
    expect(parseVisitorAddress('::ffff:198.51.100.4')).toBe('::ffff:198.51.100.4');
  });

  it('refuses lists, names, ports, zones, CIDRs, garbage and arrays', () => {
    for (const bad of ['', ' ', '203.0.113.7, 198.51.100.1', 'localhost', '203.0.113.7:443', '[2001:db8::1]', 'fe80::1%eth0', '10.0.0.0/8', '256.1.1.1', '1.2.3', 'x'.repeat(100)]) {
      expect([bad, parseVisitorAddress(bad)]).toEqual([bad, undefined]);
    }
    expect(parseVisitorAddress(undefined)).toBeUndefined();
    expect(parseVisitorAddress(['203.0.113.7'])).toBeUndefined();
  });
});

describe('budgetAddress', () => {
  it('keeps IPv4 as is and unwraps IPv4-mapped IPv6', () => {
    expect(budgetAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(budgetAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('budgets an IPv6 client by its /64, however the address is written', () => {
    const a = budgetAddress('2001:db8:aa:bb::1');
    expect(a).toBe('2001:db8:aa:bb::/64');
    expect(budgetAddress('2001:0db8:00aa:00bb:ffff:1:2:3')).toBe(a);
    expect(budgetAddress('2001:DB8:AA:BB:0:0:0:9')).toBe(a);
    expect(budgetAddress('2001:db8:aa:bc::1')).not.toBe(a);
    expect(budgetAddress('::1')).toBe('0:0:0:0::/64');
    expect(budgetAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});

describe('BudgetClientService', () => {
  const config = loadAppConfig({ SITE_SERVER_KEYS: 'alpha-server-key-1:alpha,alpha-server-key-2:alpha,beta-server-key-1:beta' });
  const clients = new BudgetClientService(new SiteServerKeysService(config));
  const own = '192.0.2.10';

  it('charges the named visitor when the server key is one of the site’s (either rotation key)', () => {
    expect(clients.clientOf({ 'x-site-server-key': 'alpha-server-key-1', 'x-visitor-ip': '203.0.113.7' }, 'alpha', own)).toBe('203.0.113.7');
    expect(clients.clientOf({ 'x-site-server-key': 'alpha-server-key-2', 'x-visitor-ip': '2001:db8::5' }, 'alpha', own)).toBe('2001:db8:0:0::/64');
  });

  it('charges the caller itself when a server-keyed request names no visitor', () => {
    expect(clients.clientOf({ 'x-site-server-key': 'alpha-server-key-1' }, 'alpha', own)).toBe(own);
  });

  it('ignores x-visitor-ip without a server key (a browser cannot pick who pays)', () => {
    expect(clients.clientOf({ 'x-visitor-ip': '203.0.113.7' }, 'alpha', own)).toBe(own);
  });

  it('refuses a server key that is not this site’s with 401 SERVER_KEY_INVALID, never echoing it', () => {
    for (const key of ['beta-server-key-1', 'alpha-server-key-3', '', 'x'.repeat(300)]) {
      const r = clients.clientOf({ 'x-site-server-key': key, 'x-visitor-ip': '203.0.113.7' }, 'alpha', own);
      expect(r).toMatchObject({ status: 401, code: 'SERVER_KEY_INVALID' });
      if (key) expect(JSON.stringify(r)).not.toContain(key);
    }
    expect(clients.clientOf({ 'x-site-server-key': ['alpha-server-key-1', 'alpha-server-key-1'] }, 'alpha', own)).toMatchObject({ status: 401 });
  });

  it('refuses a named visitor that is not one IP address with 400 VISITOR_ADDRESS_INVALID', () => {
    const r = clients.clientOf({ 'x-site-server-key': 'alpha-server-key-1', 'x-visitor-ip': '203.0.113.7, 10.0.0.1' }, 'alpha', own);
    expect(r).toMatchObject({ status: 400, code: 'VISITOR_ADDRESS_INVALID' });
  });

  it('leaves requests that are for no site to their caller', () => {
    expect(clients.clientOf({ 'x-site-server-key': 'nope-nope-nope', 'x-visitor-ip': '203.0.113.7' }, undefined, own)).toBe(own);
  });
});
