// Front-matter dates: a date or date-time is wall time in the site's time zone (Europe/Berlin)
// unless it carries an offset. Impossible dates and wall times that do not exist (the hour skipped
// when clocks go forward) are errors, never silently moved.
import type { ZonedDate } from '../types.js';

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export type DateParse = { ok: true; date: ZonedDate } | { ok: false; message: string };

// Parsing is pure and many articles share a date (or the same day): remember recent results.
const parsedDates = new Map<string, DateParse>();
const MAX_REMEMBERED_DATES = 10_000;

export function parseDate(raw: string, timeZone: string): DateParse {
  const key = `${timeZone}\n${raw}`;
  let parsed = parsedDates.get(key);
  if (parsed === undefined) {
    parsed = parseDateUncached(raw, timeZone);
    if (parsedDates.size >= MAX_REMEMBERED_DATES) parsedDates.clear();
    parsedDates.set(key, parsed);
  }
  // A copy, so a caller that changes its result cannot change another article's date.
  return parsed.ok ? { ok: true, date: { ...parsed.date } } : parsed;
}

function parseDateUncached(raw: string, timeZone: string): DateParse {
  const m = DATE_RE.exec(raw.trim());
  if (!m) {
    return {
      ok: false,
      message: `"${raw}" is not a date. Write it as 2025-04-01 or 2025-04-01T14:30 (Berlin time) or 2025-04-01T14:30:00+02:00.`,
    };
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `"${raw}" is not a real calendar date (${monthName(month)} has ${month >= 1 && month <= 12 ? daysInMonth(year, month) : 'no'} days). Correct the day or month.` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `"${raw}" has an impossible time of day. Use 00:00 to 23:59.` };
  }
  const wallUtc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const zone = m[8];
  if (zone !== undefined) {
    const offsetMinutes = parseOffset(zone);
    if (offsetMinutes === null) return { ok: false, message: `"${raw}" has an impossible UTC offset "${zone}".` };
    return { ok: true, date: zonedDate(wallUtc - offsetMinutes * 60_000, timeZone) };
  }
  const epochMs = wallTimeToEpoch(wallUtc, timeZone);
  if (epochMs === null) {
    return {
      ok: false,
      message: `"${raw}" does not exist in ${timeZone}: the clocks skip this hour. Use a time outside the switch to summer time.`,
    };
  }
  return { ok: true, date: zonedDate(epochMs, timeZone) };
}

/** Wall time (given as if it were UTC) in `timeZone` to an instant; null in a DST gap. Ambiguous times take the earlier instant. */
function wallTimeToEpoch(wallUtc: number, timeZone: string): number | null {
  const candidates = new Set<number>();
  for (const probe of [wallUtc - 86_400_000, wallUtc + 86_400_000, wallUtc]) {
    candidates.add(wallUtc - offsetMinutesAt(probe, timeZone) * 60_000);
  }
  const valid = [...candidates].filter((t) => t + offsetMinutesAt(t, timeZone) * 60_000 === wallUtc).sort((a, b) => a - b);
  return valid[0] ?? null;
}

function parseOffset(zone: string): number | null {
  if (zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 18 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** `MM/DD/YYYY, HH:MM:SS`, what the en-US formatter above gives for years 1000–9999. */
const EN_US_WALL_TIME = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The wall-clock fields of an instant in `timeZone`. Reading them from `format()` costs half of
 * `formatToParts()`; any other shape (years outside 1000–9999) takes the parts.
 */
function wallParts(epochMs: number, timeZone: string): WallParts {
  const formatter = partsFormatter(timeZone);
  const m = EN_US_WALL_TIME.exec(formatter.format(epochMs));
  if (m) return { year: Number(m[3]), month: Number(m[1]), day: Number(m[2]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts as unknown as WallParts;
}

/** Offset of `timeZone` from UTC at an instant, in minutes (Berlin: 60 or 120). */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  return offsetOf(wallParts(epochMs, timeZone), epochMs);
}

/** The offset that the wall time `p` of the instant `epochMs` implies. */
function offsetOf(p: WallParts, epochMs: number): number {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

export function zonedDate(epochMs: number, timeZone: string): ZonedDate {
  const p = wallParts(epochMs, timeZone);
  const offset = offsetOf(p, epochMs);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const iso =
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { iso, epochMs, year: p.year, month: p.month, day: p.day };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthName(month: number): string {
  return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1] ?? `month ${month}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
