import { z } from 'zod';
import type { Locale } from './locales';

/**
 * A clinic's opening hours as data: weekly periods (several a day make breaks), holiday closures with
 * dates, and the IANA time zone the times are in. One module for the CMS (validation on save, the
 * migration of the old free-text field), the gateway (schema.org) and the website (rendered hours), so
 * the three cannot disagree on what "Mo-Fr 08:00-17:00" means.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** schema.org's two-letter day codes (the old free text and the `openingHours` strings use them). */
const DAY_CODES: Record<Weekday, string> = {
  monday: 'Mo',
  tuesday: 'Tu',
  wednesday: 'We',
  thursday: 'Th',
  friday: 'Fr',
  saturday: 'Sa',
  sunday: 'Su',
};

export const DEFAULT_CLINIC_TIME_ZONE = 'America/Chicago';

/** Strapi stores `time` fields as `HH:mm:ss.SSS`; people type `HH:mm`. Both are read, `HH:mm` is kept. */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d{1,3})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const time = z
  .string()
  .regex(TIME, 'a time as HH:mm (24-hour clock)')
  .transform((v) => v.slice(0, 5));

const isoDate = z
  .string()
  .regex(DATE, 'a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'a real calendar date');

/**
 * Zones already found valid. Creating an Intl.DateTimeFormat costs ~0.1 ms, and every clinic the gateway reads is
 * checked (bench:scale: thousands per sitemap); the valid zones are a short fixed list, unknown names are not kept.
 */
const knownTimeZones = new Set<string>();

export function isTimeZone(value: string): boolean {
  if (knownTimeZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    knownTimeZones.add(value);
    return true;
  } catch {
    return false;
  }
}

export const openingPeriodSchema = z.object({
  day: z.enum(WEEKDAYS),
  opens: time,
  closes: time,
});
export type OpeningPeriod = z.infer<typeof openingPeriodSchema>;

export const closureSchema = z.object({
  from: isoDate,
  /** Inclusive; a one-day closure may leave it out. */
  to: isoDate.nullish(),
  label: z.string().max(120).nullish(),
});
export type Closure = z.infer<typeof closureSchema>;

export const openingHoursSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as America/Chicago').default(DEFAULT_CLINIC_TIME_ZONE),
    periods: z
      .array(openingPeriodSchema)
      .max(7 * 4)
      .default([]),
    closures: z.array(closureSchema).max(100).default([]),
  })
  .superRefine((hours, ctx) => {
    hours.periods.forEach((p, i) => {
      if (p.opens >= p.closes) ctx.addIssue({ code: 'custom', path: ['periods', i, 'closes'], message: `closes (${p.closes}) must be after opens (${p.opens}) on the same day` });
    });
    for (const day of WEEKDAYS) {
      const sorted = hours.periods
        .map((p, i) => ({ ...p, i }))
        .filter((p) => p.day === day && p.opens < p.closes)
        .sort((a, b) => a.opens.localeCompare(b.opens));
      for (let k = 1; k < sorted.length; k++) {
        if (sorted[k].opens < sorted[k - 1].closes) {
          ctx.addIssue({
            code: 'custom',
            path: ['periods', sorted[k].i, 'opens'],
            message: `${day}: ${sorted[k].opens}–${sorted[k].closes} overlaps ${sorted[k - 1].opens}–${sorted[k - 1].closes}`,
          });
        }
      }
    }
    hours.closures.forEach((c, i) => {
      if (c.to && c.to < c.from) ctx.addIssue({ code: 'custom', path: ['closures', i, 'to'], message: `the closure ends (${c.to}) before it starts (${c.from})` });
    });
  });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export interface OpeningHoursProblem {
  path: string;
  message: string;
}

