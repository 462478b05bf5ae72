import {
  checkOpeningHours,
  closureSpecification,
  dateInTimeZone,
  isTimeZone,
  openingHoursRows,
  openingHoursSpecification,
  openingHoursStrings,
  parseOpeningHoursText,
  timeZoneLabel,
  type OpeningHours,
} from '../opening-hours';

const weekdays = (opens: string, closes: string) => (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((day) => ({ day, opens, closes }));

const loop: OpeningHours = {
  timeZone: 'America/Chicago',
  periods: [...weekdays('07:30', '17:30'), { day: 'saturday', opens: '08:00', closes: '12:00' }],
  closures: [
    { from: '2026-12-24', to: '2026-12-26', label: 'Holidays' },
    { from: '2026-01-01', to: null, label: null },
  ],
};

describe('validation on save', () => {
  it('accepts Strapi time values and keeps HH:mm', () => {
    const { hours, problems } = checkOpeningHours({ timeZone: 'America/Chicago', periods: [{ day: 'monday', opens: '08:00:00.000', closes: '17:00:00.000' }] });
    expect(problems).toEqual([]);
    expect(hours?.periods).toEqual([{ day: 'monday', opens: '08:00', closes: '17:00' }]);
  });

  it('names every problem with the field an editor sees', () => {
    const { hours, problems } = checkOpeningHours({
      timeZone: 'Mars/Olympus',
      periods: [
        { day: 'monday', opens: '17:00', closes: '08:00' },
        { day: 'tuesday', opens: '08:00', closes: '12:30' },
        { day: 'tuesday', opens: '12:00', closes: '17:00' },
        { day: 'funday', opens: '08:00', closes: '09:00' },
        { day: 'friday', opens: '25:00', closes: '26:00' },
      ],
      closures: [{ from: '2026-02-30' }, { from: '2026-12-26', to: '2026-12-24' }],
    });
    expect(hours).toBeUndefined();
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'periods.3.day', 'periods.4.opens', 'closures.0.from']));
    // Refinements run only once the shape is valid: fix the shape, and the overlaps and reversals show.
    const second = checkOpeningHours({
      periods: [
        { day: 'monday', opens: '17:00', closes: '08:00' },
        { day: 'tuesday', opens: '08:00', closes: '12:30' },
        { day: 'tuesday', opens: '12:00', closes: '17:00' },
      ],
      closures: [{ from: '2026-12-26', to: '2026-12-24' }],
    });
    expect(second.problems.map((p) => p.path)).toEqual(['periods.0.closes', 'periods.2.opens', 'closures.0.to']);
    expect(second.problems[1].message).toMatch(/overlaps 08:00–12:30/);
  });

  it('defaults to the group time zone and no periods', () => {
    expect(checkOpeningHours(null).hours).toEqual({ timeZone: 'America/Chicago', periods: [], closures: [] });
  });
});

