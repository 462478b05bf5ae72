import { formatDate, formatHours, mapHref, telHref } from '../i18n';

describe('patient-facing formatting', () => {
  it('spells out schema.org opening hours in the page language', () => {
    expect(formatHours('Mo-Fr 08:00-17:00', 'en')).toBe('Monday–Friday 08:00–17:00');
    expect(formatHours('Sa 09:00-12:00', 'es')).toBe('sábado 09:00–12:00');
    expect(formatHours('Mo,We 07:30-15:00', 'en')).toBe('Monday, Wednesday 07:30–15:00');
  });
  it('makes dialable tel: links of US numbers', () => {
    expect(telHref('(312) 555-0142')).toBe('tel:+13125550142');
    expect(telHref('+1 847 555 0123')).toBe('tel:+18475550123');
  });
  it('formats review dates', () => {
    expect(formatDate('2026-03-03', 'en')).toBe('March 3, 2026');
    expect(formatDate('2026-03-03', 'es')).toBe('3 de marzo de 2026');
  });
  it('links a map at the coordinates, else a search for the address', () => {
    expect(mapHref({ name: 'X', geo: { lat: 41.9, lng: -87.6 }, address: null })).toContain('mlat=41.9&mlon=-87.6');
    expect(mapHref({ name: 'X', geo: null, address: { street: '1 Main St', city: 'Chicago', state: 'IL', postalCode: '60601' } })).toContain(
      encodeURIComponent('1 Main St, Chicago, IL 60601'),
    );
  });
});