/** Validation for the CMS's save hook: every problem, each with the field path an editor sees. */
export function checkOpeningHours(input: unknown): { hours?: OpeningHours; problems: OpeningHoursProblem[] } {
  const parsed = openingHoursSchema.safeParse(input ?? {});
  if (parsed.success) return { hours: normalizeOpeningHours(parsed.data), problems: [] };
  return { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

/** Periods in week order, then by opening time: the order pages and structured data list them in. */
export function normalizeOpeningHours(hours: OpeningHours): OpeningHours {
  const periods = [...hours.periods].sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.opens.localeCompare(b.opens));
  const closures = [...hours.closures].sort((a, b) => a.from.localeCompare(b.from));
  return { timeZone: hours.timeZone, periods, closures };
}

/** Days that share exactly the same intervals, in week order, as runs of consecutive days. */
export interface DayGroup {
  days: Weekday[];
  intervals: Array<{ opens: string; closes: string }>;
}

export function groupDays(hours: OpeningHours): DayGroup[] {
  const byDay = WEEKDAYS.map((day) => ({
    day,
    intervals: hours.periods
      .filter((p) => p.day === day)
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map(({ opens, closes }) => ({ opens, closes })),
  }));
  const groups: DayGroup[] = [];
  for (const { day, intervals } of byDay) {
    if (!intervals.length) continue;
    const last = groups[groups.length - 1];
    const previousDay = WEEKDAYS[WEEKDAYS.indexOf(day) - 1];
    if (last && last.days[last.days.length - 1] === previousDay && sameIntervals(last.intervals, intervals)) last.days.push(day);
    else groups.push({ days: [day], intervals });
  }
  return groups;
}

const sameIntervals = (a: DayGroup['intervals'], b: DayGroup['intervals']) => a.length === b.length && a.every((x, i) => x.opens === b[i].opens && x.closes === b[i].closes);

/** The compact schema.org `openingHours` strings ("Mo-Fr 08:00-12:00,13:00-17:00"), as the old field held them. */
export function openingHoursStrings(hours: OpeningHours): string[] {
  return groupDays(hours).map((g) => {
    const first = DAY_CODES[g.days[0]];
    const days = g.days.length === 1 ? first : `${first}-${DAY_CODES[g.days[g.days.length - 1]]}`;
    return `${days} ${g.intervals.map((i) => `${i.opens}-${i.closes}`).join(',')}`;
  });
}

type Node = Record<string, unknown>;

/** schema.org `openingHoursSpecification`: one node per group of days and interval. */
export function openingHoursSpecification(hours: OpeningHours): Node[] {
  return groupDays(hours).flatMap((g) =>
    g.intervals.map((i) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: g.days.map((d) => `https://schema.org/${d[0].toUpperCase()}${d.slice(1)}`),
      opens: i.opens,
      closes: i.closes,
    })),
  );
}

/**
 * schema.org `specialOpeningHoursSpecification` for closures that have not ended by `today` (YYYY-MM-DD in
 * the clinic's time zone): closed all day is written as opens = closes = 00:00, the form Google documents.
 */
export function closureSpecification(hours: OpeningHours, today: string): Node[] {
  return upcomingClosures(hours, today).map((c) => ({
    '@type': 'OpeningHoursSpecification',
    ...(c.label ? { name: c.label } : {}),
    opens: '00:00',
    closes: '00:00',
    validFrom: c.from,
    validThrough: c.to ?? c.from,
  }));
}

export function upcomingClosures(hours: OpeningHours, today: string): Closure[] {
  return hours.closures.filter((c) => (c.to ?? c.from) >= today);
}

/** dateInTimeZone's formatters by zone: only zones that formatted (a bad name throws before it is kept). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in a time zone: a closure ends at the clinic's midnight, not the server's. */
export function dateInTimeZone(now: Date, timeZone: string): string {
  // One formatter per zone (its creation, not its use, is the cost): a page's JSON-LD asks once per clinic shown.
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

const LOCALE_TAG: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

/** Rows for a page: "Mon – Fri" / "7:30 AM – 12:00 PM, 1:00 PM – 5:30 PM", in the page's language. */
export function openingHoursRows(hours: OpeningHours, locale: Locale): Array<{ days: string; hours: string }> {
  const tag = LOCALE_TAG[locale];
  const dayName = new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday: a fixed week gives each weekday its localized name.
  const name = (d: Weekday) => dayName.format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d))));
  const clock = new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const at = (hhmm: string) => clock.format(new Date(Date.UTC(2024, 0, 1, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)))));
  return groupDays(hours).map((g) => ({
    days: g.days.length === 1 ? name(g.days[0]) : `${name(g.days[0])} – ${name(g.days[g.days.length - 1])}`,
    hours: g.intervals.map((i) => `${at(i.opens)} – ${at(i.closes)}`).join(', '),
  }));
}