describe('what the gateway and the page derive', () => {
  it('groups consecutive days with the same intervals, breaks included', () => {
    const withBreak: OpeningHours = {
      ...loop,
      periods: [
        { day: 'monday', opens: '13:00', closes: '17:00' },
        { day: 'monday', opens: '08:00', closes: '12:00' },
        { day: 'tuesday', opens: '08:00', closes: '12:00' },
        { day: 'tuesday', opens: '13:00', closes: '17:00' },
        { day: 'thursday', opens: '08:00', closes: '12:00' },
      ],
    };
    expect(openingHoursStrings(withBreak)).toEqual(['Mo-Tu 08:00-12:00,13:00-17:00', 'Th 08:00-12:00']);
    expect(openingHoursStrings(loop)).toEqual(['Mo-Fr 07:30-17:30', 'Sa 08:00-12:00']);
  });

  it('writes openingHoursSpecification with schema.org day URLs', () => {
    expect(openingHoursSpecification(loop)).toEqual([
      {
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((d) => `https://schema.org/${d}`),
        opens: '07:30',
        closes: '17:30',
      },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Saturday'], opens: '08:00', closes: '12:00' },
    ]);
  });

  it('writes closures that have not ended as closed all day, and drops past ones', () => {
    expect(closureSpecification(loop, '2026-12-03')).toEqual([
      { '@type': 'OpeningHoursSpecification', name: 'Holidays', opens: '00:00', closes: '00:00', validFrom: '2026-12-24', validThrough: '2026-12-26' },
    ]);
    expect(closureSpecification(loop, '2026-12-26')).toHaveLength(1);
    expect(closureSpecification(loop, '2026-12-27')).toEqual([]);
    expect(closureSpecification(loop, '2025-12-31').map((c) => c.validThrough)).toEqual(['2026-12-26', '2026-01-01']);
  });

  it("reads today's date on the clinic's clock", () => {
    const lateEveningInChicago = new Date('2026-12-24T05:30:00Z'); // 23:30 on the 23rd in Chicago
    expect(dateInTimeZone(lateEveningInChicago, 'America/Chicago')).toBe('2026-12-23');
    expect(dateInTimeZone(lateEveningInChicago, 'UTC')).toBe('2026-12-24');
  });

  it('keeps one formatter per time zone: zones asked in turn each read their own clock', () => {
    const lateEveningInChicago = new Date('2026-12-24T05:30:00Z');
    for (let i = 0; i < 3; i++) {
      expect(dateInTimeZone(lateEveningInChicago, 'America/Chicago')).toBe('2026-12-23');
      expect(dateInTimeZone(lateEveningInChicago, 'Asia/Tokyo')).toBe('2026-12-24');
      expect(dateInTimeZone(new Date('2026-12-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2027-01-01');
    }
    expect(() => dateInTimeZone(lateEveningInChicago, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => dateInTimeZone(lateEveningInChicago, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('knows a valid time zone once checked, and an invalid one stays invalid', () => {
    expect([isTimeZone('Europe/Madrid'), isTimeZone('Europe/Madrid')]).toEqual([true, true]);
    expect([isTimeZone('Europe/Nowhere'), isTimeZone('Europe/Nowhere')]).toEqual([false, false]);
  });

  it('renders rows in both languages', () => {
    expect(openingHoursRows(loop, 'en')).toEqual([
      { days: 'Mon – Fri', hours: '7:30 AM – 5:30 PM' },
      { days: 'Sat', hours: '8:00 AM – 12:00 PM' },
    ]);
    const es = openingHoursRows(loop, 'es');
    expect(es[0].days).toMatch(/^lun\.? – vie\.?$/);
    expect(es[0].hours.replace(/\s/g, ' ')).toMatch(/^7:30 a\.? ?m\.? – 5:30 p\.? ?m\.?$/);
    expect(timeZoneLabel('America/Chicago', 'en')).toBe('Central Time');
  });
});

describe('migration from the free-text field', () => {
  it('reads the seeded forms', () => {
    expect(parseOpeningHoursText('Mo-Fr 07:30-17:30\nSa 08:00-12:00')).toEqual({
      hours: { timeZone: 'America/Chicago', periods: [...weekdays('07:30', '17:30'), { day: 'saturday', opens: '08:00', closes: '12:00' }], closures: [] },
      unparsed: [],
    });
  });

  it('reads words, am/pm, breaks, Spanish and closed days', () => {
    const { hours, unparsed } = parseOpeningHoursText('Monday to Friday: 8am – 12pm, 1 pm - 5:30 pm\nsábado 9:00 a 13:00\nSunday closed');
    expect(unparsed).toEqual([]);
    expect(openingHoursStrings(hours)).toEqual(['Mo-Fr 08:00-12:00,13:00-17:30', 'Sa 09:00-13:00']);
  });

  it('reports what it cannot read instead of guessing', () => {
    const { hours, unparsed } = parseOpeningHoursText('Mo-Fr 07:30-17:30\nby appointment\nSa 8-12\nTu 17:00-09:00');
    expect(unparsed).toEqual(['by appointment', 'Sa 8-12', expect.stringMatching(/^periods\.5\.closes: closes \(09:00\) must be after/)]);
    // A line that fails validation leaves the clinic's hours empty rather than half-migrated.
    expect(hours.periods).toEqual([]);
  });
});