/** "Central Time" / "hora central": which clock the rendered hours are on. */
export function timeZoneLabel(timeZone: string, locale: Locale, now = new Date()): string {
  const part = new Intl.DateTimeFormat(LOCALE_TAG[locale], { timeZone, timeZoneName: 'longGeneric' }).formatToParts(now).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

// ── The migration from free text ─────────────────────────────────────────────────────────────────

const DAY_WORDS: Array<[RegExp, Weekday]> = [
  [/^(mo|mon|monday|lu|lun|lunes)\.?$/i, 'monday'],
  [/^(tu|tue|tues|tuesday|ma|mar|martes)\.?$/i, 'tuesday'],
  [/^(we|wed|wednesday|mi|mie|mié|miércoles|miercoles)\.?$/i, 'wednesday'],
  [/^(th|thu|thur|thurs|thursday|ju|jue|jueves)\.?$/i, 'thursday'],
  [/^(fr|fri|friday|vi|vie|viernes)\.?$/i, 'friday'],
  [/^(sa|sat|saturday|sá|sab|sáb|sábado|sabado)\.?$/i, 'saturday'],
  [/^(su|sun|sunday|do|dom|domingo)\.?$/i, 'sunday'],
];

const dayOf = (word: string): Weekday | undefined => DAY_WORDS.find(([re]) => re.test(word.trim()))?.[1];

/** "8", "8am", "8:30 pm", "08:30", "17.30" → "HH:mm"; undefined when it is not a time. */
function clockOf(word: string): string | undefined {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?$/i.exec(word.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const meridiem = m[3]?.[0]?.toLowerCase();
  if (!m[2] && !meridiem) return undefined; // a bare "8" is too ambiguous to migrate silently
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    if (meridiem === 'p' && hour !== 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function daysOf(spec: string): Weekday[] | undefined {
  const days = new Set<Weekday>();
  for (const part of spec.split(/\s*,\s*|\s*&\s*|\s+and\s+|\s+y\s+/i)) {
    const range = part.split(/\s*[-–—]\s*|\s+(?:to|a)\s+/i).filter(Boolean);
    if (range.length === 1) {
      const day = dayOf(range[0]);
      if (!day) return undefined;
      days.add(day);
    } else if (range.length === 2) {
      const from = dayOf(range[0]);
      const to = dayOf(range[1]);
      if (!from || !to) return undefined;
      const a = WEEKDAYS.indexOf(from);
      const b = WEEKDAYS.indexOf(to);
      for (let k = a; ; k = (k + 1) % 7) {
        days.add(WEEKDAYS[k]);
        if (k === b) break;
      }
    } else return undefined;
  }
  return days.size ? [...days] : undefined;
}

function intervalsOf(spec: string): Array<{ opens: string; closes: string }> | 'closed' | undefined {
  if (/^(closed|cerrado|off)$/i.test(spec.trim())) return 'closed';
  const out: Array<{ opens: string; closes: string }> = [];
  for (const part of spec.split(/\s*[,;]\s*|\s+(?:and|y)\s+/i).filter(Boolean)) {
    const ends = part.split(/\s*[-–—]\s*|\s+(?:to|a)\s+/i).filter(Boolean);
    if (ends.length !== 2) return undefined;
    const opens = clockOf(ends[0]);
    const closes = clockOf(ends[1]);
    if (!opens || !closes) return undefined;
    out.push({ opens, closes });
  }
  return out.length ? out : undefined;
}

export interface OpeningHoursMigration {
  hours: OpeningHours;
  /** Lines of the old text that were not understood: the migration reports them and migrates nothing of them. */
  unparsed: string[];
}

/**
 * Reads the old free-text field: one line (or `;`-separated part) per group of days, days first
 * ("Mo-Fr 07:30-17:30", "Monday to Friday: 8am – 5pm", "Sa 08:00-12:00, 13:00-15:00", "Su closed").
 * What it does not understand is returned, never guessed; validation then runs on what it did.
 */
export function parseOpeningHoursText(text: string | null | undefined, timeZone = DEFAULT_CLINIC_TIME_ZONE): OpeningHoursMigration {
  const periods: OpeningPeriod[] = [];
  const unparsed: string[] = [];
  for (const raw of (text ?? '').split(/\r?\n|;(?![^()]*\))/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.*?)[\s:]+((?:\d|closed|cerrado|off).*)$/i.exec(line);
    const days = m ? daysOf(m[1]) : undefined;
    const intervals = m && days ? intervalsOf(m[2]) : undefined;
    if (!days || !intervals) {
      unparsed.push(line);
      continue;
    }
    if (intervals === 'closed') continue;
    for (const day of days) for (const i of intervals) periods.push({ day, ...i });
  }
  const checked = checkOpeningHours({ timeZone, periods, closures: [] });
  if (!checked.hours) return { hours: { timeZone, periods: [], closures: [] }, unparsed: [...unparsed, ...checked.problems.map((p) => `${p.path}: ${p.message}`)] };
  return { hours: checked.hours, unparsed };
}

/**
 * What a clinic's hours are, for the gateway and the catalogue's change digest alike: the structured
 * component when it is valid, else the old free text when every line of it reads (so pages and
 * structured data carry real hours before the migration ran), else none.
 */
export function clinicOpeningHours(component: unknown, legacyText: string | null | undefined): OpeningHours | null {
  if (component) {
    const { hours } = checkOpeningHours(component);
    if (hours && (hours.periods.length || hours.closures.length)) return hours;
  }
  if (!legacyText?.trim()) return null;
  const { hours, unparsed } = parseOpeningHoursText(legacyText);
  return unparsed.length || !hours.periods.length ? null : hours;
}

/** The component's data as Strapi writes it: its `time` fields take HH:mm:ss.SSS only. */
export function toStrapiOpeningHours(hours: OpeningHours): OpeningHours {
  return { ...hours, periods: hours.periods.map((p) => ({ ...p, opens: `${p.opens}:00.000`, closes: `${p.closes}:00.000` })) };
}
